package io.quire.analytics;

import static io.quire.analytics.AnalyticsClient.event;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.TcpProxy;
import io.quire.testing.TestApp;
import io.quire.testing.TestDatabases;
import io.quire.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The promises behind the 202: an acknowledged event is a stored event, even when Postgres goes away in the middle
 * of a batch; and past the queue's bound the answer is 429, not more memory.
 */
class IngestDurabilityTest {
    static Vertx proxyVertx;
    static TcpProxy pgProxy;
    static TestApp app;
    static AnalyticsClient collector;
    static String key;

    @BeforeAll
    static void start() throws Exception {
        proxyVertx = Vertx.vertx();
        pgProxy = new TcpProxy(proxyVertx, TestServices.pgHost(), TestServices.pgPort()).up();
        var database = TestDatabases.fresh();
        app = TestApp.builder()
                .database(database)
                .env("QUIRE_PG_URL", "postgresql://postgres@127.0.0.1:" + pgProxy.port() + "/" + database.database())
                .env("QUIRE_ANALYTICS_MAX_QUEUED_EVENTS", "100")
                .env("QUIRE_ANALYTICS_BATCH_ROWS", "50")
                .env("QUIRE_ANALYTICS_BATCH_MAX_WAIT_MS", "1500")
                .env("QUIRE_RATE_LIMIT_ENABLED", "true")
                .env("QUIRE_ANALYTICS_SITE_REQUESTS_PER_MINUTE", "100")
                .start();
        collector = new AnalyticsClient(app);
        Authoring fixtures = Authoring.in(app);
        Authoring.User owner = fixtures.author();
        key = collector.key(fixtures.site(owner).getString("id"), owner);
    }

    @AfterAll
    static void stop() throws Exception {
        String database = app.database.database();
        app.close();
        pgProxy.close();
        proxyVertx.close().await(5, TimeUnit.SECONDS);
        TestDatabases.drop(database);
    }

    private static JsonArray batch(int n) {
        JsonArray events = new JsonArray();
        for (int i = 0; i < n; i++) {
            events.add(event("PAGE_VIEW"));
        }
        return events;
    }

    private static Future<HttpResponse<Buffer>> postAsync(JsonArray events) {
        return app.client
                .post("/api/v1/analytics/events")
                .putHeader("X-Quire-Key", key)
                .putHeader("Content-Type", "application/json")
                .sendBuffer(events.toBuffer());
    }

    @Test
    void nothingIsAcknowledgedThatIsNotStoredWhenPostgresGoesAwayMidBatch() throws Exception {
        ok(collector.post(key, batch(1)), 202); // the day's salt and the key are loaded
        Set<String> acknowledged = new HashSet<>();
        int refused = 0;
        for (int round = 0; round < 6; round++) {
            List<JsonArray> sent = new ArrayList<>();
            List<Future<HttpResponse<Buffer>>> answers = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                JsonArray events = batch(10);
                sent.add(events);
                answers.add(postAsync(events));
            }
            if (round == 2) {
                Thread.sleep(30);
                pgProxy.down(); // the batches now waiting or in flight lose their connection
            }
            Future.join(new ArrayList<>(answers)).await(30, TimeUnit.SECONDS);
            for (int i = 0; i < answers.size(); i++) {
                HttpResponse<Buffer> r = answers.get(i).result();
                if (r.statusCode() == 202) {
                    sent.get(i).forEach(e -> acknowledged.add(((JsonObject) e).getString("eventId")));
                } else {
                    assertTrue(r.statusCode() == 503 || r.statusCode() == 429, r.statusCode() + " " + r.bodyAsString());
                    assertEquals("application/problem+json", r.getHeader("Content-Type"));
                    refused++;
                }
            }
            if (round == 2) {
                pgProxy.up();
            }
        }
        assertTrue(refused > 0, "the outage refused some batches");
        assertTrue(
                acknowledged.size() >= 200,
                "batches before and after the outage were acknowledged: " + acknowledged.size());
        String ids = String.join("','", acknowledged);
        assertEquals(
                acknowledged.size(),
                app.count("SELECT count(*) FROM analytics_events WHERE event_id IN ('" + ids + "')"),
                "every acknowledged event is stored");
    }

    @Test
    void eachSiteHasItsOwnIngestBudgetWithTheStandardHeaders() throws Exception {
        Authoring fixtures = Authoring.in(app);
        Authoring.User owner = fixtures.author();
        String busy = collector.key(fixtures.site(owner).getString("id"), owner);
        int accepted = 0;
        HttpResponse<Buffer> refused = null;
        long started = System.nanoTime();
        // batches of batchRows go at once, so the requests come faster than the budget refills
        for (int i = 0; i < 130 && refused == null; i++) {
            HttpResponse<Buffer> r = collector.post(busy, batch(50));
            if (r.statusCode() == 202) {
                accepted++;
                assertEquals("100", r.getHeader("RateLimit-Limit"));
            } else {
                refused = r;
            }
        }
        assertTrue(refused != null, "the site's budget ran out");
        problem(refused, 429, "analytics.site_rate_limited");
        double refilled = (System.nanoTime() - started) / 1e9 * 100 / 60;
        assertTrue(accepted <= 100 + Math.ceil(refilled), "never more than the budget and its refill: " + accepted);
        assertTrue(Integer.parseInt(refused.getHeader("Retry-After")) >= 1);
        assertEquals("0", refused.getHeader("RateLimit-Remaining"));
        ok(collector.post(key, batch(1)), 202); // another site is not affected
    }

    @Test
    void aFullQueueAnswers429AtOnceInsteadOfBuffering() throws Exception {
        Future<HttpResponse<Buffer>> waiting = postAsync(batch(40)); // under batchRows: it waits up to 1.5 s
        Thread.sleep(200);
        long started = System.currentTimeMillis();
        HttpResponse<Buffer> refused = collector.post(key, batch(70));
        assertTrue(System.currentTimeMillis() - started < 1000, "refused without waiting for the queue");
        problem(refused, 429, "analytics.overloaded");
        assertEquals("1", refused.getHeader("Retry-After"));
        assertEquals(202, waiting.await(10, TimeUnit.SECONDS).statusCode(), "what was queued is still written");
        ok(collector.post(key, batch(70)), 202);
    }
}
