package io.quire.reading;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.auth.Authz;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.http.PathParams;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
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

    /** What the 404 of a chapter readers cannot see says, to whom. */
    private static final String HIDDEN =
            "A chapter readers cannot see is a 404 `chapter.not_found` for them; to someone"
                    + " who works on its site the 404 says why: `chapter.not_published` (draft, scheduled, archived),"
                    + " `chapter.series_unpublished`, `chapter.series_deleted` or `chapter.site_not_public`.";

    public void mount(Api api) {
        // the chapter read first: it is the hottest route, and each route tried before it costs a regex match
        api.raw(
                Endpoint.get("/api/v1/chapters/{chapterId}/read")
                        .id("readChapter")
                        .tag("reading")
                        .summary(
                                "The chapter for this caller: contentHtml when entitled, else locked=true with previewHtml (the first N paragraphs, never more than half the chapter) and the paywall")
                        .description(HIDDEN)
                        .access(Access.anyone())
                        .ok(200, ref("ChapterRead"), "OK")
                        .conditional(),
                ctx -> {
                    var chapterId = PathParams.uuid(ctx, "chapterId", "chapter.not_found");
                    // views are counted by the analytics events readers' clients send, not here: the hot path stays a
                    // cache hit
                    send(ctx, reading.read(Authz.principal(ctx), chapterId, ifNoneMatch(ctx)));
                });
        api.raw(
                Endpoint.get("/api/v1/series/{seriesId}/chapters/public")
                        .id("getTableOfContents")
                        .tag("reading")
                        .summary("Table of contents of a published series, with `locked` for this caller")
                        .access(Access.anyone())
                        .ok(
                                200,
                                object().optional("seriesId", nullable(string()))
                                        .optional("data", array(ref("TocEntry")))
                                        .optional(
                                                "nextCursor",
                                                nullable(string().description(
                                                                "always null: the whole list is one page"))),
                                "OK")
                        .conditional(),
                ctx -> send(
                        ctx,
                        reading.tableOfContents(
                                Authz.principal(ctx),
                                PathParams.uuid(ctx, "seriesId", "series.not_found"),
                                ifNoneMatch(ctx))));
        api.raw(
                Endpoint.get("/api/v1/chapters/{chapterId}/public")
                        .id("getPublicChapter")
                        .tag("reading")
                        .summary("A published chapter's metadata, with `locked` for this caller")
                        .description(HIDDEN)
                        .access(Access.anyone())
                        .ok(200, ref("ChapterInfo"), "OK")
                        .conditional(),
                ctx -> send(
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
