package io.quire.content;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.auth.Authz;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.Responses;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Upload Markdown: one file split at headings, or a zip of .md files. */
public final class ChapterImportRoutes {
    private final ChapterImport importer;

    public ChapterImportRoutes(ChapterImport importer) {
        this.importer = importer;
    }

    public void mount(Api api) {
        api.raw(
                Endpoint.post("/api/v1/series/{seriesId}/chapters/import/markdown")
                        .id("importChaptersMarkdown")
                        .tag("import")
                        .summary(
                                "Import one Markdown file, split into chapters at # and ## headings (all or nothing; errors name file and line)")
                        .access(Access.signedIn())
                        .query("filename", string(), "names the file in error messages and untitled chapters")
                        .rawBody("text/markdown", "text/plain")
                        .ok(201, object().optional("imported", integer()).optional("data", array(ref("Chapter"))), "OK")
                        .problems(403, 409),
                this::markdown);
        api.raw(
                Endpoint.post("/api/v1/series/{seriesId}/chapters/import")
                        .id("importChaptersZip")
                        .tag("import")
                        .summary(
                                "Import a zip of .md files, one chapter each (front matter title/number optional; all or nothing)")
                        .access(Access.signedIn())
                        .rawBody("application/zip")
                        .ok(201, object().optional("imported", integer()).optional("data", array(ref("Chapter"))), "OK")
                        .problems(403, 409),
                this::zip);
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
