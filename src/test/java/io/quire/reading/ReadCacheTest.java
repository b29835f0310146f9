package io.quire.reading;

import static io.quire.testing.Api.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.platform.cache.ReadCache;
import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.quire.testing.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The read cache across two instances sharing one database and one Redis: single flight and exact invalidation. */
class ReadCacheTest {
    static TestApp first;
    static TestApp second;
    static Api api;
    static Authoring fixtures;

    @BeforeAll
    static void start() {
        first = TestApp.start();
        second = TestApp.builder()
                .database(first.database)
                .env("QUIRE_REDIS_KEY_PREFIX", first.config.redis().keyPrefix())
                .env("QUIRE_JWT_SECRET", first.config.jwt().secret())
                .start();
        api = new Api(first);
        fixtures = Authoring.in(first);
    }

    @AfterAll
    static void stop() throws Exception {
        second.close();
        first.close();
    }

    record Book(Authoring.User author, String series, String chapter) {}

    static Book book(String text) {
        Authoring.User author = fixtures.author();
        String site = fixtures.site(author).getString("id");
        String series = fixtures.series(author, site).getString("id");
        ok(api.post("/api/v1/series/" + series + "/publish", null, author.token()), 200);
        String chapter = fixtures.chapter(author, series, "One", text).getString("id");
        ok(api.post("/api/v1/chapters/" + chapter + "/publish", null, author.token()), 200);
        return new Book(author, series, chapter);
    }

    /** Waits until the book's own publish events have been dispatched and their invalidations delivered. */
    static void settle() throws Exception {
        Eventually.await(() -> pendingReadEvents() == 0, 5_000, "the outbox to drain");
        Thread.sleep(200);
    }

    static long pendingReadEvents() {
        try {
            return first.db
                    .preparedQuery("SELECT count(*) AS n FROM outbox WHERE dispatched_at IS NULL AND topic = ANY($1)")
                    .execute(io.vertx.sqlclient.Tuple.of(ReadInvalidations.SERIES_TOPICS.toArray(String[]::new)))
                    .await(5, TimeUnit.SECONDS)
                    .iterator()
                    .next()
                    .getLong("n");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    static ReadCache cacheOf(TestApp app) {
        return ReadCache.shared(app.app.vertx(), app.config);
    }

    static HttpResponse<Buffer> read(TestApp app, String chapter) throws Exception {
        return app.client.get("/api/v1/chapters/" + chapter + "/read").send().await(10, TimeUnit.SECONDS);
    }

    @Test
    void anUpdateReachesBothInstancesWithinASecond() throws Exception {
        Book b = book("Before.");
        for (TestApp app : List.of(first, second)) {
            assertEquals("<p>Before.</p>\n", ok(read(app, b.chapter()), 200).getString("contentHtml"));
            assertEquals(
                    "<p>Before.</p>\n",
                    ok(read(app, b.chapter()), 200).getString("contentHtml"),
                    "now served from the cache");
        }
        ok(
                api.call(
                        HttpMethod.PUT,
                        "/api/v1/chapters/" + b.chapter() + "/content",
                        new JsonObject().put("content", "After.").put("baseRevision", 2),
                        b.author().token()),
                200);
        long committed = System.currentTimeMillis();
        for (TestApp app : List.of(second, first)) {
            while (!"<p>After.</p>\n".equals(ok(read(app, b.chapter()), 200).getString("contentHtml"))) {
                assertTrue(
                        System.currentTimeMillis() - committed < 1_000,
                        "instance on port " + app.port + " still served the old text after 1 s");
                Thread.sleep(10);
            }
        }
    }

    @Test
    void anUpdateEvictsOnlyItsOwnSeries() throws Exception {
        Book changed = book("Mine.");
        Book untouched = book("Theirs.");
        ok(read(second, changed.chapter()), 200);
        ok(read(second, untouched.chapter()), 200);
        ok(
                api.call(
                        HttpMethod.PUT,
                        "/api/v1/chapters/" + changed.chapter() + "/content",
                        new JsonObject().put("content", "Mine, revised.").put("baseRevision", 2),
                        changed.author().token()),
                200);
        long deadline = System.currentTimeMillis() + 2_000;
        while (!"<p>Mine, revised.</p>\n"
                .equals(ok(read(second, changed.chapter()), 200).getString("contentHtml"))) {
            assertTrue(System.currentTimeMillis() < deadline, "the changed chapter was never evicted");
            Thread.sleep(10);
        }
        long loads = cacheOf(second).loads();
        assertEquals(
                "<p>Theirs.</p>\n", ok(read(second, untouched.chapter()), 200).getString("contentHtml"));
        assertEquals(loads, cacheOf(second).loads(), "the other series' chapter is still served from the cache");
    }

    @Test
    void twoHundredConcurrentMissesOnTwoInstancesReadTheDatabaseOnce() throws Exception {
        Book b = book("Hot.");
        settle();
        long databaseBefore = cacheOf(first).databaseLoads() + cacheOf(second).databaseLoads();
        for (TestApp app : List.of(first, second)) {
            long before = cacheOf(app).loads();
            List<Future<HttpResponse<Buffer>>> all = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                all.add(app.client
                        .get("/api/v1/chapters/" + b.chapter() + "/read")
                        .send());
            }
            Future.all(all).await(30, TimeUnit.SECONDS);
            for (var f : all) {
                assertEquals("<p>Hot.</p>\n", ok(f.result(), 200).getString("contentHtml"));
            }
            assertEquals(1, cacheOf(app).loads() - before, "one fill for 200 concurrent misses");
        }
        // the first instance read the database and stored the entry in Redis; the second filled from Redis
        assertEquals(
                1,
                cacheOf(first).databaseLoads() + cacheOf(second).databaseLoads() - databaseBefore,
                "one database read across both instances");
    }
}
