package io.quire.platform.outbox;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;

/**
 * Turns an outbox message into its follow-up work (typically jobs), using {@code tx}: the work and the
 * "dispatched" mark commit together, which is what makes dispatch exactly-once. A failure rolls back only this
 * message (a savepoint), which is retried on a later pass.
 */
@FunctionalInterface
public interface OutboxHandler {
    Future<Void> handle(SqlConnection tx, OutboxMessage message);
}
