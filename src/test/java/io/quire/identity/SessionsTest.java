package io.quire.identity;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refresh rotation and reuse detection, the session list, and revocation. {@code other} is a second instance on
 * the same database and Redis prefix: revocation done on one must stop tokens on the other at once.
 */
class SessionsTest {
    static TestApp app;
    static TestApp other;
    static Api api;
    static Api otherApi;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        other = TestApp.builder()
                .database(app.database)
                .env("QUIRE_REDIS_KEY_PREFIX", app.config.redis().keyPrefix())
                .env("QUIRE_JWT_SECRET", app.config.jwt().secret())
                .env("QUIRE_VERTICLES", "http")
                .start();
        api = new Api(app);
        otherApi = new Api(other);
    }

    @AfterAll
    static void stop() throws Exception {
        other.close();
        app.close();
    }

    static JsonObject refresh(Api via, String token) {
        return ok(via.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", token), null), 200);
    }

    @Test
    void refreshRotatesAndTheOldTokenDies() {
        Accounts.Account ada = Accounts.in(app).register();
        JsonObject first = refresh(api, ada.refreshToken());
        assertNotEquals(ada.refreshToken(), first.getString("refreshToken"));
        assertEquals(ada.id().toString(), first.getJsonObject("user").getString("id"));
        ok(api.get("/api/v1/auth/me", first.getString("accessToken")), 200);
        JsonObject second = refresh(otherApi, first.getString("refreshToken"));
        ok(otherApi.get("/api/v1/auth/me", second.getString("accessToken")), 200);
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeSession() {
        Accounts.Account ada = Accounts.in(app).register();
        JsonObject rotated = refresh(api, ada.refreshToken());
        // a thief replays the old token
        problem(
                api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", ada.refreshToken()), null),
                401,
                "auth.refresh_token_reused");
        // the legitimate holder's new token belongs to the revoked session now
        problem(
                api.post(
                        "/api/v1/auth/refresh",
                        new JsonObject().put("refreshToken", rotated.getString("refreshToken")),
                        null),
                401,
                "auth.invalid_refresh_token");
        problem(api.get("/api/v1/auth/me", rotated.getString("accessToken")), 401, "auth.token_revoked");
        problem(otherApi.get("/api/v1/auth/me", rotated.getString("accessToken")), 401, "auth.token_revoked");
    }

    @Test
    void anUnknownRefreshTokenIs401AndAMissingOneIs422() {
        problem(
                api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", "unknown-token-value-123"), null),
                401,
                "auth.invalid_refresh_token");
        problem(api.post("/api/v1/auth/refresh", new JsonObject(), null), 422, "request.invalid");
    }

    @Test
    void sessionsListTheCurrentOneAndRevokingOneStopsItsTokensEverywhere() {
        Accounts.Account ada = Accounts.in(app).register();
        Accounts.Account phone = Accounts.in(app).login(ada);
        JsonArray sessions =
                ok(api.get("/api/v1/auth/sessions", ada.accessToken()), 200).getJsonArray("data");
        assertEquals(2, sessions.size());
        JsonObject current = sessions.stream()
                .map(JsonObject.class::cast)
                .filter(s -> s.getBoolean("current"))
                .findFirst()
                .orElseThrow();
        JsonObject phoneSession = sessions.stream()
                .map(JsonObject.class::cast)
                .filter(s -> !s.getBoolean("current"))
                .findFirst()
                .orElseThrow();
        assertTrue(current.containsKey("ipAddress")
                && current.containsKey("lastActiveAt")
                && current.containsKey("device"));

        ok(otherApi.get("/api/v1/auth/me", phone.accessToken()), 200);
        ok(api.delete("/api/v1/auth/sessions/" + phoneSession.getString("id"), ada.accessToken()), 204);
        problem(otherApi.get("/api/v1/auth/me", phone.accessToken()), 401, "auth.token_revoked");
        problem(
                api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", phone.refreshToken()), null),
                401,
                "auth.invalid_refresh_token");
        ok(api.get("/api/v1/auth/me", ada.accessToken()), 200);
        problem(
                api.delete("/api/v1/auth/sessions/" + phoneSession.getString("id"), ada.accessToken()),
                404,
                "auth.session_not_found");
        problem(api.delete("/api/v1/auth/sessions/not-a-uuid", ada.accessToken()), 404, "auth.session_not_found");
    }

    @Test
    void someoneElsesSessionIsNotFound() {
        Accounts.Account ada = Accounts.in(app).register();
        Accounts.Account bob = Accounts.in(app).register();
        String bobSession = ok(api.get("/api/v1/auth/sessions", bob.accessToken()), 200)
                .getJsonArray("data")
                .getJsonObject(0)
                .getString("id");
        problem(api.delete("/api/v1/auth/sessions/" + bobSession, ada.accessToken()), 404, "auth.session_not_found");
        ok(api.get("/api/v1/auth/me", bob.accessToken()), 200);
    }

    @Test
    void logoutEndsThisSessionOnly() {
        Accounts.Account ada = Accounts.in(app).register();
        Accounts.Account laptop = Accounts.in(app).login(ada);
        ok(api.post("/api/v1/auth/logout", null, ada.accessToken()), 204);
        problem(otherApi.get("/api/v1/auth/me", ada.accessToken()), 401, "auth.token_revoked");
        ok(otherApi.get("/api/v1/auth/me", laptop.accessToken()), 200);
    }

    @Test
    void logoutAllStopsEveryTokenOnEveryInstance() {
        Accounts.Account ada = Accounts.in(app).register();
        Accounts.Account laptop = Accounts.in(app).login(ada);
        JsonObject result = ok(otherApi.post("/api/v1/auth/logout-all", null, laptop.accessToken()), 200);
        assertEquals(2, result.getInteger("sessionsRevoked"));
        problem(api.get("/api/v1/auth/me", ada.accessToken()), 401, "auth.token_revoked");
        problem(api.get("/api/v1/auth/me", laptop.accessToken()), 401, "auth.token_revoked");
        problem(
                api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", ada.refreshToken()), null),
                401,
                "auth.invalid_refresh_token");
        // signing in again works, with tokens issued after the revocation
        ok(api.get("/api/v1/auth/me", Accounts.in(app).login(ada).accessToken()), 200);
    }

    @Test
    void revocationSurvivesRedisLosingEverything() throws Exception {
        Accounts.Account ada = Accounts.in(app).register();
        Accounts.Account bob = Accounts.in(app).register();
        ok(api.post("/api/v1/auth/logout", null, ada.accessToken()), 204);
        ok(api.post("/api/v1/auth/logout-all", null, bob.accessToken()), 200);
        problem(api.get("/api/v1/auth/me", ada.accessToken()), 401, "auth.token_revoked");

        flushRedisPrefix(); // what a Redis restart does: it keeps nothing on disk
        problem(api.get("/api/v1/auth/me", ada.accessToken()), 401, "auth.token_revoked");
        problem(otherApi.get("/api/v1/auth/me", bob.accessToken()), 401, "auth.token_revoked");
        // and the markers come back, so the fast path is right again
        io.quire.testing.Eventually.await(
                () -> redisHas("v1:auth:revoked-session:" + sessionOf(ada)), 5000, "the rebuild");
        problem(api.get("/api/v1/auth/me", ada.accessToken()), 401, "auth.token_revoked");
    }

    private static void flushRedisPrefix() throws Exception {
        var redis = io.vertx.redis.client.Redis.createClient(
                app.vertx, app.config.redis().url());
        try {
            var keys = redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.KEYS)
                            .arg(app.config.redis().keyPrefix() + "*"))
                    .await();
            for (var key : keys) {
                redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.DEL)
                                .arg(key.toString()))
                        .await();
            }
        } finally {
            redis.close();
        }
    }

    private static boolean redisHas(String suffix) {
        var redis = io.vertx.redis.client.Redis.createClient(
                app.vertx, app.config.redis().url());
        try {
            return redis.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.EXISTS)
                                    .arg(app.config.redis().keyPrefix() + suffix))
                            .await()
                            .toInteger()
                    == 1;
        } catch (Exception e) {
            return false;
        } finally {
            redis.close();
        }
    }

    /** The session id inside an access token. */
    static String sessionOf(Accounts.Account account) {
        String payload = account.accessToken().split("\\.")[1];
        return new JsonObject(new String(java.util.Base64.getUrlDecoder().decode(payload))).getString("sid");
    }
}
