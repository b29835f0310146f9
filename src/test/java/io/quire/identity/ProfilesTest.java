package io.quire.identity;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.SharedApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Own profile and preferences, public profiles, author profiles. */
class ProfilesTest extends SharedApp {
    @Test
    void ownProfileReadsAndPatches() {
        Accounts.Account ada = Accounts.in(app).register();
        JsonObject me = ok(api.get("/api/v1/users/me", ada.accessToken()), 200);
        assertEquals(ada.email(), me.getString("email"));
        assertEquals(new JsonObject(), me.getJsonObject("preferences"));

        JsonObject updated = ok(
                api.patch(
                        "/api/v1/users/me",
                        new JsonObject()
                                .put("displayName", "Ada L.")
                                .put("bio", "Analyst")
                                .put("avatarUrl", "https://cdn.example.com/ada.png")
                                .put("timezone", "Europe/London")
                                .put("locale", "en-GB"),
                        ada.accessToken()),
                200);
        assertEquals("Ada L.", updated.getString("displayName"));
        assertEquals("Analyst", updated.getString("bio"));
        assertEquals("Europe/London", updated.getString("timezone"));
        assertEquals("en-GB", updated.getString("locale"));

        JsonObject cleared = ok(api.patch("/api/v1/users/me", new JsonObject().putNull("bio"), ada.accessToken()), 200);
        assertNull(cleared.getString("bio"));
        assertEquals("Ada L.", cleared.getString("displayName"), "fields not sent are kept");
    }

    @Test
    void badProfileFieldsAre422() {
        Accounts.Account bob = Accounts.in(app).register();
        JsonObject p = problem(
                api.patch(
                        "/api/v1/users/me",
                        new JsonObject()
                                .put("timezone", "Mars/Olympus")
                                .put("locale", "engl")
                                .put("avatarUrl", "javascript:alert(1)")
                                .put("displayName", ""),
                        bob.accessToken()),
                422,
                "request.invalid");
        assertEquals("must be an IANA time zone such as Europe/Paris", fieldError(p, "timezone"));
        assertEquals("must look like en or en-GB", fieldError(p, "locale"));
        assertEquals("must be an http(s) URL", fieldError(p, "avatarUrl"));
        assertEquals("must be 1 to 60 characters", fieldError(p, "displayName"));
        problem(api.patch("/api/v1/users/me", new JsonObject(), null), 401, "auth.unauthenticated");
    }

    @Test
    void preferencesMergeAndNullRemoves() {
        Accounts.Account cleo = Accounts.in(app).register();
        ok(
                api.patch(
                        "/api/v1/users/me/preferences",
                        new JsonObject().put("theme", "dark").put("fontSize", 18),
                        cleo.accessToken()),
                200);
        JsonObject merged = ok(
                api.patch(
                        "/api/v1/users/me/preferences",
                        new JsonObject().putNull("fontSize").put("reader", new JsonObject().put("justify", true)),
                        cleo.accessToken()),
                200);
        assertEquals(
                new JsonObject().put("theme", "dark").put("reader", new JsonObject().put("justify", true)), merged);
        assertEquals(merged, ok(api.get("/api/v1/users/me/preferences", cleo.accessToken()), 200));
        JsonObject tooMany = new JsonObject();
        for (int i = 0; i < 51; i++) {
            tooMany.put("k" + i, i);
        }
        problem(api.patch("/api/v1/users/me/preferences", tooMany, cleo.accessToken()), 422, "request.invalid");
    }

    @Test
    void publicProfilesShowNoEmailAndHideSuspendedAccounts() throws Exception {
        Accounts.Account dan = Accounts.in(app).register();
        JsonObject profile = ok(api.get("/api/v1/users/" + dan.username(), null), 200);
        assertEquals(dan.username(), profile.getString("username"));
        assertFalse(profile.containsKey("email"));
        assertFalse(profile.containsKey("status"));
        problem(api.get("/api/v1/users/nobody_by_that_name", null), 404, "user.not_found");
        app.db
                .preparedQuery("UPDATE users SET status = 'BANNED' WHERE id = $1")
                .execute(Tuple.of(dan.id()))
                .await(5, TimeUnit.SECONDS);
        problem(api.get("/api/v1/users/" + dan.username(), null), 404, "user.not_found");
    }

    @Test
    void becomingAnAuthor() {
        Accounts.Account eve = Accounts.in(app).register();
        JsonObject notYet = problem(
                api.post("/api/v1/sites", new JsonObject().put("name", "Eve's"), eve.accessToken()),
                403,
                "auth.forbidden");
        assertTrue(
                notYet.getString("detail").contains("POST /api/v1/author-profile"),
                "a reader is told how to become an author");
        problem(api.get("/api/v1/author-profile", eve.accessToken()), 404, "author_profile.not_found");
        problem(
                api.patch("/api/v1/author-profile", new JsonObject().put("penName", "E"), eve.accessToken()),
                404,
                "author_profile.not_found");
        JsonObject created = ok(
                api.post(
                        "/api/v1/author-profile",
                        new JsonObject()
                                .put("penName", "E. Quill")
                                .put("tagline", "Serial fiction")
                                .put("genres", new JsonArray().add("fantasy").add("mystery"))
                                .put("websiteUrl", "https://quill.example.com"),
                        eve.accessToken()),
                201);
        assertEquals("E. Quill", created.getString("penName"));
        assertEquals(new JsonArray().add("fantasy").add("mystery"), created.getJsonArray("genres"));
        problem(api.post("/api/v1/author-profile", new JsonObject(), eve.accessToken()), 409, "author_profile.exists");
        // the answer carries a token with the new role, for this same session: no sign-in again before the first site
        assertEquals("Bearer", created.getString("tokenType"));
        ok(api.post("/api/v1/sites", new JsonObject().put("name", "Eve's"), created.getString("accessToken")), 201);

        // the new role arrives with the next token
        JsonObject refreshed = ok(
                api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", eve.refreshToken()), null), 200);
        assertEquals("AUTHOR", refreshed.getJsonObject("user").getString("role"));

        JsonObject patched = ok(
                api.patch(
                        "/api/v1/author-profile",
                        new JsonObject().putNull("tagline").put("acceptingCommissions", true),
                        refreshed.getString("accessToken")),
                200);
        assertNull(patched.getString("tagline"));
        assertEquals("E. Quill", patched.getString("penName"));
        assertEquals(true, patched.getBoolean("acceptingCommissions"));

        JsonObject pub = ok(api.get("/api/v1/authors/" + eve.id(), null), 200);
        assertEquals("E. Quill", pub.getString("penName"));
        assertEquals(eve.username(), pub.getString("username"));
        assertFalse(pub.containsKey("email"));
        problem(api.get("/api/v1/authors/" + java.util.UUID.randomUUID(), null), 404, "author.not_found");
        problem(api.get("/api/v1/authors/not-a-uuid", null), 404, "author.not_found");
        problem(
                api.post("/api/v1/author-profile", new JsonObject().put("genres", "fantasy"), eve.accessToken()),
                422,
                "request.invalid");
    }
}
