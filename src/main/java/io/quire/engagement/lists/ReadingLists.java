package io.quire.engagement.lists;

import io.quire.platform.auth.Principal;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * Readers' reading lists: private by default, public ones readable and followable by anyone signed in. Items are
 * published series in the owner's order, each with an optional note. Someone else's private list is a 404; changing
 * someone else's public one is a 403.
 */
public final class ReadingLists {
    /** A list's name, description and visibility; on an update, null leaves a field as it is. */
    public record Details(String name, boolean descriptionSent, String description, Boolean isPublic) {}

    private final Pool pool;

    public ReadingLists(Pool pool) {
        this.pool = pool;
    }

    public Future<JsonArray> mine(UUID me) {
        return pool.preparedQuery(ReadingListSql.MINE).execute(Tuple.of(me)).map(rows -> {
            JsonArray data = new JsonArray();
            rows.forEach(r -> data.add(json(r)));
            return data;
        });
    }

    public Future<JsonObject> create(UUID me, Details d) {
        UUID id = Ids.newId();
        return pool.preparedQuery(ReadingListSql.INSERT)
                .execute(Tuple.of(id, me, d.name(), d.description(), d.isPublic() != null && d.isPublic()))
                .compose(v -> pool.preparedQuery(ReadingListSql.ONE).execute(Tuple.of(id)))
                .map(rows -> json(rows.iterator().next()));
    }

    /** Mine, or anyone's public one. */
    public Future<JsonObject> get(Principal caller, UUID list) {
        return readable(caller, list).map(ReadingLists::json);
    }

    public Future<JsonObject> update(Principal caller, UUID list, Details d) {
        return owned(caller, list)
                .compose(l -> pool.preparedQuery(ReadingListSql.UPDATE)
                        .execute(Tuple.of(list, d.name(), d.descriptionSent(), d.description(), d.isPublic()))
                        .compose(v -> pool.preparedQuery(ReadingListSql.ONE).execute(Tuple.of(list))))
                .map(rows -> json(rows.iterator().next()));
    }

    public Future<Void> delete(Principal caller, UUID list) {
        return owned(caller, list)
                .compose(l -> pool.preparedQuery(ReadingListSql.DELETE).execute(Tuple.of(list)))
                .mapEmpty();
    }

    /** The list's series in order, with notes. */
    public Future<JsonObject> items(Principal caller, UUID list) {
        return readable(caller, list).compose(l -> itemsOf(list));
    }

    /** Adds a published series at the end; 409 {@code list_item.exists} if it is there already. */
    public Future<JsonObject> add(Principal caller, UUID list, UUID series, String note) {
        return owned(caller, list)
                .compose(l -> pool.preparedQuery(ReadingListSql.VISIBLE_SERIES).execute(Tuple.of(series)))
                .compose(found -> found.size() == 0
                        ? Future.failedFuture(
                                new ApiException.NotFound("series.not_found", "No such published series."))
                        : pool.preparedQuery(ReadingListSql.ADD_ITEM).execute(Tuple.of(list, series, note)))
                .compose(added -> added.size() == 0
                        ? Future.failedFuture(new ApiException.Conflict(
                                "list_item.exists", "That series is on the list already.", List.of()))
                        : touch(list).compose(v -> itemsOf(list)));
    }

    /** The named series first, in that order; the rest keep theirs after them. */
    public Future<JsonObject> reorder(Principal caller, UUID list, List<UUID> order) {
        return owned(caller, list)
                .compose(l -> pool.preparedQuery(ReadingListSql.REORDER)
                        .execute(Tuple.tuple().addUUID(list).addArrayOfUUID(order.toArray(UUID[]::new))))
                .compose(v -> touch(list))
                .compose(v -> itemsOf(list));
    }

    /** Sets one item's note; 404 {@code list_item.not_found} for a series not on the list. */
    public Future<JsonObject> note(Principal caller, UUID list, UUID series, String note) {
        return owned(caller, list)
                .compose(l -> pool.preparedQuery(ReadingListSql.NOTE).execute(Tuple.of(list, series, note)))
                .compose(rows -> rows.rowCount() == 0 ? Future.failedFuture(notOnList()) : touch(list))
                .compose(v -> itemsOf(list));
    }

    public Future<Void> remove(Principal caller, UUID list, UUID series) {
        return owned(caller, list)
                .compose(l -> pool.preparedQuery(ReadingListSql.REMOVE_ITEM).execute(Tuple.of(list, series)))
                .compose(rows -> rows.rowCount() == 0 ? Future.failedFuture(notOnList()) : Future.succeededFuture());
    }

    /** Follows a public list (422 {@code list.follow_own} for one's own). */
    public Future<Void> follow(Principal caller, UUID list) {
        return readable(caller, list)
                .compose(l -> l.getUUID("user_id").equals(caller.userId())
                        ? Future.failedFuture(new ApiException.Validation(
                                "list.follow_own", "You cannot follow your own list.", List.of()))
                        : pool.preparedQuery(ReadingListSql.FOLLOW)
                                .execute(Tuple.of(list, caller.userId()))
                                .mapEmpty());
    }

    public Future<Void> unfollow(UUID me, UUID list) {
        return pool.preparedQuery(ReadingListSql.UNFOLLOW)
                .execute(Tuple.of(list, me))
                .mapEmpty();
    }

    /** Who follows a list of mine. */
    public Future<JsonArray> followers(Principal caller, UUID list) {
        return owned(caller, list)
                .compose(l -> pool.preparedQuery(ReadingListSql.FOLLOWERS).execute(Tuple.of(list)))
                .map(rows -> {
                    JsonArray data = new JsonArray();
                    rows.forEach(r -> data.add(new JsonObject()
                            .put("userId", r.getUUID("user_id").toString())
                            .put("username", r.getString("username"))
                            .put("displayName", r.getString("display_name"))
                            .put("followedAt", Times.iso(r.getOffsetDateTime("created_at")))));
                    return data;
                });
    }

    private Future<Void> touch(UUID list) {
        return pool.preparedQuery(ReadingListSql.TOUCH).execute(Tuple.of(list)).mapEmpty();
    }

    private Future<JsonObject> itemsOf(UUID list) {
        return pool.preparedQuery(ReadingListSql.ITEMS).execute(Tuple.of(list)).map(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(r -> out.add(new JsonObject()
                    .put("seriesId", r.getUUID("series_id").toString())
                    .put("title", r.getString("title"))
                    .put("slug", r.getString("slug"))
                    .put("position", r.getInteger("position"))
                    .put("note", r.getString("note"))
                    .put("addedAt", Times.iso(r.getOffsetDateTime("added_at")))));
            return new JsonObject().put("listId", list.toString()).put("data", out);
        });
    }

    /** The list if the caller may read it: theirs, or public. */
    private Future<Row> readable(Principal caller, UUID list) {
        return load(list)
                .compose(l -> l.getBoolean("is_public")
                                || caller != null && caller.userId().equals(l.getUUID("user_id"))
                        ? Future.succeededFuture(l)
                        : Future.failedFuture(notFound()));
    }

    /** The list if it is the caller's; someone else's is 404 (private) or 403 (public). */
    private Future<Row> owned(Principal caller, UUID list) {
        return load(list).compose(l -> {
            if (l.getUUID("user_id").equals(caller.userId())) {
                return Future.succeededFuture(l);
            }
            return Future.failedFuture(
                    l.getBoolean("is_public")
                            ? new ApiException.Forbidden("list.forbidden", "Only the list's owner may change it.")
                            : notFound());
        });
    }

    private Future<Row> load(UUID list) {
        return pool.preparedQuery(ReadingListSql.ONE)
                .execute(Tuple.of(list))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(notFound())
                        : Future.succeededFuture(rows.iterator().next()));
    }

    private static ApiException notFound() {
        return new ApiException.NotFound("list.not_found", "Not found.");
    }

    private static ApiException notOnList() {
        return new ApiException.NotFound("list_item.not_found", "That series is not on the list.");
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
