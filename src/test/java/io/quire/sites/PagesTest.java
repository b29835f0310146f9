package io.quire.sites;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Site pages: write, publish, order, and the public lookup. */
class PagesTest extends SharedApp {
    @Test
    void writePublishOrderAndReadPublicly() {
        Authoring.User owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        String base = "/api/v1/sites/" + site + "/pages";
        JsonObject about = ok(
                api.post(
                        base,
                        new JsonObject()
                                .put("title", "About Us")
                                .put("content", "We *write*.<script>x</script>")
                                .put("showInNav", true),
                        owner.token()),
                201);
        assertEquals("about-us", about.getString("slug"));
        assertEquals("<p>We <em>write</em>.</p>\n", about.getString("contentHtml"));
        String faq = ok(api.post(base, new JsonObject().put("title", "FAQ"), owner.token()), 201)
                .getString("id");
        problem(
                api.post(base, new JsonObject().put("title", "x").put("slug", "about-us"), owner.token()),
                409,
                "page.slug_taken");

        problem(api.get(base + "/by-slug/about-us", null), 404, "page.not_found");
        ok(api.post(base + "/" + about.getString("id") + "/publish", null, owner.token()), 200);
        problem(
                api.post(base + "/" + about.getString("id") + "/publish", null, owner.token()),
                409,
                "page.illegal_transition");
        JsonObject pub = ok(api.get(base + "/by-slug/about-us", null), 200);
        assertFalse(pub.containsKey("content"), "public lookups carry the rendered HTML, not the source");

        JsonObject stale = problem(
                api.patch(
                        base + "/" + about.getString("id"),
                        new JsonObject().put("title", "About").put("baseRevision", 1),
                        owner.token()),
                412,
                "page.revision_stale");
        assertEquals(2, stale.getInteger("currentRevision"));
        assertEquals(
                "About",
                ok(
                                api.patch(
                                        base + "/" + about.getString("id"),
                                        new JsonObject().put("title", "About").put("baseRevision", 2),
                                        owner.token()),
                                200)
                        .getString("title"));

        JsonArray ordered = ok(
                        api.patch(
                                base + "/reorder",
                                new JsonObject()
                                        .put("pageIds", new JsonArray().add(faq).add(about.getString("id"))),
                                owner.token()),
                        200)
                .getJsonArray("data");
        assertEquals(
                List.of(faq, about.getString("id")),
                ordered.stream().map(p -> ((JsonObject) p).getString("id")).toList());
        assertEquals(
                "FAQ (copy)",
                ok(api.post(base + "/" + faq + "/duplicate", null, owner.token()), 201)
                        .getString("title"));
        ok(api.delete(base + "/" + faq, owner.token()), 204);
        problem(api.get(base + "/" + faq, owner.token()), 404, "page.not_found");
        problem(api.get(base, fixtures.author().token()), 404, "site.not_found");
        Authoring.User viewer = fixtures.reader();
        fixtures.collaborator(site, viewer, "VIEWER", new JsonObject());
        ok(api.get(base, viewer.token()), 200);
        problem(api.post(base, new JsonObject().put("title", "Mine"), viewer.token()), 403, "site.forbidden");
    }
}
