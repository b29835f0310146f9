package io.quire.content;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The seeded catalogue, tags with counts and blocking, and a series' genres, tags and warnings. */
class TaxonomyTest extends SharedApp {
    static String genreId(String slug) {
        return ok(api.get("/api/v1/genres", null), 200).getJsonArray("data").stream()
                .map(JsonObject.class::cast)
                .filter(g -> g.getString("slug").equals(slug))
                .findFirst()
                .orElseThrow()
                .getString("id");
    }

    @Test
    void theCatalogueIsSeededAndPublic() {
        JsonArray genres = ok(api.get("/api/v1/genres", null), 200).getJsonArray("data");
        assertTrue(genres.size() >= 20);
        assertTrue(ok(api.get("/api/v1/genres/featured", null), 200).getJsonArray("data").stream()
                .allMatch(g -> ((JsonObject) g).getBoolean("isFeatured")));
        String fantasy = genreId("fantasy");
        assertTrue(ok(api.get("/api/v1/genres/" + fantasy + "/children", null), 200).getJsonArray("data").stream()
                .anyMatch(g -> ((JsonObject) g).getString("slug").equals("litrpg")));
        assertEquals(
                "Fantasy", ok(api.get("/api/v1/genres/" + fantasy, null), 200).getString("name"));
        problem(api.get("/api/v1/genres/" + java.util.UUID.randomUUID(), null), 404, "genre.not_found");
        assertTrue(ok(api.get("/api/v1/content-warnings", null), 200)
                        .getJsonArray("data")
                        .size()
                >= 10);
    }

    @Test
    void aSeriesCarriesGenresTagsAndWarnings() {
        Authoring.User author = fixtures.author();
        String series =
                fixtures.series(author, fixtures.site(author).getString("id")).getString("id");
        String fantasy = genreId("fantasy");
        String litrpg = genreId("litrpg");
        JsonArray genres = ok(
                        api.call(
                                io.vertx.core.http.HttpMethod.PUT,
                                "/api/v1/series/" + series + "/genres",
                                new JsonObject()
                                        .put(
                                                "genreIds",
                                                new JsonArray().add(fantasy).add(litrpg))
                                        .put("primaryGenreId", litrpg),
                                author.token()),
                        200)
                .getJsonArray("data");
        assertEquals("litrpg", genres.getJsonObject(0).getString("slug"), "the primary one first");
        assertTrue(genres.getJsonObject(0).getBoolean("isPrimary"));
        problem(
                api.post(
                        "/api/v1/series/" + series + "/genres",
                        new JsonObject()
                                .put("genreId", java.util.UUID.randomUUID().toString()),
                        author.token()),
                422,
                "request.invalid");
        assertEquals(
                1,
                ok(api.delete("/api/v1/series/" + series + "/genres/" + fantasy, author.token()), 200)
                        .getJsonArray("data")
                        .size());

        JsonArray tags = ok(
                        api.post(
                                "/api/v1/series/" + series + "/tags",
                                new JsonObject().put("tag", "Found Family"),
                                author.token()),
                        200)
                .getJsonArray("data");
        assertEquals("found-family", tags.getJsonObject(0).getString("slug"));
        assertEquals(1, tags.getJsonObject(0).getInteger("usageCount"));
        String other =
                fixtures.series(author, fixtures.site(author).getString("id")).getString("id");
        ok(
                api.call(
                        io.vertx.core.http.HttpMethod.PUT,
                        "/api/v1/series/" + other + "/tags",
                        new JsonObject()
                                .put("tags", new JsonArray().add("found family").add("slow burn")),
                        author.token()),
                200);
        assertEquals(2, ok(api.get("/api/v1/tags/found-family", null), 200).getInteger("usageCount"));
        ok(
                api.call(
                        io.vertx.core.http.HttpMethod.PUT,
                        "/api/v1/series/" + other + "/tags",
                        new JsonObject().put("tags", new JsonArray()),
                        author.token()),
                200);
        assertEquals(
                1,
                ok(api.get("/api/v1/tags/found-family", null), 200).getInteger("usageCount"),
                "counts follow removals");
        assertEquals(
                "found-family",
                ok(api.get("/api/v1/tags/search?q=foun", null), 200)
                        .getJsonArray("data")
                        .getJsonObject(0)
                        .getString("slug"));

        String violence = ok(api.get("/api/v1/content-warnings", null), 200).getJsonArray("data").stream()
                .map(JsonObject.class::cast)
                .filter(w -> w.getString("slug").equals("violence"))
                .findFirst()
                .orElseThrow()
                .getString("id");
        assertEquals(
                List.of("violence"),
                ok(
                                api.post(
                                        "/api/v1/series/" + series + "/warnings",
                                        new JsonObject().put("warningId", violence),
                                        author.token()),
                                200)
                        .getJsonArray("data")
                        .stream()
                        .map(w -> ((JsonObject) w).getString("slug"))
                        .toList());
        assertTrue(fixtures.events(series).contains("series.taxonomy_changed"));
        problem(
                api.post(
                        "/api/v1/series/" + series + "/tags",
                        new JsonObject().put("tag", "x"),
                        fixtures.author().token()),
                404,
                "series.not_found");
    }

    @Test
    void tagsCanBeCreatedAndBlocked() {
        Authoring.User author = fixtures.author();
        var created = api.post("/api/v1/tags", new JsonObject().put("name", "Time Loop"), author.token());
        assertEquals(201, created.statusCode());
        assertEquals(
                200,
                api.post("/api/v1/tags", new JsonObject().put("name", "time-loop"), author.token())
                        .statusCode());
        problem(
                api.post(
                        "/api/v1/tags",
                        new JsonObject().put("name", "nope"),
                        fixtures.reader().token()),
                403,
                "auth.forbidden");
        problem(
                api.patch("/api/v1/admin/tags/time-loop", new JsonObject().put("blocked", true), author.token()),
                403,
                "auth.forbidden");
        ok(
                api.patch(
                        "/api/v1/admin/tags/time-loop",
                        new JsonObject().put("blocked", true),
                        fixtures.admin().token()),
                200);
        problem(api.get("/api/v1/tags/time-loop", null), 404, "tag.not_found");
        String series =
                fixtures.series(author, fixtures.site(author).getString("id")).getString("id");
        problem(
                api.post(
                        "/api/v1/series/" + series + "/tags", new JsonObject().put("tag", "Time Loop"), author.token()),
                422,
                "tag.blocked");
        problem(api.get("/api/v1/tags/search", null), 422, "request.invalid");
    }
}
