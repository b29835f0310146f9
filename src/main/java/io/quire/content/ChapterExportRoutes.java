package io.quire.content;

import io.quire.platform.auth.Authz;
import io.quire.platform.http.PathParams;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Downloads: a series or a chapter as Markdown (zip), HTML or EPUB 3. */
public final class ChapterExportRoutes {
    private final ChapterExport export;

    public ChapterExportRoutes(ChapterExport export) {
        this.export = export;
    }

    public void mount(Router router) {
        router.get("/api/v1/series/:seriesId/chapters/export")
                .handler(Authz.authenticated())
                .handler(this::series);
        router.get("/api/v1/chapters/:chapterId/export")
                .handler(Authz.authenticated())
                .handler(ctx -> chapter(ctx, "markdown"));
        router.get("/api/v1/chapters/:chapterId/export/:format")
                .handler(Authz.authenticated())
                .handler(ctx -> chapter(ctx, ctx.pathParam("format")));
    }

    private void series(RoutingContext ctx) {
        String format = ctx.request().getParam("format", "markdown");
        export.series(Authz.require(ctx), PathParams.uuid(ctx, "seriesId", "series.not_found"), format)
                .onSuccess(file -> send(ctx, file))
                .onFailure(ctx::fail);
    }

    private void chapter(RoutingContext ctx, String format) {
        export.chapter(Authz.require(ctx), PathParams.uuid(ctx, "chapterId", "chapter.not_found"), format)
                .onSuccess(file -> send(ctx, file))
                .onFailure(ctx::fail);
    }

    private static void send(RoutingContext ctx, ChapterExport.File file) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, file.contentType())
                .putHeader("Content-Disposition", "attachment; filename=\"" + file.name() + "\"")
                .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .end(file.bytes());
    }
}
