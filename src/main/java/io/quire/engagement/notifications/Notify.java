package io.quire.engagement.notifications;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * One in-app notification, written in the caller's transaction: unless the user turned that type off in the app,
 * and at most once per {@code dedupeKey} (a retried or repeated action tells no one twice).
 */
public final class Notify {
    static final String INSERT = """
      INSERT INTO notifications (user_id, type, title, body, data, dedupe_key)
      SELECT $1, $2, $3, $4, $5, $6
       WHERE coalesce((SELECT (settings -> $2 ->> 'inApp')::boolean FROM notification_settings WHERE user_id = $1), true)
      ON CONFLICT DO NOTHING
      """;

    private Notify() {}

    public static Future<Void> inApp(
            SqlClient tx, UUID user, String type, String title, String body, JsonObject data, String dedupeKey) {
        return tx.preparedQuery(INSERT)
                .execute(Tuple.of(user, type, title, body, data, dedupeKey))
                .mapEmpty();
    }
}
