package io.quire.platform.outbox;

import io.quire.platform.config.QuireConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches pending outbox rows to their topic's handler, in one transaction per batch: rows are locked with
 * {@code FOR UPDATE SKIP LOCKED} (so competing dispatchers on other instances take other rows), each handler
 * runs inside a savepoint, and the row is marked dispatched in the same transaction as the handler's work.
 * Runs on a poll timer and when {@link #wake()} is called by the {@code quire_outbox} NOTIFY.
 */
public final class OutboxDispatcher {
    /** After this many failed passes a row is left for an operator instead of blocking its topic. */
    public static final int MAX_ATTEMPTS = 10;

    private static final Logger log = LoggerFactory.getLogger(OutboxDispatcher.class);

    private final Vertx vertx;
    private final Pool pool;
    private final Map<String, OutboxHandler> handlers;
    private final QuireConfig.Outbox config;
    private final String[] topics;
    private final AtomicLong dispatched = new AtomicLong();
    private boolean running;
    private boolean again;
    private boolean stopped;
    private long timerId = -1;

    public OutboxDispatcher(Vertx vertx, Pool pool, Map<String, OutboxHandler> handlers, QuireConfig.Outbox config) {
        this.vertx = vertx;
        this.pool = pool;
        this.handlers = Map.copyOf(handlers);
        this.config = config;
        this.topics = this.handlers.keySet().toArray(String[]::new);
    }

    public void start() {
        if (topics.length > 0) {
            timerId = vertx.setPeriodic(0, config.pollIntervalMs(), id -> wake());
        }
    }

    /** How many rows this dispatcher has dispatched since it started. */
    public long dispatchedCount() {
        return dispatched.get();
    }

    public void wake() {
        if (stopped || topics.length == 0) {
            return;
        }
        if (running) {
            again = true;
            return;
        }
        running = true;
        pool.withTransaction(this::dispatchBatch)
                .onFailure(e -> log.warn("outbox dispatch failed: {}", e.getMessage()))
                .onComplete(ar -> {
                    running = false;
                    boolean full = ar.succeeded() && ar.result() == config.batchSize();
                    if (again || full) {
                        again = false;
                        vertx.runOnContext(v -> wake());
                    }
                });
    }

    private Future<Integer> dispatchBatch(SqlConnection tx) {
        return tx.preparedQuery(OutboxSql.CLAIM)
                .execute(Tuple.of(topics, config.batchSize(), MAX_ATTEMPTS))
                .compose(rows -> dispatchEach(tx, rows));
    }

    /** One row after the other: a connection runs one statement at a time anyway, and order is kept. */
    private Future<Integer> dispatchEach(SqlConnection tx, RowSet<Row> rows) {
        Future<Void> chain = Future.succeededFuture();
        for (Row row : rows) {
            OutboxMessage message = new OutboxMessage(
                    row.getLong("id"),
                    row.getString("topic"),
                    row.getString("aggregate_id"),
                    row.getJsonObject("payload"));
            chain = chain.compose(v -> dispatchOne(tx, message));
        }
        return chain.map(v -> rows.size());
    }

    private Future<Void> dispatchOne(SqlConnection tx, OutboxMessage message) {
        return tx.query("SAVEPOINT outbox_message")
                .execute()
                .compose(v -> handlers.get(message.topic()).handle(tx, message))
                .compose(v -> tx.preparedQuery(OutboxSql.MARK_DISPATCHED).execute(Tuple.of(message.id())))
                .compose(v -> tx.query("RELEASE SAVEPOINT outbox_message").execute())
                .<Void>map(v -> {
                    dispatched.incrementAndGet();
                    return null;
                })
                .recover(e -> {
                    log.warn(
                            "outbox message {} ({}) failed, will retry: {}",
                            message.id(),
                            message.topic(),
                            e.getMessage());
                    return tx.query("ROLLBACK TO SAVEPOINT outbox_message")
                            .execute()
                            .compose(v -> tx.preparedQuery(OutboxSql.MARK_FAILED)
                                    .execute(Tuple.of(message.id(), String.valueOf(e.getMessage()))))
                            .mapEmpty();
                });
    }

    public void stop() {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }
}
