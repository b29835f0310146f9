package io.quire.platform.db;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * Batch statements that are safe for an empty list: the client refuses a batch of 0 sets ("Can not execute batch
 * query with 0 sets"), which would surface as a 500 for a request that simply had nothing to change.
 */
public final class Batches {
    private Batches() {}

    /** Runs {@code sql} once per tuple in one round trip; nothing at all when {@code rows} is empty. */
    public static Future<Void> execute(SqlClient client, String sql, List<Tuple> rows) {
        return rows.isEmpty()
                ? Future.succeededFuture()
                : client.preparedQuery(sql).executeBatch(rows).mapEmpty();
    }
}
