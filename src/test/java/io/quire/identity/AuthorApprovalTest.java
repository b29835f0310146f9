package io.quire.identity;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.TestApp;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code auth.authorSignup = approval}: becoming an author waits in the admins' queue until one decides. */
class AuthorApprovalTest {
    private static TestApp app;
    private static Api api;
    private static Authoring fixtures;
    private static Accounts accounts;

    @BeforeAll
    static void start() {
        app = TestApp.builder().env("QUIRE_AUTH_AUTHOR_SIGNUP", "approval").start();
        api = new Api(app);
        fixtures = Authoring.in(app);
        accounts = Accounts.in(app);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    private static JsonObject ask(Accounts.Account who) {
        return ok(
                api.post("/api/v1/author-profile", new JsonObject().put("penName", who.username()), who.accessToken()),
                202);
    }

    @Test
    void aRequestWaitsUntilAnAdminApprovesItAndTheNextTokenCarriesTheRole() {
        Accounts.Account reader = accounts.register();
        JsonObject pending = ask(reader);
        assertEquals("PENDING", pending.getString("approval"));
        assertFalse(pending.containsKey("accessToken"), "no author token before the approval");
        problem(
                api.post("/api/v1/sites", new JsonObject().put("name", "Too soon"), reader.accessToken()),
                403,
                "auth.forbidden");
        problem(
                api.post("/api/v1/author-profile", new JsonObject(), reader.accessToken()),
                409,
                "author_profile.exists");
        problem(api.get("/api/v1/authors/" + reader.id(), null), 404, "author.not_found");

        Authoring.User admin = fixtures.admin();
        var queue =
                ok(api.get("/api/v1/admin/author-requests", admin.token()), 200).getJsonArray("data");
        assertTrue(
                queue.stream()
                        .map(JsonObject.class::cast)
                        .anyMatch(r -> r.getString("userId").equals(reader.id().toString())
                                && r.getString("email").equals(reader.email())),
                queue.encode());

        JsonObject approved =
                ok(api.post("/api/v1/admin/author-requests/" + reader.id() + "/approve", null, admin.token()), 200);
        assertEquals("APPROVED", approved.getString("approval"));
        problem(
                api.post("/api/v1/admin/author-requests/" + reader.id() + "/reject", null, admin.token()),
                409,
                "author_request.not_pending");

        JsonObject refreshed = ok(
                api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", reader.refreshToken()), null),
                200);
        ok(
                api.post("/api/v1/sites", new JsonObject().put("name", "Approved"), refreshed.getString("accessToken")),
                201);
    }

    @Test
    void aRejectedReaderSeesTheNoteAndMayAskAgain() {
        Accounts.Account reader = accounts.register();
        ask(reader);
        Authoring.User admin = fixtures.admin();
        JsonObject rejected = ok(
                api.post(
                        "/api/v1/admin/author-requests/" + reader.id() + "/reject",
                        new JsonObject().put("note", "Tell us more about what you write."),
                        admin.token()),
                200);
        assertEquals("REJECTED", rejected.getString("approval"));
        assertEquals(
                "REJECTED",
                ok(api.get("/api/v1/author-profile", reader.accessToken()), 200).getString("approval"));
        assertEquals("PENDING", ask(reader).getString("approval"), "asking again puts it back in the queue");
    }

    @Test
    void onlyAdminsDecideAndAnUnknownRequestIsNotFound() {
        Accounts.Account reader = accounts.register();
        problem(api.get("/api/v1/admin/author-requests", reader.accessToken()), 403, "auth.forbidden");
        Authoring.User admin = fixtures.admin();
        problem(
                api.post("/api/v1/admin/author-requests/" + UUID.randomUUID() + "/approve", null, admin.token()),
                404,
                "author_request.not_found");
        fieldError(
                problem(
                        api.post(
                                "/api/v1/admin/author-requests/" + reader.id() + "/reject",
                                new JsonObject().put("note", "x".repeat(1001)),
                                admin.token()),
                        422,
                        "request.invalid"),
                "note");
    }
}
