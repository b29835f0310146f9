package io.quire.identity;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin user list and role/status changes, with the guard rails around admin roles. */
class AdminUsersTest {
    static TestApp app;
    static Api api;
    static Accounts.Account superAdmin;
    static Accounts.Account admin;

    @BeforeAll
    static void start() {
        app = TestApp.builder()
                .env("QUIRE_BOOTSTRAP_ADMIN_EMAIL", "root_admin@example.com")
                .start();
        api = new Api(app);
        superAdmin = Accounts.in(app).named("root_admin").register();
        admin = Accounts.in(app).withRole("ADMIN").register();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void readersAndAnonymousCallersAreKeptOut() {
        Accounts.Account reader = Accounts.in(app).register();
        problem(api.get("/api/v1/admin/users", reader.accessToken()), 403, "auth.forbidden");
        problem(api.get("/api/v1/admin/users", null), 401, "auth.unauthenticated");
        problem(
                api.patch(
                        "/api/v1/admin/users/" + reader.id(),
                        new JsonObject().put("role", "AUTHOR"),
                        reader.accessToken()),
                403,
                "auth.forbidden");
    }

    @Test
    void theListFiltersAndPagesWithACursor() {
        for (int i = 0; i < 3; i++) {
            Accounts.in(app).named("paged_" + i).register();
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonObject page = ok(
                    api.get(
                            "/api/v1/admin/users?email=paged_&limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                            admin.accessToken()),
                    200);
            page.getJsonArray("data").forEach(u -> seen.add(((JsonObject) u).getString("username")));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(Set.of("paged_0", "paged_1", "paged_2"), seen);
        assertEquals(2, pages);
        JsonArray supers = ok(api.get("/api/v1/admin/users?role=SUPER_ADMIN", admin.accessToken()), 200)
                .getJsonArray("data");
        assertEquals(1, supers.size());
        assertEquals("root_admin", supers.getJsonObject(0).getString("username"));
        problem(api.get("/api/v1/admin/users?status=HAPPY", admin.accessToken()), 422, "request.invalid");
        problem(api.get("/api/v1/admin/users?limit=500", admin.accessToken()), 422, "request.invalid");
        problem(api.get("/api/v1/admin/users?cursor=bm90LWEtdXVpZA", admin.accessToken()), 400, "request.bad_cursor");
        problem(api.get("/api/v1/admin/users?cursor=%%%", admin.accessToken()), 400, "request.malformed");
    }

    @Test
    void suspendingEndsAccessAtOnceAndKeepsTheReason() {
        Accounts.Account troll = Accounts.in(app).register();
        ok(api.get("/api/v1/auth/me", troll.accessToken()), 200);
        JsonObject missingReason = problem(
                api.patch(
                        "/api/v1/admin/users/" + troll.id(),
                        new JsonObject().put("status", "SUSPENDED"),
                        admin.accessToken()),
                422,
                "request.invalid");
        assertEquals("is required to suspend or ban", fieldError(missingReason, "reason"));

        JsonObject suspended = ok(
                api.patch(
                        "/api/v1/admin/users/" + troll.id(),
                        new JsonObject().put("status", "SUSPENDED").put("reason", "spam in comments"),
                        admin.accessToken()),
                200);
        assertEquals("SUSPENDED", suspended.getString("status"));
        JsonObject history = suspended.getJsonArray("statusHistory").getJsonObject(0);
        assertEquals("spam in comments", history.getString("reason"));
        assertEquals(admin.id().toString(), history.getString("changedBy"));
        assertNotNull(history.getString("changedAt"));

        problem(api.get("/api/v1/auth/me", troll.accessToken()), 401, "auth.token_revoked");
        problem(
                api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", troll.refreshToken()), null),
                401,
                "auth.invalid_refresh_token");
        problem(
                api.post(
                        "/api/v1/auth/login",
                        new JsonObject().put("email", troll.email()).put("password", troll.password()),
                        null),
                403,
                "auth.account_suspended");

        ok(
                api.patch(
                        "/api/v1/admin/users/" + troll.id(),
                        new JsonObject().put("status", "ACTIVE").put("reason", "appeal granted"),
                        admin.accessToken()),
                200);
        ok(
                api.post(
                        "/api/v1/auth/login",
                        new JsonObject().put("email", troll.email()).put("password", troll.password()),
                        null),
                200);
    }

    @Test
    void onlyASuperAdminGrantsAdminRolesAndNobodyEditsThemselves() {
        Accounts.Account author = Accounts.in(app).register();
        problem(
                api.patch(
                        "/api/v1/admin/users/" + author.id(),
                        new JsonObject().put("role", "ADMIN"),
                        admin.accessToken()),
                403,
                "admin.super_admin_required");
        problem(
                api.patch(
                        "/api/v1/admin/users/" + superAdmin.id(),
                        new JsonObject().put("status", "SUSPENDED").put("reason", "coup"),
                        admin.accessToken()),
                403,
                "admin.super_admin_required");
        problem(
                api.patch(
                        "/api/v1/admin/users/" + admin.id(),
                        new JsonObject().put("role", "SUPER_ADMIN"),
                        admin.accessToken()),
                403,
                "admin.self_change");
        JsonObject promoted = ok(
                api.patch(
                        "/api/v1/admin/users/" + author.id(),
                        new JsonObject().put("role", "AUTHOR"),
                        admin.accessToken()),
                200);
        assertEquals("AUTHOR", promoted.getString("role"));
        problem(api.get("/api/v1/auth/me", author.accessToken()), 401, "auth.token_revoked");
        JsonObject madeAdmin = ok(
                api.patch(
                        "/api/v1/admin/users/" + author.id(),
                        new JsonObject().put("role", "ADMIN"),
                        superAdmin.accessToken()),
                200);
        assertEquals("ADMIN", madeAdmin.getString("role"));
        problem(
                api.patch(
                        "/api/v1/admin/users/" + java.util.UUID.randomUUID(),
                        new JsonObject().put("role", "AUTHOR"),
                        admin.accessToken()),
                404,
                "user.not_found");
        problem(
                api.patch(
                        "/api/v1/admin/users/" + author.id(),
                        new JsonObject().put("role", "EMPEROR"),
                        superAdmin.accessToken()),
                422,
                "request.invalid");
        assertNull(madeAdmin.getString("bio"));
        assertTrue(madeAdmin.getJsonArray("statusHistory").isEmpty());
    }
}
