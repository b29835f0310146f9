package io.quire.verticle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.App;
import io.quire.platform.db.StartupException;
import io.quire.platform.files.AppFiles;
import io.quire.testing.TestApp;
import io.quire.testing.TestDatabases;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code QUIRE_VERTICLES} decides what a process runs; readiness checks exactly those. */
class VerticleSelectionTest {

    private static List<String> checkNames(TestApp app) throws Exception {
        JsonObject ready = app.client
                .get("/health/ready")
                .send()
                .await(5, TimeUnit.SECONDS)
                .bodyAsJsonObject();
        return ready.getJsonArray("checks").stream()
                .map(c -> ((JsonObject) c).getString("name"))
                .toList();
    }

    @Test
    void httpAloneRunsOnlyTheHttpVerticle() throws Exception {
        try (TestApp app = TestApp.builder()
                .env("QUIRE_VERTICLES", "http")
                .env("QUIRE_HTTP_INSTANCES", "2")
                .start()) {
            assertEquals(1, app.app.vertx().deploymentIDs().size(), "one deployment (of two instances), nothing else");
            assertEquals(List.of("postgres+migrations", "redis", "readCache", "lifecycle"), checkNames(app));
        }
    }

    @Test
    void everyVerticleAnswersReadinessWhenAllRun() throws Exception {
        try (TestApp app = TestApp.builder().env("QUIRE_HTTP_INSTANCES", "1").start()) {
            List<String> names = checkNames(app);
            assertTrue(
                    names.containsAll(List.of("verticle:ingest", "verticle:webhooks", "verticle:workers")),
                    names.toString());
            assertEquals(4, app.app.vertx().deploymentIDs().size());
        }
    }

    @Test
    void anUnreachableRedisStopsStartupWithAClearMessage() {
        var database = TestDatabases.fresh();
        try {
            var config = TestApp.builder()
                    .env("QUIRE_REDIS_URL", "redis://127.0.0.1:1/0")
                    .env("QUIRE_STARTUP_WAIT_SECONDS", "1")
                    .config(database);
            StartupException e =
                    assertThrows(StartupException.class, () -> App.start(config, new AppFiles(Path.of("."))));
            assertTrue(
                    e.getMessage().startsWith("Redis at redis://127.0.0.1:1/0 is unreachable after 1s"),
                    e.getMessage());
        } finally {
            TestDatabases.drop(database.database());
        }
    }
}
