package io.quire.media;

import static io.quire.media.Samples.jpeg;
import static io.quire.media.Samples.sha256;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.quire.testing.FreePorts;
import io.quire.testing.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Media on an S3-compatible store: S3Proxy (a real S3 API server, on its filesystem backend) started on loopback,
 * Quire pointed at it with path-style addressing and static keys. Uploads land in the bucket (large ones in parts),
 * images are processed from it, downloads and ranges stream from it, deletion empties it.
 */
class S3MediaTest {
    private static final String BUCKET = "quire-media";
    private static final String BOUNDARY = "s3-boundary";
    private static S3Proxy proxy;
    private static BlobStoreContext blobs;
    private static TestApp app;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        Properties properties = new Properties();
        properties.setProperty(
                "jclouds.filesystem.basedir",
                Files.createTempDirectory("s3proxy").toString());
        blobs = ContextBuilder.newBuilder("filesystem").overrides(properties).build(BlobStoreContext.class);
        blobs.getBlobStore().createContainerInLocation(null, BUCKET);
        int port = FreePorts.next();
        proxy = S3Proxy.builder()
                .blobStore(blobs.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "quire-access", "quire-secret-key")
                .build();
        proxy.start();
        for (int i = 0; i < 500 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(10);
        }
        app = TestApp.builder()
                .env("QUIRE_MEDIA_STORAGE", "s3")
                .env("QUIRE_MEDIA_S3_BUCKET", BUCKET)
                .env("QUIRE_MEDIA_S3_ENDPOINT", "http://127.0.0.1:" + port)
                .env("QUIRE_MEDIA_S3_PATH_STYLE", "true")
                .env("QUIRE_MEDIA_S3_ACCESS_KEY_ID", "quire-access")
                .env("QUIRE_MEDIA_S3_SECRET_ACCESS_KEY", "quire-secret-key")
                .env("QUIRE_MEDIA_MAX_FILE_BYTES", Long.toString(20L << 20))
                .start();
        api = new Api(app);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        proxy.stop();
        blobs.close();
    }

    @Test
    void uploadsProcessingRangesAndDeletionGoThroughTheBucket() throws Exception {
        Authoring.User author = Authoring.in(app).author();
        BlobStore store = blobs.getBlobStore();

        JsonObject image = ok(upload(author.token(), "sky.jpg", "image/jpeg", jpeg(1200, 600)), 201);
        assertEquals("s3", image.getString("storageProvider"));
        String imageId = image.getString("id");
        Eventually.await(
                () -> ok(api.get("/api/v1/media/" + imageId, author.token()), 200)
                        .getBoolean("isProcessed"),
                20_000,
                "processed from the bucket");
        assertEquals(
                2,
                ok(api.get("/api/v1/media/" + imageId + "/variants", author.token()), 200)
                        .getJsonArray("data")
                        .size());
        HttpResponse<Buffer> thumb = api.get("/api/v1/media/" + imageId + "/stream?variant=thumb", author.token());
        assertEquals(200, thumb.statusCode());
        assertEquals(
                320,
                ImageIO.read(new java.io.ByteArrayInputStream(thumb.body().getBytes()))
                        .getWidth());
        assertEquals(3, objects(store, imageId), "original and two variants in the bucket");

        // 10 MiB: more than one 8 MiB part, so a multipart upload
        byte[] big = new byte[10 << 20];
        new Random(7).nextBytes(big);
        System.arraycopy("%PDF-1.7\n".getBytes(), 0, big, 0, 9);
        JsonObject document = ok(upload(author.token(), "book.pdf", "application/pdf", big), 201);
        String docId = document.getString("id");
        assertEquals(sha256(big), document.getString("sha256"));
        HttpResponse<Buffer> whole = api.get("/api/v1/media/" + docId + "/download", author.token());
        assertEquals(200, whole.statusCode());
        assertArrayEquals(big, whole.body().getBytes(), "streamed back whole from the bucket");
        long from = (9L << 20) - 5;
        HttpResponse<Buffer> part = app.client
                .get("/api/v1/media/" + docId + "/download")
                .putHeader("Authorization", "Bearer " + author.token())
                .putHeader("Range", "bytes=" + from + "-" + (from + 99))
                .send()
                .await(20, TimeUnit.SECONDS);
        assertEquals(206, part.statusCode());
        assertEquals("bytes " + from + "-" + (from + 99) + "/" + big.length, part.getHeader("Content-Range"));
        assertArrayEquals(
                Arrays.copyOfRange(big, (int) from, (int) from + 100),
                part.body().getBytes(),
                "across parts");

        for (String id : new String[] {imageId, docId}) {
            assertEquals(204, api.delete("/api/v1/media/" + id, author.token()).statusCode());
        }
        Eventually.await(
                () -> objects(store, imageId) == 0 && objects(store, docId) == 0, 15_000, "the bucket emptied");
        assertFalse(ok(api.get("/api/v1/media", author.token()), 200)
                        .getJsonArray("data")
                        .size()
                > 0);
        assertTrue(
                Files.list(java.nio.file.Path.of(app.config.data().dir(), "media", ".uploads"))
                        .findAny()
                        .isEmpty(),
                "no temporary upload left on the machine");
    }

    @Test
    void aDirectUploadGoesStraightToTheBucketThroughAPresignedUrl() throws Exception {
        Authoring.User author = Authoring.in(app).author();
        BlobStore store = blobs.getBlobStore();
        byte[] image = jpeg(800, 400);
        JsonObject ticket = ok(
                api.post(
                        "/api/v1/media/upload/signed-url",
                        new JsonObject()
                                .put("filename", "cover.jpg")
                                .put("fileSize", image.length)
                                .put("contentType", "image/jpeg"),
                        author.token()),
                201);
        URI url = URI.create(ticket.getString("url"));
        assertEquals(proxy.getPort(), url.getPort(), "the bucket's own URL, not Quire's");
        assertTrue(url.getRawQuery().contains("X-Amz-Signature="), url.toString());
        String uploadId = ticket.getString("uploadId");

        // the signature covers the length: another file does not go in
        assertEquals(403, putTo(url, "image/jpeg", Arrays.copyOf(image, image.length - 1)));
        problem(
                api.post("/api/v1/media/upload/complete", new JsonObject().put("uploadId", uploadId), author.token()),
                409,
                "media.upload_missing");
        assertEquals(200, putTo(url, "image/jpeg", image));
        JsonObject file = ok(
                api.post("/api/v1/media/upload/complete", new JsonObject().put("uploadId", uploadId), author.token()),
                201);
        assertEquals("s3", file.getString("storageProvider"));
        assertEquals(sha256(image), file.getString("sha256"), "hashed from the bucket's object");
        assertEquals(image.length, file.getLong("fileSize"));
        assertEquals(1, objects(store, file.getString("id")), "moved under Quire's key");
        assertEquals(
                0,
                store.list(BUCKET, org.jclouds.blobstore.options.ListContainerOptions.Builder.inDirectory("incoming"))
                        .size(),
                "the staging object is gone");
        HttpResponse<Buffer> back = api.get("/api/v1/media/" + file.getString("id") + "/download", author.token());
        assertArrayEquals(image, back.body().getBytes());
    }

    @Test
    void aFetchFromAPrivateAddressIsRefusedWhenTheyAreNotAllowed() throws Exception {
        Authoring.User author = Authoring.in(app).author();
        JsonObject session = ok(
                api.post(
                        "/api/v1/media/upload/from-url",
                        new JsonObject().put("url", "http://127.0.0.1:" + app.port + "/health"),
                        author.token()),
                202);
        String id = session.getString("uploadId");
        Eventually.await(
                () -> !ok(api.get("/api/v1/media/upload/" + id, author.token()), 200)
                        .getString("status")
                        .equals("PENDING"),
                15_000,
                "the fetch is refused");
        JsonObject done = ok(api.get("/api/v1/media/upload/" + id, author.token()), 200);
        assertEquals("FAILED", done.getString("status"));
        assertEquals("media.url_not_allowed", done.getJsonObject("error").getString("code"));
    }

    /** A PUT straight to the presigned URL, as a browser would send it; the store's status. */
    private static int putTo(URI url, String type, byte[] body) throws Exception {
        io.vertx.core.http.HttpClient client = app.vertx.createHttpClient();
        try {
            return client.request(new io.vertx.core.http.RequestOptions()
                            .setMethod(io.vertx.core.http.HttpMethod.PUT)
                            .setAbsoluteURI(url.toString())
                            .putHeader("Content-Type", type))
                    .compose(req -> req.send(Buffer.buffer(body)))
                    .compose(r -> r.body().map(b -> r.statusCode()))
                    .await(20, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    /** The bucket's objects of file {@code id} (its keys end in the id and a suffix). */
    private static long objects(BlobStore store, String id) {
        return store.list(BUCKET, org.jclouds.blobstore.options.ListContainerOptions.Builder.recursive()).stream()
                .filter(m -> m.getName().contains(id))
                .count();
    }

    private static HttpResponse<Buffer> upload(String token, String name, String type, byte[] data) throws Exception {
        Buffer body = Buffer.buffer()
                .appendString("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                        + "\"\r\nContent-Type: " + type + "\r\n\r\n")
                .appendBytes(data)
                .appendString("\r\n--" + BOUNDARY + "--\r\n");
        return app.client
                .post("/api/v1/media/upload")
                .putHeader("Authorization", "Bearer " + token)
                .putHeader("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .sendBuffer(body)
                .await(60, TimeUnit.SECONDS);
    }
}
