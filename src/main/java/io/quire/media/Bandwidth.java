package io.quire.media;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Bytes served from each user's files this month. A download tells the ingest verticle on the event bus (no write
 * on the request's path); the ingest verticle adds them up in memory and writes one statement for all users every
 * {@value #FLUSH_MS} ms, and once more when it stops. A replica without the ingest verticle drops the counts: the
 * figure is for insight, not for billing.
 */
public final class Bandwidth {
    static final String ADDRESS = "quire.media.bandwidth";
    static final long FLUSH_MS = 2_000;

    private static final String ADD = """
      INSERT INTO storage_usage (user_id, bandwidth_used_bytes, bandwidth_period_start)
      SELECT u, b, date_trunc('month', now()) FROM unnest($1::uuid[], $2::bigint[]) AS t(u, b)
      ON CONFLICT (user_id) DO UPDATE SET
        bandwidth_used_bytes = CASE WHEN storage_usage.bandwidth_period_start < date_trunc('month', now())
                                    THEN excluded.bandwidth_used_bytes
                                    ELSE storage_usage.bandwidth_used_bytes + excluded.bandwidth_used_bytes END,
        bandwidth_period_start = date_trunc('month', now())
      """;

    private final Vertx vertx;
    private final Pool pool;
    private Map<UUID, Long> pending = new HashMap<>();
    private MessageConsumer<JsonObject> consumer;
    private long timer;

    private Bandwidth(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    /** Counts {@code bytes} sent from a file of {@code ownerId}'s: a message, never a wait. */
    static void served(Vertx vertx, UUID ownerId, long bytes) {
        if (bytes > 0) {
            vertx.eventBus()
                    .send(
                            ADDRESS,
                            new JsonObject().put("userId", ownerId.toString()).put("bytes", bytes));
        }
    }

    /** The ingest verticle's side: consumes the counts and writes them in batches. */
    public static Bandwidth start(Vertx vertx, Pool pool) {
        Bandwidth b = new Bandwidth(vertx, pool);
        b.consumer = vertx.eventBus().<JsonObject>consumer(ADDRESS, m -> {
            UUID user = UUID.fromString(m.body().getString("userId"));
            b.pending.merge(user, m.body().getLong("bytes"), Long::sum);
        });
        b.timer = vertx.setPeriodic(FLUSH_MS, t -> b.flush());
        return b;
    }

    /** Writes what was counted; a failed write keeps the counts for the next round. */
    Future<Void> flush() {
        if (pending.isEmpty()) {
            return Future.succeededFuture();
        }
        Map<UUID, Long> batch = pending;
        pending = new HashMap<>();
        return pool.preparedQuery(ADD)
                .execute(Tuple.tuple()
                        .addArrayOfUUID(batch.keySet().toArray(UUID[]::new))
                        .addArrayOfLong(batch.values().toArray(Long[]::new)))
                .<Void>mapEmpty()
                .onFailure(e -> batch.forEach((u, n) -> pending.merge(u, n, Long::sum)));
    }

    public Future<Void> stop() {
        vertx.cancelTimer(timer);
        return consumer.unregister().compose(v -> flush());
    }
}
