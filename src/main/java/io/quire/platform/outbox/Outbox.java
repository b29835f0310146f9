package io.quire.platform.outbox;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Writes outbox rows. Call it with the connection of the transaction that makes the change, so the message
 * exists exactly when the change does.
 */
public final class Outbox {
    private Outbox() {}

    /** The new row's id. */
    public static Future<Long> append(SqlClient tx, String topic, String aggregateId, JsonObject payload) {
        return tx.preparedQuery(OutboxSql.APPEND)
                .execute(Tuple.of(topic, aggregateId, payload))
                .map(rows -> rows.iterator().next().getLong("id"));
    }

    /** Deletes dispatched rows older than {@code days}; returns how many. */
    public static Future<Integer> prune(SqlClient client, int days) {
        return client.preparedQuery(OutboxSql.PRUNE_DISPATCHED)
                .execute(Tuple.of(days))
                .map(rows -> rows.rowCount());
    }
}
