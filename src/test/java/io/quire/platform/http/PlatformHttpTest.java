package io.quire.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.TestApp;
import io.vertx.core.http.HttpMethod;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Request ids, CORS, compression and the docs page, through the real server. */
class PlatformHttpTest {
    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.start();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void aGivenRequestIdIsEchoed() throws Exception {
        var response = app.client
                .get("/health/live")
                .putHeader("X-Request-Id", "trace-abc.123")
                .send()
                .await(5, TimeUnit.SECONDS);
        assertEquals("trace-abc.123", response.getHeader("X-Request-Id"));
    }

    @Test
    void aMissingRequestIdIsGenerated() throws Exception {
        var first =
                app.client.get("/health/live").send().await(5, TimeUnit.SECONDS).getHeader("X-Request-Id");
        var second =
                app.client.get("/health/live").send().await(5, TimeUnit.SECONDS).getHeader("X-Request-Id");
        UUID.fromString(first);
        assertNotEquals(first, second);
    }

    @Test
    void anUnsafeRequestIdIsReplaced() throws Exception {
        var response = app.client
                .get("/nope")
                .putHeader("X-Request-Id", "bad id\" with <html>")
                .send()
                .await(5, TimeUnit.SECONDS);
        String id = response.getHeader("X-Request-Id");
        UUID.fromString(id);
        assertEquals(id, response.bodyAsJsonObject().getString("requestId"));
    }

    @Test
    void corsPreflightIsAnswered() throws Exception {
        var response = app.client
                .request(HttpMethod.OPTIONS, "/health/ready")
                .putHeader("Origin", "https://reader.example.com")
                .putHeader("Access-Control-Request-Method", "POST")
                .putHeader("Access-Control-Request-Headers", "Content-Type, Authorization")
                .send()
                .await(5, TimeUnit.SECONDS);
        assertEquals(204, response.statusCode());
        assertEquals("*", response.getHeader("Access-Control-Allow-Origin"));
        assertTrue(response.getHeader("Access-Control-Allow-Methods").contains("POST"));
    }

    @Test
    void largeResponsesAreCompressedWhenAsked() throws Exception {
        var response = app.client
                .get("/openapi.json")
                .putHeader("Accept-Encoding", "gzip")
                .send()
                .await(5, TimeUnit.SECONDS);
        assertEquals(200, response.statusCode());
        assertEquals("gzip", response.getHeader("Content-Encoding"));
    }

    @Test
    void theDocsPageAndItsAssetsAreServedLocally() throws Exception {
        var page = app.client.get("/docs").send().await(5, TimeUnit.SECONDS);
        assertEquals(200, page.statusCode());
        assertTrue(page.getHeader("Content-Type").startsWith("text/html"));
        assertTrue(page.bodyAsString().contains("/docs/assets/swagger-ui-bundle.js"));
        assertTrue(page.bodyAsString().contains("url: \"/openapi.json\""));
        var script = app.client.get("/docs/assets/swagger-ui-bundle.js").send().await(5, TimeUnit.SECONDS);
        assertEquals(200, script.statusCode());
        assertTrue(script.body().length() > 100_000);
        var missing = app.client.get("/docs/assets/nope.js").send().await(5, TimeUnit.SECONDS);
        assertEquals(404, missing.statusCode());
        assertEquals("application/problem+json", missing.getHeader("Content-Type"));
    }

    @Test
    void metricsExposeHttpPoolsEventBusAndJvm() throws Exception {
        app.client.get("/health/ready").send().await(5, TimeUnit.SECONDS);
        String metrics =
                app.client.get("/metrics").send().await(5, TimeUnit.SECONDS).bodyAsString();
        assertTrue(
                metrics.contains(
                        "vertx_http_server_requests_total{code=\"200\",method=\"GET\",route=\"/health/ready\"}"),
                metrics);
        assertTrue(metrics.contains("vertx_pool_in_use{pool_name=\"quire-main\",pool_type=\"sql\"}"));
        assertTrue(metrics.contains("vertx_eventbus_processed_total{address=\"quire.status.workers\""));
        assertTrue(metrics.contains("jvm_memory_used_bytes"));
    }
}
