package io.quire.engagement.notifications;

import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.TimeCursor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * §12.2 a user's notifications: the list (unread or all, by type), the unread count, read all, read one, dismiss
 * (kept, hidden), per-type settings {@code {TYPE: {inApp, email}}}, and the one-click unsubscribe of an email.
 */
public final class Inbox {
    private final Pool pool;
    private final UnsubscribeTokens tokens;

    public Inbox(Pool pool, UnsubscribeTokens tokens) {
        this.pool = pool;
        this.tokens = tokens;
    }

    /** Newest first, dismissed ones left out; {@code type} null for all. */
    public Future<JsonObject> list(UUID user, boolean unreadOnly, String type, String cursor, int limit) {
        TimeCursor after = TimeCursor.decode(cursor);
        return pool.preparedQuery(NotificationSql.LIST)
                .execute(Tuple.of(user, unreadOnly, type, after.at(), after.id(), limit + 1))
                .map(rows -> TimeCursor.page(rows, limit, Inbox::json, "created_at", "id"));
    }

    public Future<Long> unread(UUID user) {
        return pool.preparedQuery(NotificationSql.UNREAD)
                .execute(Tuple.of(user))
                .map(rows -> rows.iterator().next().getLong("n"));
    }

    /** How many were marked. */
    public Future<Integer> readAll(UUID user) {
        return pool.preparedQuery(NotificationSql.READ_ALL)
                .execute(Tuple.of(user))
                .map(rows -> rows.rowCount());
    }

    public Future<JsonObject> read(UUID user, UUID notification) {
        return pool.preparedQuery(NotificationSql.READ_ONE)
                .execute(Tuple.of(notification, user))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(new ApiException.NotFound("notification.not_found", "Not found."))
                        : Future.succeededFuture(json(rows.iterator().next())));
    }

    /** Hides one (it is kept); 404 {@code notification.not_found} for another user's. */
    public Future<Void> dismiss(UUID user, UUID notification) {
        return pool.preparedQuery(NotificationSql.DISMISS)
                .execute(Tuple.of(notification, user))
                .compose(rows -> rows.rowCount() == 0
                        ? Future.failedFuture(new ApiException.NotFound("notification.not_found", "Not found."))
                        : Future.succeededFuture());
    }

    public Future<JsonObject> settings(UUID user) {
        return pool.preparedQuery(NotificationSql.SETTINGS)
                .execute(Tuple.of(user))
                .map(rows -> settings(
                        rows.size() == 0
                                ? new JsonObject()
                                : rows.iterator().next().getJsonObject("settings")));
    }

    /** {@code changes}: checked {@code {TYPE: {inApp?, email?}}}, merged into what the user had. */
    public Future<JsonObject> changeSettings(UUID user, JsonObject changes) {
        return pool.preparedQuery(NotificationSql.SAVE_SETTINGS)
                .execute(Tuple.of(user, changes))
                .map(rows -> settings(rows.iterator().next().getJsonObject("settings")));
    }

    /**
     * One click from an email (RFC 8058): the signed token names the user and the type, and is the only credential;
     * turns that type's email off and leaves the in-app choice. 400 {@code unsubscribe.invalid_token} otherwise.
     */
    public Future<String> unsubscribe(String token) {
        UnsubscribeTokens.Subject who = tokens.verify(token);
        if (who == null || !NotificationTypes.ALL.contains(who.type())) {
            return Future.failedFuture(
                    new ApiException.BadRequest("unsubscribe.invalid_token", "This unsubscribe link is not valid."));
        }
        return pool.preparedQuery(NotificationSql.SAVE_SETTINGS)
                .execute(Tuple.of(who.userId(), new JsonObject().put(who.type(), new JsonObject().put("email", false))))
                .map(rows -> who.type());
    }

    /** Every type with its effective choices: stored ones over the defaults (in the app and by email). */
    static JsonObject settings(JsonObject stored) {
        JsonObject types = new JsonObject();
        for (String type : NotificationTypes.ALL) {
            JsonObject mine = stored.getJsonObject(type, new JsonObject());
            types.put(
                    type,
                    new JsonObject()
                            .put("inApp", mine.getBoolean("inApp", true))
                            .put("email", mine.getBoolean("email", true)));
        }
        return new JsonObject().put("types", types);
    }

    static JsonObject json(Row r) {
        return new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("type", r.getString("type"))
                .put("title", r.getString("title"))
                .put("body", r.getString("body"))
                .put("data", r.getJsonObject("data"))
                .put("read", r.getValue("read_at") != null)
                .put("readAt", Times.iso(r.getOffsetDateTime("read_at")))
                .put("createdAt", Times.iso(r.getOffsetDateTime("created_at")));
    }
}
