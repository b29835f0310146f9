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
import io.quire.platform.api.Call;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** Readers' reading lists and their items and followers ({@link ReadingLists}). */
public final class ReadingListRoutes {
    private static final String TAG = "engagement";
    private static final String BASE = "/api/v1/reading-lists";
    private final ReadingLists lists;

    public ReadingListRoutes(ReadingLists lists) {
        this.lists = lists;
    }

    public void mount(Api api) {
        api.component(
                "ReadingList",
                object().required("id", uuid())
                        .required("ownerId", uuid())
                        .required("name", string())
                        .required("description", nullable(string()))
                        .required("isPublic", Schema.bool())
                        .required("itemCount", integer())
                        .required("followerCount", integer())
                        .required("createdAt", string().format("date-time"))
                        .required("updatedAt", string().format("date-time")));
        api.component(
                "ReadingListItems",
                object().required("listId", uuid())
                        .required(
                                "data",
                                array(object().required("seriesId", uuid())
                                        .required("title", string())
                                        .required("slug", string())
                                        .required("position", integer())
                                        .required("note", nullable(string()))
                                        .required("addedAt", string().format("date-time")))));
        Schema items = ref("ReadingListItems");
        api.on(
                Endpoint.get(BASE)
                        .id("listReadingLists")
                        .tag(TAG)
                        .summary("My reading lists")
                        .access(Access.session())
                        .ok(Schema.list(ref("ReadingList"))),
                call -> lists.mine(call.user().userId()).map(data -> Reply.list(data, null)));
        api.on(
                Endpoint.post(BASE)
                        .id("createReadingList")
                        .tag(TAG)
                        .summary("Create a reading list (private unless isPublic)")
                        .access(Access.session())
                        .body(object().required("name", string().length(1, 100))
                                .optional("description", string().length(0, 1000))
                                .optional("isPublic", Schema.bool()))
                        .ok(201, ref("ReadingList"), "Created"),
                call -> lists.create(call.user().userId(), details(call.body())).map(Reply::created));
        api.on(
                Endpoint.get(BASE + "/{listId}")
                        .id("getReadingList")
                        .tag(TAG)
                        .summary("A list: mine, or anyone's public one")
                        .ok(ref("ReadingList")),
                call -> lists.get(call.caller(), list(call)).map(Reply::ok));
        api.on(
                Endpoint.patch(BASE + "/{listId}")
                        .id("updateReadingList")
                        .tag(TAG)
                        .summary("Change my list")
                        .description("`description: null` clears it.")
                        .access(Access.session())
                        .body(object().optional("name", string().length(1, 100))
                                .optional("description", nullable(string().length(0, 1000)))
                                .optional("isPublic", Schema.bool()))
                        .ok(ref("ReadingList"))
                        .problems(403),
                call -> lists.update(call.user(), list(call), details(call.body()))
                        .map(Reply::ok));
        api.on(
                Endpoint.delete(BASE + "/{listId}")
                        .id("deleteReadingList")
                        .tag(TAG)
                        .summary("Delete my list")
                        .access(Access.session())
                        .noContent()
                        .problems(403),
                call -> lists.delete(call.user(), list(call)).map(v -> Reply.noContent()));
        api.on(
                Endpoint.get(BASE + "/{listId}/items")
                        .id("listReadingListItems")
                        .tag(TAG)
                        .summary("The list's series in order, with notes")
                        .ok(items),
                call -> lists.items(call.caller(), list(call)).map(Reply::ok));
        api.on(
                Endpoint.post(BASE + "/{listId}/items")
                        .id("addReadingListItem")
                        .tag(TAG)
                        .summary("Add a published series at the end")
                        .access(Access.session())
                        .body(object().required("seriesId", uuid()).optional("note", string().length(0, 500)))
                        .ok(201, items, "Added")
                        .problems(403, 409),
                call -> lists.add(
                                call.user(),
                                list(call),
                                UUID.fromString(call.body().getString("seriesId")),
                                call.body().getString("note"))
                        .map(Reply::created));
        api.on(
                Endpoint.patch(BASE + "/{listId}/items")
                        .id("updateReadingListItems")
                        .tag(TAG)
                        .summary("Reorder the items, or set one item's note")
                        .description("`{order: [seriesId…]}`: the named series first, the rest after in their order; "
                                + "or `{seriesId, note}`.")
                        .access(Access.session())
                        .body(object().optional(
                                        "order",
                                        array(string().length(1, 36))
                                                .size(1, 1000)
                                                .description("Series ids"))
                                .optional("seriesId", uuid())
                                .optional("note", string().length(0, 500))
                                .requireAnyOf(
                                        "send order (series ids in the new order) or seriesId with a note",
                                        "order",
                                        "seriesId"))
                        .ok(items)
                        .problems(403),
                call -> {
                    JsonObject b = call.body();
                    if (b.containsKey("order")) {
                        List<UUID> order = seriesIds(b.getJsonArray("order"));
                        return lists.reorder(call.user(), list(call), order).map(Reply::ok);
                    }
                    return lists.note(
                                    call.user(),
                                    list(call),
                                    UUID.fromString(b.getString("seriesId")),
                                    b.getString("note"))
                            .map(Reply::ok);
                });
        api.on(
                Endpoint.delete(BASE + "/{listId}/items/{seriesId}")
                        .id("removeReadingListItem")
                        .tag(TAG)
                        .summary("Take a series off the list")
                        .access(Access.session())
                        .noContent()
                        .problems(403),
                call -> lists.remove(call.user(), list(call), call.id("seriesId", "series.not_found"))
                        .map(v -> Reply.noContent()));
        api.on(
                Endpoint.post(BASE + "/{listId}/follow")
                        .id("followReadingList")
                        .tag(TAG)
                        .summary("Follow a public list (not your own)")
                        .access(Access.session())
                        .ok(object().required("listId", uuid()).required("following", Schema.bool()))
                        .problems(422),
                call -> {
                    UUID id = list(call);
                    return lists.follow(call.user(), id)
                            .map(v -> Reply.ok(new JsonObject()
                                    .put("listId", id.toString())
                                    .put("following", true)));
                });
        api.on(
                Endpoint.delete(BASE + "/{listId}/follow")
                        .id("unfollowReadingList")
                        .tag(TAG)
                        .summary("Stop following")
                        .access(Access.session())
                        .noContent(),
                call -> lists.unfollow(call.user().userId(), list(call)).map(v -> Reply.noContent()));
        api.on(
                Endpoint.get(BASE + "/{listId}/followers")
                        .id("listReadingListFollowers")
                        .tag(TAG)
                        .summary("Who follows my list")
                        .access(Access.session())
                        .ok(Schema.list(ref("Follower")))
                        .problems(403),
                call -> lists.followers(call.user(), list(call)).map(data -> Reply.list(data, null)));
    }

    /** The ids of an order; one that is not an id is a 422 on {@code order}, as the whole list is refused. */
    private static List<UUID> seriesIds(io.vertx.core.json.JsonArray order) {
        try {
            return order.stream().map(id -> UUID.fromString((String) id)).toList();
        } catch (IllegalArgumentException e) {
            io.quire.platform.api.Violations v = new io.quire.platform.api.Violations();
            v.add("order", "must be series ids");
            v.throwIfAny("Some fields are invalid.");
            return List.of();
        }
    }

    private static UUID list(Call call) {
        return call.id("listId", "list.not_found");
    }

    private static ReadingLists.Details details(JsonObject b) {
        return new ReadingLists.Details(
                b.getString("name"),
                b.containsKey("description"),
                b.getString("description"),
                b.getBoolean("isPublic"));
    }
}
