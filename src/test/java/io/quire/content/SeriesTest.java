package io.quire.content;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Series: create with per-site slugs, update with revisions, the status machine, delete/restore, permissions. */
class SeriesTest extends SharedApp {
    @Test
    void createListUpdate() {
        Authoring.User owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        JsonObject s = ok(
                api.post(
                        "/api/v1/sites/" + site + "/series",
                        new JsonObject()
                                .put("title", "The Long Road")
                                .put("contentType", "WEBTOON")
                                .put("earlyAccessDays", 7),
                        owner.token()),
                201);
        assertEquals("the-long-road", s.getString("slug"));
        assertEquals("DRAFT", s.getString("status"));
        assertEquals(7, s.getInteger("earlyAccessDays"));
        assertEquals(
                "the-long-road-2",
                ok(
                                api.post(
                                        "/api/v1/sites/" + site + "/series",
                                        new JsonObject().put("title", "The Long Road"),
                                        owner.token()),
                                201)
                        .getString("slug"));
        String other = fixtures.site(owner).getString("id");
        assertEquals(
                "the-long-road",
                ok(
                                api.post(
                                        "/api/v1/sites/" + other + "/series",
                                        new JsonObject().put("title", "The Long Road"),
                                        owner.token()),
                                201)
                        .getString("slug"),
                "slugs are unique per site");
        assertEquals(
                2,
                ok(api.get("/api/v1/sites/" + site + "/series", owner.token()), 200)
                        .getJsonArray("data")
                        .size());

        JsonObject updated = ok(
                api.patch(
                        "/api/v1/series/" + s.getString("id"),
                        new JsonObject().put("synopsis", "A journey.").put("baseRevision", 1),
                        owner.token()),
                200);
        assertEquals("A journey.", updated.getString("synopsis"));
        JsonObject stale = problem(
                api.patch(
                        "/api/v1/series/" + s.getString("id"),
                        new JsonObject().put("synopsis", "x").put("baseRevision", 1),
                        owner.token()),
                412,
                "series.revision_stale");
        assertEquals(2, stale.getInteger("currentRevision"));
        problem(
                api.patch(
                        "/api/v1/series/" + s.getString("id"),
                        new JsonObject().put("contentType", "NOVELLA"),
                        owner.token()),
                422,
                "request.invalid");
        problem(api.post("/api/v1/sites/" + site + "/series", new JsonObject(), owner.token()), 422, "request.invalid");
    }

    @Test
    void theStatusMachineRefusesIllegalMoves() {
        Authoring.User owner = fixtures.author();
        String id = fixtures.series(owner, fixtures.site(owner).getString("id")).getString("id");
        JsonObject early = problem(
                api.post("/api/v1/series/" + id + "/complete", null, owner.token()), 409, "series.illegal_transition");
        assertEquals("DRAFT", early.getString("currentStatus"));
        assertEquals(
                "ONGOING",
                ok(api.post("/api/v1/series/" + id + "/publish", null, owner.token()), 200)
                        .getString("status"));
        assertEquals(
                "HIATUS",
                ok(api.post("/api/v1/series/" + id + "/hiatus", null, owner.token()), 200)
                        .getString("status"));
        problem(api.post("/api/v1/series/" + id + "/hiatus", null, owner.token()), 409, "series.illegal_transition");
        assertEquals(
                "ONGOING",
                ok(api.post("/api/v1/series/" + id + "/resume", null, owner.token()), 200)
                        .getString("status"));
        JsonObject done = ok(api.post("/api/v1/series/" + id + "/complete", null, owner.token()), 200);
        assertNotNull(done.getString("completedAt"));
        assertEquals(
                "DRAFT",
                ok(api.post("/api/v1/series/" + id + "/unpublish", null, owner.token()), 200)
                        .getString("status"));
        assertEquals(
                List.of(
                        "series.created",
                        "series.published",
                        "series.on_hiatus",
                        "series.resumed",
                        "series.completed",
                        "series.unpublished"),
                fixtures.events(id));
    }

    @Test
    void settingsPaywallScheduleViews() {
        Authoring.User owner = fixtures.author();
        String id = fixtures.series(owner, fixtures.site(owner).getString("id")).getString("id");
        JsonObject settings = ok(
                api.patch(
                        "/api/v1/series/" + id + "/settings",
                        new JsonObject()
                                .put("contentType", "MANGA")
                                .put("extra", new JsonObject().put("readingDirection", "RTL")),
                        owner.token()),
                200);
        assertEquals("MANGA", settings.getString("contentType"));
        assertEquals("RTL", settings.getJsonObject("extra").getString("readingDirection"));
        assertEquals(settings, ok(api.get("/api/v1/series/" + id + "/settings", owner.token()), 200));
        JsonObject paywall = ok(
                api.patch(
                        "/api/v1/series/" + id + "/paywall",
                        new JsonObject()
                                .put("defaultAccessLevel", "SUBSCRIBERS")
                                .put("earlyAccessDays", 14)
                                .put("paywallMessage", "Support me"),
                        owner.token()),
                200);
        assertEquals(14, paywall.getInteger("earlyAccessDays"));
        problem(
                api.patch(
                        "/api/v1/series/" + id + "/paywall",
                        new JsonObject().put("earlyAccessDays", 9999),
                        owner.token()),
                422,
                "request.invalid");
        JsonObject schedule = ok(
                api.patch(
                        "/api/v1/series/" + id + "/schedule",
                        new JsonObject()
                                .put("updateSchedule", "Twice a week")
                                .put(
                                        "updateDays",
                                        new io.vertx.core.json.JsonArray()
                                                .add("MONDAY")
                                                .add("THURSDAY"))
                                .put("timezone", "Asia/Tokyo"),
                        owner.token()),
                200);
        assertEquals(
                List.of("MONDAY", "THURSDAY"),
                schedule.getJsonArray("updateDays").getList());
        problem(
                api.patch(
                        "/api/v1/series/" + id + "/schedule",
                        new JsonObject().put("updateDays", new io.vertx.core.json.JsonArray().add("FUNDAY")),
                        owner.token()),
                422,
                "request.invalid");
        problem(
                api.patch(
                        "/api/v1/series/" + id + "/settings",
                        new JsonObject().put("contentType", "MANGA").put("baseRevision", 1),
                        owner.token()),
                412,
                "series.revision_stale");
    }

    @Test
    void publicLookupsShowPublishedSeriesOnlyAndDuplicateCopiesChapters() {
        Authoring.User owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        JsonObject s = fixtures.series(owner, site);
        String id = s.getString("id");
        fixtures.chapter(owner, id, "One", "first");
        problem(api.get("/api/v1/series/" + id + "/public", null), 404, "series.not_found");
        assertEquals(
                0,
                ok(api.get("/api/v1/sites/" + site + "/series/public", null), 200)
                        .getJsonArray("data")
                        .size(),
                "drafts are not listed");
        ok(api.post("/api/v1/series/" + id + "/publish", null, owner.token()), 200);
        JsonObject pub = ok(api.get("/api/v1/series/" + id + "/public", null), 200);
        assertEquals(s.getString("title"), pub.getString("title"));
        assertEquals(null, pub.getValue("revision"));
        assertEquals(
                id,
                ok(api.get("/api/v1/sites/" + site + "/series/by-slug/" + s.getString("slug"), null), 200)
                        .getString("id"));
        // the public list was cached empty a moment ago; publishing evicts it through the outbox, within a moment
        try {
            io.quire.testing.Eventually.await(
                    () -> ok(api.get("/api/v1/sites/" + site + "/series/public", null), 200)
                                    .getJsonArray("data")
                                    .size()
                            == 1,
                    5_000,
                    "the published series in the public list");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }

        JsonObject copy = ok(api.post("/api/v1/series/" + id + "/duplicate", null, owner.token()), 201);
        assertEquals("DRAFT", copy.getString("status"));
        assertEquals(s.getString("title") + " (copy)", copy.getString("title"));
        var chapters = ok(api.get("/api/v1/series/" + copy.getString("id") + "/chapters", owner.token()), 200)
                .getJsonArray("data");
        assertEquals(1, chapters.size());
        assertEquals("DRAFT", chapters.getJsonObject(0).getString("status"));
        assertEquals(
                1,
                ok(
                                api.get(
                                        "/api/v1/chapters/"
                                                + chapters.getJsonObject(0).getString("id") + "/versions",
                                        owner.token()),
                                200)
                        .getJsonArray("data")
                        .size());
    }

    @Test
    void permissionsAndDeletion() {
        Authoring.User owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        String id = fixtures.series(owner, site).getString("id");
        problem(api.get("/api/v1/series/" + id, fixtures.author().token()), 404, "series.not_found");
        Authoring.User writer = fixtures.reader();
        fixtures.collaborator(site, writer, "WRITER", new JsonObject());
        ok(api.get("/api/v1/series/" + id, writer.token()), 200);
        problem(api.post("/api/v1/series/" + id + "/publish", null, writer.token()), 403, "site.forbidden");
        problem(
                api.post("/api/v1/sites/" + site + "/series", new JsonObject().put("title", "Mine"), writer.token()),
                403,
                "site.forbidden");

        ok(api.delete("/api/v1/series/" + id, owner.token()), 204);
        problem(api.get("/api/v1/series/" + id, owner.token()), 404, "series.not_found");
        ok(api.post("/api/v1/series/" + id + "/restore", null, owner.token()), 200);
        problem(api.post("/api/v1/series/" + id + "/restore", null, owner.token()), 409, "series.not_deleted");
    }
}
