package io.quire.engagement.follows;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
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

    public void mount(Api api) {
        components(api);
        api.raw(
                Endpoint.post("/api/v1/authors/{authorId}/follow")
                        .id("followAuthor")
                        .tag("engagement")
                        .summary(
                                "Follow an author (201; 200 when already following). Writes follow.created, which the author's sites' webhook endpoints may subscribe to")
                        .access(Access.session())
                        .ok(
                                201,
                                Schema.allOf(
                                        object().optional("notifyNewSeries", Schema.bool())
                                                .optional("notifyNewChapters", Schema.bool())
                                                .optional("notifyAnnouncements", Schema.bool()),
                                        object().optional("authorId", string())
                                                .optional("following", Schema.bool())
                                                .optional("created", Schema.bool())
                                                .optional("followedAt", string())),
                                "OK")
                        .ok(
                                200,
                                Schema.allOf(
                                        object().optional("notifyNewSeries", Schema.bool())
                                                .optional("notifyNewChapters", Schema.bool())
                                                .optional("notifyAnnouncements", Schema.bool()),
                                        object().optional("authorId", string())
                                                .optional("following", Schema.bool())
                                                .optional("created", Schema.bool())
                                                .optional("followedAt", string())),
                                "Already there: the existing one")
                        .problems(422),
                this::follow);
        api.raw(
                Endpoint.post("/api/v1/authors/{authorId}/unfollow")
                        .id("unfollowAuthor")
                        .tag("engagement")
                        .summary("Stop following (204 whether or not you did)")
                        .access(Access.session())
                        .noContent(),
                ctx -> pool.preparedQuery(FollowSql.UNFOLLOW)
                        .execute(Tuple.of(Authz.require(ctx).userId(), author(ctx)))
                        .onSuccess(rows -> Responses.noContent(ctx))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.patch("/api/v1/authors/{authorId}/follow-settings")
                        .id("updateAuthorFollowSettings")
                        .tag("engagement")
                        .summary("What you hear about from this author")
                        .access(Access.session())
                        .body(object().optional("notifyNewSeries", Schema.bool())
                                .optional("notifyNewChapters", Schema.bool())
                                .optional("notifyAnnouncements", Schema.bool()))
                        .ok(
                                200,
                                Schema.allOf(
                                        object().optional("notifyNewSeries", Schema.bool())
                                                .optional("notifyNewChapters", Schema.bool())
                                                .optional("notifyAnnouncements", Schema.bool()),
                                        object().optional("authorId", string())
                                                .optional("following", Schema.bool())
                                                .optional("created", Schema.bool())
                                                .optional("followedAt", string())),
                                "OK"),
                this::settings);
        api.raw(
                Endpoint.get("/api/v1/authors/{authorId}/followers")
                        .id("listAuthorFollowers")
                        .tag("engagement")
                        .summary("The author's followers, newest first (the author and admins only)")
                        .access(Access.signedIn())
                        .paged()
                        .ok(
                                200,
                                object().optional("followerCount", integer())
                                        .optional("data", array(ref("Follower")))
                                        .optional("nextCursor", nullable(string())),
                                "OK")
                        .problems(400, 403, 422),
                this::followers);
        api.raw(
                Endpoint.get("/api/v1/me/following")
                        .id("listMyFollowing")
                        .tag("engagement")
                        .summary("Authors I follow, newest first, with my settings")
                        .access(Access.session())
                        .paged()
                        .ok(
                                200,
                                Schema.list(Schema.allOf(
                                        object().optional("notifyNewSeries", Schema.bool())
                                                .optional("notifyNewChapters", Schema.bool())
                                                .optional("notifyAnnouncements", Schema.bool()),
                                        object().optional("authorId", string())
                                                .optional("username", string())
                                                .optional("displayName", string())
                                                .optional("followedAt", string()))),
                                "OK")
                        .problems(400, 422),
                ctx -> page(
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

    /** The shapes this feature's answers share, as {@code #/components/schemas}. */
    private static void components(Api api) {
        api.component(
                "Follower",
                object().optional("userId", string())
                        .optional("username", string())
                        .optional("displayName", string())
                        .optional("followedAt", string()));
    }
}
