package io.quire.content;

import io.quire.platform.auth.Authz;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.Responses;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Upload Markdown: one file split at headings, or a zip of .md files. */
public final class ChapterImportRoutes {
    private final ChapterImport importer;

    public ChapterImportRoutes(ChapterImport importer) {
        this.importer = importer;
    }

    public void mount(Router router) {
        router.post("/api/v1/series/:seriesId/chapters/import/markdown")
                .handler(Authz.authenticated())
                .handler(this::markdown);
        router.post("/api/v1/series/:seriesId/chapters/import")
                .handler(Authz.authenticated())
                .handler(this::zip);
    }

    private void markdown(RoutingContext ctx) {
        requireType(ctx, "text/markdown", "text/plain");
        String name = ctx.request().getParam("filename", "import.md");
        importer.markdownFile(
                        Authz.require(ctx),
                        PathParams.uuid(ctx, "seriesId", "series.not_found"),
                        name.length() > 200 ? name.substring(0, 200) : name,
                        bytes(ctx))
                .onSuccess(result -> Responses.json(ctx, 201, result))
                .onFailure(ctx::fail);
    }

    private void zip(RoutingContext ctx) {
        requireType(ctx, "application/zip", "application/x-zip-compressed");
        importer.zip(Authz.require(ctx), PathParams.uuid(ctx, "seriesId", "series.not_found"), bytes(ctx))
                .onSuccess(result -> Responses.json(ctx, 201, result))
                .onFailure(ctx::fail);
    }

    private static byte[] bytes(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().length() == 0) {
            throw new ApiException.BadRequest("request.empty_body", "Upload the file as the request body.");
        }
        return ctx.body().buffer().getBytes();
    }

    private static void requireType(RoutingContext ctx, String... types) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        for (String t : types) {
            if (type != null && type.toLowerCase().startsWith(t)) {
                return;
            }
        }
        throw new ApiException.UnsupportedMediaType(
                "Upload the file with Content-Type " + String.join(" or ", types) + ".");
    }
}
