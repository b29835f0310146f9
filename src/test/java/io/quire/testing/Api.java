package io.quire.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.concurrent.TimeUnit;

/** JSON calls against a test app, and the problem+json assertion every error test uses. */
public final class Api {
    private final WebClient client;

    public Api(TestApp app) {
        this.client = app.client;
    }

    public HttpResponse<Buffer> call(HttpMethod method, String path, JsonObject body, String bearer) {
        HttpRequest<Buffer> request = client.request(method, path);
        if (bearer != null) {
            request.putHeader("Authorization", "Bearer " + bearer);
        }
        try {
            return (body == null ? request.send() : request.sendJsonObject(body)).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<Buffer> get(String path, String bearer) {
        return call(HttpMethod.GET, path, null, bearer);
    }

    public HttpResponse<Buffer> post(String path, JsonObject body, String bearer) {
        return call(HttpMethod.POST, path, body == null ? new JsonObject() : body, bearer);
    }

    public HttpResponse<Buffer> patch(String path, JsonObject body, String bearer) {
        return call(HttpMethod.PATCH, path, body, bearer);
    }

    public HttpResponse<Buffer> put(String path, JsonObject body, String bearer) {
        return call(HttpMethod.PUT, path, body, bearer);
    }

    public HttpResponse<Buffer> delete(String path, String bearer) {
        return call(HttpMethod.DELETE, path, null, bearer);
    }

    /** The JSON body of a response that must have {@code status}. */
    public static JsonObject ok(HttpResponse<Buffer> response, int status) {
        assertEquals(status, response.statusCode(), response.bodyAsString());
        return status == 204 ? new JsonObject() : response.bodyAsJsonObject();
    }

    /** Asserts a problem+json with this status and code; returns the body. */
    public static JsonObject problem(HttpResponse<Buffer> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.bodyAsString());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        JsonObject body = response.bodyAsJsonObject();
        assertEquals(code, body.getString("code"), body.encodePrettily());
        assertEquals(status, body.getInteger("status"));
        assertTrue(
                body.getString("requestId") != null && !body.getString("detail").isBlank());
        return body;
    }

    /** The message of the field error on {@code field}, asserting there is one. */
    public static String fieldError(JsonObject problem, String field) {
        return problem.getJsonArray("errors").stream()
                .map(JsonObject.class::cast)
                .filter(e -> e.getString("field").equals(field))
                .map(e -> e.getString("message"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no error on " + field + ": " + problem.encode()));
    }
}
