package io.quire.cli;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A small blocking client of a running Quire's public API, for commands that act as a user would ({@code
 * seed-demo}). Blocking is right here: a CLI's main thread, no event loop. An answer other than the expected
 * status stops the command with the problem's {@code code} and {@code detail}.
 */
final class ApiCalls {
    /** The server answered with a problem, or not at all. */
    static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    ApiCalls(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    /** True when {@code /health/ready} answers 200. */
    boolean ready() {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/health/ready"))
                    .timeout(Duration.ofSeconds(5))
                    .GET()
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    JsonObject post(String path, String token, Object body, int expected) {
        return send("POST", path, token, null, body, expected);
    }

    JsonObject patch(String path, String token, Object body, int expected) {
        return send("PATCH", path, token, null, body, expected);
    }

    JsonObject get(String path, String token, int expected) {
        return send("GET", path, token, null, null, expected);
    }

    /** A batch of analytics events under a site's public ingest key, as a browser collector sends it. */
    JsonObject events(String ingestKey, JsonArray events) {
        return send("POST", "/api/v1/analytics/events", null, ingestKey, events, 202);
    }

    private JsonObject send(String method, String path, String token, String ingestKey, Object body, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64) quire-seed-demo");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (ingestKey != null) {
            request.header("X-Quire-Key", ingestKey);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(String.valueOf(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Failed("nothing answers at " + base + "; start Quire first (java -jar quire.jar) or pass --url");
        } catch (IOException e) {
            throw new Failed(method + " " + path + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failed("interrupted");
        }
        JsonObject answer = parse(response.body());
        if (response.statusCode() != expected) {
            throw new Failed(method + " " + path + " answered " + response.statusCode() + " "
                    + answer.getString("code", "") + ": " + answer.getString("detail", response.body()));
        }
        return answer;
    }

    private static JsonObject parse(String body) {
        if (body == null || body.isBlank()) {
            return new JsonObject();
        }
        try {
            return new JsonObject(body);
        } catch (DecodeException notAnObject) {
            return new JsonObject().put("detail", body);
        }
    }
}
