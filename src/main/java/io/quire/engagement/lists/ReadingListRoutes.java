package io.quire.engagement.lists;

import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Principal;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.quire.platform.ids.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Readers' reading lists: private by default, public ones readable and followable by anyone signed in. Items are
 * published series in the owner's order, each with an optional note. Someone else's private list is a 404.
 */
public final class ReadingListRoutes {
    private static final String BASE = "/api/v1/reading-lists";
    private final Pool pool;

    public ReadingListRoutes(Pool pool) {
        this.pool = pool;
    }

    public void mount(Router router) {
        router.get(BASE)
                .handler(Authz.session())
                .handler(ctx -> pool.preparedQuery(ReadingListSql.MINE)
                        .execute(Tuple.of(Authz.require(ctx).userId()))
                        .onSuccess(rows -> {
                            JsonArray data = new JsonArray();
                            rows.forEach(r -> data.add(json(r)));
                            Responses.list(ctx, data, null);
                        })
                        .onFailure(ctx::fail));
        router.post(BASE).handler(Authz.session()).handler(this::create);
        router.get(BASE + "/:listId").handler(ctx -> answer(ctx, readable(ctx).map(ReadingListRoutes::json)));
        router.patch(BASE + "/:listId").handler(Authz.session()).handler(this::update);
        router.delete(BASE + "/:listId")
                .handler(Authz.session())
                .handler(ctx -> owned(ctx)
                        .compose(l -> pool.preparedQuery(ReadingListSql.DELETE).execute(Tuple.of(l.getUUID("id"))))
                        .onSuccess(v -> Responses.noContent(ctx))
                        .onFailure(ctx::fail));
        router.get(BASE + "/:listId/items")
                .handler(ctx -> answer(
                        ctx,
                        readable(ctx)
                                .compose(l -> items(l.getUUID("id"))
                                        .map(items -> new JsonObject()
                                                .put("listId", l.getUUID("id").toString())
                                                .put("data", items)))));
        router.post(BASE + "/:listId/items").handler(Authz.session()).handler(this::addItem);
        router.patch(BASE + "/:listId/items").handler(Authz.session()).handler(this::editItems);
        router.delete(BASE + "/:listId/items/:seriesId")
                .handler(Authz.session())
                .handler(ctx -> owned(ctx)
                        .compose(l -> pool.preparedQuery(ReadingListSql.REMOVE_ITEM)
                                .execute(Tuple.of(
                                        l.getUUID("id"), PathParams.uuid(ctx, "seriesId", "series.not_found"))))
                        .onSuccess(rows -> {
                            if (rows.rowCount() == 0) {
                                ctx.fail(new ApiException.NotFound(
                                        "list_item.not_found", "That series is not on the list."));
                            } else {
                                Responses.noContent(ctx);
                            }
                        })
                        .onFailure(ctx::fail));
        router.post(BASE + "/:listId/follow")
                .handler(Authz.session())
                .handler(ctx -> readable(ctx)
                        .compose(l -> {
                            if (l.getUUID("user_id").equals(Authz.require(ctx).userId())) {
                                return Future.failedFuture(new ApiException.Validation(
                                        "list.follow_own", "You cannot follow your own list.", List.of()));
                            }
                            return pool.preparedQuery(ReadingListSql.FOLLOW)
                                    .execute(Tuple.of(
                                            l.getUUID("id"), Authz.require(ctx).userId()))
                                    .map(r -> l);
                        })
                        .onSuccess(l -> Responses.json(
                                ctx,
                                200,
                                new JsonObject()
                                        .put("listId", l.getUUID("id").toString())
                                        .put("following", true)))
                        .onFailure(ctx::fail));
        router.delete(BASE + "/:listId/follow")
                .handler(Authz.session())
                .handler(ctx -> pool.preparedQuery(ReadingListSql.UNFOLLOW)
                        .execute(Tuple.of(
                                PathParams.uuid(ctx, "listId", "list.not_found"),
                                Authz.require(ctx).userId()))
                        .onSuccess(v -> Responses.noContent(ctx))
                        .onFailure(ctx::fail));
        router.get(BASE + "/:listId/followers")
                .handler(Authz.session())
                .handler(ctx -> owned(ctx)
                        .compose(l ->
                                pool.preparedQuery(ReadingListSql.FOLLOWERS).execute(Tuple.of(l.getUUID("id"))))
                        .onSuccess(rows -> {
                            JsonArray data = new JsonArray();
                            rows.forEach(r -> data.add(new JsonObject()
                                    .put("userId", r.getUUID("user_id").toString())
                                    .put("username", r.getString("username"))
                                    .put("displayName", r.getString("display_name"))
                                    .put("followedAt", Times.iso(r.getOffsetDateTime("created_at")))));
                            Responses.list(ctx, data, null);
                        })
                        .onFailure(ctx::fail));
    }

    private void create(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        String name = body.requiredString("name", 1, 100);
        String description = body.optionalString("description", 0, 1000);
        Boolean isPublic = body.optionalBoolean("isPublic");
        body.validate();
        UUID id = Ids.newId();
        pool.preparedQuery(ReadingListSql.INSERT)
                .execute(Tuple.of(id, Authz.require(ctx).userId(), name, description, isPublic != null && isPublic))
                .compose(v -> pool.preparedQuery(ReadingListSql.ONE).execute(Tuple.of(id)))
                .onSuccess(rows -> Responses.json(ctx, 201, json(rows.iterator().next())))
                .onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        String name = body.optionalString("name", 1, 100);
        boolean descriptionSet = body.has("description");
        String description = body.optionalString("description", 0, 1000);
        Boolean isPublic = body.optionalBoolean("isPublic");
        body.validate();
        answer(
                ctx,
                owned(ctx)
                        .compose(l -> pool.preparedQuery(ReadingListSql.UPDATE)
                                .execute(Tuple.of(l.getUUID("id"), name, descriptionSet, description, isPublic))
                                .compose(v ->
                                        pool.preparedQuery(ReadingListSql.ONE).execute(Tuple.of(l.getUUID("id")))))
                        .map(rows -> json(rows.iterator().next())));
    }

    private void addItem(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        UUID series = uuid(body, "seriesId");
        String note = body.optionalString("note", 0, 500);
        body.validate();
        answer(
                ctx,
                owned(ctx)
                        .compose(l -> pool.preparedQuery(ReadingListSql.VISIBLE_SERIES)
                                .execute(Tuple.of(series))
                                .compose(found -> {
                                    if (found.size() == 0) {
                                        return Future.failedFuture(new ApiException.NotFound(
                                                "series.not_found", "No such published series."));
                                    }
                                    return pool.preparedQuery(ReadingListSql.ADD_ITEM)
                                            .execute(Tuple.of(l.getUUID("id"), series, note));
                                })
                                .compose(added -> added.size() == 0
                                        ? Future.failedFuture(new ApiException.Conflict(
                                                "list_item.exists", "That series is on the list already.", List.of()))
                                        : touch(l.getUUID("id")).compose(v -> items(l.getUUID("id"))))
                                .map(items -> new JsonObject()
                                        .put("listId", l.getUUID("id").toString())
                                        .put("data", items))),
                201);
    }

    /** {@code {order: [seriesId…]}} to reorder (unnamed items keep their order after), or {@code {seriesId, note}}. */
    private void editItems(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        List<String> order = body.optionalStrings("order", 1000, 36);
        UUID series = body.has("seriesId") ? uuid(body, "seriesId") : null;
        String note = body.optionalString("note", 0, 500);
        if (order == null && series == null) {
            body.error("order", "send order (series ids in the new order) or seriesId with a note");
        }
        List<UUID> ids = new ArrayList<>();
        if (order != null) {
            for (String s : order) {
                try {
                    ids.add(UUID.fromString(s));
                } catch (IllegalArgumentException e) {
                    body.error("order", "must be series ids");
                    break;
                }
            }
        }
        body.validate();
        answer(ctx, owned(ctx).compose(l -> {
            UUID list = l.getUUID("id");
            Future<?> change = order != null
                    ? pool.preparedQuery(ReadingListSql.REORDER)
                            .execute(Tuple.tuple().addUUID(list).addArrayOfUUID(ids.toArray(UUID[]::new)))
                    : pool.preparedQuery(ReadingListSql.NOTE)
                            .execute(Tuple.of(list, series, note))
                            .compose(rows -> rows.rowCount() == 0
                                    ? Future.failedFuture(new ApiException.NotFound(
                                            "list_item.not_found", "That series is not on the list."))
                                    : Future.succeededFuture(rows));
            return change.compose(v -> touch(list))
                    .compose(v -> items(list))
                    .map(items ->
                            new JsonObject().put("listId", list.toString()).put("data", items));
        }));
    }

    private Future<Void> touch(UUID list) {
        return pool.preparedQuery(ReadingListSql.TOUCH).execute(Tuple.of(list)).mapEmpty();
    }

    private Future<JsonArray> items(UUID list) {
        return pool.preparedQuery(ReadingListSql.ITEMS).execute(Tuple.of(list)).map(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(r -> out.add(new JsonObject()
                    .put("seriesId", r.getUUID("series_id").toString())
                    .put("title", r.getString("title"))
                    .put("slug", r.getString("slug"))
                    .put("position", r.getInteger("position"))
                    .put("note", r.getString("note"))
                    .put("addedAt", Times.iso(r.getOffsetDateTime("added_at")))));
            return out;
        });
    }

    /** The list if the caller may read it: theirs, or public. */
    private Future<Row> readable(RoutingContext ctx) {
        Principal p = Authz.principal(ctx);
        return load(ctx)
                .compose(l ->
                        l.getBoolean("is_public") || p != null && p.userId().equals(l.getUUID("user_id"))
                                ? Future.succeededFuture(l)
                                : Future.failedFuture(notFound()));
    }

    /** The list if it is the caller's; someone else's is 404 (private) or 403 (public). */
    private Future<Row> owned(RoutingContext ctx) {
        UUID me = Authz.require(ctx).userId();
        return load(ctx).compose(l -> {
            if (l.getUUID("user_id").equals(me)) {
                return Future.succeededFuture(l);
            }
            return Future.failedFuture(
                    l.getBoolean("is_public")
                            ? new ApiException.Forbidden("list.forbidden", "Only the list's owner may change it.")
                            : notFound());
        });
    }

    private Future<Row> load(RoutingContext ctx) {
        return pool.preparedQuery(ReadingListSql.ONE)
                .execute(Tuple.of(PathParams.uuid(ctx, "listId", "list.not_found")))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(notFound())
                        : Future.succeededFuture(rows.iterator().next()));
    }

    private static UUID uuid(RequestBody body, String field) {
        String text = body.requiredString(field, 36, 36);
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return body.error(field, "must be a UUID");
        }
    }

    private static ApiException notFound() {
        return new ApiException.NotFound("list.not_found", "Not found.");
    }

    private static void answer(RoutingContext ctx, Future<JsonObject> result) {
        answer(ctx, result, 200);
    }

    private static void answer(RoutingContext ctx, Future<JsonObject> result, int status) {
        result.onSuccess(b -> Responses.json(ctx, status, b)).onFailure(ctx::fail);
    }

    static JsonObject json(Row r) {
        return new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("ownerId", r.getUUID("user_id").toString())
                .put("name", r.getString("name"))
                .put("description", r.getString("description"))
                .put("isPublic", r.getBoolean("is_public"))
                .put("itemCount", r.getLong("item_count"))
                .put("followerCount", r.getLong("follower_count"))
                .put("createdAt", Times.iso(r.getOffsetDateTime("created_at")))
                .put("updatedAt", Times.iso(r.getOffsetDateTime("updated_at")));
    }
}
