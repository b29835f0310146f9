package io.quire.reading;

import static io.quire.testing.Api.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.quire.testing.Subscriptions;
import io.quire.testing.TcpProxy;
import io.quire.testing.TestApp;
import io.quire.testing.TestDatabases;
import io.quire.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Changes made while Redis is away reach every instance's cache anyway (through PostgreSQL), and once Redis is back
 * no instance serves an entry older than the outage: not from its own memory, and not from the Redis tier, whose
 * entries stored before the outage missed the invalidations. Chapters (the text) and entitlements (a subscription
 * that ended) alike, with one instance and with two sharing a database and a Redis.
 */
class InvalidationsWithoutRedisTest {
    Vertx proxyVertx;
    TcpProxy redisProxy;
    TestApp first;
    TestApp second;
    Api api;
    Authoring fixtures;

    @BeforeEach
    void start() throws Exception {
        proxyVertx = Vertx.vertx();
        redisProxy = new TcpProxy(proxyVertx, TestServices.redisHost(), TestServices.redisPort()).up();
        String prefix = "quire:test:" + UUID.randomUUID().toString().substring(0, 8) + ":";
        first = TestApp.builder()
                .database(TestDatabases.fresh())
                .env("QUIRE_REDIS_KEY_PREFIX", prefix)
                .env("QUIRE_REDIS_URL", "redis://127.0.0.1:" + redisProxy.port() + "/0")
                .start();
        second = TestApp.builder()
                .database(first.database)
                .env("QUIRE_REDIS_KEY_PREFIX", prefix)
                .env("QUIRE_JWT_SECRET", first.config.jwt().secret())
                .env("QUIRE_REDIS_URL", "redis://127.0.0.1:" + redisProxy.port() + "/0")
                .start();
        api = new Api(first);
        fixtures = Authoring.in(first);
    }

    @AfterEach
    void stop() throws Exception {
        String database = first.database.database();
        redisProxy.up();
        second.close();
        first.close();
        redisProxy.close();
        proxyVertx.close().await(5, TimeUnit.SECONDS);
        TestDatabases.drop(database);
    }

    static JsonObject read(TestApp app, String chapter, String token) throws Exception {
        var request = app.client.get("/api/v1/chapters/" + chapter + "/read");
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        return ok(request.send().await(10, TimeUnit.SECONDS), 200);
    }

    static String text(TestApp app, String chapter) throws Exception {
        return read(app, chapter, null).getString("contentHtml");
    }

    /** The {@code readCache} check's feed state, whatever the overall status (Redis down makes it 503). */
    static String feed(TestApp app) {
        try {
            JsonObject report = app.client
                    .get("/health/ready")
                    .send()
                    .await(10, TimeUnit.SECONDS)
                    .bodyAsJsonObject();
            return report.getJsonArray("checks").stream()
                    .map(JsonObject.class::cast)
                    .filter(c -> c.getString("name").equals("readCache"))
                    .findFirst()
                    .orElseThrow()
                    .getJsonObject("detail")
                    .getString("invalidationFeed");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    void redisDown() throws Exception {
        redisProxy.down();
        for (TestApp app : List.of(first, second)) {
            Eventually.await(() -> feed(app).startsWith("down"), 5_000, "the feed to be reported down");
        }
    }

    /** Redis back: once both feeds are subscribed again, {@code fresh} must hold on every read for two seconds. */
    void redisBackAndStillFresh(Check fresh) throws Exception {
        redisProxy.up();
        long back = System.currentTimeMillis();
        for (TestApp app : List.of(first, second)) {
            Eventually.await(() -> feed(app).equals("subscribed"), 10_000, "the feed to be subscribed again");
        }
        Thread.sleep(Math.max(0, 1_000 - (System.currentTimeMillis() - back)));
        long until = System.currentTimeMillis() + 2_000;
        while (System.currentTimeMillis() < until) {
            for (TestApp app : List.of(first, second)) {
                fresh.check(app);
            }
            Thread.sleep(20);
        }
    }

    interface Check {
        void check(TestApp app) throws Exception;
    }

    /** Polls {@code app} until {@code fresh} holds (the change travels through the outbox: well within 5 s). */
    static void becomes(TestApp app, Check fresh) throws Exception {
        long deadline = System.currentTimeMillis() + 5_000;
        while (true) {
            try {
                fresh.check(app);
                return;
            } catch (AssertionError e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    void aChapterChangedWhileRedisIsDownIsReadOnEveryInstanceAndNeverRollsBack() throws Exception {
        Authoring.User author = fixtures.author();
        String series =
                fixtures.series(author, fixtures.site(author).getString("id")).getString("id");
        ok(api.post("/api/v1/series/" + series + "/publish", null, author.token()), 200);
        String chapter = fixtures.chapter(author, series, "One", "First.").getString("id");
        ok(api.post("/api/v1/chapters/" + chapter + "/publish", null, author.token()), 200);
        Thread.sleep(300); // the publish invalidation lands before the caches fill
        // cached in both processes and, through the first load, in the Redis tier
        assertEquals("<p>First.</p>\n", text(first, chapter));
        assertEquals("<p>First.</p>\n", text(second, chapter));

        redisDown();
        ok(
                api.call(
                        HttpMethod.PUT,
                        "/api/v1/chapters/" + chapter + "/content",
                        new JsonObject().put("content", "First, revised.").put("baseRevision", 2),
                        author.token()),
                200);
        for (TestApp app : List.of(first, second)) {
            becomes(app, a -> assertEquals("<p>First, revised.</p>\n", text(a, chapter), "with Redis down"));
        }

        redisBackAndStillFresh(a -> assertEquals(
                "<p>First, revised.</p>\n", text(a, chapter), "an entry from before the outage came back"));
    }

    @Test
    void aSubscriptionEndedWhileRedisIsDownLocksTheChapterOnEveryInstance() throws Exception {
        Authoring.User author = fixtures.author();
        String site = fixtures.site(author).getString("id");
        String series = fixtures.series(author, site).getString("id");
        ok(api.post("/api/v1/series/" + series + "/publish", null, author.token()), 200);
        String chapter = fixtures.chapter(author, series, "Paid", "One.\n\nTwo.\n\nThree.")
                .getString("id");
        ok(
                api.patch(
                        "/api/v1/chapters/" + chapter + "/access",
                        new JsonObject().put("accessLevel", "SUBSCRIBERS"),
                        author.token()),
                200);
        ok(api.post("/api/v1/chapters/" + chapter + "/publish", null, author.token()), 200);
        String tier = fixtures.tier(author, site);
        Authoring.User reader = fixtures.reader();
        UUID subscription = Subscriptions.active(first.db, reader.id(), site, author.id(), tier);
        Thread.sleep(300);
        for (TestApp app : List.of(first, second)) {
            assertEquals(
                    false, read(app, chapter, reader.token()).getBoolean("locked"), "the subscriber reads in full");
        }

        redisDown();
        // the subscription ends: its row and the outbox event in one transaction, as the ledger does
        first.db
                .withTransaction(tx -> tx.preparedQuery(
                                "UPDATE reader_subscriptions SET status = 'EXPIRED', expires_at = now() WHERE id = $1")
                        .execute(Tuple.of(subscription))
                        .compose(v -> tx.preparedQuery(
                                        "INSERT INTO outbox (topic, aggregate_id, payload) VALUES ('subscription.updated', $1, $2)")
                                .execute(Tuple.of(
                                        subscription.toString(),
                                        new JsonObject()
                                                .put("subscriptionId", subscription.toString())
                                                .put("readerId", reader.id().toString())
                                                .put("siteId", site)
                                                .put("status", "EXPIRED")))))
                .await(5, TimeUnit.SECONDS);
        for (TestApp app : List.of(first, second)) {
            becomes(app, a -> assertTrue(read(a, chapter, reader.token()).getBoolean("locked"), "with Redis down"));
        }

        redisBackAndStillFresh(a -> assertTrue(
                read(a, chapter, reader.token()).getBoolean("locked"), "a grant from before the outage came back"));
    }
}
