package io.quire.media;

import static io.quire.media.Samples.jpeg;
import static io.quire.media.Samples.pdf;
import static io.quire.media.Samples.png;
import static io.quire.media.Samples.sha256;
import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.quire.testing.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Media through HTTP against the local storage backend: uploads streamed to disk, types from the bytes, image
 * processing by the workers, downloads with ranges and ETags, who may see what, and an exact quota under
 * concurrent uploads.
 */
class MediaTest {
    private static final long MAX_FILE = 2L << 20;
    private static final long QUOTA = 4L << 20;
    private static TestApp app;
    private static Api api;
    private static Authoring fixtures;

    @BeforeAll
    static void start() {
        app = TestApp.builder()
                .env("QUIRE_MEDIA_MAX_FILE_BYTES", Long.toString(MAX_FILE))
                .env("QUIRE_MEDIA_QUOTA_BYTES", Long.toString(QUOTA))
                .env("QUIRE_MEDIA_MAX_IMAGE_PIXELS", "20000000")
                .start();
        api = new Api(app);
        fixtures = Authoring.in(app);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void anImageIsStoredProcessedWithoutItsMetadataAndServedInRanges() throws Exception {
        Authoring.User author = fixtures.author();
        byte[] jpeg = withExifSegment(jpeg(1200, 800), "GPSSECRET-52.37N-4.89E");
        JsonObject file = ok(
                upload(
                        author.token(),
                        "../../Holiday photo?.jpeg",
                        "image/jpeg",
                        jpeg,
                        Map.of("altText", "A beach", "tags", "trip, sea")),
                201);
        assertEquals("IMAGE", file.getString("kind"));
        assertEquals("image/jpeg", file.getString("mimeType"));
        assertEquals("Holiday photo_.jpg", file.getString("filename"), "no path, plain characters, true extension");
        assertEquals(jpeg.length, file.getLong("fileSize"));
        assertEquals(sha256(jpeg), file.getString("sha256"));
        assertEquals(new JsonArray().add("trip").add("sea"), file.getJsonArray("tags"));
        assertEquals("local", file.getString("storageProvider"));
        String id = file.getString("id");

        Eventually.await(() -> get(author, id).getBoolean("isProcessed"), 15_000, "processed by the workers");
        JsonObject processed = get(author, id);
        assertEquals(1200, processed.getInteger("width"));
        assertEquals(800, processed.getInteger("height"));
        assertEquals(1.5, processed.getDouble("aspectRatio"), 1e-9);
        assertTrue(processed.getString("dominantColor").matches("#[0-9a-f]{6}"), processed.encode());
        assertTrue(processed.getString("placeholderUrl").startsWith("data:image/jpeg;base64,"));
        assertNull(processed.getString("processingError"));
        JsonArray variants = ok(api.get("/api/v1/media/" + id + "/variants", author.token()), 200)
                .getJsonArray("data");
        assertEquals(2, variants.size(), "thumb and medium: large would not be smaller");
        assertEquals("thumb", variants.getJsonObject(0).getString("name"));
        assertEquals(320, variants.getJsonObject(0).getInteger("width"));
        assertEquals(213, variants.getJsonObject(0).getInteger("height"));
        assertEquals(960, variants.getJsonObject(1).getInteger("width"));

        HttpResponse<Buffer> whole = api.get("/api/v1/media/" + id + "/download", author.token());
        assertEquals(200, whole.statusCode());
        byte[] stored = whole.body().getBytes();
        assertEquals(processed.getLong("fileSize"), stored.length);
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains("GPSSECRET"), "EXIF is gone");
        assertEquals(1200, ImageIO.read(new ByteArrayInputStream(stored)).getWidth());
        assertEquals("\"" + processed.getString("sha256") + "\"", whole.getHeader("ETag"));
        assertEquals(sha256(stored), processed.getString("sha256"), "the hash follows the stored bytes");
        assertEquals("bytes", whole.getHeader("Accept-Ranges"));
        assertTrue(whole.getHeader("Content-Disposition").startsWith("attachment; filename=\"Holiday_photo_.jpg\""));
        assertEquals("image/jpeg", whole.getHeader("Content-Type"));
        assertEquals("nosniff", whole.getHeader("X-Content-Type-Options"));
        assertTrue(
                ok(api.get("/api/v1/media/storage", author.token()), 200).getLong("totalBytes") == stored.length,
                "the storage use follows the re-encoded size");

        HttpResponse<Buffer> part = ranged(author, id, "bytes=100-199", null);
        assertEquals(206, part.statusCode());
        assertEquals("bytes 100-199/" + stored.length, part.getHeader("Content-Range"));
        assertArrayEquals(
                java.util.Arrays.copyOfRange(stored, 100, 200), part.body().getBytes());
        HttpResponse<Buffer> tail = ranged(author, id, "bytes=-10", null);
        assertEquals(206, tail.statusCode());
        assertArrayEquals(
                java.util.Arrays.copyOfRange(stored, stored.length - 10, stored.length),
                tail.body().getBytes());
        HttpResponse<Buffer> beyond = ranged(author, id, "bytes=" + stored.length + "-", null);
        problem(beyond, 416, "media.range_not_satisfiable");
        assertEquals("bytes */" + stored.length, beyond.getHeader("Content-Range"));
        assertEquals(200, ranged(author, id, "bytes=0-1,5-6", null).statusCode(), "several ranges: the whole file");
        assertEquals(304, ranged(author, id, null, whole.getHeader("ETag")).statusCode());
        HttpResponse<Buffer> inline = api.get("/api/v1/media/" + id + "/stream?variant=thumb", author.token());
        assertEquals(200, inline.statusCode());
        assertTrue(inline.getHeader("Content-Disposition").startsWith("inline"));
        assertEquals(
                320,
                ImageIO.read(new ByteArrayInputStream(inline.body().getBytes())).getWidth());
        problem(
                api.get("/api/v1/media/" + id + "/download?variant=large", author.token()),
                404,
                "media.variant_not_found");
        problem(api.get("/api/v1/media/" + id + "/download?variant=huge", author.token()), 422, "request.invalid");

        // nobody else sees it
        Authoring.User stranger = fixtures.reader();
        problem(api.get("/api/v1/media/" + id, stranger.token()), 404, "media.not_found");
        problem(api.get("/api/v1/media/" + id + "/download", stranger.token()), 404, "media.not_found");
        problem(
                api.patch("/api/v1/media/" + id, new JsonObject().put("altText", "mine"), stranger.token()),
                404,
                "media.not_found");
        problem(api.delete("/api/v1/media/" + id, stranger.token()), 404, "media.not_found");
        problem(api.get("/api/v1/media/" + id, null), 401, "auth.unauthenticated");
        assertEquals(
                0,
                ok(api.get("/api/v1/media", stranger.token()), 200)
                        .getJsonArray("data")
                        .size());
        problem(api.get("/api/v1/media/not-an-id", author.token()), 404, "media.not_found");

        // listed, filtered, described
        JsonArray mine = ok(api.get("/api/v1/media?kind=IMAGE&tag=sea", author.token()), 200)
                .getJsonArray("data");
        assertEquals(1, mine.size());
        assertEquals(
                0,
                ok(api.get("/api/v1/media?kind=DOCUMENT", author.token()), 200)
                        .getJsonArray("data")
                        .size());
        JsonObject changed = ok(
                api.patch(
                        "/api/v1/media/" + id,
                        new JsonObject()
                                .putNull("altText")
                                .put("folder", "covers")
                                .put("tags", new JsonArray().add("cover")),
                        author.token()),
                200);
        assertNull(changed.getString("altText"));
        assertEquals("covers", changed.getString("folder"));
        assertEquals(
                1,
                ok(api.get("/api/v1/media?folder=covers", author.token()), 200)
                        .getJsonArray("data")
                        .size());
        JsonArray many = new JsonArray();
        for (int i = 0; i < 21; i++) {
            many.add("t" + i);
        }
        JsonObject refused = problem(
                api.patch("/api/v1/media/" + id, new JsonObject().put("tags", many), author.token()),
                422,
                "request.invalid");
        assertNotNull(fieldError(refused, "tags"));

        // deleted: gone at once, its use released, its objects removed by the purge job
        Path root = Path.of(app.config.data().dir(), "media");
        assertEquals(3, files(root, id), "the original and two variants on disk");
        assertEquals(204, api.delete("/api/v1/media/" + id, author.token()).statusCode());
        problem(api.get("/api/v1/media/" + id, author.token()), 404, "media.not_found");
        JsonObject usage = ok(api.get("/api/v1/media/storage", author.token()), 200);
        assertEquals(0, usage.getLong("totalBytes"));
        assertEquals(0, usage.getInteger("totalFiles"));
        Eventually.await(() -> files(root, id) == 0, 10_000, "the objects purged");
    }

    @Test
    void typesComeFromTheBytesAndBadImagesAreMarkedNotFatal() throws Exception {
        Authoring.User author = fixtures.author();
        byte[] png = png(40, 30);
        JsonObject renamed = ok(upload(author.token(), "photo.jpg", "image/jpeg", png, Map.of()), 201);
        assertEquals("image/png", renamed.getString("mimeType"), "a PNG named .jpg is a PNG");
        assertEquals("photo.png", renamed.getString("filename"));

        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
                .getBytes(StandardCharsets.UTF_8);
        problem(upload(author.token(), "logo.png", "image/png", svg, Map.of()), 415, "media.svg_refused");
        problem(
                upload(
                        author.token(),
                        "notes.png",
                        "image/png",
                        "just some text\n".repeat(20).getBytes(StandardCharsets.UTF_8),
                        Map.of()),
                415,
                "media.unsupported_type");
        problem(
                api.post("/api/v1/media/upload", new JsonObject().put("file", "x"), author.token()),
                415,
                "media.multipart_required");
        problem(
                send(author.token(), multipart(null, null, null, Map.of("altText", "no file"))),
                400,
                "media.file_missing");
        problem(upload(author.token(), "a.png", "image/png", png, Map.of("siteId", "nope")), 422, "request.invalid");
        String theirs = fixtures.site(fixtures.author()).getString("id");
        problem(upload(author.token(), "a.png", "image/png", png, Map.of("siteId", theirs)), 404, "site.not_found");
        problem(upload(null, "a.png", "image/png", png, Map.of()), 401, "auth.unauthenticated");
        assertEquals(
                0,
                Files.list(Path.of(app.config.data().dir(), "media", ".uploads"))
                        .count(),
                "no upload left behind");

        // the site's people see a file made for the site; only its uploader changes it
        String site = fixtures.site(author).getString("id");
        Authoring.User editor = fixtures.author();
        fixtures.collaborator(site, editor, "EDITOR", new JsonObject());
        String shared = ok(upload(author.token(), "map.png", "image/png", png, Map.of("siteId", site)), 201)
                .getString("id");
        assertEquals(
                site,
                ok(api.get("/api/v1/media/" + shared, editor.token()), 200).getString("siteId"));
        assertEquals(
                200,
                api.get("/api/v1/media/" + shared + "/download", editor.token()).statusCode());
        problem(api.delete("/api/v1/media/" + shared, editor.token()), 403, "media.not_yours");

        String corrupt = ok(upload(author.token(), "broken.jpg", "image/jpeg", corruptJpeg(), Map.of()), 201)
                .getString("id");
        String bomb = ok(
                        upload(author.token(), "bomb.png", "image/png", hugePngHeader(100_000, 100_000), Map.of()), 201)
                .getString("id");
        Eventually.await(
                () -> get(author, corrupt).getString("processingError") != null
                        && get(author, bomb).getString("processingError") != null,
                15_000,
                "both marked");
        assertFalse(get(author, corrupt).getBoolean("isProcessed"));
        assertTrue(
                get(author, bomb).getString("processingError").contains("10000000000 pixels"),
                get(author, bomb).encode());
        assertEquals(
                202,
                api.post("/api/v1/media/" + corrupt + "/process", null, author.token())
                        .statusCode());
        String pdf = ok(upload(author.token(), "notes.pdf", "application/pdf", pdf(1000), Map.of()), 201)
                .getString("id");
        problem(api.post("/api/v1/media/" + pdf + "/process", null, author.token()), 409, "media.not_an_image");
    }

    @Test
    void theQuotaIsExactUnderConcurrentUploadsAndLimitsAnswer413() throws Exception {
        Authoring.User author = fixtures.author();
        JsonObject tooBig = problem(
                upload(author.token(), "big.pdf", "application/pdf", pdf((int) MAX_FILE + 1), Map.of()),
                413,
                "media.too_large");
        assertEquals(MAX_FILE, tooBig.getLong("maxBytes"));
        assertEquals("media.too_large", chunkedUpload(author.token(), pdf((int) MAX_FILE + 100_000)));

        // six uploads of 1 MiB at once against a 4 MiB quota: exactly four are stored
        List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(app.client
                    .post("/api/v1/media/upload")
                    .putHeader("Authorization", "Bearer " + author.token())
                    .putHeader("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                    .sendBuffer(multipart("part" + i + ".pdf", "application/pdf", pdf(1 << 20), Map.of())));
        }
        Future.all(all).await(60, TimeUnit.SECONDS);
        long stored = all.stream().filter(f -> f.result().statusCode() == 201).count();
        List<HttpResponse<Buffer>> refused = all.stream()
                .map(Future::result)
                .filter(r -> r.statusCode() != 201)
                .toList();
        assertEquals(
                4,
                stored,
                refused.stream().map(HttpResponse::bodyAsString).toList().toString());
        for (HttpResponse<Buffer> r : refused) {
            problem(r, 413, "media.quota_exceeded");
        }
        JsonObject usage = ok(api.get("/api/v1/media/storage", author.token()), 200);
        assertEquals(4L << 20, usage.getLong("totalBytes"));
        assertEquals(4, usage.getInteger("totalFiles"));
        assertEquals(0, usage.getLong("remainingBytes"));
        assertEquals(
                4L << 20,
                usage.getJsonObject("byKind").getJsonObject("DOCUMENT").getLong("bytes"));
        JsonObject limits = ok(api.get("/api/v1/media/limits", author.token()), 200);
        assertEquals(MAX_FILE, limits.getLong("maxFileBytes"));
        assertEquals(QUOTA, limits.getLong("quotaBytes"));
        // full: refused before the body is read
        problem(
                upload(author.token(), "one-more.pdf", "application/pdf", pdf(100_000), Map.of()),
                413,
                "media.quota_exceeded");
    }

    // ---- helpers

    private static final String BOUNDARY = "quire-test-boundary-7c1f";

    private static JsonObject get(Authoring.User user, String id) {
        return ok(api.get("/api/v1/media/" + id, user.token()), 200);
    }

    private static HttpResponse<Buffer> upload(
            String token, String filename, String type, byte[] data, Map<String, String> fields) {
        return send(token, multipart(filename, type, data, fields));
    }

    private static HttpResponse<Buffer> send(String token, Buffer body) {
        var request = app.client
                .post("/api/v1/media/upload")
                .putHeader("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        try {
            return request.sendBuffer(body).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A multipart body (with a Content-Length when sent as a buffer); no file part when {@code filename} is null. */
    private static Buffer multipart(String filename, String type, byte[] data, Map<String, String> fields) {
        Buffer body = Buffer.buffer();
        fields.forEach((name, value) -> body.appendString("--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n"));
        if (filename != null) {
            body.appendString("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                            + filename + "\"\r\nContent-Type: " + type + "\r\n\r\n")
                    .appendBytes(data)
                    .appendString("\r\n");
        }
        return body.appendString("--" + BOUNDARY + "--\r\n");
    }

    /**
     * The same upload with no Content-Length: the limit can only be found while it streams. The problem's code, after
     * checking it is a 413 problem document.
     */
    private static String chunkedUpload(String token, byte[] data) throws Exception {
        HttpClient client = app.vertx.createHttpClient();
        try {
            Buffer body = multipart("stream.pdf", "application/pdf", data, Map.of());
            Buffer[] answer = new Buffer[1];
            int status = client.request(new RequestOptions()
                            .setMethod(HttpMethod.POST)
                            .setHost("127.0.0.1")
                            .setPort(app.port)
                            .setURI("/api/v1/media/upload")
                            .putHeader("Authorization", "Bearer " + token)
                            .putHeader("Content-Type", "multipart/form-data; boundary=" + BOUNDARY))
                    .compose(req -> {
                        req.setChunked(true);
                        for (int i = 0; i < body.length(); i += 64 * 1024) {
                            req.write(body.slice(i, Math.min(body.length(), i + 64 * 1024)));
                        }
                        req.end();
                        return req.response();
                    })
                    .compose(r -> {
                        assertTrue(r.getHeader("Content-Type").startsWith("application/problem+json"));
                        return r.body().map(b -> {
                            answer[0] = b;
                            return r.statusCode();
                        });
                    })
                    .await(30, TimeUnit.SECONDS);
            assertEquals(413, status, answer[0] == null ? "" : answer[0].toString());
            return answer[0].toJsonObject().getString("code");
        } finally {
            client.close();
        }
    }

    private static HttpResponse<Buffer> ranged(Authoring.User user, String id, String range, String ifNoneMatch)
            throws Exception {
        var request = app.client
                .get("/api/v1/media/" + id + "/download")
                .putHeader("Authorization", "Bearer " + user.token());
        if (range != null) {
            request.putHeader("Range", range);
        }
        if (ifNoneMatch != null) {
            request.putHeader("If-None-Match", ifNoneMatch);
        }
        return request.send().await(10, TimeUnit.SECONDS);
    }

    /** The stored objects of file {@code id}: its keys all start with the id. */
    private static long files(Path root, String id) {
        try (Stream<Path> all = Files.walk(root)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().startsWith(id))
                    .count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** An APP1 "Exif" segment after the SOI marker, carrying {@code text}: what a phone's GPS block would be. */
    private static byte[] withExifSegment(byte[] jpeg, String text) {
        byte[] payload = ("Exif\0\0" + text).getBytes(StandardCharsets.ISO_8859_1);
        int length = payload.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xff);
        out.write(payload, 0, payload.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    private static byte[] corruptJpeg() {
        byte[] bytes = new byte[4000];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xD8;
        bytes[2] = (byte) 0xFF;
        bytes[3] = (byte) 0xE0;
        for (int i = 4; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

    /** A PNG whose header claims {@code w} × {@code h} pixels, with no pixels after it: a decompression bomb's shape. */
    private static byte[] hugePngHeader(int w, int h) {
        Buffer ihdr = Buffer.buffer()
                .appendString("IHDR")
                .appendInt(w)
                .appendInt(h)
                .appendByte((byte) 8)
                .appendByte((byte) 0)
                .appendByte((byte) 0)
                .appendByte((byte) 0)
                .appendByte((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.getBytes());
        Buffer png = Buffer.buffer(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})
                .appendInt(13)
                .appendBuffer(ihdr)
                .appendInt((int) crc.getValue());
        CRC32 end = new CRC32();
        end.update("IEND".getBytes(StandardCharsets.US_ASCII));
        return png.appendInt(0)
                .appendString("IEND")
                .appendInt((int) end.getValue())
                .getBytes();
    }
}
