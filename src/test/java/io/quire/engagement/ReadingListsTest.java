package io.quire.engagement;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading lists (items in order with notes, public or private, followers) and reader settings. */
class ReadingListsTest extends SharedApp {
    static String[] series = new String[3];
    static String draft;

    @BeforeAll
    static void content() {
        Authoring.User author = fixtures.author();
        String site = fixtures.site(author).getString("id");
        for (int i = 0; i < 3; i++) {
            series[i] = fixtures.series(author, site).getString("id");
            ok(api.post("/api/v1/series/" + series[i] + "/publish", null, author.token()), 200);
        }
        draft = fixtures.series(author, site).getString("id");
    }

    private static List<String> order(JsonObject items) {
        return items.getJsonArray("data").stream()
                .map(i -> ((JsonObject) i).getString("seriesId"))
                .toList();
    }

    @Test
    void aReaderKeepsAnOrderedListWithNotes() {
        Authoring.User reader = fixtures.reader();
        JsonObject list =
                ok(api.post("/api/v1/reading-lists", new JsonObject().put("name", "To read"), reader.token()), 201);
        String base = "/api/v1/reading-lists/" + list.getString("id");
        for (String s : series) {
            ok(api.post(base + "/items", new JsonObject().put("seriesId", s), reader.token()), 201);
        }
        problem(
                api.post(base + "/items", new JsonObject().put("seriesId", series[0]), reader.token()),
                409,
                "list_item.exists");
        problem(
                api.post(base + "/items", new JsonObject().put("seriesId", draft), reader.token()),
                404,
                "series.not_found");
        JsonObject reordered = ok(
                api.patch(
                        base + "/items",
                        new JsonObject()
                                .put("order", new JsonArray().add(series[2]).add(series[0])),
                        reader.token()),
                200);
        assertEquals(
                List.of(series[2], series[0], series[1]),
                order(reordered),
                "named first, the rest after in their order");
        JsonObject noted = ok(
                api.patch(
                        base + "/items",
                        new JsonObject().put("seriesId", series[1]).put("note", "after exams"),
                        reader.token()),
                200);
        assertEquals("after exams", noted.getJsonArray("data").getJsonObject(2).getString("note"));
        ok(api.delete(base + "/items/" + series[0], reader.token()), 204);
        assertEquals(List.of(series[2], series[1]), order(ok(api.get(base + "/items", reader.token()), 200)));
        problem(api.delete(base + "/items/" + series[0], reader.token()), 404, "list_item.not_found");
        assertEquals(2, ok(api.get(base, reader.token()), 200).getLong("itemCount"));
        assertEquals(
                1,
                ok(api.get("/api/v1/reading-lists", reader.token()), 200)
                        .getJsonArray("data")
                        .size());
        ok(api.patch(base, new JsonObject().put("name", "Summer").put("description", "beach"), reader.token()), 200);
        ok(api.delete(base, reader.token()), 204);
        problem(api.get(base, reader.token()), 404, "list.not_found");
    }

    @Test
    void publicListsAreReadAndFollowedByOthersPrivateOnesAreNot() {
        Authoring.User owner = fixtures.reader();
        Authoring.User other = fixtures.reader();
        String priv = ok(api.post("/api/v1/reading-lists", new JsonObject().put("name", "Secret"), owner.token()), 201)
                .getString("id");
        String pub = ok(
                        api.post(
                                "/api/v1/reading-lists",
                                new JsonObject().put("name", "Favourites").put("isPublic", true),
                                owner.token()),
                        201)
                .getString("id");
        problem(api.get("/api/v1/reading-lists/" + priv, other.token()), 404, "list.not_found");
        problem(api.post("/api/v1/reading-lists/" + priv + "/follow", null, other.token()), 404, "list.not_found");
        ok(api.get("/api/v1/reading-lists/" + pub + "/items", null), 200);
        ok(api.post("/api/v1/reading-lists/" + pub + "/follow", null, other.token()), 200);
        assertEquals(1, ok(api.get("/api/v1/reading-lists/" + pub, null), 200).getLong("followerCount"));
        assertEquals(
                other.id().toString(),
                ok(api.get("/api/v1/reading-lists/" + pub + "/followers", owner.token()), 200)
                        .getJsonArray("data")
                        .getJsonObject(0)
                        .getString("userId"));
        problem(api.get("/api/v1/reading-lists/" + pub + "/followers", other.token()), 403, "list.forbidden");
        problem(
                api.patch("/api/v1/reading-lists/" + pub, new JsonObject().put("name", "mine now"), other.token()),
                403,
                "list.forbidden");
        problem(api.post("/api/v1/reading-lists/" + pub + "/follow", null, owner.token()), 422, "list.follow_own");
        ok(api.delete("/api/v1/reading-lists/" + pub + "/follow", other.token()), 204);
        assertEquals(0, ok(api.get("/api/v1/reading-lists/" + pub, null), 200).getLong("followerCount"));
    }

    @Test
    void readerSettingsMergeOverDefaults() {
        Authoring.User reader = fixtures.reader();
        assertEquals(
                "light",
                ok(api.get("/api/v1/reader/settings", reader.token()), 200).getString("theme"));
        JsonObject dark = ok(
                api.patch(
                        "/api/v1/reader/settings",
                        new JsonObject().put("theme", "dark").put("fontSize", 22),
                        reader.token()),
                200);
        assertEquals("dark", dark.getString("theme"));
        assertEquals(22, dark.getInteger("fontSize"));
        JsonObject later =
                ok(api.patch("/api/v1/reader/settings", new JsonObject().put("lineHeight", 2.0), reader.token()), 200);
        assertEquals("dark", later.getString("theme"), "a change keeps the rest");
        JsonObject bad = problem(
                api.patch(
                        "/api/v1/reader/settings",
                        new JsonObject().put("theme", "neon").put("fontSize", 99),
                        reader.token()),
                422,
                "request.invalid");
        fieldError(bad, "theme");
        fieldError(bad, "fontSize");
        problem(api.get("/api/v1/reader/settings", null), 401, "auth.unauthenticated");
    }

    @Test
    void badListRequestsAreRefused() {
        Authoring.User reader = fixtures.reader();
        fieldError(
                problem(api.post("/api/v1/reading-lists", new JsonObject(), reader.token()), 422, "request.invalid"),
                "name");
        String id = ok(api.post("/api/v1/reading-lists", new JsonObject().put("name", "L"), reader.token()), 201)
                .getString("id");
        fieldError(
                problem(
                        api.patch("/api/v1/reading-lists/" + id + "/items", new JsonObject(), reader.token()),
                        422,
                        "request.invalid"),
                "order");
        fieldError(
                problem(
                        api.patch(
                                "/api/v1/reading-lists/" + id + "/items",
                                new JsonObject().put("order", new JsonArray().add("x")),
                                reader.token()),
                        422,
                        "request.invalid"),
                "order");
        problem(api.get("/api/v1/reading-lists/" + UUID.randomUUID(), reader.token()), 404, "list.not_found");
        problem(
                api.post("/api/v1/reading-lists", new JsonObject().put("name", "L"), null),
                401,
                "auth.unauthenticated");
    }
}
