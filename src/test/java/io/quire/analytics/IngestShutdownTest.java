package io.quire.analytics;

import static io.quire.analytics.AnalyticsClient.event;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quire.testing.Authoring;
import io.quire.testing.TestApp;
import io.quire.testing.TestDatabases;
import io.quire.testing.TestServices;
import io.vertx.core.json.JsonArray;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

/** A graceful stop (SIGTERM) writes the batches still waiting in the ingest verticle before the process ends. */
class IngestShutdownTest {

    @Test
    void queuedEventsAreWrittenWhenTheProcessStops() throws Exception {
        var database = TestDatabases.fresh();
        try {
            // a batch would wait 10 s to fill; the HTTP server does not wait for answers at all when stopping
            TestApp app = TestApp.builder()
                    .database(database)
                    .env("QUIRE_ANALYTICS_BATCH_MAX_WAIT_MS", "10000")
                    .env("QUIRE_HTTP_SHUTDOWN_TIMEOUT_SECONDS", "0")
                    .start();
            Authoring fixtures = Authoring.in(app);
            Authoring.User owner = fixtures.author();
            AnalyticsClient collector = new AnalyticsClient(app);
            String key = collector.key(fixtures.site(owner).getString("id"), owner);
            JsonArray events = new JsonArray()
                    .add(event("PAGE_VIEW"))
                    .add(event("PAGE_VIEW"))
                    .add(event("SHARE"));
            app.client
                    .post("/api/v1/analytics/events")
                    .putHeader("X-Quire-Key", key)
                    .putHeader("Content-Type", "application/json")
                    .sendBuffer(events.toBuffer());
            long waited = 0;
            while (queued(app) < 3 && waited < 5000) {
                Thread.sleep(20);
                waited += 20;
            }
            long started = System.currentTimeMillis();
            app.close();
            assertEquals(
                    true, System.currentTimeMillis() - started < 9000, "the stop did not wait for the batch timer");
            try (Connection c = DriverManager.getConnection(
                            "jdbc:postgresql://" + TestServices.pgHost() + ":" + TestServices.pgPort() + "/"
                                    + database.database(),
                            "postgres",
                            "");
                    ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM analytics_events")) {
                rs.next();
                assertEquals(3, rs.getInt(1), "the queued events were stored before exit");
            }
        } finally {
            TestDatabases.drop(database.database());
        }
    }

    private static long queued(TestApp app) {
        var ready = app.client.get("/health/ready").send().await();
        var body = ready.bodyAsJsonObject();
        return body.getJsonArray("checks").stream()
                .map(io.vertx.core.json.JsonObject.class::cast)
                .filter(c -> "verticle:ingest".equals(c.getString("name")) && c.getJsonObject("detail") != null)
                .mapToLong(c -> c.getJsonObject("detail").getLong("queuedEvents", 0L))
                .findFirst()
                .orElse(0L);
    }
}
