package io.quire.engagement.lists;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
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

    public void mount(Api api) {
        components(api);
        api.raw(
                Endpoint.get("/api/v1/reading-lists")
                        .id("listReadingLists")
                        .tag("engagement")
                        .summary("My reading lists")
                        .access(Access.session())
                        .ok(200, Schema.list(ref("ReadingList")), "OK"),
                ctx -> pool.preparedQuery(ReadingListSql.MINE)
                        .execute(Tuple.of(Authz.require(ctx).userId()))
                        .onSuccess(rows -> {
                            JsonArray data = new JsonArray();
                            rows.forEach(r -> data.add(json(r)));
                            Responses.list(ctx, data, null);
                        })
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.post("/api/v1/reading-lists")
                        .id("createReadingList")
                        .tag("engagement")
                        .summary("Create a reading list (private unless isPublic)")
                        .access(Access.session())
                        .body(object().required("name", string().length(1, 100))
                                .optional("description", string().length(0, 1000))
                                .optional("isPublic", Schema.bool()))
                        .ok(201, ref("ReadingList"), "OK"),
                this::create);
        api.raw(
                Endpoint.get("/api/v1/reading-lists/{listId}")
                        .id("getReadingList")
                        .tag("engagement")
                        .summary("A list: mine, or anyone's public one")
                        .access(Access.anyone())
                        .ok(200, ref("ReadingList"), "OK"),
                ctx -> answer(ctx, readable(ctx).map(ReadingListRoutes::json)));
        api.raw(
                Endpoint.patch("/api/v1/reading-lists/{listId}")
                        .id("updateReadingList")
                        .tag("engagement")
                        .summary("Change my list")
                        .access(Access.session())
                        .body(object().optional("name", string().length(1, 100))
                                .optional("description", string().length(0, 1000))
                                .optional("isPublic", Schema.bool()))
                        .ok(200, ref("ReadingList"), "OK"),
                this::update);
        api.raw(
                Endpoint.delete("/api/v1/reading-lists/{listId}")
                        .id("deleteReadingList")
                        .tag("engagement")
                        .summary("Delete my list")
                        .access(Access.session())
                        .noContent(),
                ctx -> owned(ctx)
                        .compose(l -> pool.preparedQuery(ReadingListSql.DELETE).execute(Tuple.of(l.getUUID("id"))))
                        .onSuccess(v -> Responses.noContent(ctx))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.get("/api/v1/reading-lists/{listId}/items")
                        .id("listReadingListItems")
                        .tag("engagement")
                        .summary("The list's series in order, with notes")
                        .access(Access.anyone())
                        .ok(200, object().optional("listId", string()).optional("data", array(ref("Item"))), "OK"),
                ctx -> answer(
                        ctx,
                        readable(ctx)
                                .compose(l -> items(l.getUUID("id"))
                                        .map(items -> new JsonObject()
                                                .put("listId", l.getUUID("id").toString())
                                                .put("data", items)))));
        api.raw(
                Endpoint.post("/api/v1/reading-lists/{listId}/items")
                        .id("addReadingListItem")
                        .tag("engagement")
                        .summary("Add a published series at the end")
                        .access(Access.session())
                        .body(object().required("seriesId", string()).optional("note", string().length(0, 500)))
                        .ok(201, object().optional("listId", string()).optional("data", array(ref("Item"))), "OK")
                        .problems(409),
                this::addItem);
        api.raw(
                Endpoint.patch("/api/v1/reading-lists/{listId}/items")
                        .id("updateReadingListItem")
                        .tag("engagement")
                        .summary(
                                "Reorder ({order: [seriesId…]}: named first, the rest after) or set one item's note ({seriesId, note})")
                        .access(Access.session())
                        .body(object().optional("order", array(string()).size(0, 1000))
                                .optional("seriesId", string())
                                .optional("note", string().length(0, 500)))
                        .ok(200, object().optional("listId", string()).optional("data", array(ref("Item"))), "OK"),
                this::editItems);
        api.raw(
                Endpoint.delete("/api/v1/reading-lists/{listId}/items/{seriesId}")
                        .id("removeReadingListItem")
                        .tag("engagement")
                        .summary("Take a series off the list")
                        .access(Access.session())
                        .noContent(),
                ctx -> owned(ctx)
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
        api.raw(
                Endpoint.post("/api/v1/reading-lists/{listId}/follow")
                        .id("followReadingList")
                        .tag("engagement")
                        .summary("Follow a public list (not your own)")
                        .access(Access.session())
                        .ok(200, object().optional("listId", string()).optional("following", Schema.bool()), "OK")
                        .problems(422),
                ctx -> readable(ctx)
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
        api.raw(
                Endpoint.delete("/api/v1/reading-lists/{listId}/follow")
                        .id("unfollowReadingList")
                        .tag("engagement")
                        .summary("Stop following")
                        .access(Access.session())
                        .noContent(),
                ctx -> pool.preparedQuery(ReadingListSql.UNFOLLOW)
                        .execute(Tuple.of(
                                PathParams.uuid(ctx, "listId", "list.not_found"),
                                Authz.require(ctx).userId()))
                        .onSuccess(v -> Responses.noContent(ctx))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.get("/api/v1/reading-lists/{listId}/followers")
                        .id("listReadingListFollowers")
                        .tag("engagement")
                        .summary("Who follows my list")
                        .access(Access.session())
                        .ok(200, Schema.list(ref("Follower")), "OK"),
                ctx -> owned(ctx)
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

    /** The shapes this feature's answers share, as {@code #/components/schemas}. */
    private static void components(Api api) {
        api.component(
                "ReadingList",
                object().optional("id", string())
                        .optional("ownerId", string())
                        .optional("name", string())
                        .optional("description", nullable(string()))
                        .optional("isPublic", Schema.bool())
                        .optional("itemCount", integer())
                        .optional("followerCount", integer())
                        .optional("createdAt", string())
                        .optional("updatedAt", string()));
        api.component(
                "Item",
                object().optional("seriesId", nullable(string()))
                        .optional("title", nullable(string()))
                        .optional("slug", string())
                        .optional("position", integer())
                        .optional("note", nullable(string()))
                        .optional("addedAt", string()));
    }
}
