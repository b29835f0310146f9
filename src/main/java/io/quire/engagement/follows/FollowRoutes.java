package io.quire.engagement.follows;

import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Principal;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.quire.platform.http.TimeCursor;
import io.quire.platform.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Readers follow authors: {@code POST /authors/:authorId/follow|unfollow}, {@code PATCH …/follow-settings}
 * (new series, new chapters, announcements), {@code GET /me/following}, and {@code GET …/followers} for the author
 * themself (and admins). A new follow writes {@code follow.created} to the outbox in its transaction.
 */
public final class FollowRoutes {
    private final Pool pool;

    public FollowRoutes(Pool pool) {
        this.pool = pool;
    }

    public void mount(Router router) {
        router.post("/api/v1/authors/:authorId/follow").handler(Authz.session()).handler(this::follow);
        router.post("/api/v1/authors/:authorId/unfollow")
                .handler(Authz.session())
                .handler(ctx -> pool.preparedQuery(FollowSql.UNFOLLOW)
                        .execute(Tuple.of(Authz.require(ctx).userId(), author(ctx)))
                        .onSuccess(rows -> Responses.noContent(ctx))
                        .onFailure(ctx::fail));
        router.patch("/api/v1/authors/:authorId/follow-settings")
                .handler(Authz.session())
                .handler(this::settings);
        router.get("/api/v1/authors/:authorId/followers")
                .handler(Authz.authenticated())
                .handler(this::followers);
        router.get("/api/v1/me/following")
                .handler(Authz.session())
                .handler(ctx -> page(
                                ctx,
                                FollowSql.FOLLOWING,
                                Authz.require(ctx).userId(),
                                "author_id",
                                r -> settings(r)
                                        .put("authorId", r.getUUID("author_id").toString())
                                        .put("username", r.getString("username"))
                                        .put("displayName", r.getString("display_name")))
                        .onSuccess(body -> Responses.json(ctx, 200, body))
                        .onFailure(ctx::fail));
    }

    private static UUID author(RoutingContext ctx) {
        return PathParams.uuid(ctx, "authorId", "author.not_found");
    }

    private void follow(RoutingContext ctx) {
        UUID me = Authz.require(ctx).userId();
        UUID author = author(ctx);
        if (me.equals(author)) {
            ctx.fail(new ApiException.Validation("follow.self", "You cannot follow yourself.", List.of()));
            return;
        }
        pool.withTransaction(tx -> tx.preparedQuery(FollowSql.AUTHOR)
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
                            JsonObject follow = settings(r)
                                    .put("authorId", author.toString())
                                    .put("following", true);
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
                        }))
                .onSuccess(f -> Responses.json(ctx, f.getBoolean("created") ? 201 : 200, f))
                .onFailure(ctx::fail);
    }

    private void settings(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        Boolean series = body.optionalBoolean("notifyNewSeries");
        Boolean chapters = body.optionalBoolean("notifyNewChapters");
        Boolean announcements = body.optionalBoolean("notifyAnnouncements");
        body.validate();
        UUID author = author(ctx);
        pool.preparedQuery(FollowSql.SETTINGS)
                .execute(Tuple.of(Authz.require(ctx).userId(), author, series, chapters, announcements))
                .onSuccess(rows -> {
                    if (rows.size() == 0) {
                        ctx.fail(new ApiException.NotFound("follow.not_found", "You do not follow this author."));
                    } else {
                        Responses.json(
                                ctx,
                                200,
                                settings(rows.iterator().next())
                                        .put("authorId", author.toString())
                                        .put("following", true));
                    }
                })
                .onFailure(ctx::fail);
    }

    private void followers(RoutingContext ctx) {
        Principal p = Authz.require(ctx);
        UUID author = author(ctx);
        if (!p.userId().equals(author) && !p.role().isAdmin()) {
            ctx.fail(new ApiException.Forbidden("follow.forbidden", "Only the author sees who follows them."));
            return;
        }
        pool.preparedQuery(FollowSql.FOLLOWER_COUNT)
                .execute(Tuple.of(author))
                .compose(count -> page(
                                ctx,
                                FollowSql.FOLLOWERS,
                                author,
                                "user_id",
                                r -> new JsonObject()
                                        .put("userId", r.getUUID("user_id").toString())
                                        .put("username", r.getString("username"))
                                        .put("displayName", r.getString("display_name"))
                                        .put("followedAt", Times.iso(r.getOffsetDateTime("created_at"))))
                        .map(page -> page.put(
                                "followerCount", count.iterator().next().getLong("n"))))
                .onSuccess(body -> Responses.json(ctx, 200, body))
                .onFailure(ctx::fail);
    }

    /** A newest-first page keyed by (created_at, {@code idColumn}). */
    private Future<JsonObject> page(
            RoutingContext ctx, String sql, UUID owner, String idColumn, Function<Row, JsonObject> json) {
        int limit = QueryParams.limit(ctx);
        TimeCursor after = TimeCursor.decode(ctx.request().getParam("cursor"));
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
