package io.quire.sites;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Inviting, accepting, declining, roles and removal of collaborators. */
class CollaboratorsTest {
    static TestApp app;
    static Api api;
    static Authoring fixtures;
    static final Pattern TOKEN = Pattern.compile("accept: ([A-Za-z0-9_-]{43})");

    @BeforeAll
    static void start() {
        app = TestApp.start();
        api = new Api(app);
        fixtures = Authoring.in(app);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    /** A user whose email we know (the fixtures' users are u…@example.com). */
    static String emailOf(Authoring.User u) throws Exception {
        return app.db
                .preparedQuery("SELECT email FROM users WHERE id = $1")
                .execute(Tuple.of(u.id()))
                .await(5, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getString(0);
    }

    /** The token from the newest invitation mail to {@code email}. */
    static String tokenMailedTo(String email) throws Exception {
        String body = app.db
                .preparedQuery(
                        "SELECT text_body FROM outbound_emails WHERE to_address = $1 AND template = 'collaborator-invite' "
                                + "ORDER BY created_at DESC LIMIT 1")
                .execute(Tuple.of(email))
                .await(5, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getString(0);
        Matcher m = TOKEN.matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }

    @Test
    void inviteAcceptAndWorkAsAnEditor() throws Exception {
        Authoring.User owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        Authoring.User invitee = fixtures.reader();
        String email = emailOf(invitee);
        JsonObject invite = ok(
                api.post(
                        "/api/v1/sites/" + site + "/collaborators",
                        new JsonObject().put("email", email.toUpperCase()).put("role", "EDITOR"),
                        owner.token()),
                201);
        assertEquals("pending", invite.getString("status"));
        assertEquals(email, invite.getString("email"));
        problem(api.get("/api/v1/sites/" + site, invitee.token()), 404, "site.not_found");

        JsonArray mine = ok(api.get("/api/v1/collaborator-invites", invitee.token()), 200)
                .getJsonArray("data");
        assertEquals(1, mine.size());
        String token = tokenMailedTo(email);
        assertEquals(
                "EDITOR",
                ok(api.get("/api/v1/collaborator-invites/" + token, invitee.token()), 200)
                        .getString("role"));

        problem(
                api.post(
                        "/api/v1/collaborator-invites/" + token + "/accept",
                        null,
                        fixtures.reader().token()),
                403,
                "invitation.wrong_account");
        JsonObject member =
                ok(api.post("/api/v1/collaborator-invites/" + token + "/accept", null, invitee.token()), 200);
        assertEquals("active", member.getString("status"));
        assertEquals(
                "EDITOR",
                ok(api.get("/api/v1/sites/" + site, invitee.token()), 200).getString("yourRole"));
        ok(
                api.post(
                        "/api/v1/sites/" + site + "/series",
                        new JsonObject().put("title", "Editor's series"),
                        invitee.token()),
                201);
        problem(
                api.post("/api/v1/collaborator-invites/" + token + "/accept", null, invitee.token()),
                404,
                "invitation.not_found");
        assertTrue(fixtures.events(site).contains("site.collaborator_joined"));
    }

    @Test
    void rolesChangeAndRemovalEndsAccessAtOnce() throws Exception {
        Authoring.User owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        Authoring.User writer = fixtures.reader();
        ok(
                api.post(
                        "/api/v1/sites/" + site + "/collaborators",
                        new JsonObject().put("email", emailOf(writer)).put("role", "WRITER"),
                        owner.token()),
                201);
        ok(
                api.post(
                        "/api/v1/collaborator-invites/" + tokenMailedTo(emailOf(writer)) + "/accept",
                        null,
                        writer.token()),
                200);
        problem(
                api.post(
                        "/api/v1/sites/" + site + "/collaborators",
                        new JsonObject()
                                .put("email", emailOf(fixtures.reader()))
                                .put("role", "VIEWER"),
                        writer.token()),
                403,
                "site.forbidden");
        JsonObject promoted = ok(
                api.patch(
                        "/api/v1/sites/" + site + "/collaborators/" + writer.id(),
                        new JsonObject().put("permissions", new JsonObject().put("publish", true)),
                        owner.token()),
                200);
        assertEquals(true, promoted.getJsonObject("permissions").getBoolean("publish"));
        problem(
                api.patch(
                        "/api/v1/sites/" + site + "/collaborators/" + writer.id(),
                        new JsonObject().put("permissions", new JsonObject().put("delete_everything", true)),
                        owner.token()),
                422,
                "request.invalid");
        problem(
                api.patch(
                        "/api/v1/sites/" + site + "/collaborators/" + writer.id(),
                        new JsonObject().put("role", "OWNER"),
                        owner.token()),
                422,
                "request.invalid");

        ok(api.get("/api/v1/sites/" + site, writer.token()), 200);
        ok(api.delete("/api/v1/sites/" + site + "/collaborators/" + writer.id(), owner.token()), 204);
        problem(api.get("/api/v1/sites/" + site, writer.token()), 404, "site.not_found");
        problem(
                api.delete("/api/v1/sites/" + site + "/collaborators/" + writer.id(), owner.token()),
                404,
                "collaborator.not_found");
    }

    @Test
    void duplicatesResendDeclineAndLeaving() throws Exception {
        Authoring.User owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        problem(
                api.post(
                        "/api/v1/sites/" + site + "/collaborators",
                        new JsonObject().put("email", emailOf(owner)).put("role", "EDITOR"),
                        owner.token()),
                409,
                "collaborator.already_member");
        Authoring.User invitee = fixtures.reader();
        String email = emailOf(invitee);
        JsonObject invite = ok(
                api.post(
                        "/api/v1/sites/" + site + "/collaborators",
                        new JsonObject().put("email", email).put("role", "VIEWER"),
                        owner.token()),
                201);
        problem(
                api.post(
                        "/api/v1/sites/" + site + "/collaborators",
                        new JsonObject().put("email", email).put("role", "VIEWER"),
                        owner.token()),
                409,
                "collaborator.already_invited");
        String first = tokenMailedTo(email);
        ok(
                api.post(
                        "/api/v1/sites/" + site + "/collaborators/" + invite.getString("id") + "/resend-invite",
                        null,
                        owner.token()),
                200);
        String second = tokenMailedTo(email);
        problem(api.get("/api/v1/collaborator-invites/" + first, invitee.token()), 404, "invitation.not_found");
        ok(api.post("/api/v1/collaborator-invites/" + second + "/decline", null, invitee.token()), 204);
        assertEquals(
                0,
                ok(api.get("/api/v1/sites/" + site + "/collaborators", owner.token()), 200)
                        .getJsonArray("data")
                        .size());

        Authoring.User leaver = fixtures.reader();
        ok(
                api.post(
                        "/api/v1/sites/" + site + "/collaborators",
                        new JsonObject().put("email", emailOf(leaver)).put("role", "VIEWER"),
                        owner.token()),
                201);
        ok(
                api.post(
                        "/api/v1/collaborator-invites/" + tokenMailedTo(emailOf(leaver)) + "/accept",
                        null,
                        leaver.token()),
                200);
        ok(api.delete("/api/v1/sites/" + site + "/collaborators/" + leaver.id(), leaver.token()), 204);
        problem(api.get("/api/v1/sites/" + site, leaver.token()), 404, "site.not_found");
        problem(
                api.get(
                        "/api/v1/sites/" + site + "/collaborators",
                        fixtures.author().token()),
                404,
                "site.not_found");
        problem(
                api.post(
                        "/api/v1/sites/" + site + "/collaborators",
                        new JsonObject().put("email", "nope").put("role", "VIEWER"),
                        owner.token()),
                422,
                "request.invalid");
    }
}
