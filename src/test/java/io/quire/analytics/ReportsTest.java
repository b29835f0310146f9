package io.quire.analytics;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.analytics.rollup.RollupJob;
import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every report against one seeded dataset whose numbers are worked out by hand below. Three visitors (told apart
 * by the address and agent an API-key collector relays) over two days, UTC:
 *
 * <pre>
 * D1  v1 session s1, 12:00–12:06: PV c1 (google.com, utm news), START c1, PROGRESS c1 50, COMPLETE c1, PV c2, START c2, PROGRESS c2 30
 *     v2 session s2, 12:00:       PV / (twitter.com)
 *     v3 session s3, 13:00–13:04: PV c1, START c1, PROGRESS c1 80, SUBSCRIPTION_VIEW, SUBSCRIPTION_START
 * D2  v1 session s4, 12:00–12:02: PV c3, START c3, COMPLETE c3
 *     v2 session s5, 12:00–12:01: PV b1, START b1
 * </pre>
 * Series A has chapters c1, c2, c3 (in that order); series B has b1.
 */
class ReportsTest extends SharedApp {
    static Authoring.User owner;
    static String site;
    static String seriesA;
    static String seriesB;
    static String c1;
    static String c2;
    static String c3;
    static String b1;
    static String apiKey;
    static LocalDate d1;
    static LocalDate d2;

    @BeforeAll
    static void seed() throws Exception {
        owner = fixtures.author();
        site = fixtures.site(owner).getString("id");
        seriesA = fixtures.series(owner, site).getString("id");
        seriesB = fixtures.series(owner, site).getString("id");
        c1 = published(seriesA, "One");
        c2 = published(seriesA, "Two");
        c3 = published(seriesA, "Three");
        b1 = published(seriesB, "Bee");
        apiKey = ok(
                        api.post(
                                "/api/v1/api-keys",
                                new JsonObject()
                                        .put("name", "collector")
                                        .put(
                                                "scopes",
                                                new JsonArray()
                                                        .add("analytics:write")
                                                        .add("analytics:read")),
                                owner.token()),
                        201)
                .getString("key");
        d2 = LocalDate.now(ZoneOffset.UTC).minusDays(2);
        d1 = d2.minusDays(1);
        JsonArray events = new JsonArray();
        add(events, "v1", "s1", d1, 12, 0, "PAGE_VIEW", c1, null)
                .put("referrer", "https://google.com/")
                .put("url", "https://x.example/a?utm_source=news");
        add(events, "v1", "s1", d1, 12, 1, "CHAPTER_START", c1, null);
        add(events, "v1", "s1", d1, 12, 2, "CHAPTER_PROGRESS", c1, 50);
        add(events, "v1", "s1", d1, 12, 3, "CHAPTER_COMPLETE", c1, null);
        add(events, "v1", "s1", d1, 12, 4, "PAGE_VIEW", c2, null);
        add(events, "v1", "s1", d1, 12, 5, "CHAPTER_START", c2, null);
        add(events, "v1", "s1", d1, 12, 6, "CHAPTER_PROGRESS", c2, 30);
        add(events, "v2", "s2", d1, 12, 0, "PAGE_VIEW", null, null)
                .put("referrer", "https://twitter.com/x")
                .put("path", "/");
        add(events, "v3", "s3", d1, 13, 0, "PAGE_VIEW", c1, null);
        add(events, "v3", "s3", d1, 13, 1, "CHAPTER_START", c1, null);
        add(events, "v3", "s3", d1, 13, 2, "CHAPTER_PROGRESS", c1, 80);
        add(events, "v3", "s3", d1, 13, 3, "SUBSCRIPTION_VIEW", null, null);
        add(events, "v3", "s3", d1, 13, 4, "SUBSCRIPTION_START", null, null);
        add(events, "v1", "s4", d2, 12, 0, "PAGE_VIEW", c3, null);
        add(events, "v1", "s4", d2, 12, 1, "CHAPTER_START", c3, null);
        add(events, "v1", "s4", d2, 12, 2, "CHAPTER_COMPLETE", c3, null);
        add(events, "v2", "s5", d2, 12, 0, "PAGE_VIEW", b1, null);
        add(events, "v2", "s5", d2, 12, 1, "CHAPTER_START", b1, null);
        assertEquals(events.size(), ok(collect(events), 202).getInteger("accepted"));
        rollUp();
    }

    private static String published(String series, String title) {
        String id =
                fixtures.chapter(owner, series, title, "Text of " + title + ".").getString("id");
        ok(api.post("/api/v1/chapters/" + id + "/publish", null, owner.token()), 200);
        return id;
    }

    private static JsonObject add(
            JsonArray events,
            String visitor,
            String session,
            LocalDate day,
            int hour,
            int minute,
            String type,
            String chapter,
            Integer percent) {
        JsonObject e = new JsonObject()
                .put("eventId", UUID.randomUUID().toString())
                .put("eventType", type)
                .put("sessionId", session)
                .put("ip", "198.51.100." + visitor.substring(1))
                .put("userAgent", AnalyticsClient.CHROME)
                .put(
                        "timestamp",
                        day.atTime(hour, minute).atOffset(ZoneOffset.UTC).toString());
        if (chapter != null) {
            e.put("chapterId", chapter);
        }
        if (percent != null) {
            e.put("percent", percent);
        }
        events.add(e);
        return e;
    }

    static HttpResponse<Buffer> collect(JsonArray events) throws Exception {
        return app.client
                .post("/api/v1/analytics/events?siteId=" + site)
                .putHeader("X-API-Key", apiKey)
                .putHeader("Content-Type", "application/json")
                .sendBuffer(events.toBuffer())
                .await(10, TimeUnit.SECONDS);
    }

    static void rollUp() throws Exception {
        new RollupJob(app.db).handle(null).await(30, TimeUnit.SECONDS);
    }

    private static JsonObject report(String path) {
        String sep = path.contains("?") ? "&" : "?";
        return ok(api.get(path + sep + "from=" + d1 + "&to=" + d2, owner.token()), 200);
    }

    @Test
    void overviewTotalsAndTimeline() {
        JsonObject o = report("/api/v1/sites/" + site + "/analytics/overview");
        JsonObject t = o.getJsonObject("totals");
        assertEquals(6, t.getLong("pageViews"));
        assertEquals(3, t.getLong("uniqueVisitors"));
        assertEquals(3, t.getLong("readers"));
        assertEquals(5, t.getLong("sessions"));
        assertEquals(0.8, t.getDouble("bounceRate"));
        assertEquals(156.0, t.getDouble("avgSessionSeconds"));
        assertEquals(5, t.getLong("chapterStarts"));
        assertEquals(2, t.getLong("chapterCompletes"));
        assertEquals(0.4, t.getDouble("completionRate"));
        assertEquals(77.5, t.getDouble("avgReadPercent"));
        assertEquals(1, t.getLong("subscriptionStarts"));
        JsonArray days = o.getJsonArray("timeline");
        assertEquals(2, days.size());
        assertEquals(d1.toString(), days.getJsonObject(0).getString("date"));
        assertEquals(4, days.getJsonObject(0).getLong("pageViews"));
        assertEquals(3, days.getJsonObject(0).getLong("uniqueVisitors"));
        assertEquals(2, days.getJsonObject(1).getLong("pageViews"));
        assertEquals(2, days.getJsonObject(1).getLong("uniqueVisitors"));
        assertEquals(0, o.getJsonObject("previous").getLong("pageViews"));
        assertEquals("UTC", o.getJsonObject("range").getString("timezone"));

        JsonObject monthly = ok(
                api.get(
                        "/api/v1/sites/" + site + "/analytics/overview?interval=month&from=" + d1 + "&to=" + d2,
                        owner.token()),
                200);
        long visitors = monthly.getJsonArray("timeline").stream()
                .mapToLong(b -> ((JsonObject) b).getLong("uniqueVisitors"))
                .max()
                .orElseThrow();
        // one month: its 3 visitors once (per-day counting would give 3 + 2); across a month end, the busier day's 3
        assertEquals(3, visitors, "a month's visitors are counted once, not per day");
    }

    @Test
    void trafficBreakdowns() {
        JsonObject t = report("/api/v1/sites/" + site + "/analytics/traffic");
        assertEquals(6, t.getJsonObject("totals").getLong("pageViews"));
        assertEquals(3, t.getJsonObject("totals").getLong("uniqueVisitors"));
        assertEquals(List.of("google.com", "twitter.com"), names(t.getJsonArray("referrers")));
        assertEquals(List.of("news"), names(t.getJsonArray("utmSources")));
        assertEquals(
                5,
                t.getJsonArray("devices").getJsonObject(0).getLong("count"),
                "desktop visitor-days: 3 on D1, 2 on D2");
        assertEquals("desktop", t.getJsonArray("devices").getJsonObject(0).getString("name"));
    }

    private static List<String> names(JsonArray list) {
        return list.stream().map(o -> ((JsonObject) o).getString("name")).toList();
    }

    @Test
    void engagementContentAndFunnel() {
        JsonObject e = report("/api/v1/sites/" + site + "/analytics/engagement").getJsonObject("totals");
        assertEquals(5, e.getLong("chapterStarts"));
        assertEquals(77.5, e.getDouble("avgReadPercent"));

        JsonObject content = report("/api/v1/sites/" + site + "/analytics/content");
        JsonObject top = content.getJsonArray("series").getJsonObject(0);
        assertEquals(seriesA, top.getString("seriesId"));
        assertEquals(4, top.getLong("pageViews"));
        assertEquals(4, top.getLong("chapterStarts"));
        assertEquals(1, content.getJsonArray("series").getJsonObject(1).getLong("pageViews"));
        JsonObject chapter = content.getJsonArray("chapters").getJsonObject(0);
        assertEquals(c1, chapter.getString("chapterId"));
        assertEquals(2, chapter.getLong("pageViews"));
        assertEquals(0.5, chapter.getDouble("completionRate"));
        assertEquals(90.0, chapter.getDouble("avgReadPercent"));

        JsonArray stages = report("/api/v1/sites/" + site + "/analytics/funnel").getJsonArray("stages");
        assertEquals(
                List.of(3L, 3L, 1L, 1L),
                stages.stream().map(s -> ((JsonObject) s).getLong("visitors")).toList());
        assertEquals(0.3333, stages.getJsonObject(2).getDouble("conversionFromStart"));
    }

    @Test
    void seriesReports() {
        JsonObject a = report("/api/v1/series/" + seriesA + "/analytics").getJsonObject("totals");
        assertEquals(4, a.getLong("pageViews"));
        assertEquals(2, a.getLong("uniqueVisitors"));
        assertEquals(2, a.getLong("readers"));
        assertEquals(2, a.getLong("chapterCompletes"));

        JsonArray chapters =
                report("/api/v1/series/" + seriesA + "/analytics/chapters").getJsonArray("chapters");
        assertEquals(
                List.of(c1, c2, c3),
                chapters.stream()
                        .map(c -> ((JsonObject) c).getString("chapterId"))
                        .toList());
        assertEquals(
                List.of(2L, 1L, 1L),
                chapters.stream()
                        .map(c -> ((JsonObject) c).getLong("chapterStarts"))
                        .toList());
        assertEquals(30.0, chapters.getJsonObject(1).getDouble("avgReadPercent"));

        JsonObject retention = report("/api/v1/series/" + seriesA + "/analytics/retention");
        assertEquals(2, retention.getLong("startedReaders"));
        assertEquals(
                List.of(1.0, 0.5, 0.5),
                retention.getJsonArray("chapters").stream()
                        .map(c -> ((JsonObject) c).getDouble("share"))
                        .toList(),
                "share of chapter-1 starters reaching chapter N");
        JsonObject cohort = retention.getJsonArray("cohorts").getJsonObject(0);
        assertEquals(2, cohort.getLong("readers"));
        boolean sameWeek = ChronoUnit.DAYS.between(LocalDate.of(2000, 1, 3), d1) / 7
                == ChronoUnit.DAYS.between(LocalDate.of(2000, 1, 3), d2) / 7;
        assertEquals(sameWeek ? 1 : 2, cohort.getJsonArray("retention").size());
        if (!sameWeek) {
            assertEquals(
                    0.5,
                    cohort.getJsonArray("retention").getJsonObject(1).getDouble("share"),
                    "v1 read again the next week");
        }

        JsonArray conversion =
                report("/api/v1/series/" + seriesA + "/analytics/conversion").getJsonArray("stages");
        assertEquals(
                List.of(2L, 2L, 1L, 1L),
                conversion.stream()
                        .map(s -> ((JsonObject) s).getLong("visitors"))
                        .toList());

        JsonObject chapter = report("/api/v1/chapters/" + c1 + "/analytics").getJsonObject("totals");
        assertEquals(2, chapter.getLong("pageViews"));
        assertEquals(2, chapter.getLong("chapterStarts"));
        assertEquals(1, chapter.getLong("chapterCompletes"));
        assertEquals(90.0, chapter.getDouble("avgReadPercent"));
    }

    @Test
    void rollupsAreIdempotentAndLateEventsReopenTheirDay() throws Exception {
        String snapshot =
                "SELECT string_agg(a::text, '|' ORDER BY entity_type, entity_id, day) FROM (SELECT entity_type, entity_id, day, "
                        + "page_views, unique_visitors, sessions, bounces, session_seconds, readers, chapter_starts, chapter_completes, progress_sum, "
                        + "progress_count, metrics FROM analytics_aggregates WHERE site_id = '" + site + "') a";
        String before = app.db
                .query(snapshot)
                .execute()
                .await(5, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getString(0);
        app.count("INSERT INTO analytics_dirty_days VALUES ('" + site + "', '" + d1 + "'), ('" + site + "', '" + d2
                + "') RETURNING 1");
        rollUp();
        assertEquals(
                before,
                app.db
                        .query(snapshot)
                        .execute()
                        .await(5, TimeUnit.SECONDS)
                        .iterator()
                        .next()
                        .getString(0),
                "re-running the days gives the same rows");

        LocalDate d0 = d1.minusDays(1);
        JsonArray late = new JsonArray();
        add(late, "v9", "s9", d0, 9, 0, "PAGE_VIEW", c2, null);
        ok(collect(late), 202);
        rollUp();
        JsonObject o = ok(
                api.get("/api/v1/sites/" + site + "/analytics/overview?from=" + d0 + "&to=" + d0, owner.token()), 200);
        assertEquals(
                1, o.getJsonObject("totals").getLong("pageViews"), "the late event's closed day was rolled up again");
    }

    @Test
    void todayIsCurrentWithoutWaitingForTheJob() throws Exception {
        String other = fixtures.site(owner).getString("id");
        String key = new AnalyticsClient(app).key(other, owner);
        JsonArray now = new JsonArray().add(AnalyticsClient.event("PAGE_VIEW")).add(AnalyticsClient.event("PAGE_VIEW"));
        ok(new AnalyticsClient(app).post(key, now), 202);
        JsonObject today = ok(api.get("/api/v1/sites/" + other + "/analytics/overview", owner.token()), 200);
        assertEquals(2, today.getJsonObject("totals").getLong("pageViews"));
        assertEquals(1, today.getJsonObject("totals").getLong("uniqueVisitors"));
    }

    @Test
    void theSiteTimeZoneCutsTheDays() throws Exception {
        Authoring.User author = fixtures.author();
        String zoned = fixtures.site(author).getString("id");
        app.count("UPDATE sites SET settings = settings || '{\"timezone\": \"Asia/Kolkata\"}' WHERE id = '" + zoned
                + "' RETURNING 1");
        String key = new AnalyticsClient(app).key(zoned, author);
        // 20:00 UTC is 01:30 the next day in Kolkata
        ok(
                new AnalyticsClient(app)
                        .post(
                                key,
                                new JsonArray()
                                        .add(AnalyticsClient.event("PAGE_VIEW")
                                                .put(
                                                        "timestamp",
                                                        d1.atTime(20, 0)
                                                                .atOffset(ZoneOffset.UTC)
                                                                .toString()))),
                202);
        rollUp();
        String path = "/api/v1/sites/" + zoned + "/analytics/overview?from=" + d1 + "&to=" + d1.plusDays(1);
        JsonObject o = ok(api.get(path, author.token()), 200);
        assertEquals("Asia/Kolkata", o.getJsonObject("range").getString("timezone"));
        assertEquals(0, o.getJsonArray("timeline").getJsonObject(0).getLong("pageViews"));
        assertEquals(1, o.getJsonArray("timeline").getJsonObject(1).getLong("pageViews"));
        assertTrue(fieldError(
                        problem(api.get(path + "&timezone=UTC", author.token()), 422, "analytics.invalid_range"),
                        "timezone")
                .contains("Asia/Kolkata"));
    }

    @Test
    void reportsAreForTheSitesPeopleOnly() {
        String overview = "/api/v1/sites/" + site + "/analytics/overview";
        problem(api.get(overview, null), 401, "auth.unauthenticated");
        problem(api.get(overview, fixtures.reader().token()), 404, "site.not_found");
        problem(
                api.get(
                        "/api/v1/series/" + seriesA + "/analytics",
                        fixtures.author().token()),
                404,
                "series.not_found");
        problem(
                api.get("/api/v1/chapters/" + UUID.randomUUID() + "/analytics", owner.token()),
                404,
                "chapter.not_found");
        Authoring.User writer = fixtures.author();
        fixtures.collaborator(site, writer, "WRITER", new JsonObject());
        problem(api.get(overview, writer.token()), 403, "site.forbidden");
        Authoring.User analyst = fixtures.author();
        fixtures.collaborator(site, analyst, "VIEWER", new JsonObject().put("analytics", true));
        ok(api.get(overview, analyst.token()), 200);
        JsonObject bad = problem(
                api.get(overview + "?from=2026-13-01&interval=year", owner.token()), 422, "analytics.invalid_range");
        fieldError(bad, "from");
        fieldError(bad, "interval");
        fieldError(
                problem(
                        api.get(overview + "?from=2024-01-01&to=2025-12-31", owner.token()),
                        422,
                        "analytics.invalid_range"),
                "to");
        fieldError(
                problem(
                        api.get(overview + "?from=2025-02-01&to=2025-01-01", owner.token()),
                        422,
                        "analytics.invalid_range"),
                "from");
        fieldError(
                problem(api.get(overview + "?timezone=Mars/Olympus", owner.token()), 422, "analytics.invalid_range"),
                "timezone");
    }

    @Test
    void apiKeysReadReportsWithTheAnalyticsReadScope() throws Exception {
        var response = app.client
                .get("/api/v1/sites/" + site + "/analytics/overview?from=" + d1 + "&to=" + d2)
                .putHeader("X-API-Key", apiKey)
                .send()
                .await(10, TimeUnit.SECONDS);
        assertEquals(6, ok(response, 200).getJsonObject("totals").getLong("pageViews"));
    }

    @Test
    void exportStreamsCsvAndJson() throws Exception {
        var csv = app.client
                .post("/api/v1/sites/" + site + "/analytics/export")
                .putHeader("Authorization", "Bearer " + owner.token())
                .sendJsonObject(new JsonObject()
                        .put("format", "csv")
                        .put("dataset", "events")
                        .put("from", d1.toString())
                        .put("to", d2.toString()))
                .await(10, TimeUnit.SECONDS);
        assertEquals(200, csv.statusCode(), csv.bodyAsString());
        assertTrue(csv.getHeader("Content-Type").startsWith("text/csv"));
        List<String> lines = csv.bodyAsString().lines().toList();
        assertTrue(lines.get(0).startsWith("event_id,event_type,occurred_at"));
        assertEquals(18 + 1, lines.size(), "a header and the 18 seeded events");
        assertTrue(lines.stream().noneMatch(l -> l.contains("198.51.100")), "no address leaves");

        var json = app.client
                .post("/api/v1/sites/" + site + "/analytics/export")
                .putHeader("Authorization", "Bearer " + owner.token())
                .sendJsonObject(new JsonObject()
                        .put("format", "json")
                        .put("from", d1.toString())
                        .put("to", d2.toString()))
                .await(10, TimeUnit.SECONDS);
        JsonArray rows = json.bodyAsJsonArray();
        assertTrue(rows.stream()
                .anyMatch(r -> ((JsonObject) r).getString("entity_type").equals("site")
                        && ((JsonObject) r).getString("day").equals(d1.toString())
                        && ((JsonObject) r).getLong("page_views") == 4));

        problem(
                api.post(
                        "/api/v1/sites/" + site + "/analytics/export",
                        new JsonObject().put("format", "xlsx"),
                        owner.token()),
                422,
                "request.invalid");
        problem(
                api.post(
                        "/api/v1/sites/" + site + "/analytics/export",
                        new JsonObject().put("from", "soon"),
                        owner.token()),
                422,
                "analytics.invalid_range");
        problem(
                api.post(
                        "/api/v1/sites/" + site + "/analytics/export",
                        new JsonObject(),
                        fixtures.reader().token()),
                404,
                "site.not_found");
    }

    @Test
    void realtimeCountsTheLastMinutes() throws Exception {
        String live = fixtures.site(owner).getString("id");
        String series = fixtures.series(owner, live).getString("id");
        String chapter = fixtures.chapter(owner, series, "Live", "Now.").getString("id");
        AnalyticsClient collector = new AnalyticsClient(app);
        String key = collector.key(live, owner);
        JsonArray views = new JsonArray()
                .add(AnalyticsClient.event("PAGE_VIEW").put("chapterId", chapter))
                .add(AnalyticsClient.event("PAGE_VIEW").put("chapterId", chapter));
        ok(collector.post(key, views), 202);
        ok(collector.post(key, new JsonArray().add(AnalyticsClient.event("PAGE_VIEW")), AnalyticsClient.IPHONE), 202);
        io.quire.testing.Eventually.await(
                () -> ok(api.get("/api/v1/sites/" + live + "/analytics/realtime", owner.token()), 200)
                                .getLong("viewsLast5Minutes")
                        == 3,
                5000,
                "the live counters");
        JsonObject rt = ok(api.get("/api/v1/sites/" + live + "/analytics/realtime", owner.token()), 200);
        assertEquals(2, rt.getLong("activeVisitors"));
        assertEquals(30, rt.getJsonArray("viewsPerMinute").size());
        assertEquals(chapter, rt.getJsonArray("topChapters").getJsonObject(0).getString("chapterId"));
        assertEquals(2, rt.getJsonArray("topChapters").getJsonObject(0).getLong("views"));
    }
}
