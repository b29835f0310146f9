package io.quire.sites;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sites: create, slugs, permissions (404 for strangers, 403 for viewers), revisions, settings, delete/restore, public lookups. */
class SitesTest extends SharedApp {
    @Test
    void authorsCreateSitesWithUniqueSlugsAndReadersCannot() {
        Authoring.User author = fixtures.author();
        var created = api.post("/api/v1/sites", new JsonObject().put("name", "Night Owl Press"), author.token());
        JsonObject site = ok(created, 201);
        assertEquals("night-owl-press", site.getString("slug"));
        assertEquals("OWNER", site.getString("yourRole"));
        assertEquals("\"r1\"", created.getHeader("ETag"));
        assertEquals("/api/v1/sites/" + site.getString("id"), created.getHeader("Location"));
        assertEquals(
                "night-owl-press-2",
                fixtures.site(fixtures.author(), new JsonObject().put("name", "Night Owl Press"))
                        .getString("slug"));
        JsonObject taken = problem(
                api.post(
                        "/api/v1/sites",
                        new JsonObject().put("name", "x").put("slug", "night-owl-press"),
                        author.token()),
                409,
                "site.slug_taken");
        assertEquals("is already taken", fieldError(taken, "slug"));
        problem(
                api.post("/api/v1/sites", new JsonObject().put("name", "x").put("slug", "Bad Slug"), author.token()),
                422,
                "request.invalid");
        problem(
                api.post(
                        "/api/v1/sites",
                        new JsonObject().put("name", "Mine"),
                        fixtures.reader().token()),
                403,
                "auth.forbidden");
        assertEquals(List.of("site.created"), fixtures.events(site.getString("id")));
    }

    @Test
    void strangersGet404AndViewersMayReadButNotWrite() {
        Authoring.User owner = fixtures.author();
        String id = fixtures.site(owner).getString("id");
        Authoring.User stranger = fixtures.author();
        problem(api.get("/api/v1/sites/" + id, stranger.token()), 404, "site.not_found");
        problem(
                api.patch("/api/v1/sites/" + id, new JsonObject().put("name", "mine now"), stranger.token()),
                404,
                "site.not_found");
        problem(api.get("/api/v1/sites/not-a-uuid", owner.token()), 404, "site.not_found");

        Authoring.User viewer = fixtures.reader();
        fixtures.collaborator(id, viewer, "VIEWER", new JsonObject());
        assertEquals(
                "VIEWER",
                ok(api.get("/api/v1/sites/" + id, viewer.token()), 200).getString("yourRole"));
        assertTrue(ok(api.get("/api/v1/sites", viewer.token()), 200).getJsonArray("data").stream()
                .anyMatch(s -> ((JsonObject) s).getString("id").equals(id)));
        problem(
                api.patch("/api/v1/sites/" + id, new JsonObject().put("name", "x"), viewer.token()),
                403,
                "site.forbidden");
        problem(api.delete("/api/v1/sites/" + id, viewer.token()), 403, "site.forbidden");

        Authoring.User editor = fixtures.reader();
        fixtures.collaborator(id, editor, "EDITOR", new JsonObject());
        JsonObject edited =
                ok(api.patch("/api/v1/sites/" + id, new JsonObject().put("tagline", "edited"), editor.token()), 200);
        assertEquals("EDITOR", edited.getString("yourRole"), "the answer to a change says the caller's role, as GET");
        problem(api.delete("/api/v1/sites/" + id, editor.token()), 403, "site.forbidden");
        ok(api.get("/api/v1/sites/" + id, fixtures.admin().token()), 200);
    }

    @Test
    void aStaleIfMatchIs412WithTheCurrentRevision() {
        Authoring.User owner = fixtures.author();
        String id = fixtures.site(owner).getString("id");
        var first = app.client
                .patch("/api/v1/sites/" + id)
                .putHeader("Authorization", "Bearer " + owner.token())
                .putHeader("If-Match", "\"r1\"")
                .sendJsonObject(new JsonObject().put("tagline", "one"));
        JsonObject updated = ok(await(first), 200);
        assertEquals(2, updated.getInteger("revision"));
        var stale = app.client
                .patch("/api/v1/sites/" + id)
                .putHeader("Authorization", "Bearer " + owner.token())
                .putHeader("If-Match", "\"r1\"")
                .sendJsonObject(new JsonObject().put("tagline", "two"));
        JsonObject p = problem(await(stale), 412, "site.revision_stale");
        assertEquals(2, p.getInteger("currentRevision"));
        problem(
                api.patch(
                        "/api/v1/sites/" + id,
                        new JsonObject().put("tagline", "three").put("baseRevision", 1),
                        owner.token()),
                412,
                "site.revision_stale");
        var malformed = app.client
                .patch("/api/v1/sites/" + id)
                .putHeader("Authorization", "Bearer " + owner.token())
                .putHeader("If-Match", "r2")
                .sendJsonObject(new JsonObject().put("tagline", "x"));
        problem(await(malformed), 400, "precondition.malformed");
    }

    @Test
    void settingsReadAndChange() {
        Authoring.User owner = fixtures.author();
        String id = fixtures.site(owner).getString("id");
        JsonObject settings = ok(api.get("/api/v1/sites/" + id + "/settings", owner.token()), 200);
        assertEquals("post", settings.getString("commentsModerationMode"));
        JsonObject changed = ok(
                api.patch(
                        "/api/v1/sites/" + id + "/settings",
                        new JsonObject()
                                .put("commentsModerationMode", "pre")
                                .put("commentsEnabled", false)
                                .put("extra", new JsonObject().put("accent", "#123456")),
                        owner.token()),
                200);
        assertEquals("pre", changed.getString("commentsModerationMode"));
        assertFalse(changed.getBoolean("commentsEnabled"));
        assertEquals("#123456", changed.getJsonObject("extra").getString("accent"));
        problem(
                api.patch(
                        "/api/v1/sites/" + id + "/settings",
                        new JsonObject().put("commentsModerationMode", "later"),
                        owner.token()),
                422,
                "request.invalid");
    }

    @Test
    void deleteAndRestore() {
        Authoring.User owner = fixtures.author();
        String id = fixtures.site(owner).getString("id");
        ok(api.delete("/api/v1/sites/" + id, owner.token()), 204);
        problem(api.get("/api/v1/sites/" + id, owner.token()), 404, "site.not_found");
        problem(api.get("/api/v1/sites/" + id + "/public", null), 404, "site.not_found");
        assertTrue(ok(api.get("/api/v1/sites?includeDeleted=true", owner.token()), 200).getJsonArray("data").stream()
                .anyMatch(s -> ((JsonObject) s).getString("id").equals(id)));
        problem(
                api.post(
                        "/api/v1/sites/" + id + "/restore",
                        null,
                        fixtures.author().token()),
                404,
                "site.not_found");
        JsonObject restored = ok(api.post("/api/v1/sites/" + id + "/restore", null, owner.token()), 200);
        assertEquals(null, restored.getString("deletedAt"));
        assertEquals("OWNER", restored.getString("yourRole"));
        problem(api.post("/api/v1/sites/" + id + "/restore", null, owner.token()), 409, "site.not_deleted");
        assertEquals(List.of("site.created", "site.deleted", "site.restored"), fixtures.events(id));
    }

    @Test
    void publicLookupsShowMetadataOfActivePublicSitesOnly() {
        Authoring.User owner = fixtures.author();
        JsonObject site =
                fixtures.site(owner, new JsonObject().put("name", "Open Book").put("tagline", "stories"));
        String id = site.getString("id");
        ok(
                api.patch(
                        "/api/v1/sites/" + id, new JsonObject().put("customDomain", "Read.Example.COM"), owner.token()),
                200);
        var bySlug = api.get("/api/v1/sites/by-slug/" + site.getString("slug"), null);
        JsonObject pub = ok(bySlug, 200);
        assertEquals("stories", pub.getString("tagline"));
        assertFalse(pub.containsKey("ownerId") || pub.containsKey("revision"));
        assertTrue(bySlug.getHeader("Cache-Control").startsWith("public"));
        assertEquals(
                id,
                ok(api.get("/api/v1/sites/by-domain/read.example.com", null), 200)
                        .getString("id"));
        assertEquals(
                id, ok(api.get("/api/v1/sites/" + id + "/public", null), 200).getString("id"));
        problem(
                api.call(
                        HttpMethod.PATCH,
                        "/api/v1/sites/" + fixtures.site(fixtures.author()).getString("id"),
                        new JsonObject().put("customDomain", "read.example.com"),
                        fixtures.author().token()),
                404,
                "site.not_found");
        ok(api.patch("/api/v1/sites/" + id, new JsonObject().put("isPublic", false), owner.token()), 200);
        problem(api.get("/api/v1/sites/by-slug/" + site.getString("slug"), null), 404, "site.not_found");
        problem(api.get("/api/v1/sites/by-domain/nowhere.example.com", null), 404, "site.not_found");
    }

    @Test
    void aCustomDomainBelongsToOneSite() {
        Authoring.User a = fixtures.author();
        Authoring.User b = fixtures.author();
        String first = fixtures.site(a).getString("id");
        String second = fixtures.site(b).getString("id");
        ok(
                api.patch(
                        "/api/v1/sites/" + first,
                        new JsonObject().put("customDomain", "shared.example.org"),
                        a.token()),
                200);
        problem(
                api.patch(
                        "/api/v1/sites/" + second,
                        new JsonObject().put("customDomain", "SHARED.example.org"),
                        b.token()),
                409,
                "site.domain_taken");
        problem(
                api.patch("/api/v1/sites/" + second, new JsonObject().put("customDomain", "not a domain"), b.token()),
                422,
                "request.invalid");
    }

    private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> await(
            io.vertx.core.Future<io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer>> f) {
        try {
            return f.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
