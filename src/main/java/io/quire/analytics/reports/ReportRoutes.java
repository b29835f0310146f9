package io.quire.analytics.reports;

import io.quire.analytics.realtime.Realtime;
import io.quire.platform.auth.Authz;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
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
    private static final String SITE = "/api/v1/sites/:siteId/analytics/";
    private final Reports reports;
    private final Realtime realtime;
    private final Pool pool;

    public ReportRoutes(Pool pool, Realtime realtime) {
        this.pool = pool;
        this.reports = new Reports(pool);
        this.realtime = realtime;
    }

    public void mount(Router router) {
        site(router, "overview", reports::overview);
        site(router, "traffic", reports::traffic);
        site(router, "engagement", reports::engagement);
        site(router, "funnel", reports::siteFunnel);
        site(router, "revenue", reports::revenue);
        router.get(SITE + "content").handler(Authz.authenticated()).handler(ctx -> {
            int limit = QueryParams.limit(ctx);
            answer(ctx, siteScope(ctx).compose(s -> reports.content(s, range(ctx, s), limit)));
        });
        router.get(SITE + "realtime")
                .handler(Authz.authenticated())
                .handler(ctx -> answer(
                        ctx,
                        siteScope(ctx)
                                .compose(s -> realtime.report(s.siteId(), Instant.now(), 10)
                                        .map(r -> r.put("siteId", s.siteId().toString())))));
        router.post(SITE + "export").handler(Authz.authenticated()).handler(this::export);

        router.get("/api/v1/series/:seriesId/analytics")
                .handler(Authz.authenticated())
                .handler(ctx -> series(ctx, reports::seriesOverview));
        router.get("/api/v1/series/:seriesId/analytics/chapters")
                .handler(Authz.authenticated())
                .handler(ctx -> series(ctx, reports::seriesChapters));
        router.get("/api/v1/series/:seriesId/analytics/retention")
                .handler(Authz.authenticated())
                .handler(ctx -> series(ctx, reports::retention));
        router.get("/api/v1/series/:seriesId/analytics/conversion")
                .handler(Authz.authenticated())
                .handler(ctx -> series(ctx, reports::seriesConversion));
        router.get("/api/v1/chapters/:chapterId/analytics")
                .handler(Authz.authenticated())
                .handler(ctx -> {
                    UUID chapter = PathParams.uuid(ctx, "chapterId", "chapter.not_found");
                    answer(
                            ctx,
                            reports.chapter(Authz.require(ctx), chapter)
                                    .compose(found -> reports.chapterReport(
                                            found.getKey(), chapter, range(ctx, found.getKey()))));
                });
    }

    private interface SeriesReport {
        Future<JsonObject> run(Reports.Scope scope, UUID series, ReportRange range);
    }

    private void site(Router router, String name, BiFunction<Reports.Scope, ReportRange, Future<JsonObject>> report) {
        router.get(SITE + name)
                .handler(Authz.authenticated())
                .handler(ctx -> answer(ctx, siteScope(ctx).compose(s -> report.apply(s, range(ctx, s)))));
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
                    Export.stream(pool, ctx.response(), scope.siteId(), range, d.equals("events"), f.equals("csv"));
                })
                .onFailure(ctx::fail);
    }
}
