package io.quire.apikeys;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.TestApp;
import io.quire.testing.TestRoutes;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API keys: management, authentication, scopes, expiry, IP and origin allow-lists, rate limits, revocation. */
class ApiKeysTest {
    static final String PASSWORD = "velvet-orbit-71-canyon-drift";
    static TestApp app;
    static Api api;
    static String author;
    static UUID authorId;

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.builder().routes(TestRoutes::mount).start();
        api = new Api(app);
        JsonObject reg = ok(
                api.post(
                        "/api/v1/auth/register",
                        new JsonObject()
                                .put("email", "keys@example.com")
                                .put("password", PASSWORD)
                                .put("username", "key_author"),
                        null),
                201);
        authorId = UUID.fromString(reg.getJsonObject("user").getString("id"));
        app.db
                .preparedQuery("UPDATE users SET role = 'AUTHOR' WHERE id = $1")
                .execute(Tuple.of(authorId))
                .await(5, TimeUnit.SECONDS);
        author = ok(
                        api.post(
                                "/api/v1/auth/login",
                                new JsonObject()
                                        .put("email", "keys@example.com")
                                        .put("password", PASSWORD),
                                null),
                        200)
                .getString("accessToken");
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    static JsonObject create(JsonObject extra) {
        JsonObject body = new JsonObject()
                .put("name", "ci")
                .put("scopes", new JsonArray().add("content:read"))
                .mergeIn(extra);
        return ok(api.post("/api/v1/api-keys", body, author), 201);
    }

    static HttpResponse<Buffer> withKey(String path, String key, String headerStyle, String origin) {
        var request = app.client.get(path);
        if (headerStyle.equals("bearer")) {
            request.putHeader("Authorization", "Bearer " + key);
        } else {
            request.putHeader("X-API-Key", key);
        }
        if (origin != null) {
            request.putHeader("Origin", origin);
        }
        try {
            return request.send().await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aKeyIsShownOnceAndAuthenticatesEitherWay() {
        JsonObject created = create(new JsonObject().put("name", "build server"));
        String key = created.getString("key");
        assertTrue(key.matches("qk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}"), key);
        assertTrue(key.startsWith(created.getString("prefix")));
        JsonObject listed = ok(api.get("/api/v1/api-keys", author), 200).getJsonArray("data").stream()
                .map(JsonObject.class::cast)
                .filter(k -> k.getString("id").equals(created.getString("id")))
                .findFirst()
                .orElseThrow();
        assertFalse(listed.containsKey("key"), "never shown again");
        assertFalse(listed.encode().contains(key.substring(16)), "nor its secret");
        assertEquals(
                "build server",
                ok(api.get("/api/v1/api-keys/" + created.getString("id"), author), 200)
                        .getString("name"));

        assertEquals(
                authorId.toString(),
                ok(withKey("/api/v1/auth/me", key, "bearer", null), 200).getString("id"));
        assertEquals(
                authorId.toString(),
                ok(withKey("/api/v1/auth/me", key, "header", null), 200).getString("id"));
    }

    @Test
    void onlyAuthorsCreateKeysAndKeysCannotManageAccounts() {
        JsonObject reader = ok(
                api.post(
                        "/api/v1/auth/register",
                        new JsonObject()
                                .put("email", "reader-k@example.com")
                                .put("password", PASSWORD)
                                .put("username", "reader_k"),
                        null),
                201);
        problem(
                api.post(
                        "/api/v1/api-keys",
                        new JsonObject().put("name", "x").put("scopes", new JsonArray().add("content:read")),
                        reader.getString("accessToken")),
                403,
                "auth.forbidden");
        String key = create(new JsonObject()).getString("key");
        problem(
                api.post(
                        "/api/v1/api-keys",
                        new JsonObject().put("name", "x").put("scopes", new JsonArray().add("content:read")),
                        key),
                403,
                "auth.session_required");
        problem(
                api.post(
                        "/api/v1/auth/change-password",
                        new JsonObject().put("currentPassword", PASSWORD).put("newPassword", "another-long-phrase-77"),
                        key),
                403,
                "auth.session_required");
        problem(api.post("/api/v1/auth/logout-all", null, key), 403, "auth.session_required");
    }

    @Test
    void scopesLimitWhatAKeyMayDo() {
        String reading = create(new JsonObject()).getString("key");
        JsonObject missing =
                problem(withKey("/api/v1/test/scoped", reading, "bearer", null), 403, "auth.scope_missing");
        assertTrue(missing.getString("detail").contains("content:write"));
        String writing = create(new JsonObject().put("scopes", new JsonArray().add("content:write")))
                .getString("key");
        JsonObject allowed = ok(withKey("/api/v1/test/scoped", writing, "bearer", null), 200);
        assertEquals(new JsonArray().add("content:write"), allowed.getJsonArray("scopes"));
        ok(api.get("/api/v1/test/scoped", author), 200); // a signed-in user is not limited by scopes
        JsonObject bad = problem(
                api.post(
                        "/api/v1/api-keys",
                        new JsonObject().put("name", "x").put("scopes", new JsonArray().add("everything")),
                        author),
                422,
                "request.invalid");
        assertTrue(fieldError(bad, "scopes").startsWith("must be a non-empty list of"));
    }

    @Test
    void anExpiredKeyIs401() throws Exception {
        JsonObject created = create(new JsonObject().put("expiresAt", "2099-01-01T00:00:00Z"));
        ok(withKey("/api/v1/auth/me", created.getString("key"), "bearer", null), 200);
        app.db
                .preparedQuery("UPDATE api_keys SET expires_at = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(created.getString("id"))))
                .await(5, TimeUnit.SECONDS);
        problem(withKey("/api/v1/auth/me", created.getString("key"), "bearer", null), 401, "auth.api_key_expired");
        problem(
                api.post(
                        "/api/v1/api-keys",
                        new JsonObject()
                                .put("name", "x")
                                .put("scopes", new JsonArray().add("content:read"))
                                .put("expiresAt", "2001-01-01T00:00:00Z"),
                        author),
                422,
                "request.invalid");
    }

    @Test
    void theIpAllowListIsEnforced() {
        JsonObject created = create(new JsonObject()
                .put("allowedIps", new JsonArray().add("10.0.0.0/8").add("2001:db8::/32")));
        problem(
                withKey("/api/v1/auth/me", created.getString("key"), "bearer", null),
                403,
                "auth.api_key_ip_not_allowed");
        ok(
                api.patch(
                        "/api/v1/api-keys/" + created.getString("id"),
                        new JsonObject().put("allowedIps", new JsonArray().add("127.0.0.0/8")),
                        author),
                200);
        ok(withKey("/api/v1/auth/me", created.getString("key"), "bearer", null), 200);
        JsonObject bad = problem(
                api.patch(
                        "/api/v1/api-keys/" + created.getString("id"),
                        new JsonObject().put("allowedIps", new JsonArray().add("example.com")),
                        author),
                422,
                "request.invalid");
        assertEquals("must be IP addresses or CIDR blocks", fieldError(bad, "allowedIps"));
    }

    @Test
    void theOriginAllowListIsEnforcedWhenABrowserSendsAnOrigin() {
        String key = create(new JsonObject().put("allowedOrigins", new JsonArray().add("https://app.example.com")))
                .getString("key");
        problem(
                withKey("/api/v1/auth/me", key, "header", "https://evil.example.com"),
                403,
                "auth.api_key_origin_not_allowed");
        ok(withKey("/api/v1/auth/me", key, "header", "https://app.example.com"), 200);
        ok(withKey("/api/v1/auth/me", key, "header", null), 200);
    }

    @Test
    void eachKeyHasItsOwnRateLimit() {
        String key = create(new JsonObject().put("rateLimitPerMinute", 2)).getString("key");
        ok(withKey("/api/v1/auth/me", key, "bearer", null), 200);
        ok(withKey("/api/v1/auth/me", key, "bearer", null), 200);
        var limited = withKey("/api/v1/auth/me", key, "bearer", null);
        problem(limited, 429, "auth.api_key_rate_limited");
        assertTrue(Long.parseLong(limited.getHeader("Retry-After")) <= 60);
    }

    @Test
    void revokedAndRegeneratedKeysStopWorking() {
        JsonObject first = create(new JsonObject());
        JsonObject regenerated =
                ok(api.post("/api/v1/api-keys/" + first.getString("id") + "/regenerate", null, author), 200);
        assertEquals(first.getString("id"), regenerated.getString("id"));
        problem(withKey("/api/v1/auth/me", first.getString("key"), "bearer", null), 401, "auth.invalid_api_key");
        ok(withKey("/api/v1/auth/me", regenerated.getString("key"), "bearer", null), 200);
        ok(api.delete("/api/v1/api-keys/" + first.getString("id"), author), 204);
        problem(withKey("/api/v1/auth/me", regenerated.getString("key"), "bearer", null), 401, "auth.api_key_revoked");
        problem(api.get("/api/v1/api-keys/" + first.getString("id"), author), 404, "api_key.not_found");
        problem(api.delete("/api/v1/api-keys/" + first.getString("id"), author), 404, "api_key.not_found");
    }

    @Test
    void malformedOrUnknownKeysAre401() {
        problem(withKey("/api/v1/auth/me", "qk_nonsense", "bearer", null), 401, "auth.invalid_api_key");
        problem(
                withKey("/api/v1/auth/me", "qk_AAAAAAAAAAAA_" + "a".repeat(43), "header", null),
                401,
                "auth.invalid_api_key");
        String key = create(new JsonObject()).getString("key");
        problem(
                withKey(
                        "/api/v1/auth/me",
                        key.substring(0, key.length() - 1) + (key.endsWith("a") ? "b" : "a"),
                        "bearer",
                        null),
                401,
                "auth.invalid_api_key");
    }

    @Test
    void usageCountsRequestsPerDay() {
        JsonObject created = create(new JsonObject());
        for (int i = 0; i < 3; i++) {
            ok(withKey("/api/v1/auth/me", created.getString("key"), "bearer", null), 200);
        }
        JsonObject usage = ok(api.get("/api/v1/api-keys/" + created.getString("id") + "/usage", author), 200);
        assertEquals(3, usage.getLong("requestsLast30Days"));
        assertEquals(30, usage.getJsonArray("daily").size());
        // today's bucket, plus yesterday's when the requests straddled midnight UTC
        assertEquals(
                3,
                usage.getJsonArray("daily").getJsonObject(29).getLong("requests")
                        + usage.getJsonArray("daily").getJsonObject(28).getLong("requests"));
        assertTrue(usage.getString("lastUsedAt") != null);
    }

    @Test
    void someoneElsesKeyIsNotFound() {
        JsonObject created = create(new JsonObject());
        String other = ok(
                        api.post(
                                "/api/v1/auth/register",
                                new JsonObject()
                                        .put("email", "other-k@example.com")
                                        .put("password", PASSWORD)
                                        .put("username", "other_k"),
                                null),
                        201)
                .getString("accessToken");
        problem(api.get("/api/v1/api-keys/" + created.getString("id"), other), 404, "api_key.not_found");
        problem(
                api.patch("/api/v1/api-keys/" + created.getString("id"), new JsonObject().put("name", "mine"), other),
                404,
                "api_key.not_found");
        problem(
                api.post("/api/v1/api-keys/" + created.getString("id") + "/regenerate", null, other),
                404,
                "api_key.not_found");
        problem(api.get("/api/v1/api-keys/" + created.getString("id") + "/usage", other), 404, "api_key.not_found");
    }

    @Test
    void aSuspendedOwnersKeysStopWorking() throws Exception {
        JsonObject reg = ok(
                api.post(
                        "/api/v1/auth/register",
                        new JsonObject()
                                .put("email", "soon-gone@example.com")
                                .put("password", PASSWORD)
                                .put("username", "soon_gone"),
                        null),
                201);
        UUID id = UUID.fromString(reg.getJsonObject("user").getString("id"));
        app.db
                .preparedQuery("UPDATE users SET role = 'AUTHOR' WHERE id = $1")
                .execute(Tuple.of(id))
                .await();
        String token = ok(
                        api.post(
                                "/api/v1/auth/login",
                                new JsonObject()
                                        .put("email", "soon-gone@example.com")
                                        .put("password", PASSWORD),
                                null),
                        200)
                .getString("accessToken");
        String key = ok(
                        api.post(
                                "/api/v1/api-keys",
                                new JsonObject().put("name", "k").put("scopes", new JsonArray().add("content:read")),
                                token),
                        201)
                .getString("key");
        app.db
                .preparedQuery("UPDATE users SET status = 'SUSPENDED' WHERE id = $1")
                .execute(Tuple.of(id))
                .await();
        problem(withKey("/api/v1/auth/me", key, "bearer", null), 401, "auth.api_key_owner_inactive");
    }
}
