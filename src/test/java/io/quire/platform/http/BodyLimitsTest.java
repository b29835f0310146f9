package io.quire.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default body limit, and routes that declare their own (exact path or prefix). */
class BodyLimitsTest {
    static Vertx vertx;
    static WebClient client;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route()
                .handler(new BodyLimits(1024)
                        .override("/big", 8192)
                        .override("/uploads/*", 4096)
                        .override("/series/:id/import", 6000));
        router.post("/*")
                .handler(ctx -> ctx.response().end(String.valueOf(ctx.body().length())));
        FailureHandler.install(router);
        port = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .await(5, TimeUnit.SECONDS)
                .actualPort();
        client = WebClient.create(vertx);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(5, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{1} bytes to {0} → {2}")
    @CsvSource({
        "/small, 1000, 200",
        "/small, 2000, 413",
        "/big, 6000, 200",
        "/big, 9000, 413",
        "/big/other, 2000, 413",
        "/uploads/a/b, 4000, 200",
        "/uploads/a/b, 5000, 413",
        "/series/abc-123/import, 5000, 200",
        "/series/abc/def/import, 5000, 413",
        "/series/x/import, 7000, 413",
    })
    void limitsApplyPerRoute(String path, int bytes, int status) throws Exception {
        var response = client.post(port, "127.0.0.1", path)
                .sendBuffer(Buffer.buffer("x".repeat(bytes)))
                .await(5, TimeUnit.SECONDS);
        assertEquals(status, response.statusCode());
        if (status == 200) {
            assertEquals(String.valueOf(bytes), response.bodyAsString());
        } else {
            assertEquals("request.too_large", response.bodyAsJsonObject().getString("code"));
        }
    }

    @Test
    void anExactOverrideDoesNotCoverLongerPaths() throws Exception {
        assertEquals(
                413,
                client.post(port, "127.0.0.1", "/bigger")
                        .sendBuffer(Buffer.buffer("x".repeat(2000)))
                        .await(5, TimeUnit.SECONDS)
                        .statusCode());
    }
}
