package io.quire.reading;

import static io.quire.testing.Api.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.quire.testing.TcpProxy;
import io.quire.testing.TestApp;
import io.quire.testing.TestDatabases;
import io.quire.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Redis carries only invalidations for the read path: with it gone, reads are still served; when it returns, so is freshness. */
class ReadsWithoutRedisTest {
    Vertx proxyVertx;
    TcpProxy redisProxy;
    TestApp app;
    Api api;

    @BeforeEach
    void start() throws Exception {
        proxyVertx = Vertx.vertx();
        redisProxy = new TcpProxy(proxyVertx, TestServices.redisHost(), TestServices.redisPort()).up();
        app = TestApp.builder()
                .database(TestDatabases.fresh())
                .env("QUIRE_REDIS_URL", "redis://127.0.0.1:" + redisProxy.port() + "/0")
                .start();
        api = new Api(app);
    }

    @AfterEach
    void stop() throws Exception {
        String database = app.database.database();
        redisProxy.up();
        app.close();
        redisProxy.close();
        proxyVertx.close().await(5, TimeUnit.SECONDS);
        TestDatabases.drop(database);
    }

    String read(String chapter) throws Exception {
        return ok(app.client.get("/api/v1/chapters/" + chapter + "/read").send().await(10, TimeUnit.SECONDS), 200)
                .getString("contentHtml");
    }

    /** The {@code readCache} check's feed state, whatever the overall status (Redis down makes it 503). */
    String readCacheFeed() {
        return InvalidationsWithoutRedisTest.feed(app);
    }

    @Test
    void readsAreServedWithRedisDownAndChangesArriveOnceItIsBack() throws Exception {
        Authoring fixtures = Authoring.in(app);
        Authoring.User author = fixtures.author();
        String series =
                fixtures.series(author, fixtures.site(author).getString("id")).getString("id");
        ok(api.post("/api/v1/series/" + series + "/publish", null, author.token()), 200);
        String cached = fixtures.chapter(author, series, "One", "First.").getString("id");
        String uncached = fixtures.chapter(author, series, "Two", "Second.").getString("id");
        for (String id : new String[] {cached, uncached}) {
            ok(api.post("/api/v1/chapters/" + id + "/publish", null, author.token()), 200);
        }
        Thread.sleep(300); // let the publish invalidations land before filling the cache
        assertEquals("<p>First.</p>\n", read(cached));

        assertEquals("subscribed", readCacheFeed());
        redisProxy.down();
        Eventually.await(() -> readCacheFeed().startsWith("down"), 5_000, "/health/ready to report the feed down");
        assertEquals("<p>First.</p>\n", read(cached), "from the in-process cache");
        assertEquals("<p>Second.</p>\n", read(uncached), "from Postgres");
        assertEquals(
                2,
                ok(
                                app.client
                                        .get("/api/v1/series/" + series + "/chapters/public")
                                        .send()
                                        .await(10, TimeUnit.SECONDS),
                                200)
                        .getJsonArray("data")
                        .size());

        redisProxy.up();
        Eventually.await(() -> readCacheFeed().equals("subscribed"), 10_000, "the feed to be subscribed again");
        ok(
                api.call(
                        HttpMethod.PUT,
                        "/api/v1/chapters/" + cached + "/content",
                        new JsonObject().put("content", "First, revised.").put("baseRevision", 2),
                        author.token()),
                200);
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"<p>First, revised.</p>\n".equals(read(cached))) {
            assertTrue(
                    System.currentTimeMillis() < deadline, "the change never reached the cache after Redis came back");
            Thread.sleep(50);
        }
    }
}
