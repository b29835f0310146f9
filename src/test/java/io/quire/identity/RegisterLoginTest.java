package io.quire.identity;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /auth/register and /auth/login: validation, conflicts, credentials, lockout, suspension, bootstrap admin. */
class RegisterLoginTest {
    static TestApp app;
    static Api api;

    @BeforeAll
    static void start() {
        app = TestApp.builder()
                .env("QUIRE_BOOTSTRAP_ADMIN_EMAIL", "Boss@Example.com")
                .start();
        api = new Api(app);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    static JsonObject registration(String email, String username) {
        return new JsonObject()
                .put("email", email)
                .put("password", Accounts.PASSWORD)
                .put("username", username);
    }

    static JsonObject login(String email, String password) {
        return new JsonObject().put("email", email).put("password", password);
    }

    @Test
    void registerAnswersTokensAndTheUserWithANormalisedEmail() {
        JsonObject body = ok(
                api.post(
                        "/api/v1/auth/register",
                        registration("  Grace.Hopper@Example.COM ", "grace").put("displayName", "Grace Hopper"),
                        null),
                201);
        assertNotNull(body.getString("accessToken"));
        assertNotNull(body.getString("refreshToken"));
        assertEquals(900, body.getInteger("expiresIn"));
        JsonObject user = body.getJsonObject("user");
        assertEquals("grace.hopper@example.com", user.getString("email"));
        assertEquals("grace", user.getString("username"));
        assertEquals("Grace Hopper", user.getString("displayName"));
        assertEquals("READER", user.getString("role"));
        assertEquals("PENDING_VERIFICATION", user.getString("status"));
        assertFalse(user.getBoolean("emailVerified"));
        JsonObject me = ok(api.get("/api/v1/auth/me", body.getString("accessToken")), 200);
        assertEquals(user.getString("id"), me.getString("id"));
    }

    @Test
    void withoutSmtpTheVerificationMailIsStoredAndLogged() throws Exception {
        Accounts.Account kim = Accounts.in(app).register();
        io.quire.testing.Eventually.await(() -> mailStatus(kim.email()).equals("logged"), 5000, "the mail job");
    }

    private static String mailStatus(String to) {
        try {
            var rows = app.db
                    .preparedQuery("SELECT status, template FROM outbound_emails WHERE to_address = $1")
                    .execute(Tuple.of(to))
                    .await(5, TimeUnit.SECONDS);
            if (rows.size() != 1) {
                return "missing";
            }
            var row = rows.iterator().next();
            return row.getString("template").equals("verify-email") ? row.getString("status") : "wrong template";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void duplicateEmailOrUsernameIs409NamingTheField() {
        ok(api.post("/api/v1/auth/register", registration("dup@example.com", "dup_user"), null), 201);
        JsonObject email = problem(
                api.post("/api/v1/auth/register", registration("DUP@example.com", "other_user"), null),
                409,
                "auth.email_taken");
        assertEquals("is already registered", fieldError(email, "email"));
        JsonObject username = problem(
                api.post("/api/v1/auth/register", registration("new@example.com", "dup_user"), null),
                409,
                "auth.username_taken");
        assertEquals("is taken", fieldError(username, "username"));
    }

    @Test
    void invalidFieldsAre422WithEveryProblemListed() {
        JsonObject p = problem(
                api.post(
                        "/api/v1/auth/register",
                        new JsonObject()
                                .put("email", "not-an-email")
                                .put("password", 12345)
                                .put("username", "No Spaces!"),
                        null),
                422,
                "request.invalid");
        assertEquals("must be an email address", fieldError(p, "email"));
        assertEquals("must be a string", fieldError(p, "password"));
        assertEquals("must be 3–30 of a-z, 0-9 and _", fieldError(p, "username"));
    }

    @Test
    void weakOrShortPasswordsAre422() {
        JsonObject common = problem(
                api.post(
                        "/api/v1/auth/register",
                        registration("weak@example.com", "weak_one").put("password", "password1234"),
                        null),
                422,
                "auth.weak_password");
        assertTrue(fieldError(common, "password").startsWith("is too easy to guess"));
        JsonObject personal = problem(
                api.post(
                        "/api/v1/auth/register",
                        registration("weak@example.com", "marguerite_yourcenar")
                                .put("password", "marguerite_yourcenar"),
                        null),
                422,
                "auth.weak_password");
        assertTrue(
                fieldError(personal, "password").startsWith("is too easy to guess"),
                "the username is a guessable word");
        JsonObject shortOne = problem(
                api.post(
                        "/api/v1/auth/register",
                        registration("weak@example.com", "weak_two").put("password", "Zq#9x!"),
                        null),
                422,
                "auth.weak_password");
        assertEquals("must be 10 to 256 characters", fieldError(shortOne, "password"));
    }

    @Test
    void aBodyThatIsNotJsonIs415AndBrokenJsonIs400() {
        var textPlain = app.client
                .post("/api/v1/auth/login")
                .putHeader("Content-Type", "text/plain")
                .sendBuffer(Buffer.buffer("hi"));
        problem(await(textPlain), 415, "request.unsupported_media_type");
        var broken = app.client
                .post("/api/v1/auth/login")
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("{\"email\":"));
        problem(await(broken), 400, "request.malformed_json");
        var array = app.client
                .post("/api/v1/auth/login")
                .putHeader("Content-Type", "application/json")
                .sendBuffer(Buffer.buffer("[]"));
        problem(await(array), 400, "request.not_an_object");
    }

    @Test
    void wrongPasswordAndUnknownEmailAreTheSame401() {
        Accounts.Account ada = Accounts.in(app).register();
        JsonObject wrongPassword = problem(
                api.post("/api/v1/auth/login", login(ada.email(), "not-the-password-at-all"), null),
                401,
                "auth.invalid_credentials");
        JsonObject unknown = problem(
                api.post("/api/v1/auth/login", login("nobody-here@example.com", "whatever-it-is-123"), null),
                401,
                "auth.invalid_credentials");
        assertEquals(wrongPassword.getString("detail"), unknown.getString("detail"));
        assertEquals(wrongPassword.getString("title"), unknown.getString("title"));
        JsonObject tokens =
                ok(api.post("/api/v1/auth/login", login(ada.email().toUpperCase(), ada.password()), null), 200);
        assertEquals(ada.id().toString(), tokens.getJsonObject("user").getString("id"));
    }

    @Test
    void fiveFailuresLockTheAccountUntilTheLockExpires() throws Exception {
        Accounts.Account bob = Accounts.in(app).register();
        for (int i = 1; i <= 4; i++) {
            problem(
                    api.post("/api/v1/auth/login", login(bob.email(), "wrong-password-" + i), null),
                    401,
                    "auth.invalid_credentials");
        }
        var fifth = api.post("/api/v1/auth/login", login(bob.email(), "wrong-password-5"), null);
        problem(fifth, 423, "auth.account_locked");
        long retryAfter = Long.parseLong(fifth.getHeader("Retry-After"));
        assertTrue(retryAfter > 14 * 60 && retryAfter <= 15 * 60, "about 15 minutes: " + retryAfter);

        var evenRight = api.post("/api/v1/auth/login", login(bob.email(), bob.password()), null);
        problem(evenRight, 423, "auth.account_locked");
        assertNotNull(evenRight.getHeader("Retry-After"));

        // fifteen minutes pass
        app.db
                .preparedQuery("UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(bob.id()))
                .await(5, TimeUnit.SECONDS);
        ok(api.post("/api/v1/auth/login", login(bob.email(), bob.password()), null), 200);
        problem(
                api.post("/api/v1/auth/login", login(bob.email(), "wrong-again-1"), null),
                401,
                "auth.invalid_credentials");
    }

    @Test
    void aSuspendedAccountCannotSignIn() throws Exception {
        Accounts.Account eve = Accounts.in(app).register();
        app.db
                .preparedQuery("UPDATE users SET status = 'SUSPENDED' WHERE id = $1")
                .execute(Tuple.of(eve.id()))
                .await();
        problem(
                api.post("/api/v1/auth/login", login(eve.email(), eve.password()), null),
                403,
                "auth.account_suspended");
        problem(
                api.post("/api/v1/auth/login", login(eve.email(), "not-her-password-1"), null),
                401,
                "auth.invalid_credentials");
    }

    @Test
    void theBootstrapAdminEmailRegistersAsSuperAdmin() {
        JsonObject body =
                ok(api.post("/api/v1/auth/register", registration("boss@example.com", "the_boss"), null), 201);
        assertEquals("SUPER_ADMIN", body.getJsonObject("user").getString("role"));
    }

    @Test
    void badOrMissingCredentialsOnProtectedRoutesAre401() {
        problem(api.get("/api/v1/auth/me", null), 401, "auth.unauthenticated");
        problem(api.get("/api/v1/auth/me", "not.a.jwt"), 401, "auth.invalid_token");
        var basic = app.client
                .get("/api/v1/auth/me")
                .putHeader("Authorization", "Basic Zm9vOmJhcg==")
                .send();
        problem(await(basic), 401, "auth.unsupported_scheme");
    }

    private static io.vertx.ext.web.client.HttpResponse<Buffer> await(
            io.vertx.core.Future<io.vertx.ext.web.client.HttpResponse<Buffer>> f) {
        try {
            return f.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
