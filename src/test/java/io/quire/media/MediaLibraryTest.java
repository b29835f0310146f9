package io.quire.media;

import static io.quire.media.Samples.pdf;
import static io.quire.media.Samples.png;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.quire.testing.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Folders, copy and move, bulk changes, the storage breakdown, bandwidth counted from downloads, quotas by role. */
class MediaLibraryTest {
    private static final long QUOTA = 2L << 20;
    private static final long READER_QUOTA = 100_000;
    private static TestApp app;
    private static Api api;
    private static Authoring fixtures;

    @BeforeAll
    static void start() {
        app = TestApp.builder()
                .env("QUIRE_MEDIA_QUOTA_BYTES", Long.toString(QUOTA))
                .env("QUIRE_MEDIA_READER_QUOTA_BYTES", Long.toString(READER_QUOTA))
                .start();
        api = new Api(app);
        fixtures = Authoring.in(app);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void foldersHoldFilesRenameMovesThemAndDeleteKeepsThem() throws Exception {
        Authoring.User author = fixtures.author();
        JsonObject art =
                ok(api.post("/api/v1/media/folders", new JsonObject().put("name", "Art"), author.token()), 201);
        assertEquals(0, art.getLong("fileCount"));
        problem(
                api.post("/api/v1/media/folders", new JsonObject().put("name", "Art"), author.token()),
                409,
                "media.folder_exists");
        problem(
                api.post("/api/v1/media/folders", new JsonObject().put("name", "a\u0001b"), author.token()),
                422,
                "request.invalid");

        String a = upload(author, pdf(1000), "Art");
        String b = upload(author, pdf(2000), null);
        // a name no folder has yet becomes a folder
        ok(api.post("/api/v1/media/" + b + "/move", new JsonObject().put("folder", "Drafts"), author.token()), 200);
        JsonArray folders =
                ok(api.get("/api/v1/media/folders", author.token()), 200).getJsonArray("data");
        assertEquals(2, folders.size());
        assertEquals("Art", folders.getJsonObject(0).getString("name"));
        assertEquals(1, folders.getJsonObject(0).getLong("fileCount"));
        assertEquals(1000, folders.getJsonObject(0).getLong("totalBytes"));
        assertEquals("Drafts", folders.getJsonObject(1).getString("name"));

        String artId = art.getString("id");
        problem(
                api.patch("/api/v1/media/folders/" + artId, new JsonObject().put("name", "Drafts"), author.token()),
                409,
                "media.folder_exists");
        JsonObject renamed = ok(
                api.patch("/api/v1/media/folders/" + artId, new JsonObject().put("name", "Covers"), author.token()),
                200);
        assertEquals("Covers", renamed.getString("name"));
        assertEquals(1, renamed.getLong("fileCount"));
        assertEquals("Covers", file(author, a).getString("folder"), "the file moved with its folder");

        Authoring.User other = fixtures.author();
        problem(
                api.patch("/api/v1/media/folders/" + artId, new JsonObject().put("name", "Mine"), other.token()),
                404,
                "media.folder_not_found");
        problem(api.delete("/api/v1/media/folders/" + artId, other.token()), 404, "media.folder_not_found");
        assertEquals(
                204,
                api.delete("/api/v1/media/folders/" + artId, author.token()).statusCode());
        assertNull(file(author, a).getString("folder"), "deleting a folder keeps its files");
        problem(
                api.delete("/api/v1/media/folders/" + UUID.randomUUID(), author.token()),
                404,
                "media.folder_not_found");
    }

    @Test
    void aCopyIsANewFileChargedToTheQuota() throws Exception {
        Authoring.User author = fixtures.author();
        String original = upload(author, png(64, 64), "Art");
        JsonObject copy = ok(
                api.post(
                        "/api/v1/media/" + original + "/copy",
                        new JsonObject().put("folder", "Copies"),
                        author.token()),
                201);
        assertNotEquals(original, copy.getString("id"));
        assertEquals("Copies", copy.getString("folder"));
        assertEquals(file(author, original).getString("sha256"), copy.getString("sha256"));
        JsonObject usage = ok(api.get("/api/v1/media/storage", author.token()), 200);
        assertEquals(2, usage.getInteger("totalFiles"));
        HttpResponse<Buffer> bytes = api.get("/api/v1/media/" + copy.getString("id") + "/download", author.token());
        assertEquals(200, bytes.statusCode());
        Eventually.await(
                () -> file(author, copy.getString("id")).getBoolean("isProcessed"), 15_000, "the copy is processed");

        String big = upload(author, pdf((int) (QUOTA * 3 / 5)), null);
        problem(
                api.post("/api/v1/media/" + big + "/copy", new JsonObject(), author.token()),
                413,
                "media.quota_exceeded");
        problem(
                api.post(
                        "/api/v1/media/" + big + "/copy",
                        new JsonObject(),
                        fixtures.author().token()),
                404,
                "media.not_found");
    }

    @Test
    void bulkChangesReportEachId() throws Exception {
        Authoring.User author = fixtures.author();
        String a = upload(author, pdf(100), null);
        String b = upload(author, pdf(100), null);
        String stranger = upload(fixtures.author(), pdf(100), null);
        String missing = UUID.randomUUID().toString();

        JsonObject moved = ok(
                api.post(
                        "/api/v1/media/bulk/move",
                        new JsonObject()
                                .put("ids", new JsonArray(List.of(a, b, stranger)))
                                .put("folder", "Batch"),
                        author.token()),
                200);
        assertEquals(2, moved.getJsonArray("succeeded").size());
        assertEquals(stranger, moved.getJsonArray("failed").getJsonObject(0).getString("id"));
        assertEquals(
                "media.not_found", moved.getJsonArray("failed").getJsonObject(0).getString("code"));
        assertEquals("Batch", file(author, b).getString("folder"));

        ok(
                api.patch(
                        "/api/v1/media/" + a,
                        new JsonObject().put("tags", new JsonArray().add("x").add("old")),
                        author.token()),
                200);
        JsonObject tagged = ok(
                api.post(
                        "/api/v1/media/bulk/tag",
                        new JsonObject()
                                .put("ids", new JsonArray(List.of(a, b)))
                                .put("add", new JsonArray().add("new").add("x"))
                                .put("remove", new JsonArray().add("old")),
                        author.token()),
                200);
        assertEquals(2, tagged.getJsonArray("succeeded").size());
        assertEquals(
                new JsonArray().add("x").add("new"), file(author, a).getJsonArray("tags"), "order kept, none twice");
        assertEquals(new JsonArray().add("new").add("x"), file(author, b).getJsonArray("tags"));
        problem(
                api.post(
                        "/api/v1/media/bulk/tag",
                        new JsonObject().put("ids", new JsonArray(List.of(a))),
                        author.token()),
                422,
                "request.invalid");
        problem(
                api.post("/api/v1/media/bulk/delete", new JsonObject().put("ids", new JsonArray()), author.token()),
                422,
                "request.invalid");

        JsonObject deleted = ok(
                api.post(
                        "/api/v1/media/bulk/delete",
                        new JsonObject().put("ids", new JsonArray(List.of(a, b, missing))),
                        author.token()),
                200);
        assertEquals(new JsonArray(List.of(a, b)), deleted.getJsonArray("succeeded"));
        assertEquals(
                "media.not_found",
                deleted.getJsonArray("failed").getJsonObject(0).getString("code"));
        assertEquals(
                0, ok(api.get("/api/v1/media/storage", author.token()), 200).getInteger("totalFiles"));
    }

    @Test
    void theBreakdownBandwidthAndAReadersSmallerQuota() throws Exception {
        Authoring.User author = fixtures.author();
        upload(author, pdf(3000), "Books");
        String image = upload(author, png(32, 32), null);
        JsonObject breakdown = ok(api.get("/api/v1/media/storage/breakdown", author.token()), 200);
        JsonArray byFolder = breakdown.getJsonArray("byFolder");
        assertEquals("Books", byFolder.getJsonObject(0).getString("folder"), "largest first");
        assertEquals(3000, byFolder.getJsonObject(0).getLong("bytes"));
        assertNull(byFolder.getJsonObject(1).getString("folder"));
        assertEquals(2, breakdown.getJsonArray("byMimeType").size());
        assertEquals(1, breakdown.getJsonArray("bySite").size());
        assertEquals(3000, breakdown.getJsonArray("largest").getJsonObject(0).getLong("fileSize"));

        assertEquals(
                0, ok(api.get("/api/v1/media/bandwidth", author.token()), 200).getLong("usedBytes"));
        long size = file(author, image).getLong("fileSize");
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    200,
                    api.get("/api/v1/media/" + image + "/download", author.token())
                            .statusCode());
        }
        assertEquals(
                206,
                app.client
                        .get("/api/v1/media/" + image + "/download")
                        .putHeader("Authorization", "Bearer " + author.token())
                        .putHeader("Range", "bytes=0-9")
                        .send()
                        .await(10, TimeUnit.SECONDS)
                        .statusCode());
        long expected = 3 * size + 10;
        Eventually.await(
                () -> ok(api.get("/api/v1/media/bandwidth", author.token()), 200)
                                .getLong("usedBytes")
                        == expected,
                10_000,
                "counted in a batch");
        JsonObject bandwidth = ok(api.get("/api/v1/media/bandwidth", author.token()), 200);
        assertEquals(expected, bandwidth.getLong("usedBytes"));

        Authoring.User reader = fixtures.reader();
        assertEquals(
                READER_QUOTA,
                ok(api.get("/api/v1/media/limits", reader.token()), 200).getLong("quotaBytes"));
        assertEquals(
                QUOTA, ok(api.get("/api/v1/media/limits", author.token()), 200).getLong("quotaBytes"));
        upload(reader, pdf(60_000), null);
        problem(multipart(reader, pdf(60_000), null), 413, "media.quota_exceeded");
    }

    private static JsonObject file(Authoring.User user, String id) {
        return ok(api.get("/api/v1/media/" + id, user.token()), 200);
    }

    private static String upload(Authoring.User user, byte[] data, String folder) {
        return ok(multipart(user, data, folder), 201).getString("id");
    }

    private static HttpResponse<Buffer> multipart(Authoring.User user, byte[] data, String folder) {
        String boundary = "library-boundary";
        Buffer body = Buffer.buffer();
        if (folder != null) {
            body.appendString(
                    "--" + boundary + "\r\nContent-Disposition: form-data; name=\"folder\"\r\n\r\n" + folder + "\r\n");
        }
        body.appendString("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.bin\"\r\n\r\n")
                .appendBytes(data)
                .appendString("\r\n--" + boundary + "--\r\n");
        try {
            return app.client
                    .post("/api/v1/media/upload")
                    .putHeader("Authorization", "Bearer " + user.token())
                    .putHeader("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .sendBuffer(body)
                    .await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
