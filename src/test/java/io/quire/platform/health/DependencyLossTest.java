package io.quire.platform.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.TcpProxy;
import io.quire.testing.TestApp;
import io.quire.testing.TestDatabases;
import io.quire.testing.TestRoutes;
import io.quire.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL or Redis disappearing while the server runs (every connection cut, new ones refused, by a proxy
 * in front of the real server): readiness turns 503 within 5 s, requests needing the dependency fail fast with
 * a 503 problem, and everything recovers without a restart once it is back.
 */
class DependencyLossTest {
    Vertx proxyVertx;
    TcpProxy pgProxy;
    TcpProxy redisProxy;
    TestApp app;

    @BeforeEach
    void start() throws Exception {
        proxyVertx = Vertx.vertx();
        pgProxy = new TcpProxy(proxyVertx, TestServices.pgHost(), TestServices.pgPort()).up();
        redisProxy = new TcpProxy(proxyVertx, TestServices.redisHost(), TestServices.redisPort()).up();
        var database = TestDatabases.fresh();
        app = TestApp.builder()
                .database(database)
                .env("QUIRE_PG_URL", "postgresql://postgres@127.0.0.1:" + pgProxy.port() + "/" + database.database())
                .env("QUIRE_REDIS_URL", "redis://127.0.0.1:" + redisProxy.port() + "/0")
                .env("QUIRE_HEALTH_CHECK_TIMEOUT_MS", "1000")
                .routes(TestRoutes::mount)
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        String database = app.database.database();
        app.close();
        pgProxy.close();
        redisProxy.close();
        proxyVertx.close().await(5, TimeUnit.SECONDS);
        TestDatabases.drop(database);
    }

    private JsonObject ready(int expectedStatus) throws Exception {
        var response = app.client.get("/health/ready").send().await(10, TimeUnit.SECONDS);
        assertEquals(expectedStatus, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject();
    }

    private static boolean checkIs(JsonObject report, String name, String status) {
        return report.getJsonArray("checks").stream()
                .map(JsonObject.class::cast)
                .anyMatch(c -> c.getString("name").equals(name)
                        && c.getString("status").equals(status));
    }

    /** Polls readiness until {@code condition} holds; returns how long it took. */
    private long awaitReadiness(Predicate<JsonObject> condition, long withinMs) throws Exception {
        long started = System.currentTimeMillis();
        while (System.currentTimeMillis() - started < withinMs) {
            var response = app.client.get("/health/ready").send().await(10, TimeUnit.SECONDS);
            if (condition.test(response.bodyAsJsonObject().put("httpStatus", response.statusCode()))) {
                return System.currentTimeMillis() - started;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("readiness did not change within " + withinMs + " ms");
    }

    private void assertFast503(String path) throws Exception {
        long started = System.currentTimeMillis();
        var response = app.client.get(path).send().await(10, TimeUnit.SECONDS);
        long took = System.currentTimeMillis() - started;
        assertEquals(503, response.statusCode(), response.bodyAsString());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
        assertEquals("dependency.unavailable", response.bodyAsJsonObject().getString("code"));
        assertTrue(took < 4000, path + " took " + took + " ms");
    }

    @Test
    void postgresGoingAwayAndComingBack() throws Exception {
        JsonObject healthy = ready(200);
        assertTrue(checkIs(healthy, "postgres+migrations", "UP"));
        assertTrue(checkIs(healthy, "verticle:workers", "UP"), "the workers verticle answers on the bus");
        assertEquals(
                200,
                app.client.get("/test/db").send().await(5, TimeUnit.SECONDS).statusCode());

        pgProxy.down();
        long took = awaitReadiness(
                r -> r.getInteger("httpStatus") == 503 && checkIs(r, "postgres+migrations", "DOWN"), 5000);
        assertTrue(took < 5000);
        assertTrue(checkIs(ready(503), "redis", "UP"), "only the lost dependency is reported down");
        assertFast503("/test/db");

        pgProxy.up();
        awaitReadiness(r -> r.getInteger("httpStatus") == 200, 15000);
        assertEquals(
                "db ok",
                app.client.get("/test/db").send().await(5, TimeUnit.SECONDS).bodyAsString());
    }

    @Test
    void redisGoingAwayAndComingBack() throws Exception {
        ready(200);
        assertEquals(
                "redis ok",
                app.client.get("/test/redis").send().await(5, TimeUnit.SECONDS).bodyAsString());

        redisProxy.down();
        awaitReadiness(r -> r.getInteger("httpStatus") == 503 && checkIs(r, "redis", "DOWN"), 5000);
        assertTrue(checkIs(ready(503), "postgres+migrations", "UP"));
        assertFast503("/test/redis");

        redisProxy.up();
        awaitReadiness(r -> r.getInteger("httpStatus") == 200, 15000);
        assertEquals(
                "redis ok",
                app.client.get("/test/redis").send().await(5, TimeUnit.SECONDS).bodyAsString());
    }
}
