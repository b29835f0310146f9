package io.quire.billing;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Subscription tiers: the owner's CRUD, order and duplicates, the public pricing list, and who may do what. */
class TiersTest extends SharedApp {

    private static JsonObject tier(String site, Authoring.User owner, String name, int monthly) {
        return ok(
                api.post(
                        "/api/v1/sites/" + site + "/tiers",
                        new JsonObject()
                                .put("name", name)
                                .put("monthlyPrice", monthly)
                                .put("currency", "inr")
                                .put("benefits", new JsonArray().add("Early access")),
                        owner.token()),
                201);
    }

    @Test
    void anOwnerManagesTiersAndReadersSeeTheActivePublicOnes() {
        Authoring.User owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        JsonObject basic = tier(site, owner, "Supporter", 9900);
        assertEquals("INR", basic.getString("currency"));
        assertEquals("supporter", basic.getString("slug"));
        assertTrue(basic.getBoolean("isActive"));
        JsonObject gold = ok(
                api.post(
                        "/api/v1/sites/" + site + "/tiers",
                        new JsonObject()
                                .put("name", "Gold")
                                .put("monthlyPrice", 29900)
                                .put("annualPrice", 299000)
                                .put("currency", "INR")
                                .put(
                                        "billingCycles",
                                        new JsonArray().add("MONTHLY").add("ANNUAL"))
                                .put("maxSubscribers", 100)
                                .put("badgeColor", "#C9A227"),
                        owner.token()),
                201);
        JsonObject copy =
                ok(api.post("/api/v1/tiers/" + gold.getString("id") + "/duplicate", null, owner.token()), 201);
        assertEquals("Gold (copy)", copy.getString("name"));
        assertFalse(copy.getBoolean("isActive"), "a copy starts inactive");
        assertEquals(299000, copy.getLong("annualPrice"));

        List<String> pricing =
                ok(api.get("/api/v1/sites/" + site + "/tiers/public", null), 200).getJsonArray("data").stream()
                        .map(t -> ((JsonObject) t).getString("name"))
                        .toList();
        assertEquals(List.of("Supporter", "Gold"), pricing, "active public tiers only, in the author's order");

        JsonObject reordered = ok(
                api.patch(
                        "/api/v1/sites/" + site + "/tiers/reorder",
                        new JsonObject().put("order", new JsonArray().add(gold.getString("id"))),
                        owner.token()),
                200);
        assertEquals(
                gold.getString("id"),
                reordered.getJsonArray("data").getJsonObject(0).getString("id"));

        JsonObject patched = ok(
                api.patch(
                        "/api/v1/tiers/" + basic.getString("id"),
                        new JsonObject().put("monthlyPrice", 4900),
                        owner.token()),
                200);
        assertEquals(4900, patched.getLong("monthlyPrice"));
        assertEquals("Early access", patched.getJsonArray("benefits").getString(0), "what was not sent is kept");
        assertFalse(ok(api.post("/api/v1/tiers/" + basic.getString("id") + "/deactivate", null, owner.token()), 200)
                .getBoolean("isActive"));
        assertEquals(
                1,
                ok(api.get("/api/v1/sites/" + site + "/tiers/public", null), 200)
                        .getJsonArray("data")
                        .size());
        ok(api.post("/api/v1/tiers/" + basic.getString("id") + "/activate", null, owner.token()), 200);

        app.count("UPDATE subscription_tiers SET current_subscribers = 3 WHERE id = '" + gold.getString("id")
                + "' RETURNING 1");
        problem(api.delete("/api/v1/tiers/" + gold.getString("id"), owner.token()), 409, "tier.has_subscribers");
        ok(api.delete("/api/v1/tiers/" + copy.getString("id"), owner.token()), 204);
        assertEquals(
                2,
                ok(api.get("/api/v1/sites/" + site + "/tiers", owner.token()), 200)
                        .getJsonArray("data")
                        .size());
    }

    @Test
    void onlyTheSitesManagersTouchItsTiers() {
        Authoring.User owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        String id = tier(site, owner, "Only", 100).getString("id");
        Authoring.User stranger = fixtures.author();
        problem(api.get("/api/v1/tiers/" + id, stranger.token()), 404, "tier.not_found");
        problem(
                api.post(
                        "/api/v1/sites/" + site + "/tiers",
                        new JsonObject().put("name", "X").put("monthlyPrice", 1).put("currency", "USD"),
                        stranger.token()),
                404,
                "site.not_found");
        Authoring.User writer = fixtures.author();
        fixtures.collaborator(site, writer, "WRITER", new JsonObject());
        problem(
                api.patch("/api/v1/tiers/" + id, new JsonObject().put("name", "Mine"), writer.token()),
                403,
                "site.forbidden");
        problem(api.get("/api/v1/sites/" + site + "/tiers", null), 401, "auth.unauthenticated");
        problem(api.get("/api/v1/sites/" + UUID.randomUUID() + "/tiers/public", null), 404, "site.not_found");
    }

    @Test
    void badTiersAreRefused() {
        Authoring.User owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        String path = "/api/v1/sites/" + site + "/tiers";
        JsonObject bad = problem(
                api.post(
                        path,
                        new JsonObject()
                                .put("name", "x".repeat(51))
                                .put("monthlyPrice", -1)
                                .put("currency", "ZZZ")
                                .put("billingCycles", new JsonArray().add("WEEKLY"))
                                .put("badgeColor", "gold"),
                        owner.token()),
                422,
                "request.invalid");
        for (String field : List.of("name", "monthlyPrice", "currency", "billingCycles", "badgeColor")) {
            fieldError(bad, field);
        }
        fieldError(
                problem(
                        api.post(
                                path,
                                new JsonObject()
                                        .put("name", "Annual")
                                        .put("monthlyPrice", 100)
                                        .put("currency", "USD")
                                        .put("billingCycles", new JsonArray().add("ANNUAL")),
                                owner.token()),
                        422,
                        "request.invalid"),
                "annualPrice");
        fieldError(
                problem(
                        api.post(path, new JsonObject().put("name", "No price").put("currency", "USD"), owner.token()),
                        422,
                        "request.invalid"),
                "monthlyPrice");
        fieldError(
                problem(
                        api.patch(
                                path + "/reorder",
                                new JsonObject().put("order", new JsonArray().add("nope")),
                                owner.token()),
                        422,
                        "request.invalid"),
                "order");
    }
}
