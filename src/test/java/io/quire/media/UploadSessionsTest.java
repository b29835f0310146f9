package io.quire.media;

import static io.quire.media.Samples.jpeg;
import static io.quire.media.Samples.pdf;
import static io.quire.media.Samples.png;
import static io.quire.media.Samples.sha256;
import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.quire.testing.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Uploads in more than one request, on the local store: a signed one-time URL Quire receives itself, then a
 * completion that checks the object; and uploads fetched from a URL by the workers, from a real HTTP server on
 * loopback whose requests are asserted.
 */
class UploadSessionsTest {
    private static final long MAX_FILE = 1L << 20;
    private static final long QUOTA = 3L << 20;
    private static TestApp app;
    private static Api api;
    private static Authoring fixtures;
    private static HttpServer origin;
    private static final List<String> originRequests = new CopyOnWriteArrayList<>();
    private static byte[] served;

    @BeforeAll
    static void start() throws Exception {
        served = png(300, 200);
        app = TestApp.builder()
                .env("QUIRE_MEDIA_MAX_FILE_BYTES", Long.toString(MAX_FILE))
                .env("QUIRE_MEDIA_QUOTA_BYTES", Long.toString(QUOTA))
                .env("QUIRE_MEDIA_FETCH_TIMEOUT_MS", "1500")
                .env("QUIRE_MEDIA_FETCH_ALLOW_PRIVATE_HOSTS", "true")
                .start();
        api = new Api(app);
        fixtures = Authoring.in(app);
        origin = app.vertx
                .createHttpServer()
                .requestHandler(req -> {
                    originRequests.add(req.path() + " " + req.getHeader("User-Agent"));
                    switch (req.path()) {
                        case "/moved" ->
                            req.response()
                                    .setStatusCode(302)
                                    .putHeader("Location", "/art/cover.png")
                                    .end();
                        case "/art/cover.png" ->
                            req.response()
                                    .putHeader("Content-Type", "image/png")
                                    .end(Buffer.buffer(served));
                        case "/big.pdf" -> req.response().setChunked(true).end(Buffer.buffer(pdf((int) MAX_FILE + 10)));
                        case "/notes.txt" -> req.response().end("just some text, not an image");
                        case "/slow" -> {
                            req.response().setChunked(true).write("%PDF-1.4\n");
                            // never ends: the fetch's time cap ends it
                        }
                        default -> req.response().setStatusCode(404).end();
                    }
                })
                .listen(0, "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        origin.close().await(5, TimeUnit.SECONDS);
        app.close();
    }

    @Test
    void aDirectUploadIsPutOnceThenCompletedIntoAFile() throws Exception {
        Authoring.User author = fixtures.author();
        byte[] image = jpeg(640, 480);
        JsonObject ticket = ok(
                api.post(
                        "/api/v1/media/upload/signed-url",
                        new JsonObject()
                                .put("filename", "page 1.jpg")
                                .put("fileSize", image.length)
                                .put("contentType", "image/jpeg")
                                .put("altText", "Page one")
                                .put("tags", new JsonArray().add("comic")),
                        author.token()),
                201);
        assertEquals("PUT", ticket.getString("method"));
        assertEquals("PENDING", ticket.getString("status"));
        assertEquals(image.length, ticket.getLong("maxBytes"));
        assertEquals("image/jpeg", ticket.getJsonObject("headers").getString("Content-Type"));
        String url = ticket.getString("url");
        assertTrue(url.contains("/api/v1/media/upload/direct/" + ticket.getString("uploadId") + "?token="), url);
        String uploadId = ticket.getString("uploadId");

        assertEquals(
                "media.upload_missing",
                problem(complete(author, uploadId), 409, "media.upload_missing").getString("code"),
                "nothing put yet");
        problem(put(url.replaceAll("token=.*", "token=forged"), image), 403, "media.upload_url_invalid");

        JsonObject received = ok(put(url, image), 200);
        assertEquals("UPLOADED", received.getString("status"));
        assertEquals(image.length, received.getLong("receivedBytes"));
        problem(put(url, image), 409, "media.upload_used");

        JsonObject file = ok(complete(author, uploadId), 201);
        assertEquals("image/jpeg", file.getString("mimeType"));
        assertEquals("page 1.jpg", file.getString("originalFilename"));
        assertEquals(sha256(image), file.getString("sha256"));
        assertEquals("Page one", file.getString("altText"));
        assertEquals(new JsonArray().add("comic"), file.getJsonArray("tags"));
        JsonObject again = ok(complete(author, uploadId), 200);
        assertEquals(file.getString("id"), again.getString("id"), "a retried completion gives the same file");

        JsonObject status = ok(api.get("/api/v1/media/upload/" + uploadId, author.token()), 200);
        assertEquals("COMPLETED", status.getString("status"));
        assertEquals(file.getString("id"), status.getString("fileId"));
        assertNull(status.getValue("error"));
        JsonObject usage = ok(api.get("/api/v1/media/storage", author.token()), 200);
        assertEquals(image.length, usage.getLong("totalBytes"), "charged once");
        assertEquals(0, stagedObjects(), "nothing left in the staging area");

        Authoring.User other = fixtures.author();
        problem(complete(other, uploadId), 404, "media.upload_not_found");
        problem(api.get("/api/v1/media/upload/" + uploadId, other.token()), 404, "media.upload_not_found");
    }

    @Test
    void aDirectUploadIsRefusedWhenTooLargeOverQuotaTooLongOrNotAnAcceptedType() throws Exception {
        Authoring.User author = fixtures.author();
        problem(start(author, "huge.pdf", MAX_FILE + 1), 413, "media.too_large");
        problem(start(author, "x.pdf", 0), 422, "request.invalid");
        JsonObject noName = problem(
                api.post("/api/v1/media/upload/signed-url", new JsonObject().put("fileSize", 10), author.token()),
                422,
                "request.invalid");
        assertTrue(fieldError(noName, "filename") != null);

        // a body longer than the size it was signed for stops at the size
        JsonObject small = ok(start(author, "a.pdf", 1000), 201);
        problem(put(small.getString("url"), pdf(5000)), 413, "media.too_large");
        // the URL is still good for the right file
        ok(put(small.getString("url"), pdf(1000)), 200);
        ok(complete(author, small.getString("uploadId")), 201);

        // bytes that are not an accepted type: refused at completion, the object removed, the session failed
        JsonObject text = ok(start(author, "notes.pdf", 20), 201);
        ok(put(text.getString("url"), "plain text, no magic".getBytes()), 200);
        problem(complete(author, text.getString("uploadId")), 415, "media.unsupported_type");
        problem(complete(author, text.getString("uploadId")), 409, "media.upload_failed");
        JsonObject failed = ok(api.get("/api/v1/media/upload/" + text.getString("uploadId"), author.token()), 200);
        assertEquals("FAILED", failed.getString("status"));
        assertEquals("media.unsupported_type", failed.getJsonObject("error").getString("code"));
        assertEquals(0, stagedObjects());

        // the quota is checked before anything is sent
        ok(upload(author, pdf((int) MAX_FILE)), 201);
        ok(upload(author, pdf((int) MAX_FILE)), 201);
        problem(start(author, "last.pdf", MAX_FILE), 413, "media.quota_exceeded");

        // an expired URL: refused on PUT and on completion
        JsonObject late = ok(start(author, "late.pdf", 100), 201);
        app.db
                .preparedQuery("UPDATE media_uploads SET expires_at = now() - interval '1 minute' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(late.getString("uploadId"))))
                .await(5, TimeUnit.SECONDS);
        problem(put(late.getString("url"), pdf(100)), 403, "media.upload_expired");
        problem(complete(author, late.getString("uploadId")), 409, "media.upload_expired");
    }

    @Test
    void aFileIsFetchedFromAUrlFollowingARedirect() throws Exception {
        Authoring.User author = fixtures.author();
        originRequests.clear();
        JsonObject session = ok(
                api.post(
                        "/api/v1/media/upload/from-url",
                        new JsonObject().put("url", origin("/moved")).put("caption", "From the web"),
                        author.token()),
                202);
        assertEquals("URL", session.getString("source"));
        assertEquals("PENDING", session.getString("status"));
        JsonObject done = awaitEnd(author, session.getString("uploadId"));
        assertEquals("COMPLETED", done.getString("status"), done.encode());
        JsonObject file = ok(api.get("/api/v1/media/" + done.getString("fileId"), author.token()), 200);
        assertEquals("image/png", file.getString("mimeType"));
        assertEquals("From the web", file.getString("caption"));
        assertEquals(sha256(served), file.getString("sha256"));
        assertEquals(List.of("/moved Quire-Media/1", "/art/cover.png Quire-Media/1"), originRequests);
    }

    @Test
    void aFetchThatCannotGiveAFileEndsWithItsReason() throws Exception {
        Authoring.User author = fixtures.author();
        assertEquals("media.too_large", fetchError(author, "/big.pdf"));
        assertEquals("media.unsupported_type", fetchError(author, "/notes.txt"));
        assertEquals("media.fetch_failed", fetchError(author, "/gone"));
        assertEquals("media.fetch_timeout", fetchError(author, "/slow"));
        JsonObject bad = problem(
                api.post(
                        "/api/v1/media/upload/from-url",
                        new JsonObject().put("url", "ftp://example.org/a.png"),
                        author.token()),
                422,
                "request.invalid");
        assertEquals("must be an http or https URL", fieldError(bad, "url"));
        assertEquals(0, app.count("SELECT count(*) FROM media_files WHERE user_id = '" + author.id() + "'"));
    }

    private static String fetchError(Authoring.User author, String path) throws InterruptedException {
        JsonObject session = ok(
                api.post("/api/v1/media/upload/from-url", new JsonObject().put("url", origin(path)), author.token()),
                202);
        JsonObject done = awaitEnd(author, session.getString("uploadId"));
        assertEquals("FAILED", done.getString("status"), done.encode());
        String detail = done.getJsonObject("error").getString("detail");
        assertTrue(!detail.isBlank());
        return done.getJsonObject("error").getString("code");
    }

    private static JsonObject awaitEnd(Authoring.User author, String uploadId) throws InterruptedException {
        JsonObject[] last = new JsonObject[1];
        Eventually.await(
                () -> {
                    last[0] = ok(api.get("/api/v1/media/upload/" + uploadId, author.token()), 200);
                    return !last[0].getString("status").equals("PENDING");
                },
                15_000,
                "the fetch ends");
        return last[0];
    }

    private static String origin(String path) {
        return "http://127.0.0.1:" + origin.actualPort() + path;
    }

    private static HttpResponse<Buffer> start(Authoring.User author, String name, long size) {
        return api.post(
                "/api/v1/media/upload/signed-url",
                new JsonObject().put("filename", name).put("fileSize", size),
                author.token());
    }

    private static HttpResponse<Buffer> complete(Authoring.User author, String uploadId) {
        return api.post("/api/v1/media/upload/complete", new JsonObject().put("uploadId", uploadId), author.token());
    }

    private static HttpResponse<Buffer> put(String url, byte[] body) throws Exception {
        URI uri = URI.create(url);
        return app.client
                .put(uri.getRawPath() + "?" + uri.getRawQuery())
                .putHeader("Content-Type", "application/octet-stream")
                .sendBuffer(Buffer.buffer(body))
                .await(30, TimeUnit.SECONDS);
    }

    private static HttpResponse<Buffer> upload(Authoring.User author, byte[] data) throws Exception {
        String boundary = "sessions-boundary";
        Buffer body = Buffer.buffer()
                .appendString("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.pdf\"\r\n\r\n")
                .appendBytes(data)
                .appendString("\r\n--" + boundary + "--\r\n");
        return app.client
                .post("/api/v1/media/upload")
                .putHeader("Authorization", "Bearer " + author.token())
                .putHeader("Content-Type", "multipart/form-data; boundary=" + boundary)
                .sendBuffer(body)
                .await(30, TimeUnit.SECONDS);
    }

    /** Files under the local store's staging area ({@code incoming/}). */
    private static long stagedObjects() throws Exception {
        java.nio.file.Path incoming = java.nio.file.Path.of(app.config.data().dir(), "media", "incoming");
        if (!java.nio.file.Files.exists(incoming)) {
            return 0;
        }
        try (var files = java.nio.file.Files.list(incoming)) {
            return files.count();
        }
    }
}
