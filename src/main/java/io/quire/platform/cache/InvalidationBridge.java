package io.quire.platform.cache;

import io.quire.platform.config.QuireConfig;
import io.quire.platform.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries cache invalidations between instances: {@link #publish} sends one on the Redis channel, and every
 * process keeps one subscribed connection that forwards what arrives onto its local event bus at
 * {@link ReadCache#ADDRESS}. A dropped subscription is retried every second; when it comes back the local
 * cache is cleared, because invalidations sent meanwhile were lost (pub/sub keeps nothing).
 */
public final class InvalidationBridge {
  private static final Logger log = LoggerFactory.getLogger(InvalidationBridge.class);
  private static final long RETRY_MS = 1_000;

  private final Vertx vertx;
  private final QuireConfig.Redis config;
  private final String channel;
  private final ReadCache cache;
  private volatile boolean closed;
  private volatile boolean everSubscribed;
  private Redis client;
  private volatile RedisConnection connection;
  private final io.vertx.core.Promise<Void> firstSubscription = io.vertx.core.Promise.promise();

  public InvalidationBridge(Vertx vertx, QuireConfig.Redis config, ReadCache cache) {
    this.vertx = vertx;
    this.config = config;
    this.cache = cache;
    this.channel = channel(config);
  }

  public static String channel(QuireConfig.Redis config) {
    return RedisClients.key(config, "cache", "invalidate");
  }

  /**
   * Invalidates {@code {"scopes": [...]}}: clears them from the Redis tier and publishes the message to every
   * instance (including this one, through its subscription), in one atomic step ({@link SharedTier#invalidate}).
   */
  public static Future<Void> publish(Redis redis, QuireConfig.Redis config, int ttlSeconds, JsonObject message) {
    return SharedTier.invalidate(redis, config, ttlSeconds, channel(config), message);
  }

  /**
   * Connects and subscribes; the answer completes on the first subscription (the caller waits for it before the
   * port opens, so no invalidation published after that is missed) and never fails: a failed attempt is retried.
   */
  public Future<Void> start() {
    client = Redis.createClient(vertx, new RedisOptions().setConnectionString(config.url()));
    connect();
    return firstSubscription.future();
  }

  private void connect() {
    if (closed) {
      return;
    }
    client.connect().compose(conn -> {
      connection = conn;
      conn.handler(this::onPush);
      conn.exceptionHandler(e -> dropped(conn, e.getMessage()));
      conn.endHandler(v -> dropped(conn, "connection closed"));
      return conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel));
    }).onSuccess(v -> {
      cache.feedUp(true);
      // entries read before this subscription missed whatever was published meanwhile: the first time too
      if (everSubscribed) {
        log.info("cache invalidation feed is back; clearing the local read cache");
      }
      vertx.eventBus().publish(ReadCache.ADDRESS + ".all", new JsonObject());
      everSubscribed = true;
      firstSubscription.tryComplete();
    }).onFailure(e -> retry(e.getMessage()));
  }

  private void onPush(Response r) {
    // RESP2 delivers ["message", channel, payload] as a multi-bulk reply, RESP3 as a push
    if ((r.type() == ResponseType.PUSH || r.type() == ResponseType.MULTI) && r.size() == 3
        && "message".equals(r.get(0).toString())) {
      try {
        vertx.eventBus().publish(ReadCache.ADDRESS, new JsonObject(r.get(2).toString()));
      } catch (RuntimeException e) {
        log.warn("ignoring a malformed cache invalidation: {}", e.getMessage());
      }
    }
  }

  private void dropped(RedisConnection conn, String why) {
    if (conn != connection || closed) {
      return;
    }
    connection = null;
    cache.feedUp(false);
    retry(why);
  }

  private void retry(String why) {
    if (closed) {
      return;
    }
    log.warn("cache invalidation feed down ({}); retrying in {} ms", why, RETRY_MS);
    vertx.setTimer(RETRY_MS, t -> connect());
  }

  public void close() {
    closed = true;
    cache.feedUp(false);
    if (connection != null) {
      connection.close();
    }
    if (client != null) {
      client.close();
    }
  }
}
