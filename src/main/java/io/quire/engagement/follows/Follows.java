package io.quire.engagement.follows;

import io.quire.platform.auth.Principal;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.TimeCursor;
import io.quire.platform.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Readers follow authors, with what they want to hear about (new series, new chapters, announcements). A new follow
 * writes {@code follow.created} to the outbox in its transaction; who follows an author is for the author (and
 * admins) only.
 */
public final class Follows {
    /** What a follower hears about; null leaves a setting as it is. */
    public record Settings(Boolean newSeries, Boolean newChapters, Boolean announcements) {}

    private final Pool pool;

    public Follows(Pool pool) {
        this.pool = pool;
    }

    /** Follows {@code author}; the answer's {@code created} says whether it is new (false: already following). */
    public Future<JsonObject> follow(UUID me, UUID author) {
        if (me.equals(author)) {
            return Future.failedFuture(
                    new ApiException.Validation("follow.self", "You cannot follow yourself.", List.of()));
        }
        return pool.withTransaction(tx -> tx.preparedQuery(FollowSql.AUTHOR)
                .execute(Tuple.of(author))
                .compose(found -> {
                    if (found.size() == 0) {
                        return Future.failedFuture(
                                new ApiException.NotFound("author.not_found", "There is no such author."));
                    }
                    return tx.preparedQuery(FollowSql.FOLLOW).execute(Tuple.of(me, author));
                })
                .compose(rows -> {
                    Row r = rows.iterator().next();
                    JsonObject follow =
                            settings(r).put("authorId", author.toString()).put("following", true);
                    return r.getBoolean("created")
                            ? Outbox.append(
                                            tx,
                                            "follow.created",
                                            author.toString(),
                                            new JsonObject()
                                                    .put("authorId", author.toString())
                                                    .put("followerId", me.toString()))
                                    .map(id -> follow.put("created", true))
                            : Future.succeededFuture(follow.put("created", false));
                }));
    }

    /** Stops following; nothing to do if {@code me} did not follow. */
    public Future<Void> unfollow(UUID me, UUID author) {
        return pool.preparedQuery(FollowSql.UNFOLLOW)
                .execute(Tuple.of(me, author))
                .mapEmpty();
    }

    /** 404 {@code follow.not_found} unless {@code me} follows {@code author}. */
    public Future<JsonObject> change(UUID me, UUID author, Settings s) {
        return pool.preparedQuery(FollowSql.SETTINGS)
                .execute(Tuple.of(me, author, s.newSeries(), s.newChapters(), s.announcements()))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(
                                new ApiException.NotFound("follow.not_found", "You do not follow this author."))
                        : Future.succeededFuture(settings(rows.iterator().next())
                                .put("authorId", author.toString())
                                .put("following", true)));
    }

    /** The author's followers, newest first, with their count: for the author and admins only. */
    public Future<JsonObject> followers(Principal caller, UUID author, String cursor, int limit) {
        if (!caller.userId().equals(author) && !caller.role().isAdmin()) {
            return Future.failedFuture(
                    new ApiException.Forbidden("follow.forbidden", "Only the author sees who follows them."));
        }
        return pool.preparedQuery(FollowSql.FOLLOWER_COUNT)
                .execute(Tuple.of(author))
                .compose(count -> page(
                                FollowSql.FOLLOWERS,
                                author,
                                cursor,
                                limit,
                                "user_id",
                                r -> new JsonObject()
                                        .put("userId", r.getUUID("user_id").toString())
                                        .put("username", r.getString("username"))
                                        .put("displayName", r.getString("display_name"))
                                        .put("followedAt", Times.iso(r.getOffsetDateTime("created_at"))))
                        .map(page -> page.put(
                                "followerCount", count.iterator().next().getLong("n"))));
    }

    /** The authors {@code me} follows, newest first, with the settings of each. */
    public Future<JsonObject> following(UUID me, String cursor, int limit) {
        return page(
                FollowSql.FOLLOWING,
                me,
                cursor,
                limit,
                "author_id",
                r -> settings(r)
                        .put("authorId", r.getUUID("author_id").toString())
                        .put("username", r.getString("username"))
                        .put("displayName", r.getString("display_name")));
    }

    /** A newest-first page keyed by (created_at, {@code idColumn}). */
    private Future<JsonObject> page(
            String sql, UUID owner, String cursor, int limit, String idColumn, Function<Row, JsonObject> json) {
        TimeCursor after = TimeCursor.decode(cursor);
        return pool.preparedQuery(sql)
                .execute(Tuple.of(owner, after.at(), after.id(), limit + 1))
                .map(rows -> TimeCursor.page(rows, limit, json, "created_at", idColumn));
    }

    private static JsonObject settings(Row r) {
        return new JsonObject()
                .put("notifyNewSeries", r.getBoolean("notify_new_series"))
                .put("notifyNewChapters", r.getBoolean("notify_new_chapters"))
                .put("notifyAnnouncements", r.getBoolean("notify_announcements"))
                .put("followedAt", Times.iso(r.getOffsetDateTime("created_at")));
    }
}
