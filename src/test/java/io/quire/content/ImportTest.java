package io.quire.content;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Importing Markdown through HTTP: created in one go, or not at all with a 422 naming file and line. */
class ImportTest extends SharedApp {
    static HttpResponse<Buffer> upload(String path, String type, byte[] body, String token) throws Exception {
        return app.client
                .post(path)
                .putHeader("Authorization", "Bearer " + token)
                .putHeader("Content-Type", type)
                .sendBuffer(Buffer.buffer(body))
                .await(20, TimeUnit.SECONDS);
    }

    @Test
    void aMarkdownFileBecomesChapters() throws Exception {
        Authoring.User author = fixtures.author();
        String series =
                fixtures.series(author, fixtures.site(author).getString("id")).getString("id");
        fixtures.chapter(author, series, "Existing", "x");
        JsonObject result = ok(
                upload(
                        "/api/v1/series/" + series + "/chapters/import/markdown?filename=novel.md",
                        "text/markdown",
                        MarkdownImportTest.utf8("# Arrival\nShe came *late*.\n\n# Departure\nHe left."),
                        author.token()),
                201);
        assertEquals(2, result.getInteger("imported"));
        JsonArray data = result.getJsonArray("data");
        assertEquals("Arrival", data.getJsonObject(0).getString("title"));
        assertEquals(2.0, data.getJsonObject(0).getDouble("chapterNumber"), "numbered after the existing chapter");
        String html = ok(
                        api.get(
                                "/api/v1/chapters/" + data.getJsonObject(0).getString("id") + "/content",
                                author.token()),
                        200)
                .getString("contentHtml");
        assertEquals("<p>She came <em>late</em>.</p>\n", html);
    }

    @Test
    void aZipImportsOneChapterPerFile() throws Exception {
        Authoring.User author = fixtures.author();
        String series =
                fixtures.series(author, fixtures.site(author).getString("id")).getString("id");
        JsonObject result = ok(
                upload(
                        "/api/v1/series/" + series + "/chapters/import",
                        "application/zip",
                        MarkdownImportTest.zip(
                                "01.md", "---\ntitle: First\nnumber: 10\n---\nOne.", "02.md", "# Second\nTwo."),
                        author.token()),
                201);
        assertEquals(2, result.getInteger("imported"));
        assertEquals(10.0, result.getJsonArray("data").getJsonObject(0).getDouble("chapterNumber"));
        assertEquals(11.0, result.getJsonArray("data").getJsonObject(1).getDouble("chapterNumber"));
    }

    @Test
    void aBadFileImportsNothing() throws Exception {
        Authoring.User author = fixtures.author();
        String series =
                fixtures.series(author, fixtures.site(author).getString("id")).getString("id");
        JsonObject p = problem(
                upload(
                        "/api/v1/series/" + series + "/chapters/import",
                        "application/zip",
                        MarkdownImportTest.zip("01.md", "# Fine\nok", "02.md", "---\nnumber: x\n---\n"),
                        author.token()),
                422,
                "import.invalid_file");
        assertEquals("line 2: number must be a chapter number such as 3 or 3.5", fieldError(p, "02.md"));
        assertEquals(
                0,
                ok(api.get("/api/v1/series/" + series + "/chapters", author.token()), 200)
                        .getJsonArray("data")
                        .size());
        problem(
                upload(
                        "/api/v1/series/" + series + "/chapters/import/markdown",
                        "application/json",
                        MarkdownImportTest.utf8("{}"),
                        author.token()),
                415,
                "request.unsupported_media_type");
        problem(
                upload(
                        "/api/v1/series/" + series + "/chapters/import/markdown",
                        "text/markdown",
                        MarkdownImportTest.utf8("# A"),
                        fixtures.author().token()),
                404,
                "series.not_found");
    }
}
