package io.quire.platform.health;

import static io.quire.testing.Api.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.TcpProxy;
import io.quire.testing.TestApp;
import io.quire.testing.TestDatabases;
import io.quire.testing.TestServices;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL cut while requests are in the middle of their queries (the proxy first holds every byte, then closes
 * every connection), and requests arriving while the pool is finding out: on public reads, signed-in reads and
 * sign-in, every answer is a 200 or a 503 {@code dependency.unavailable} problem with {@code Retry-After} — never
 * a 500. The read cache is off so every read needs the database.
 */
class PostgresCutMidRequestTest {
    Vertx proxyVertx;
    TcpProxy pgProxy;
    TestApp app;
    List<Request> requests;

    record Request(HttpMethod method, String path, JsonObject body, String token) {}

    @BeforeEach
    void start() throws Exception {
        proxyVertx = Vertx.vertx();
        pgProxy = new TcpProxy(proxyVertx, TestServices.pgHost(), TestServices.pgPort()).up();
        var database = TestDatabases.fresh();
        app = TestApp.builder()
                .database(database)
                .env("QUIRE_PG_URL", "postgresql://postgres@127.0.0.1:" + pgProxy.port() + "/" + database.database())
                .env("QUIRE_READING_CACHE_ENABLED", "false")
                .env("QUIRE_HEALTH_CHECK_TIMEOUT_MS", "1000")
                .start();
        Api api = new Api(app);
        Authoring fixtures = Authoring.in(app);
        Authoring.User author = fixtures.author();
        String site = fixtures.site(author).getString("id");
        String series = fixtures.series(author, site).getString("id");
        ok(api.post("/api/v1/series/" + series + "/publish", null, author.token()), 200);
        String chapter =
                fixtures.chapter(author, series, "One", "Words.\n\nMore words.").getString("id");
        ok(api.post("/api/v1/chapters/" + chapter + "/publish", null, author.token()), 200);
        requests = List.of(
                new Request(HttpMethod.GET, "/api/v1/sites/" + site + "/public", null, null),
                new Request(HttpMethod.GET, "/api/v1/chapters/" + chapter + "/read", null, null),
                new Request(HttpMethod.GET, "/api/v1/series/" + series + "/chapters/public", null, null),
                new Request(HttpMethod.GET, "/api/v1/series/" + series + "/chapters", null, author.token()),
                new Request(HttpMethod.GET, "/api/v1/users/me", null, author.token()),
                new Request(
                        HttpMethod.POST,
                        "/api/v1/auth/login",
                        new JsonObject().put("email", "nobody@example.com").put("password", Authoring.PASSWORD),
                        null));
    }

    @AfterEach
    void stop() throws Exception {
        String database = app.database.database();
        app.close();
        pgProxy.close();
        proxyVertx.close().await(5, TimeUnit.SECONDS);
        TestDatabases.drop(database);
    }

    /** One of each request, all at once, {@code copies} times over. */
    private List<Future<HttpResponse<Buffer>>> burst(int copies) {
        List<Future<HttpResponse<Buffer>>> sent = new ArrayList<>();
        for (int i = 0; i < copies; i++) {
            for (Request r : requests) {
                var request = app.client.request(r.method(), r.path());
                if (r.token() != null) {
                    request.putHeader("Authorization", "Bearer " + r.token());
                }
                sent.add(r.body() == null ? request.send() : request.sendJsonObject(r.body()));
            }
        }
        return sent;
    }

    /** Statuses by count; every failure must be the retryable problem. */
    private static Map<Integer, Integer> tally(List<Future<HttpResponse<Buffer>>> sent) throws Exception {
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (var f : sent) {
            HttpResponse<Buffer> r = f.await(15, TimeUnit.SECONDS);
            statuses.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() == 503) {
                assertEquals("application/problem+json", r.getHeader("Content-Type"));
                assertEquals("dependency.unavailable", r.bodyAsJsonObject().getString("code"), r.bodyAsString());
                assertNotNull(r.getHeader("Retry-After"), "a 503 says when to retry");
            } else {
                // the unknown sign-in is a 401 while the database answers
                assertTrue(r.statusCode() == 200 || r.statusCode() == 401, r.statusCode() + " " + r.bodyAsString());
            }
        }
        return statuses;
    }

    @Test
    void requestsCutInTheMiddleAnswer503NotA500() throws Exception {
        Map<Integer, Integer> healthy = tally(burst(3));
        assertEquals(Map.of(200, 15, 401, 3), healthy);

        pgProxy.hold();
        List<Future<HttpResponse<Buffer>>> inFlight = burst(20);
        Thread.sleep(300);
        pgProxy.down();
        // and more while the pool finds out that its connections are gone
        List<Future<HttpResponse<Buffer>>> during = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            during.addAll(burst(1));
            Thread.sleep(10);
        }
        Map<Integer, Integer> cut = tally(inFlight);
        Map<Integer, Integer> after = tally(during);
        assertTrue(cut.getOrDefault(503, 0) > 0, "requests in flight failed as unavailable: " + cut);
        assertTrue(after.getOrDefault(503, 0) > 0, "requests during the outage failed as unavailable: " + after);

        pgProxy.up();
        long deadline = System.currentTimeMillis() + 15_000;
        Map<Integer, Integer> back;
        do {
            Thread.sleep(200);
            back = tally(burst(1));
        } while (!back.equals(Map.of(200, 5, 401, 1)) && System.currentTimeMillis() < deadline);
        assertEquals(Map.of(200, 5, 401, 1), back, "everything answers again without a restart");
    }
}
