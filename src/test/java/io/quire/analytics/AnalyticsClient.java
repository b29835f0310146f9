package io.quire.analytics;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Posts event batches the way collectors do: raw bodies, the ingest key header, a browser's User-Agent. */
public final class AnalyticsClient {
    public static final String CHROME =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
    public static final String IPHONE =
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
    public static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    private final TestApp app;

    public AnalyticsClient(TestApp app) {
        this.app = app;
    }

    /** The site's current public ingest key, read as its owner. */
    public String key(String siteId, Authoring.User owner) {
        return Api.ok(new Api(app).get("/api/v1/sites/" + siteId + "/analytics/ingest-key", owner.token()), 200)
                .getString("ingestKey");
    }

    public HttpResponse<Buffer> post(String key, JsonArray events) {
        return send("/api/v1/analytics/events", key, "application/json", CHROME, null, events.toBuffer());
    }

    public HttpResponse<Buffer> post(String key, JsonArray events, String userAgent) {
        return send("/api/v1/analytics/events", key, "application/json", userAgent, null, events.toBuffer());
    }

    /** Any body, any content type, optional key, bearer token and User-Agent. */
    public HttpResponse<Buffer> send(
            String path, String key, String contentType, String userAgent, String bearer, Buffer body) {
        HttpRequest<Buffer> request = app.client.post(path);
        if (key != null) {
            request.putHeader("X-Quire-Key", key);
        }
        if (contentType != null) {
            request.putHeader("Content-Type", contentType);
        }
        if (userAgent != null) {
            request.putHeader("User-Agent", userAgent);
        }
        if (bearer != null) {
            request.putHeader("Authorization", "Bearer " + bearer);
        }
        try {
            return request.sendBuffer(body).await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonObject event(String type) {
        return new JsonObject()
                .put("eventType", type)
                .put("eventId", UUID.randomUUID().toString());
    }
}
