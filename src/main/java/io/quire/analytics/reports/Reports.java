package io.quire.analytics.reports;

import static io.quire.analytics.reports.Figures.average;
import static io.quire.analytics.reports.Figures.n;
import static io.quire.analytics.reports.Figures.ratio;

import io.quire.analytics.rollup.RollupJob;
import io.quire.platform.auth.Principal;
import io.quire.platform.http.ApiException;
import io.quire.sites.SiteService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The analytics reports, all read from rollups. A range that reaches today first brings today's rollup up to date
 * (when events arrived since the last run), so "today" is current without reading raw events here.
 */
public final class Reports {
    static final UUID NIL = new UUID(0, 0);

    private final Pool pool;

    public Reports(Pool pool) {
        this.pool = pool;
    }

    /** Streams the site's daily rows or raw events over {@code range} to {@code out} (headers already set). */
    public Future<Void> export(
            io.vertx.core.http.HttpServerResponse out, UUID site, ReportRange range, boolean events, boolean csv) {
        return Export.stream(pool, out, site, range, events, csv);
    }

    /** A site the caller may see analytics of, with its reporting zone. */
    record Scope(UUID siteId, ZoneId zone) {}

    Future<Scope> site(Principal p, UUID siteId) {
        return SiteService.analyticsMembership(pool, siteId, p)
                .compose(m -> pool.preparedQuery(ReportSql.SITE_ZONE).execute(Tuple.of(siteId)))
                .map(rows ->
                        new Scope(siteId, RollupJob.zone(rows.iterator().next().getString("timezone"))));
    }

    /** The series' site scope and the series title; a series the caller cannot see is 404. */
    Future<Map.Entry<Scope, Row>> series(Principal p, UUID seriesId) {
        return owner(ReportSql.SERIES_SITE, seriesId, "series.not_found", p);
    }

    Future<Map.Entry<Scope, Row>> chapter(Principal p, UUID chapterId) {
        return owner(ReportSql.CHAPTER_SITE, chapterId, "chapter.not_found", p);
    }

    private Future<Map.Entry<Scope, Row>> owner(String sql, UUID id, String notFound, Principal p) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(new ApiException.NotFound(notFound, "Not found."));
            }
            Row row = rows.iterator().next();
            return site(p, row.getUUID("site_id"))
                    .recover(e -> Future.failedFuture(
                            e instanceof ApiException.NotFound ? new ApiException.NotFound(notFound, "Not found.") : e))
                    .map(scope -> Map.entry(scope, row));
        });
    }

    /** Recomputes today's rollup first when the range reaches today and events came in since. */
    Future<Void> fresh(Scope scope, ReportRange range) {
        LocalDate today = LocalDate.now(scope.zone());
        if (range.to().isBefore(today)) {
            return Future.succeededFuture();
        }
        LocalDate utcToday = LocalDate.now(ZoneOffset.UTC);
        return pool.preparedQuery(ReportSql.DIRTY_TODAY)
                .execute(Tuple.of(scope.siteId(), utcToday.minusDays(1), utcToday.plusDays(1)))
                .compose(rows -> {
                    Future<Void> chain = Future.succeededFuture();
                    for (Row r : rows) {
                        chain = chain.compose(
                                v -> RollupJob.refresh(pool, scope.siteId(), r.getLocalDate("day"), scope.zone()));
                    }
                    return chain;
                });
    }

    // ---- building blocks

    /** Per-bucket rows and the range's sums for one entity; visitors exact for site and series. */
    private Future<JsonObject> timeline(
            String type,
            UUID entity,
            Scope scope,
            UUID visitorSeries,
            ReportRange range,
            Function<Figures.Sums, JsonObject> figures) {
        Tuple args = Tuple.of(type, entity, range.from(), range.to(), range.interval(), scope.siteId(), visitorSeries);
        return pool.preparedQuery(ReportSql.BUCKETS).execute(args).map(rows -> {
            JsonArray buckets = new JsonArray();
            Figures.Sums total = new Figures.Sums();
            for (Row r : rows) {
                Figures.Sums s = new Figures.Sums().add(r);
                total.add(r);
                boolean exact = !type.equals("chapter") || range.interval().equals("day");
                buckets.add(figures.apply(s)
                        .put("date", r.getLocalDate("bucket").toString())
                        .put("uniqueVisitors", exact && !type.equals("chapter") ? n(r, "visitors") : s.visitorDays)
                        .put("readers", type.equals("chapter") ? n(r, "reader_days") : n(r, "readers")));
            }
            return new JsonObject().put("totals", figures.apply(total)).put("timeline", buckets);
        });
    }

    private Future<JsonObject> funnel(String sql, UUID site, UUID series, ReportRange range) {
        return pool.preparedQuery(sql)
                .execute(Tuple.of(site, series, range.from(), range.to()))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    String[][] stages = {
                        {"visitors", "visitors"},
                        {"readers", "readers"},
                        {"subscriptionViews", "subscription_views"},
                        {"subscribers", "subscribers"}
                    };
                    JsonArray out = new JsonArray();
                    long first = n(r, "visitors");
                    long previous = first;
                    for (String[] stage : stages) {
                        long count = n(r, stage[1]);
                        out.add(new JsonObject()
                                .put("stage", stage[0])
                                .put("visitors", count)
                                .put("conversionFromPrevious", ratio(count, previous))
                                .put("conversionFromStart", ratio(count, first)));
                        previous = count;
                    }
                    return new JsonObject()
                            .put("uniqueVisitors", first)
                            .put("readers", n(r, "readers"))
                            .put("stages", out);
                });
    }

    // ---- site reports

    Future<JsonObject> overview(Scope scope, ReportRange range) {
        ReportRange before = range.previous();
        return fresh(scope, range)
                .compose(v -> Future.all(
                        timeline("site", scope.siteId(), scope, NIL, range, Figures.Sums::all),
                        funnel(ReportSql.FUNNEL, scope.siteId(), NIL, range),
                        timeline("site", scope.siteId(), scope, NIL, before, Figures.Sums::all),
                        funnel(ReportSql.FUNNEL, scope.siteId(), NIL, before)))
                .map(all -> {
                    JsonObject now = all.<JsonObject>resultAt(0);
                    JsonObject then = all.<JsonObject>resultAt(2);
                    JsonObject totals = now.getJsonObject("totals")
                            .put("uniqueVisitors", all.<JsonObject>resultAt(1).getLong("uniqueVisitors"))
                            .put("readers", all.<JsonObject>resultAt(1).getLong("readers"));
                    JsonObject previous = then.getJsonObject("totals")
                            .put("uniqueVisitors", all.<JsonObject>resultAt(3).getLong("uniqueVisitors"))
                            .put("readers", all.<JsonObject>resultAt(3).getLong("readers"));
                    JsonObject change = new JsonObject();
                    for (String k : List.of(
                            "pageViews",
                            "uniqueVisitors",
                            "readers",
                            "sessions",
                            "chapterCompletes",
                            "subscriptionStarts")) {
                        long a = totals.getLong(k);
                        long b = previous.getLong(k);
                        change.put(k, b == 0 ? null : Math.round((a - b) * 10_000.0 / b) / 10_000.0);
                    }
                    return new JsonObject()
                            .put("range", range.toJson())
                            .put("totals", totals)
                            .put(
                                    "previous",
                                    previous.put("from", before.from().toString())
                                            .put("to", before.to().toString()))
                            .put("change", change)
                            .put("timeline", now.getJsonArray("timeline"));
                });
    }

    Future<JsonObject> traffic(Scope scope, ReportRange range) {
        return fresh(scope, range)
                .compose(v -> Future.all(
                        timeline("site", scope.siteId(), scope, NIL, range, Figures.Sums::traffic),
                        funnel(ReportSql.FUNNEL, scope.siteId(), NIL, range),
                        pool.preparedQuery(ReportSql.BREAKDOWNS)
                                .execute(Tuple.of(scope.siteId(), range.from(), range.to()))))
                .map(all -> {
                    JsonObject t = all.<JsonObject>resultAt(0);
                    JsonObject body = new JsonObject()
                            .put("range", range.toJson())
                            .put(
                                    "totals",
                                    t.getJsonObject("totals")
                                            .put(
                                                    "uniqueVisitors",
                                                    all.<JsonObject>resultAt(1).getLong("uniqueVisitors")))
                            .put("timeline", t.getJsonArray("timeline"));
                    Map<String, JsonArray> lists = new LinkedHashMap<>();
                    for (String d : List.of(
                            "referrers", "utmSources", "utmCampaigns", "countries", "devices", "browsers", "os")) {
                        lists.put(d, new JsonArray());
                    }
                    for (Row r : all.<RowSet<Row>>resultAt(2)) {
                        JsonArray list = lists.get(r.getString("dimension"));
                        if (list != null && list.size() < 20) {
                            list.add(new JsonObject()
                                    .put("name", r.getString("name"))
                                    .put("count", n(r, "n")));
                        }
                    }
                    lists.forEach(body::put);
                    return body;
                });
    }

    Future<JsonObject> engagement(Scope scope, ReportRange range) {
        return fresh(scope, range)
                .compose(v -> timeline("site", scope.siteId(), scope, NIL, range, Figures.Sums::reading))
                .map(t -> t.put("range", range.toJson()));
    }

    Future<JsonObject> content(Scope scope, ReportRange range, int limit) {
        Tuple args = Tuple.of(scope.siteId(), range.from(), range.to(), limit);
        return fresh(scope, range)
                .compose(v -> Future.all(
                        pool.preparedQuery(ReportSql.TOP_SERIES).execute(args),
                        pool.preparedQuery(ReportSql.TOP_CHAPTERS).execute(args)))
                .map(all -> {
                    JsonArray series = new JsonArray();
                    for (Row r : all.<RowSet<Row>>resultAt(0)) {
                        series.add(reading(r)
                                .put("seriesId", r.getUUID("id").toString())
                                .put("title", r.getString("title"))
                                .put("seriesViews", n(r, "series_views")));
                    }
                    JsonArray chapters = new JsonArray();
                    for (Row r : all.<RowSet<Row>>resultAt(1)) {
                        chapters.add(reading(r)
                                .put("chapterId", r.getUUID("id").toString())
                                .put("seriesId", r.getUUID("series_id").toString())
                                .put("title", r.getString("title")));
                    }
                    return new JsonObject()
                            .put("range", range.toJson())
                            .put("series", series)
                            .put("chapters", chapters);
                });
    }

    private static JsonObject reading(Row r) {
        return new JsonObject()
                .put("pageViews", n(r, "page_views"))
                .put("chapterStarts", n(r, "chapter_starts"))
                .put("chapterCompletes", n(r, "chapter_completes"))
                .put("completionRate", ratio(n(r, "chapter_completes"), n(r, "chapter_starts")))
                .put("avgReadPercent", average(n(r, "progress_sum"), n(r, "progress_count")));
    }

    /**
     * The site's money (monetization's tables) in the report's range and the site's zone: per bucket and currency,
     * revenue by kind, fees and net; refunds made in the range; subscribers started and ended in it, live now, MRR.
     */
    Future<JsonObject> revenue(Scope scope, ReportRange range) {
        UUID site = scope.siteId();
        String zone = scope.zone().getId();
        Future<RowSet<Row>> money = pool.preparedQuery(ReportSql.SITE_MONEY)
                .execute(Tuple.of(site, range.from(), range.to(), zone, range.interval()));
        Future<RowSet<Row>> refunds =
                pool.preparedQuery(ReportSql.SITE_REFUNDS).execute(Tuple.of(site, range.from(), range.to(), zone));
        Future<RowSet<Row>> subscribers =
                pool.preparedQuery(ReportSql.SITE_SUBSCRIBERS).execute(Tuple.of(site, range.from(), range.to(), zone));
        return Future.all(money, refunds, subscribers)
                .map(v -> RevenueReport.of(
                        site,
                        range,
                        money.result(),
                        refunds.result(),
                        subscribers.result().iterator().next()));
    }

    Future<JsonObject> siteFunnel(Scope scope, ReportRange range) {
        return fresh(scope, range)
                .compose(v -> funnel(ReportSql.FUNNEL, scope.siteId(), NIL, range))
                .map(f -> f.put("range", range.toJson()));
    }

    // ---- series and chapter reports

    Future<JsonObject> seriesOverview(Scope scope, UUID series, ReportRange range) {
        return fresh(scope, range)
                .compose(v -> Future.all(
                        timeline("series", series, scope, series, range, Figures.Sums::all),
                        funnel(ReportSql.FUNNEL, scope.siteId(), series, range)))
                .map(all -> {
                    JsonObject t = all.<JsonObject>resultAt(0);
                    JsonObject f = all.<JsonObject>resultAt(1);
                    return new JsonObject()
                            .put("seriesId", series.toString())
                            .put("range", range.toJson())
                            .put(
                                    "totals",
                                    t.getJsonObject("totals")
                                            .put("uniqueVisitors", f.getLong("uniqueVisitors"))
                                            .put("readers", f.getLong("readers")))
                            .put("timeline", t.getJsonArray("timeline"));
                });
    }

    Future<JsonObject> seriesChapters(Scope scope, UUID series, ReportRange range) {
        return fresh(scope, range)
                .compose(v -> pool.preparedQuery(ReportSql.SERIES_CHAPTERS)
                        .execute(Tuple.of(series, range.from(), range.to())))
                .map(rows -> {
                    JsonArray chapters = new JsonArray();
                    for (Row r : rows) {
                        chapters.add(reading(r)
                                .put("chapterId", r.getUUID("id").toString())
                                .put("title", r.getString("title"))
                                .put("position", r.getInteger("position")));
                    }
                    return new JsonObject()
                            .put("seriesId", series.toString())
                            .put("range", range.toJson())
                            .put("chapters", chapters);
                });
    }

    Future<JsonObject> retention(Scope scope, UUID series, ReportRange range) {
        Tuple args = Tuple.of(series, range.from(), range.to());
        return fresh(scope, range)
                .compose(v -> Future.all(
                        pool.preparedQuery(ReportSql.REACH).execute(args),
                        pool.preparedQuery(ReportSql.CHAPTER_POSITIONS).execute(args),
                        pool.preparedQuery(ReportSql.COHORTS).execute(args)))
                .map(all -> {
                    Map<Integer, Long> byFurthest = new LinkedHashMap<>();
                    long started = 0;
                    for (Row r : all.<RowSet<Row>>resultAt(0)) {
                        byFurthest.put(r.getInteger("furthest_position"), n(r, "readers"));
                        started += n(r, "readers");
                    }
                    JsonArray reach = new JsonArray();
                    for (Row c : all.<RowSet<Row>>resultAt(1)) {
                        int position = c.getInteger("position");
                        long reached = byFurthest.entrySet().stream()
                                .filter(e -> e.getKey() >= position)
                                .mapToLong(Map.Entry::getValue)
                                .sum();
                        reach.add(new JsonObject()
                                .put("position", position)
                                .put("chapterId", c.getUUID("id").toString())
                                .put("title", c.getString("title"))
                                .put("readers", reached)
                                .put("share", ratio(reached, started)));
                    }
                    return new JsonObject()
                            .put("seriesId", series.toString())
                            .put("range", range.toJson())
                            .put("startedReaders", started)
                            .put("chapters", reach)
                            .put("cohorts", cohorts(all.resultAt(2)));
                });
    }

    /** Rows of (cohort week, weeks later, readers) → one entry per cohort with its share still reading each week. */
    private static JsonArray cohorts(RowSet<Row> rows) {
        Map<Integer, List<long[]>> byCohort = new LinkedHashMap<>();
        for (Row r : rows) {
            byCohort.computeIfAbsent(r.getInteger("cohort"), k -> new ArrayList<>())
                    .add(new long[] {r.getInteger("week"), n(r, "readers")});
        }
        JsonArray out = new JsonArray();
        LocalDate epoch = LocalDate.of(2000, 1, 3);
        byCohort.forEach((cohort, weeks) -> {
            long size =
                    weeks.stream().filter(w -> w[0] == 0).mapToLong(w -> w[1]).sum();
            int last = (int) weeks.stream().mapToLong(w -> w[0]).max().orElse(0);
            JsonArray retention = new JsonArray();
            for (int k = 0; k <= last; k++) {
                int week = k;
                long active = weeks.stream()
                        .filter(w -> w[0] == week)
                        .mapToLong(w -> w[1])
                        .sum();
                retention.add(
                        new JsonObject().put("week", k).put("readers", active).put("share", ratio(active, size)));
            }
            out.add(new JsonObject()
                    .put("weekStarting", epoch.plusWeeks(cohort).toString())
                    .put("readers", size)
                    .put("retention", retention));
        });
        return out;
    }

    Future<JsonObject> seriesConversion(Scope scope, UUID series, ReportRange range) {
        return fresh(scope, range)
                .compose(v -> funnel(ReportSql.SERIES_CONVERSION, scope.siteId(), series, range))
                .compose(f -> pool.preparedQuery(ReportSql.SERIES_PAID)
                        .execute(Tuple.of(scope.siteId(), series, range.from(), range.to()))
                        .map(rows -> {
                            // the paid step from the ledger, not from client events: subscriptions readers of this
                            // series really started
                            JsonArray paid = new JsonArray();
                            rows.forEach(r -> paid.add(new JsonObject()
                                    .put("currency", r.getString("currency"))
                                    .put("subscriptions", r.getLong("subscriptions"))
                                    .put("revenue", r.getLong("revenue"))));
                            return f.put("paidSubscriptions", paid);
                        }))
                .map(f -> f.put("seriesId", series.toString()).put("range", range.toJson()));
    }

    Future<JsonObject> chapterReport(Scope scope, UUID chapter, ReportRange range) {
        return fresh(scope, range)
                .compose(v -> timeline(
                        "chapter",
                        chapter,
                        scope,
                        chapter,
                        range,
                        s -> s.reading().put("pageViews", s.pageViews)))
                .map(t -> t.put("chapterId", chapter.toString()).put("range", range.toJson()));
    }
}
