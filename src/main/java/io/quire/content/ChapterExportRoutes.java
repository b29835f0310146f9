package io.quire.content;

import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.auth.Authz;
import io.quire.platform.http.PathParams;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Downloads: a series or a chapter as Markdown (zip), HTML or EPUB 3. */
public final class ChapterExportRoutes {
    private final ChapterExport export;

    public ChapterExportRoutes(ChapterExport export) {
        this.export = export;
    }

    public void mount(Api api) {
        api.raw(
                Endpoint.get("/api/v1/series/{seriesId}/chapters/export")
                        .id("exportSeries")
                        .tag("export")
                        .summary(
                                "Export the series: ?format=markdown (zip with front matter), html (one file) or epub (EPUB 3)")
                        .access(Access.signedIn())
                        .query("format", string().oneOf("markdown", "html", "epub"), "default markdown")
                        .okAs(200, "application/zip", "The file (Content-Disposition: attachment)")
                        .okAs(200, "text/html", "The file (Content-Disposition: attachment)")
                        .okAs(200, "application/epub+zip", "The file (Content-Disposition: attachment)")
                        .problems(403, 422),
                this::series);
        api.raw(
                Endpoint.get("/api/v1/chapters/{chapterId}/export")
                        .id("exportChapter")
                        .tag("export")
                        .summary("Export one chapter as Markdown (zip)")
                        .access(Access.signedIn())
                        .okAs(200, "application/zip", "The file (Content-Disposition: attachment)")
                        .okAs(200, "text/html", "The file (Content-Disposition: attachment)")
                        .okAs(200, "application/epub+zip", "The file (Content-Disposition: attachment)")
                        .problems(403, 422),
                ctx -> chapter(ctx, "markdown"));
        api.raw(
                Endpoint.get("/api/v1/chapters/{chapterId}/export/{format}")
                        .id("exportChapterAs")
                        .tag("export")
                        .summary("Export one chapter as markdown, html or epub")
                        .access(Access.signedIn())
                        .pathParam("format", string().oneOf("markdown", "html", "epub"), null)
                        .okAs(200, "application/zip", "The file (Content-Disposition: attachment)")
                        .okAs(200, "text/html", "The file (Content-Disposition: attachment)")
                        .okAs(200, "application/epub+zip", "The file (Content-Disposition: attachment)")
                        .problems(403, 422),
                ctx -> chapter(ctx, ctx.pathParam("format")));
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
