package io.quire.platform.cache;

import io.quire.platform.config.QuireConfig;
import io.quire.platform.db.PgListener;
import io.quire.platform.db.PgTarget;
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
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries cache invalidations between instances: {@link #publish} sends one on the Redis channel, and every
 * process keeps one subscribed connection that forwards what arrives onto its local event bus at
 * {@link ReadCache#ADDRESS}. A dropped subscription is retried every second; when it comes back the local
 * cache is cleared and the Redis tier starts a new generation, because invalidations sent meanwhile were lost
 * (pub/sub keeps nothing) and any entry, local or shared, may be stale.
 *
 * <p>Redis is not the only road: when a publish fails, the invalidation goes out as a PostgreSQL {@code NOTIFY}
 * on {@value #PG_CHANNEL} in the outbox transaction instead, which every process also listens to, so caches are
 * evicted on commit with Redis gone; and the process owes the Redis tier a new generation, which it starts (and
 * announces, clearing every instance) as soon as Redis answers again.
 */
public final class InvalidationBridge {
    private static final Logger log = LoggerFactory.getLogger(InvalidationBridge.class);
    private static final long RETRY_MS = 1_000;
    /** The PostgreSQL channel invalidations take when Redis does not answer. */
    public static final String PG_CHANNEL = "quire_cache";
    /** Local address: a publish failed, so this process owes the Redis tier a new generation. */
    static final String MISSED = ReadCache.ADDRESS + ".missed";

    private final Vertx vertx;
    private final QuireConfig.Redis config;
    private final String channel;
    private final ReadCache cache;
    private volatile boolean closed;
    private volatile boolean everSubscribed;
    private final PgTarget pg;
    private Redis client;
    private PgListener listener;
    private volatile RedisConnection connection;
    // set by an event-bus consumer, read by a timer: both may run on different event loops
    private volatile boolean generationOwed;
    private long owedTimer = -1;
    private final io.vertx.core.Promise<Void> firstSubscription = io.vertx.core.Promise.promise();

    public InvalidationBridge(Vertx vertx, QuireConfig.Redis config, PgTarget pg, ReadCache cache) {
        this.vertx = vertx;
        this.config = config;
        this.pg = pg;
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
     * {@link #publish} from inside a transaction (the outbox's), never failing for Redis: if Redis does not answer,
     * the message is sent with {@code NOTIFY} in {@code tx} instead (delivered to every process on commit) and this
     * process is told it owes the Redis tier a new generation.
     */
    public static Future<Void> publish(
            Vertx vertx, SqlClient tx, Redis redis, QuireConfig.Redis config, int ttlSeconds, JsonObject message) {
        return publish(redis, config, ttlSeconds, message).recover(e -> {
            log.warn("cache invalidation through Redis failed ({}); sending it through PostgreSQL", e.getMessage());
            vertx.eventBus().publish(MISSED, new JsonObject());
            return tx.preparedQuery("SELECT pg_notify($1, $2)")
                    .execute(Tuple.of(PG_CHANNEL, message.encode()))
                    .mapEmpty();
        });
    }

    /**
     * Connects and subscribes; the answer completes on the first subscription (the caller waits for it before the
     * port opens, so no invalidation published after that is missed) and never fails: a failed attempt is retried.
     */
    public Future<Void> start() {
        client = Redis.createClient(vertx, new RedisOptions().setConnectionString(config.url()));
        vertx.eventBus().<JsonObject>localConsumer(MISSED, m -> generationOwed = true);
        owedTimer = vertx.setPeriodic(RETRY_MS, t -> payGeneration());
        listener = new PgListener(vertx, pg).on(PG_CHANNEL, this::onNotify);
        connect();
        return Future.all(listener.start(), firstSubscription.future()).mapEmpty();
    }

    /** A notification from PostgreSQL: an invalidation that could not go through Redis. */
    private void onNotify(String payload) {
        try {
            vertx.eventBus().publish(ReadCache.ADDRESS, new JsonObject(payload));
        } catch (RuntimeException e) {
            log.warn("ignoring a malformed cache invalidation from PostgreSQL: {}", e.getMessage());
        }
    }

    /**
     * A publish failed, perhaps while the feed seemed up: other instances may have refilled from a Redis tier entry
     * that missed it. A new generation, announced to every instance, clears both tiers everywhere.
     */
    private void payGeneration() {
        if (!generationOwed || connection == null || closed) {
            return;
        }
        generationOwed = false;
        SharedTier.newGeneration(client, config)
                .compose(v -> client.send(Request.cmd(Command.PUBLISH)
                        .arg(channel)
                        .arg(new JsonObject().put("all", true).encode())))
                .onSuccess(
                        v -> log.info(
                                "cache invalidations were missed; started a new Redis tier generation and cleared every instance"))
                .onFailure(e -> generationOwed = true);
    }

    private void connect() {
        if (closed) {
            return;
        }
        client.connect()
                .compose(conn -> {
                    connection = conn;
                    conn.handler(this::onPush);
                    conn.exceptionHandler(e -> dropped(conn, e.getMessage()));
                    conn.endHandler(v -> dropped(conn, "connection closed"));
                    return conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel))
                            // after a gap the shared tier may hold entries that missed an invalidation too
                            .compose(v -> everSubscribed
                                    ? SharedTier.newGeneration(client, config)
                                    : Future.succeededFuture());
                })
                .onSuccess(v -> {
                    cache.feedUp(true);
                    // entries read before this subscription missed whatever was published meanwhile: the first time too
                    if (everSubscribed) {
                        log.info(
                                "cache invalidation feed is back; new Redis tier generation, clearing the local read cache");
                    }
                    vertx.eventBus().publish(ReadCache.ADDRESS + ".all", new JsonObject());
                    everSubscribed = true;
                    firstSubscription.tryComplete();
                })
                .onFailure(e -> retry(e.getMessage()));
    }

    private void onPush(Response r) {
        // RESP2 delivers ["message", channel, payload] as a multi-bulk reply, RESP3 as a push
        if ((r.type() == ResponseType.PUSH || r.type() == ResponseType.MULTI)
                && r.size() == 3
                && "message".equals(r.get(0).toString())) {
            try {
                JsonObject message = new JsonObject(r.get(2).toString());
                vertx.eventBus()
                        .publish(
                                message.getBoolean("all", false) ? ReadCache.ADDRESS + ".all" : ReadCache.ADDRESS,
                                message);
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
        if (owedTimer >= 0) {
            vertx.cancelTimer(owedTimer);
        }
        if (listener != null) {
            listener.close();
        }
        if (connection != null) {
            connection.close();
        }
        if (client != null) {
            client.close();
        }
    }
}
