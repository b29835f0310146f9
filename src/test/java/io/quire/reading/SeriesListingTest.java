package io.quire.reading;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.TestApp;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Public series lists: filters, sorts and keyset cursors that visit every series once. */
class SeriesListingTest {
    static TestApp app;
    static Api api;
    static Authoring fixtures;
    static Authoring.User author;
    static String site;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        api = new Api(app);
        fixtures = Authoring.in(app);
        author = fixtures.author();
        site = fixtures.site(author).getString("id");
        String fantasy = ok(api.get("/api/v1/genres", null), 200).getJsonArray("data").stream()
                .map(JsonObject.class::cast)
                .filter(g -> g.getString("slug").equals("fantasy"))
                .findFirst()
                .orElseThrow()
                .getString("id");
        for (String title : List.of("Delta", "alpha", "Charlie", "Bravo", "Echo")) {
            String id = ok(
                            api.post(
                                    "/api/v1/sites/" + site + "/series",
                                    new JsonObject()
                                            .put("title", title)
                                            .put("contentType", title.equals("Echo") ? "MANGA" : "WEB_NOVEL"),
                                    author.token()),
                            201)
                    .getString("id");
            if (!title.equals("Charlie")) {
                ok(api.post("/api/v1/series/" + id + "/publish", null, author.token()), 200);
            }
            if (title.equals("alpha") || title.equals("Bravo")) {
                ok(
                        api.call(
                                HttpMethod.PUT,
                                "/api/v1/series/" + id + "/genres",
                                new JsonObject().put("genreIds", new JsonArray().add(fantasy)),
                                author.token()),
                        200);
                ok(
                        api.post(
                                "/api/v1/series/" + id + "/tags",
                                new JsonObject().put("tag", "Found Family"),
                                author.token()),
                        200);
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    static List<String> titles(JsonObject page) {
        return page.getJsonArray("data").stream()
                .map(s -> ((JsonObject) s).getString("title"))
                .toList();
    }

    @Test
    void titleOrderWithCursorsVisitsEachPublishedSeriesOnce() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = ok(
                    api.get(
                            "/api/v1/sites/" + site + "/series/public?sort=title&limit=2"
                                    + (cursor == null ? "" : "&cursor=" + cursor),
                            null),
                    200);
            seen.addAll(titles(page));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(List.of("alpha", "Bravo", "Delta", "Echo"), seen, "Charlie is a draft");
    }

    @Test
    void latestOrderWithCursorsVisitsEachPublishedSeriesOnce() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            JsonObject page = ok(
                    api.get(
                            "/api/v1/sites/" + site + "/series/public?limit=1"
                                    + (cursor == null ? "" : "&cursor=" + cursor),
                            null),
                    200);
            seen.addAll(titles(page));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertEquals(4, seen.size());
        assertEquals(4, seen.stream().distinct().count());
    }

    @Test
    void filtersByGenreTagTypeAndStatus() {
        assertEquals(
                List.of("alpha", "Bravo"),
                titles(ok(api.get("/api/v1/sites/" + site + "/series/public?sort=title&genre=fantasy", null), 200)));
        assertEquals(
                List.of("alpha", "Bravo"),
                titles(ok(api.get("/api/v1/tags/found-family/series?sort=title", null), 200)));
        assertEquals(
                List.of("Echo"),
                titles(ok(api.get("/api/v1/sites/" + site + "/series/public?contentType=MANGA", null), 200)));
        assertEquals(
                List.of(), titles(ok(api.get("/api/v1/sites/" + site + "/series/public?status=COMPLETED", null), 200)));
        JsonObject latest = ok(api.get("/api/v1/sites/" + site + "/series/public?limit=100", null), 200);
        assertEquals(4, latest.getJsonArray("data").size());
        assertNull(latest.getString("nextCursor"));
    }

    @Test
    void badParametersAreClearProblems() {
        problem(api.get("/api/v1/sites/" + site + "/series/public?sort=hottest", null), 422, "request.invalid");
        problem(api.get("/api/v1/sites/" + site + "/series/public?status=DRAFT", null), 422, "request.invalid");
        problem(api.get("/api/v1/sites/" + site + "/series/public?limit=0", null), 422, "request.invalid");
        problem(api.get("/api/v1/sites/" + site + "/series/public?cursor=garbage", null), 400, "request.bad_cursor");
    }
}
