package io.quire.platform.db;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/**
 * Requests that name nothing to change: every reorder refuses an empty list with a 422 (never the client's
 * "batch query with 0 sets" as a 500), on an owner with nothing to order and on one with something; a series
 * with no chapters still duplicates (its chapter copy is an empty batch).
 */
class EmptyBatchesTest extends SharedApp {
    static final JsonArray NONE = new JsonArray();

    @Test
    void pagesReorderWithAnEmptyListIs422WithOrWithoutPages() {
        Authoring.User owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        String path = "/api/v1/sites/" + site + "/pages/reorder";
        var empty =
                problem(api.patch(path, new JsonObject().put("pageIds", NONE), owner.token()), 422, "request.invalid");
        assertEquals(
                "must list 1 to 500 page ids, every page of the site in the new order", fieldError(empty, "pageIds"));
        ok(
                api.post(
                        "/api/v1/sites/" + site + "/pages",
                        new JsonObject().put("title", "About").put("content", "Us."),
                        owner.token()),
                201);
        problem(api.patch(path, new JsonObject().put("pageIds", NONE), owner.token()), 422, "request.invalid");
        assertEquals(
                1,
                ok(api.get("/api/v1/sites/" + site + "/pages", owner.token()), 200)
                        .getJsonArray("data")
                        .size());
    }

    @Test
    void chaptersReorderWithAnEmptyListIs422() {
        Authoring.User author = fixtures.author();
        String series =
                fixtures.series(author, fixtures.site(author).getString("id")).getString("id");
        var empty = problem(
                api.patch(
                        "/api/v1/series/" + series + "/chapters/reorder",
                        new JsonObject().put("chapterIds", NONE),
                        author.token()),
                422,
                "request.invalid");
        assertEquals("must list 1 to 500 chapter ids", fieldError(empty, "chapterIds"));
    }

    @Test
    void tiersReorderWithAnEmptyListIs422() {
        Authoring.User owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        var empty = problem(
                api.patch(
                        "/api/v1/sites/" + site + "/tiers/reorder", new JsonObject().put("order", NONE), owner.token()),
                422,
                "request.invalid");
        assertEquals("must list 1 to 100 tier ids in the new order", fieldError(empty, "order"));
    }

    @Test
    void aSeriesWithoutChaptersDuplicates() {
        Authoring.User author = fixtures.author();
        String series =
                fixtures.series(author, fixtures.site(author).getString("id")).getString("id");
        JsonObject copy = ok(api.post("/api/v1/series/" + series + "/duplicate", null, author.token()), 201);
        assertEquals(
                0,
                ok(api.get("/api/v1/series/" + copy.getString("id") + "/chapters", author.token()), 200)
                        .getJsonArray("data")
                        .size());
    }
}
