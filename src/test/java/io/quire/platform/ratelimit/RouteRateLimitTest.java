package io.quire.platform.ratelimit;

import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.TcpProxy;
import io.quire.testing.TestApp;
import io.quire.testing.TestDatabases;
import io.quire.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Route-class limits: one budget shared by every instance, per IP or per user and per class, with the standard headers. */
class RouteRateLimitTest {
    static final String MISSING_SITE = "/api/v1/sites/" + UUID.randomUUID() + "/public";

    static TestApp.Builder limited(String prefix, String secret) {
        return TestApp.builder()
                .env("QUIRE_RATE_LIMIT_ENABLED", "true")
                .env("QUIRE_REDIS_KEY_PREFIX", prefix)
                .env("QUIRE_JWT_SECRET", secret)
                .env("QUIRE_RATE_LIMIT_CLASSES_READ_ANONYMOUS_PER_MINUTE", "6")
                .env("QUIRE_RATE_LIMIT_CLASSES_READ_USER_PER_MINUTE", "4")
                .env("QUIRE_RATE_LIMIT_CLASSES_WRITE_ANONYMOUS_PER_MINUTE", "2");
    }

    @Test
    void twoInstancesShareOneBudgetAndTheSeventhReadIs429() throws Exception {
        String prefix = "quire:test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        String secret = "s".repeat(40);
        try (TestApp first = limited(prefix, secret).start();
                TestApp second =
                        limited(prefix, secret).database(first.database).start()) {
            Api[] apis = {new Api(first), new Api(second)};
            for (int i = 0; i < 6; i++) {
                HttpResponse<Buffer> r = apis[i % 2].get(MISSING_SITE, null);
                problem(r, 404, "site.not_found");
                assertEquals("6", r.getHeader("RateLimit-Limit"));
                assertEquals(String.valueOf(5 - i), r.getHeader("RateLimit-Remaining"), "request " + i);
                long reset = Long.parseLong(r.getHeader("RateLimit-Reset"));
                assertTrue(reset >= 1 && reset <= 60, "reset " + reset);
            }
            for (Api api : apis) {
                HttpResponse<Buffer> over = api.get(MISSING_SITE, null);
                JsonObject body = problem(over, 429, "ratelimit.exceeded");
                assertTrue(body.getString("detail").contains("read"), body.encode());
                long retryAfter = Long.parseLong(over.getHeader("Retry-After"));
                assertTrue(
                        retryAfter >= 1 && retryAfter <= 10,
                        "one request's worth of a 6-a-minute budget: " + retryAfter);
                assertEquals("0", over.getHeader("RateLimit-Remaining"));
                assertEquals("6", over.getHeader("RateLimit-Limit"));
            }

            // writes are another class with their own budget (a bad body still spends it)
            for (int i = 0; i < 2; i++) {
                problem(apis[i].post("/api/v1/sites", new JsonObject(), null), 401, "auth.unauthenticated");
            }
            problem(apis[0].post("/api/v1/sites", new JsonObject(), null), 429, "ratelimit.exceeded");
            // ingestion spends its own budget and gateway webhooks none, though both are POSTs to declared endpoints
            HttpResponse<Buffer> ingest = apis[0].post("/api/v1/analytics/events", new JsonObject(), null);
            assertTrue(
                    ingest.statusCode() != 429, "ingestion is not on the spent write budget: " + ingest.bodyAsString());
            HttpResponse<Buffer> webhook =
                    apis[0].post("/api/v1/webhooks/stripe/" + UUID.randomUUID(), new JsonObject(), null);
            assertTrue(webhook.statusCode() != 429, "gateway webhooks are exempt: " + webhook.bodyAsString());
            assertEquals(null, webhook.getHeader("RateLimit-Limit"), "no budget at all");

            // a signed-in reader is counted by user, not by the address everyone here shares
            Authoring.User reader = Authoring.in(first).reader();
            for (int i = 0; i < 4; i++) {
                HttpResponse<Buffer> r = apis[i % 2].get(MISSING_SITE, reader.token());
                problem(r, 404, "site.not_found");
                assertEquals("4", r.getHeader("RateLimit-Limit"));
            }
            problem(apis[1].get(MISSING_SITE, reader.token()), 429, "ratelimit.exceeded");

            // operations endpoints are never limited
            assertEquals(
                    200,
                    first.client
                            .get("/health/live")
                            .send()
                            .await(10, TimeUnit.SECONDS)
                            .statusCode());
        }
    }

    @Test
    void withRedisGoneTheLimiterFailsOpenByDefaultAndClosedWhenConfigured() throws Exception {
        Vertx proxyVertx = Vertx.vertx();
        TcpProxy redis = new TcpProxy(proxyVertx, TestServices.redisHost(), TestServices.redisPort()).up();
        io.quire.platform.db.PgTarget database = TestDatabases.fresh();
        try (TestApp open = limited("quire:test:" + UUID.randomUUID().toString().substring(0, 8) + ":", "o".repeat(40))
                        .database(database)
                        .env("QUIRE_REDIS_URL", "redis://127.0.0.1:" + redis.port() + "/0")
                        .start();
                TestApp closed = limited(
                                "quire:test:" + UUID.randomUUID().toString().substring(0, 8) + ":", "c".repeat(40))
                        .database(database)
                        .env("QUIRE_RATE_LIMIT_FAIL_OPEN", "false")
                        .env("QUIRE_REDIS_URL", "redis://127.0.0.1:" + redis.port() + "/0")
                        .start()) {
            redis.down();
            // more than the budget of 6, all answered by the feature (404), none refused by the limiter
            for (int i = 0; i < 10; i++) {
                problem(new Api(open).get(MISSING_SITE, null), 404, "site.not_found");
            }
            problem(new Api(closed).get(MISSING_SITE, null), 503, "ratelimit.unavailable");
            redis.up(); // before the apps close: closing clears their Redis keys through the proxy
        } finally {
            redis.close();
            proxyVertx.close().await(5, TimeUnit.SECONDS);
            TestDatabases.drop(database.database());
        }
    }
}
