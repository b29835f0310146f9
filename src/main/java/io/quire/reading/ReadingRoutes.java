package io.quire.reading;

import io.quire.platform.auth.Authz;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.http.PathParams;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The public chapter read paths: table of contents, chapter metadata, and the chapter itself. */
public final class ReadingRoutes {
    private static final CharSequence JSON = HttpHeaders.createOptimized("application/json");
    private static final CharSequence VARY = HttpHeaders.createOptimized("Authorization, X-API-Key");
    private static final CharSequence PRIVATE = HttpHeaders.createOptimized("private, no-cache");

    private final ReadingService reading;
    private final CharSequence publicCacheControl;

    public ReadingRoutes(ReadingService reading, QuireConfig.Reading config) {
        this.reading = reading;
        this.publicCacheControl = HttpHeaders.createOptimized(publicCacheControl(config));
    }

    /** {@code Cache-Control} for answers that are the same for everyone. */
    public static String publicCacheControl(QuireConfig.Reading config) {
        return "public, max-age=" + config.publicMaxAgeSeconds() + ", stale-while-revalidate="
                + config.staleWhileRevalidateSeconds();
    }

    public void mount(Router router) {
        // the chapter read first: it is the hottest route, and each route tried before it costs a regex match
        router.get("/api/v1/chapters/:chapterId/read").handler(ctx -> {
            var chapterId = PathParams.uuid(ctx, "chapterId", "chapter.not_found");
            // views are counted by the analytics events readers' clients send, not here: the hot path stays a cache hit
            send(ctx, reading.read(Authz.principal(ctx), chapterId, ifNoneMatch(ctx)));
        });
        router.get("/api/v1/series/:seriesId/chapters/public")
                .handler(ctx -> send(
                        ctx,
                        reading.tableOfContents(
                                Authz.principal(ctx),
                                PathParams.uuid(ctx, "seriesId", "series.not_found"),
                                ifNoneMatch(ctx))));
        router.get("/api/v1/chapters/:chapterId/public")
                .handler(ctx -> send(
                        ctx,
                        reading.chapterInfo(
                                Authz.principal(ctx),
                                PathParams.uuid(ctx, "chapterId", "chapter.not_found"),
                                ifNoneMatch(ctx))));
    }

    private static String ifNoneMatch(RoutingContext ctx) {
        String value = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        return value == null ? null : value.trim();
    }

    /** 304 when the caller's copy is current, else the body; cacheable by anyone only when the same for everyone. */
    private void send(RoutingContext ctx, Future<ReadingService.Answer> answer) {
        answer.onSuccess(a -> {
                    ctx.response()
                            .putHeader(HttpHeaders.ETAG, a.etag())
                            .putHeader(HttpHeaders.VARY, VARY)
                            .putHeader(HttpHeaders.CACHE_CONTROL, a.personal() ? PRIVATE : publicCacheControl);
                    if (a.body() == null) {
                        ctx.response().setStatusCode(304).end();
                    } else {
                        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, JSON).end(a.body());
                    }
                })
                .onFailure(ctx::fail);
    }
}
