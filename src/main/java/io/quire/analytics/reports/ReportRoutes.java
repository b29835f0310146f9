package io.quire.analytics.reports;

import static io.quire.platform.api.Schema.anyObject;
import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.number;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.analytics.realtime.Realtime;
import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Authz;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * The §9.2 report paths, for the site's owner, editors and admins, collaborators with the {@code analytics}
 * permission, and API keys with {@code analytics:read}. Every report takes {@code from}, {@code to},
 * {@code interval} and {@code timezone} (see {@link ReportRange}); none is cached publicly.
 */
public final class ReportRoutes {
    private final Reports reports;
    private final Realtime realtime;

    public ReportRoutes(Reports reports, Realtime realtime) {
        this.reports = reports;
        this.realtime = realtime;
    }

    public void mount(Api api) {
        components(api);
        site(
                api,
                ranged(Endpoint.get("/api/v1/sites/{siteId}/analytics/overview"))
                        .id("getSiteAnalyticsOverview")
                        .tag("analytics")
                        .summary("KPIs for the range, the previous equal range and the change, with a timeline")
                        .access(Access.signedIn())
                        .ok(
                                200,
                                object().optional("range", ref("ReportRange"))
                                        .optional("totals", ref("AnalyticsTotals"))
                                        .optional("previous", ref("AnalyticsTotals"))
                                        .optional("change", anyObject())
                                        .optional(
                                                "timeline",
                                                array(Schema.allOf(
                                                        ref("AnalyticsTotals"), object().optional("date", string())))),
                                "OK")
                        .problems(403, 422),
                reports::overview);
        site(
                api,
                ranged(Endpoint.get("/api/v1/sites/{siteId}/analytics/traffic"))
                        .id("getSiteAnalyticsTraffic")
                        .tag("analytics")
                        .summary(
                                "Page views, visitors, sessions, bounce rate; referrers, UTM sources and campaigns, countries, devices, browsers, OS")
                        .access(Access.signedIn())
                        .ok(
                                200,
                                timed().optional("referrers", array(ref("NamedCount")))
                                        .optional("utmSources", array(ref("NamedCount")))
                                        .optional("utmCampaigns", array(ref("NamedCount")))
                                        .optional("countries", array(ref("NamedCount")))
                                        .optional("devices", array(ref("NamedCount")))
                                        .optional("browsers", array(ref("NamedCount")))
                                        .optional("os", array(ref("NamedCount"))),
                                "OK")
                        .problems(403, 422),
                reports::traffic);
        site(
                api,
                ranged(Endpoint.get("/api/v1/sites/{siteId}/analytics/engagement"))
                        .id("getSiteAnalyticsEngagement")
                        .tag("analytics")
                        .summary(
                                "Reading engagement: chapter starts and completes, completion rate, average read percent, shares")
                        .access(Access.signedIn())
                        .ok(200, timed(), "OK")
                        .problems(403, 422),
                reports::engagement);
        site(
                api,
                ranged(Endpoint.get("/api/v1/sites/{siteId}/analytics/funnel"))
                        .id("getSiteAnalyticsFunnel")
                        .tag("analytics")
                        .summary(
                                "Visitor → reader → saw subscribing → subscriber, each visitor at their furthest stage")
                        .access(Access.signedIn())
                        .ok(
                                200,
                                object().optional("range", ref("ReportRange"))
                                        .optional("uniqueVisitors", integer())
                                        .optional("readers", integer())
                                        .optional("stages", array(ref("ConversionReport"))),
                                "OK")
                        .problems(403, 422),
                reports::siteFunnel);
        site(
                api,
                Endpoint.get("/api/v1/sites/{siteId}/analytics/revenue")
                        .id("getSiteAnalyticsRevenue")
                        .tag("billing")
                        .summary(
                                "One site's money over a report range (analytics permission; the site's time zone; 422 analytics.invalid_range): per bucket and currency revenue by kind, fees and net; refunds; subscribers started, ended, live; MRR")
                        .access(Access.signedIn())
                        .query("from", string(), "YYYY-MM-DD")
                        .query("to", string(), "YYYY-MM-DD")
                        .query("interval", string(), "day, week or month")
                        .query("timezone", string(), "the site's zone (another is refused)")
                        .ok(
                                200,
                                object().optional("siteId", nullable(string()))
                                        .optional("range", anyObject())
                                        .optional("totals", anyObject())
                                        .optional("timeline", array(anyObject()))
                                        .optional(
                                                "subscribers",
                                                object().optional("started", integer())
                                                        .optional("ended", integer())
                                                        .optional("live", integer())
                                                        .optional("mrr", integer())),
                                "OK")
                        .problems(403, 422),
                reports::revenue);
        api.raw(
                ranged(Endpoint.get("/api/v1/sites/{siteId}/analytics/content"))
                        .id("getSiteAnalyticsContent")
                        .tag("analytics")
                        .summary("Top series and chapters by page views")
                        .access(Access.signedIn())
                        .query("limit", integer(), "1–100")
                        .ok(
                                200,
                                object().optional("range", ref("ReportRange"))
                                        .optional("series", array(anyObject()))
                                        .optional("chapters", array(anyObject())),
                                "OK")
                        .problems(403, 422),
                ctx -> {
                    int limit = QueryParams.limit(ctx);
                    answer(ctx, siteScope(ctx).compose(s -> reports.content(s, range(ctx, s), limit)));
                });
        api.raw(
                Endpoint.get("/api/v1/sites/{siteId}/analytics/realtime")
                        .id("getSiteAnalyticsRealtime")
                        .tag("analytics")
                        .summary("Active visitors (5 min), views per minute (30 min), top chapters now")
                        .access(Access.signedIn())
                        .ok(
                                200,
                                object().optional("siteId", nullable(string()))
                                        .optional("activeVisitors", integer())
                                        .optional("viewsLast5Minutes", integer())
                                        .optional(
                                                "viewsPerMinute",
                                                array(object().optional("minute", string())
                                                        .optional("views", integer())))
                                        .optional(
                                                "topChapters",
                                                array(object().optional("chapterId", nullable(string()))
                                                        .optional("views", integer()))),
                                "OK")
                        .problems(403),
                ctx -> answer(
                        ctx,
                        siteScope(ctx)
                                .compose(s -> realtime.report(s.siteId(), Instant.now(), 10)
                                        .map(r -> r.put("siteId", s.siteId().toString())))));
        api.raw(
                Endpoint.post("/api/v1/sites/{siteId}/analytics/export")
                        .id("exportSiteAnalytics")
                        .tag("analytics")
                        .summary("Stream the site's daily rollups or raw events (no user ids) as CSV or JSON")
                        .access(Access.signedIn())
                        .body(object().optional("format", string().oneOf("csv", "json"))
                                .optional("dataset", string().oneOf("daily", "events"))
                                .optional("from", string().length(1, 20).format("date"))
                                .optional("to", string().length(1, 20).format("date")))
                        .ok(200, array(Schema.any()), "OK")
                        .problems(403),
                this::export);

        api.raw(
                ranged(Endpoint.get("/api/v1/series/{seriesId}/analytics"))
                        .id("getSeriesAnalytics")
                        .tag("analytics")
                        .summary("A series' totals and timeline")
                        .access(Access.signedIn())
                        .ok(200, timed().optional("seriesId", nullable(string())), "OK")
                        .problems(403, 422),
                ctx -> series(ctx, reports::seriesOverview));
        api.raw(
                ranged(Endpoint.get("/api/v1/series/{seriesId}/analytics/chapters"))
                        .id("getSeriesChapterAnalytics")
                        .tag("analytics")
                        .summary("Every published chapter in reading order with its numbers")
                        .access(Access.signedIn())
                        .ok(200, seriesReport().optional("chapters", array(anyObject())), "OK")
                        .problems(403, 422),
                ctx -> series(ctx, reports::seriesChapters));
        api.raw(
                ranged(Endpoint.get("/api/v1/series/{seriesId}/analytics/retention"))
                        .id("getSeriesAnalyticsRetention")
                        .tag("analytics")
                        .summary(
                                "Readers who started chapter 1 in the range: the share reaching each chapter, and weekly cohorts with the share reading again k weeks later")
                        .access(Access.signedIn())
                        .ok(
                                200,
                                seriesReport()
                                        .optional("startedReaders", integer())
                                        .optional(
                                                "chapters",
                                                array(object().optional("position", integer())
                                                        .optional("chapterId", nullable(string()))
                                                        .optional("title", nullable(string()))
                                                        .optional("readers", integer())
                                                        .optional("share", nullable(number()))))
                                        .optional(
                                                "cohorts",
                                                array(object().optional("weekStarting", string())
                                                        .optional("readers", integer())
                                                        .optional(
                                                                "retention",
                                                                array(object().optional("week", integer())
                                                                        .optional("readers", integer())
                                                                        .optional("share", nullable(number())))))),
                                "OK")
                        .problems(403, 422),
                ctx -> series(ctx, reports::retention));
        api.raw(
                ranged(Endpoint.get("/api/v1/series/{seriesId}/analytics/conversion"))
                        .id("getSeriesAnalyticsConversion")
                        .tag("analytics")
                        .summary("The series' visitors → readers → subscription views → subscribers (site-wide)")
                        .access(Access.signedIn())
                        .ok(
                                200,
                                seriesReport()
                                        .optional("uniqueVisitors", integer())
                                        .optional("readers", integer())
                                        .optional("stages", array(ref("ConversionReport"))),
                                "OK")
                        .problems(403, 422),
                ctx -> series(ctx, reports::seriesConversion));
        api.raw(
                ranged(Endpoint.get("/api/v1/chapters/{chapterId}/analytics"))
                        .id("getChapterAnalytics")
                        .tag("analytics")
                        .summary("A chapter's totals and timeline (week/month visitors sum daily uniques)")
                        .access(Access.signedIn())
                        .ok(
                                200,
                                object().optional("chapterId", nullable(string()))
                                        .optional("range", ref("ReportRange"))
                                        .optional("totals", ref("AnalyticsTotals"))
                                        .optional(
                                                "timeline",
                                                array(Schema.allOf(
                                                        ref("AnalyticsTotals"), object().optional("date", string())))),
                                "OK")
                        .problems(403, 422),
                ctx -> {
                    UUID chapter = PathParams.uuid(ctx, "chapterId", "chapter.not_found");
                    answer(
                            ctx,
                            reports.chapter(Authz.require(ctx), chapter)
                                    .compose(found -> reports.chapterReport(
                                            found.getKey(), chapter, range(ctx, found.getKey()))));
                });
    }

    /** What every timed report answers: its range, the totals and the timeline of buckets. */
    private static io.quire.platform.api.ObjectSchema timed() {
        return object().optional("range", ref("ReportRange"))
                .optional("totals", ref("AnalyticsTotals"))
                .optional("timeline", array(Schema.allOf(ref("AnalyticsTotals"), object().optional("date", string()))));
    }

    /** What every series report starts with: which series, over which range. */
    private static io.quire.platform.api.ObjectSchema seriesReport() {
        return object().optional("seriesId", nullable(string())).optional("range", ref("ReportRange"));
    }

    /** A report's range: from, to, interval and the site's time zone ({@link ReportRange} reads them). */
    private static Endpoint ranged(Endpoint e) {
        return e.query("from", string().format("date"), "first day (default: 29 days before to)")
                .query("to", string().format("date"), "last day, inclusive (default: today); at most 366 days")
                .query("interval", string().oneOf("day", "week", "month"), "timeline buckets (default day)")
                .query(
                        "timezone",
                        string(),
                        "must be the site's reporting zone (settings.timezone, default UTC) if given");
    }

    private interface SeriesReport {
        Future<JsonObject> run(Reports.Scope scope, UUID series, ReportRange range);
    }

    private void site(Api api, Endpoint endpoint, BiFunction<Reports.Scope, ReportRange, Future<JsonObject>> report) {
        api.raw(endpoint, ctx -> answer(ctx, siteScope(ctx).compose(s -> report.apply(s, range(ctx, s)))));
    }

    private void series(RoutingContext ctx, SeriesReport report) {
        UUID series = PathParams.uuid(ctx, "seriesId", "series.not_found");
        answer(
                ctx,
                reports.series(Authz.require(ctx), series)
                        .compose(found -> report.run(found.getKey(), series, range(ctx, found.getKey()))));
    }

    private Future<Reports.Scope> siteScope(RoutingContext ctx) {
        return reports.site(Authz.require(ctx), PathParams.uuid(ctx, "siteId", "site.not_found"));
    }

    private static ReportRange range(RoutingContext ctx, Reports.Scope scope) {
        return ReportRange.of(ctx.request()::getParam, scope.zone());
    }

    private static void answer(RoutingContext ctx, Future<JsonObject> report) {
        report.onSuccess(body -> {
                    ctx.response().putHeader("Cache-Control", "private, no-store");
                    Responses.json(ctx, 200, body);
                })
                .onFailure(ctx::fail);
    }

    private void export(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        String format = body.optionalString("format", 1, 10);
        String dataset = body.optionalString("dataset", 1, 20);
        String from = body.optionalString("from", 1, 20);
        String to = body.optionalString("to", 1, 20);
        body.validate();
        String f = format == null ? "csv" : format;
        String d = dataset == null ? "daily" : dataset;
        if (!List.of("csv", "json").contains(f) || !List.of("daily", "events").contains(d)) {
            ctx.fail(new ApiException.Validation(
                    "request.invalid",
                    "The export request is invalid.",
                    List.of(new ApiException.FieldError(
                            List.of("csv", "json").contains(f) ? "dataset" : "format",
                            List.of("csv", "json").contains(f) ? "must be daily or events" : "must be csv or json"))));
            return;
        }
        siteScope(ctx)
                .onSuccess(scope -> {
                    ReportRange range;
                    try {
                        range = ReportRange.of(
                                name -> switch (name) {
                                    case "from" -> from;
                                    case "to" -> to;
                                    default -> null;
                                },
                                scope.zone());
                    } catch (ApiException e) {
                        ctx.fail(e);
                        return;
                    }
                    String file = "analytics-" + d + "-" + range.from() + "-" + range.to() + "." + f;
                    ctx.response()
                            .setStatusCode(200)
                            .putHeader("Content-Type", f.equals("csv") ? "text/csv; charset=utf-8" : "application/json")
                            .putHeader("Content-Disposition", "attachment; filename=\"" + file + "\"")
                            .putHeader("Cache-Control", "private, no-store");
                    reports.export(ctx.response(), scope.siteId(), range, d.equals("events"), f.equals("csv"));
                })
                .onFailure(ctx::fail);
    }

    /** The shapes this feature's answers share, as {@code #/components/schemas}. */
    private static void components(Api api) {
        api.component("NamedCount", object().optional("name", string()).optional("count", integer()));
        api.component(
                "ReportRange",
                object().optional("from", string())
                        .optional("to", string())
                        .optional("interval", string())
                        .optional("timezone", nullable(string())));
        api.component(
                "AnalyticsTotals",
                object().optional("pageViews", integer())
                        .optional("uniqueVisitors", integer())
                        .optional("readers", integer())
                        .optional("sessions", integer())
                        .optional("bounceRate", nullable(number()))
                        .optional("avgSessionSeconds", nullable(number()))
                        .optional("chapterStarts", integer())
                        .optional("chapterCompletes", integer())
                        .optional("completionRate", nullable(number()))
                        .optional("avgReadPercent", nullable(number()))
                        .optional("shares", integer())
                        .optional("seriesViews", integer())
                        .optional("subscriptionViews", integer())
                        .optional("subscriptionStarts", integer()));
        api.component(
                "ConversionReport",
                object().optional("stage", string().oneOf("visitors", "readers", "subscriptionViews", "subscribers"))
                        .optional("visitors", integer())
                        .optional("conversionFromPrevious", nullable(number()))
                        .optional("conversionFromStart", nullable(number())));
    }
}
