package io.quire.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quire.platform.config.ConfigLoader;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.files.AppFiles;
import io.quire.platform.redis.RedisClients;
import io.quire.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Redis tier against the real Redis: what is stored, what an invalidation clears, and the race it must not lose. */
class SharedTierTest {
    Vertx vertx;
    Redis redis;
    QuireConfig config;
    SharedTier tier;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        config = new ConfigLoader(new AppFiles(Path.of(".")))
                .load(Map.of(
                        "QUIRE_ENV",
                        "test",
                        "QUIRE_PG_URL",
                        TestServices.pgUrl(),
                        "QUIRE_REDIS_URL",
                        TestServices.redisUrl(),
                        "QUIRE_REDIS_KEY_PREFIX",
                        "quire:test:" + UUID.randomUUID().toString().substring(0, 8) + ":"));
        redis = RedisClients.create(vertx, config.redis());
        tier = new SharedTier(redis, config.redis(), config.reading().cache());
    }

    @AfterEach
    void stop() throws Exception {
        invalidate("series:a", "series:b"); // clears what the test stored
        redis.close();
        vertx.close().await(5, TimeUnit.SECONDS);
    }

    void invalidate(String... scopes) throws Exception {
        SharedTier.invalidate(
                        redis,
                        config.redis(),
                        60,
                        "quire:test:channel",
                        new JsonObject().put("scopes", new JsonArray(java.util.List.of((Object[]) scopes))))
                .await(5, TimeUnit.SECONDS);
    }

    SharedTier.Fetched fetch(String key) throws Exception {
        return tier.fetch(key).await(5, TimeUnit.SECONDS);
    }

    @Test
    void aStoredEntryIsServedUntilOneOfItsScopesIsInvalidated() throws Exception {
        SharedTier.Fetched miss = fetch("k1");
        assertNull(miss.value());
        tier.store("k1", Buffer.buffer("one"), Set.of("series:a", "site:x"), miss)
                .await(5, TimeUnit.SECONDS);
        tier.store("k2", Buffer.buffer("two"), Set.of("series:b"), fetch("k2")).await(5, TimeUnit.SECONDS);
        assertEquals("one", fetch("k1").value().toString());

        invalidate("series:a");
        assertNull(fetch("k1").value(), "invalidated with its scope");
        assertEquals("two", fetch("k2").value().toString(), "another scope is untouched");
    }

    @Test
    void aLoadThatRacedAnInvalidationIsNotStored() throws Exception {
        SharedTier.Fetched before = fetch("k1"); // the miss, then the database read (old rows) ...
        invalidate("series:a"); // ... meanwhile the change commits and is published
        tier.store("k1", Buffer.buffer("old"), Set.of("series:a"), before).await(5, TimeUnit.SECONDS);
        assertNull(fetch("k1").value(), "the old rows must not reach the other instances");

        SharedTier.Fetched after = fetch("k1"); // a load that began after the change may store
        tier.store("k1", Buffer.buffer("new"), Set.of("series:a"), after).await(5, TimeUnit.SECONDS);
        assertEquals("new", fetch("k1").value().toString());
    }

    @Test
    void aNewGenerationMakesEveryStoredEntryAMiss() throws Exception {
        tier.store("k1", Buffer.buffer("before the gap"), Set.of("series:a"), fetch("k1"))
                .await(5, TimeUnit.SECONDS);
        SharedTier.Fetched raced = fetch("k2");
        SharedTier.newGeneration(redis, config.redis()).await(5, TimeUnit.SECONDS);
        assertNull(fetch("k1").value(), "an entry of an older generation may have missed an invalidation");
        tier.store("k2", Buffer.buffer("old"), Set.of("series:b"), raced).await(5, TimeUnit.SECONDS);
        assertNull(fetch("k2").value(), "a load that began before the new generation is not served from it");
        tier.store("k1", Buffer.buffer("after"), Set.of("series:a"), fetch("k1"))
                .await(5, TimeUnit.SECONDS);
        assertEquals("after", fetch("k1").value().toString());
    }

    @Test
    void withRedisUnreachableAFetchIsAMissThatIsNeverStored() throws Exception {
        Redis nowhere = Redis.createClient(vertx, "redis://127.0.0.1:1");
        SharedTier down =
                new SharedTier(nowhere, config.redis(), config.reading().cache());
        SharedTier.Fetched fetched = down.fetch("k1").await(5, TimeUnit.SECONDS);
        assertNull(fetched.value());
        assertEquals(-1, fetched.sequence());
        down.store("k1", Buffer.buffer("x"), Set.of("series:a"), fetched).await(5, TimeUnit.SECONDS);
        nowhere.close();
    }
}
