package io.quire.platform.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * The process-wide, bounded, in-memory cache of public read models. One per Vert.x instance (all HTTP verticle
 * instances share it), so a miss on a hot key is loaded once per process: concurrent callers of {@link #get} for
 * the same key wait on the same load (single flight).
 *
 * <p>Every entry names the scopes it was built from (e.g. {@code series:<id>}, {@code site:<id>}). An
 * invalidation names scopes too and evicts exactly the entries that share one — plus any load still in flight,
 * since it may have read the old rows. The TTL is only the safety net for an invalidation that never arrived.
 */
public final class ReadCache implements Shareable {
    /** Local event-bus address where invalidations arrive (bridged from Redis pub/sub by {@link InvalidationBridge}). */
    public static final String ADDRESS = "quire.cache.invalidate";

    /** How a value travels through the Redis tier. */
    public interface Codec<V> {
        Buffer encode(V value);

        V decode(Buffer bytes);
    }

    /** A cached value, the scopes whose change makes it stale, and roughly what it costs the heap in bytes. */
    public record Scoped<V>(V value, Set<String> scopes, int bytes) {
        public Scoped(V value, Set<String> scopes) {
            this(value, scopes, 1024);
        }
    }

    private final AsyncCache<String, Scoped<?>> cache;
    private final boolean enabled;
    private final SharedTier tier;
    private final LongAdder loads = new LongAdder();
    private final LongAdder databaseLoads = new LongAdder();
    private final LongAdder sharedHits = new LongAdder();
    private volatile boolean feedUp;

    private ReadCache(QuireConfig.Cache config, SharedTier tier) {
        this.enabled = config.enabled();
        this.tier = tier;
        this.cache = Caffeine.newBuilder()
                // bounded by bytes, not entries: a chapter entry can be 1 KB or 100 KB
                .maximumWeight(config.maxMegabytes() * 1024L * 1024L)
                .weigher((String key, Scoped<?> value) -> value.bytes())
                .expireAfterWrite(Duration.ofSeconds(config.ttlSeconds()))
                .buildAsync();
    }

    /**
     * This Vert.x instance's cache, created on first use; it listens on {@link #ADDRESS} from then on, and with
     * {@code reading.cache.redis} keeps its own Redis client for the shared tier.
     */
    public static ReadCache shared(Vertx vertx, QuireConfig quire) {
        QuireConfig.Cache config = quire.reading().cache();
        LocalMap<String, ReadCache> map = vertx.sharedData().getLocalMap("quire.readCache");
        synchronized (map) {
            ReadCache existing = map.get("cache");
            if (existing != null) {
                return existing;
            }
            SharedTier tier = config.enabled() && config.redis()
                    ? new SharedTier(RedisClients.create(vertx, quire.redis()), quire.redis(), config)
                    : null;
            ReadCache created = new ReadCache(config, tier);
            vertx.eventBus().<JsonObject>localConsumer(ADDRESS, m -> created.invalidate(m.body()));
            vertx.eventBus().<JsonObject>localConsumer(ADDRESS + ".all", m -> created.invalidateAll());
            map.put("cache", created);
            return created;
        }
    }

    /** {@link #get(Vertx, String, Codec, Supplier)} for values that skip the Redis tier. */
    public <V> Future<V> get(Vertx vertx, String key, Supplier<Future<Scoped<V>>> loader) {
        return get(vertx, key, null, loader);
    }

    /**
     * The cached value of {@code key}; on a miss (filled at most once at a time per key) the Redis tier's copy when
     * {@code codec} is given and it has one, else the result of {@code loader}, which is then stored there too.
     * Failures are not cached. The answer completes on the caller's context.
     */
    @SuppressWarnings("unchecked")
    public <V> Future<V> get(Vertx vertx, String key, Codec<V> codec, Supplier<Future<Scoped<V>>> loader) {
        if (!enabled) {
            loads.increment();
            databaseLoads.increment();
            return loader.get().map(Scoped::value);
        }
        // a plain lookup first: get(key, loader) goes through computeIfAbsent, which showed in read-path profiles
        CompletableFuture<Scoped<?>> present = cache.getIfPresent(key);
        if (present != null && present.isDone() && !present.isCompletedExceptionally()) {
            return Future.succeededFuture((V) present.join().value());
        }
        CompletableFuture<Scoped<?>> pending = cache.get(key, (k, executor) -> {
            loads.increment();
            return fill(key, codec, loader)
                    .toCompletionStage()
                    .toCompletableFuture()
                    .thenApply(s -> (Scoped<?>) s);
        });
        if (pending.isDone() && !pending.isCompletedExceptionally()) {
            return Future.succeededFuture(
                    (V) pending.join().value()); // a load that finished at once: no hop through the context
        }
        return Future.fromCompletionStage(pending, vertx.getOrCreateContext())
                .recover(e -> Future.failedFuture(
                        e instanceof CompletionException && e.getCause() != null ? e.getCause() : e))
                .map(s -> (V) s.value());
    }

    /** A local miss: the Redis tier's copy, or the loader's answer stored there for the other instances. */
    private <V> Future<Scoped<V>> fill(String key, Codec<V> codec, Supplier<Future<Scoped<V>>> loader) {
        if (tier == null || codec == null) {
            databaseLoads.increment();
            return loader.get();
        }
        return tier.fetch(key).compose(fetched -> {
            if (fetched.value() != null) {
                Scoped<V> stored = unwrap(fetched.value(), codec);
                if (stored != null) {
                    sharedHits.increment();
                    return Future.succeededFuture(stored);
                }
            }
            databaseLoads.increment();
            // the miss waits for the store, so an instance asking next finds it; a failed store costs nothing
            return loader.get()
                    .compose(loaded -> tier.store(key, wrap(loaded, codec), loaded.scopes(), fetched)
                            .map(loaded));
        });
    }

    /** [scope count][scopes][heap estimate][value]: the scopes travel with the value, for local invalidation. */
    private static <V> Buffer wrap(Scoped<V> scoped, Codec<V> codec) {
        Buffer out = Buffer.buffer().appendInt(scoped.scopes().size());
        for (String scope : scoped.scopes()) {
            byte[] bytes = scope.getBytes(StandardCharsets.UTF_8);
            out.appendInt(bytes.length).appendBytes(bytes);
        }
        return out.appendInt(scoped.bytes()).appendBuffer(codec.encode(scoped.value()));
    }

    /** Null for bytes this build cannot read (another version wrote them): the database answers instead. */
    private static <V> Scoped<V> unwrap(Buffer in, Codec<V> codec) {
        try {
            int pos = 0;
            int count = in.getInt(pos);
            pos += 4;
            Set<String> scopes = new java.util.HashSet<>();
            for (int i = 0; i < count; i++) {
                int length = in.getInt(pos);
                scopes.add(in.getString(pos + 4, pos + 4 + length, "UTF-8"));
                pos += 4 + length;
            }
            int bytes = in.getInt(pos);
            return new Scoped<>(codec.decode(in.slice(pos + 4, in.length())), Set.copyOf(scopes), bytes);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Evicts the entries sharing a scope with {@code message.scopes}, and every load still in flight. */
    public void invalidate(JsonObject message) {
        JsonArray scopes = message.getJsonArray("scopes", new JsonArray());
        cache.asMap().entrySet().removeIf(e -> {
            CompletableFuture<Scoped<?>> f = e.getValue();
            if (!f.isDone()) {
                return true;
            }
            Scoped<?> s = f.getNow(null);
            return s == null || s.scopes().stream().anyMatch(scopes::contains);
        });
    }

    /** After the invalidation feed was interrupted: anything may have changed meanwhile. */
    public void invalidateAll() {
        cache.synchronous().invalidateAll();
    }

    /** Set by {@link InvalidationBridge}: whether invalidations from other instances currently arrive. */
    void feedUp(boolean up) {
        this.feedUp = up;
    }

    /** For {@code /health/ready}: reads never fail for the cache's sake, but an operator should see a dead feed. */
    public JsonObject status() {
        return new JsonObject()
                .put("enabled", enabled)
                .put("entries", size())
                .put("loads", loads())
                .put("databaseLoads", databaseLoads.sum())
                .put("redisHits", sharedHits.sum())
                .put("redisTier", tier != null)
                .put("invalidationFeed", feedUp ? "subscribed" : "down (entries expire after their TTL)");
    }

    /** How many local misses were filled (from Redis or the database): one per key at a time, for tests and metrics. */
    public long loads() {
        return loads.sum();
    }

    /** How many fills read the database. */
    public long databaseLoads() {
        return databaseLoads.sum();
    }

    public long size() {
        return cache.synchronous().estimatedSize();
    }
}
