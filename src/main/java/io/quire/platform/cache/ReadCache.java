package io.quire.platform.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quire.platform.config.QuireConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
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

  /** A cached value, the scopes whose change makes it stale, and roughly what it costs the heap in bytes. */
  public record Scoped<V>(V value, Set<String> scopes, int bytes) {
    public Scoped(V value, Set<String> scopes) {
      this(value, scopes, 1024);
    }
  }

  private final AsyncCache<String, Scoped<?>> cache;
  private final boolean enabled;
  private final LongAdder loads = new LongAdder();
  private volatile boolean feedUp;

  private ReadCache(QuireConfig.Cache config) {
    this.enabled = config.enabled();
    this.cache = Caffeine.newBuilder()
        // bounded by bytes, not entries: a chapter entry can be 1 KB or 100 KB
        .maximumWeight(config.maxMegabytes() * 1024L * 1024L)
        .weigher((String key, Scoped<?> value) -> value.bytes())
        .expireAfterWrite(Duration.ofSeconds(config.ttlSeconds()))
        .buildAsync();
  }

  /** This Vert.x instance's cache, created on first use; it listens on {@link #ADDRESS} from then on. */
  public static ReadCache shared(Vertx vertx, QuireConfig.Cache config) {
    LocalMap<String, ReadCache> map = vertx.sharedData().getLocalMap("quire.readCache");
    synchronized (map) {
      ReadCache existing = map.get("cache");
      if (existing != null) {
        return existing;
      }
      ReadCache created = new ReadCache(config);
      vertx.eventBus().<JsonObject>localConsumer(ADDRESS, m -> created.invalidate(m.body()));
      vertx.eventBus().<JsonObject>localConsumer(ADDRESS + ".all", m -> created.invalidateAll());
      map.put("cache", created);
      return created;
    }
  }

  /**
   * The cached value of {@code key}, or the result of {@code loader} (called at most once at a time per key).
   * Failures are not cached. The answer completes on the caller's context.
   */
  @SuppressWarnings("unchecked")
  public <V> Future<V> get(Vertx vertx, String key, Supplier<Future<Scoped<V>>> loader) {
    if (!enabled) {
      loads.increment();
      return loader.get().map(Scoped::value);
    }
    // a plain lookup first: get(key, loader) goes through computeIfAbsent, which showed in read-path profiles
    CompletableFuture<Scoped<?>> present = cache.getIfPresent(key);
    if (present != null && present.isDone() && !present.isCompletedExceptionally()) {
      return Future.succeededFuture((V) present.join().value());
    }
    CompletableFuture<Scoped<?>> pending = cache.get(key, (k, executor) -> {
      loads.increment();
      return loader.get().toCompletionStage().toCompletableFuture().thenApply(s -> (Scoped<?>) s);
    });
    if (pending.isDone() && !pending.isCompletedExceptionally()) {
      return Future.succeededFuture((V) pending.join().value()); // a load that finished at once: no hop through the context
    }
    return Future.fromCompletionStage(pending, vertx.getOrCreateContext())
        .recover(e -> Future.failedFuture(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e))
        .map(s -> (V) s.value());
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
    return new JsonObject().put("enabled", enabled).put("entries", size()).put("loads", loads())
        .put("invalidationFeed", feedUp ? "subscribed" : "down (entries expire after their TTL)");
  }

  /** How many times a loader ran (a database read), for tests and metrics. */
  public long loads() {
    return loads.sum();
  }

  public long size() {
    return cache.synchronous().estimatedSize();
  }
}
