package io.quire.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.TestApp;
import io.quire.testing.TestRoutes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every error the platform produces is RFC 9457 problem+json with a stable code and the request id. */
class ProblemResponsesTest {
    static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.builder()
                .env("QUIRE_HTTP_BODY_LIMIT_BYTES", "4096")
                .routes(TestRoutes::mount)
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    private static HttpResponse<Buffer> send(HttpMethod method, String path, String contentType, String body)
            throws Exception {
        var request = app.client.request(method, path);
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        return (body == null ? request.send() : request.sendBuffer(Buffer.buffer(body))).await(10, TimeUnit.SECONDS);
    }

    /** Asserts the common shape and returns the body for case-specific checks. */
    private static JsonObject problem(HttpResponse<Buffer> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.bodyAsString());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        JsonObject body = response.bodyAsJsonObject();
        assertEquals(status, body.getInteger("status"));
        assertEquals(code, body.getString("code"));
        assertEquals("urn:quire:problem:" + code, body.getString("type"));
        assertFalse(body.getString("title").isBlank());
        assertFalse(body.getString("detail").isBlank());
        assertEquals(response.getHeader("X-Request-Id"), body.getString("requestId"));
        assertTrue(body.containsKey("errors"));
        return body;
    }

    @Test
    void unparsableJsonIs400() throws Exception {
        JsonObject body = problem(
                send(HttpMethod.POST, "/test/echo", "application/json", "{\"title\": "), 400, "request.malformed_json");
        assertEquals("The request body is not valid JSON.", body.getString("detail"));
    }

    @Test
    void validJsonPassesThrough() throws Exception {
        var response = send(HttpMethod.POST, "/test/echo", "application/json", "{\"title\":\"ok\"}");
        assertEquals(200, response.statusCode());
        assertEquals(new JsonObject().put("title", "ok"), response.bodyAsJsonObject());
    }

    @Test
    void unknownRouteIs404() throws Exception {
        JsonObject body = problem(send(HttpMethod.GET, "/api/v1/nothing-here", null, null), 404, "route.not_found");
        assertEquals("No resource at /api/v1/nothing-here.", body.getString("detail"));
    }

    @Test
    void wrongMethodIs405WithAllow() throws Exception {
        var response = send(HttpMethod.DELETE, "/health/ready", null, null);
        problem(response, 405, "route.method_not_allowed");
        assertEquals("GET, HEAD, OPTIONS", response.getHeader("Allow"));
    }

    @Test
    void bodyOverTheLimitIs413() throws Exception {
        problem(
                send(HttpMethod.POST, "/test/echo", "application/json", "{\"x\":\"" + "a".repeat(5000) + "\"}"),
                413,
                "request.too_large");
    }

    @Test
    void wrongContentTypeIs415() throws Exception {
        JsonObject body = problem(
                send(HttpMethod.POST, "/test/echo", "text/plain", "hello"), 415, "request.unsupported_media_type");
        assertEquals("This endpoint does not accept the Content-Type 'text/plain'.", body.getString("detail"));
    }

    @Test
    void validationFailureIs422WithFieldErrors() throws Exception {
        JsonObject body = problem(send(HttpMethod.GET, "/test/invalid", null, null), 422, "test.invalid");
        assertEquals(
                new JsonArray().add(new JsonObject().put("field", "title").put("message", "must not be blank")),
                body.getJsonArray("errors"));
    }

    @Test
    void rateLimitedIs429WithRetryAfter() throws Exception {
        var response = send(HttpMethod.GET, "/test/limited", null, null);
        problem(response, 429, "test.rate_limited");
        assertEquals("42", response.getHeader("Retry-After"));
    }

    @Test
    void unexpectedExceptionIs500WithoutDetails() throws Exception {
        var response = send(HttpMethod.GET, "/test/boom", null, null);
        JsonObject body = problem(response, 500, "internal");
        assertFalse(response.bodyAsString().contains("secret internal detail"));
        assertFalse(response.bodyAsString().contains("IllegalStateException"));
        assertFalse(response.bodyAsString().contains("at io.quire"));
        assertEquals("Internal Server Error", body.getString("title"));
    }

    @Test
    void unavailableIs503WithRetryAfter() throws Exception {
        var response = send(HttpMethod.GET, "/test/unavailable", null, null);
        problem(response, 503, "test.unavailable");
        assertEquals("5", response.getHeader("Retry-After"));
    }

    @Test
    void headersOverTheLimitAre431ProblemJson() throws Exception {
        var response = app.client
                .get("/health/live")
                .putHeader("X-Padding", "x".repeat(10_000))
                .send()
                .await(10, TimeUnit.SECONDS);
        JsonObject body = problem(response, 431, "request.headers_too_large");
        assertEquals("Request Header Fields Too Large", body.getString("title"));
    }

    @Test
    void aRequestLineOverTheLimitIs414ProblemJson() throws Exception {
        var response = app.client
                .get("/api/v1/tags/search?q=" + "x".repeat(5_000))
                .send()
                .await(10, TimeUnit.SECONDS);
        assertEquals(
                "URI Too Long", problem(response, 414, "request.uri_too_long").getString("title"));
    }

    @Test
    void anInvalidBearerTokenIsRefusedEvenWhereNoneIsNeeded() throws Exception {
        var response = app.client
                .get("/api/v1/series/" + java.util.UUID.randomUUID() + "/public")
                .putHeader("Authorization", "Bearer not-a-token")
                .send()
                .await(10, TimeUnit.SECONDS);
        problem(response, 401, "auth.invalid_token");
    }

    @Test
    void aJsonBodyThatIsNotAnObjectIs400() throws Exception {
        JsonObject body = problem(
                send(HttpMethod.POST, "/api/v1/auth/login", "application/json", "[1, 2]"),
                400,
                "request.not_an_object");
        assertEquals("The request body must be a JSON object.", body.getString("detail"));
    }
}
