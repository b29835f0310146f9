package io.quire.identity;

import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Role;
import io.vertx.core.json.JsonObject;

/** {@code /api/v1/admin/users}: ADMIN and above, by session. */
public final class AdminUserRoutes {
    private static final String TAG = "admin";
    private static final Schema ROLE = string().oneOf(Role.class);
    private static final Schema STATUS =
            string().oneOf(AdminUserService.STATUSES.stream().sorted().toArray(String[]::new));
    private final AdminUserService admin;

    AdminUserRoutes(AdminUserService admin) {
        this.admin = admin;
    }

    public void mount(Api api) {
        Access admins = Access.atLeast(Role.ADMIN).sessionOnly();
        api.on(
                Endpoint.get("/api/v1/admin/users")
                        .id("listUsers")
                        .tag(TAG)
                        .summary("Users, newest first, filtered")
                        .access(admins)
                        .query("status", STATUS, "Only this status")
                        .query("role", ROLE, "Only this role")
                        .query("email", string(), "Only this email address")
                        .paged()
                        .ok(Schema.list(ref("User"))),
                call -> admin.list(
                                call.query("status"),
                                call.query("role"),
                                lower(call.query("email")),
                                call.query("cursor"),
                                call.limit())
                        .map(page -> Reply.list(page.data(), page.nextCursor())));
        api.on(
                Endpoint.patch("/api/v1/admin/users/{userId}")
                        .id("updateUser")
                        .tag(TAG)
                        .summary("Change a user's role or status")
                        .description(
                                "Suspending or banning needs a reason; a suspended or banned user's sessions end at once.")
                        .access(admins)
                        .body(object().optional("role", ROLE)
                                .optional("status", STATUS)
                                .optional("reason", string().length(1, 500))
                                .check(
                                        "reason",
                                        "is required to suspend or ban",
                                        b -> !("SUSPENDED".equals(b.getString("status"))
                                                        || "BANNED".equals(b.getString("status")))
                                                || b.getString("reason") != null)
                                .requireAnyOf("role or status is required", "role", "status"))
                        .ok(ref("User"))
                        .problems(409),
                call -> {
                    JsonObject b = call.body();
                    var change = new AdminUserService.Change(
                            b.getString("role") == null ? null : Role.valueOf(b.getString("role")),
                            b.getString("status"),
                            b.getString("reason"));
                    return admin.update(call.user(), call.id("userId", "user.not_found"), change)
                            .map(Reply::ok);
                });
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase();
    }
}
