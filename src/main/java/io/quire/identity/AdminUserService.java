package io.quire.identity;

import io.quire.platform.auth.Principal;
import io.quire.platform.auth.Revocations;
import io.quire.platform.auth.Role;
import io.quire.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Admin view of accounts: a filtered, keyset-paged list and role/status changes. Only a SUPER_ADMIN may grant
 * or touch admin roles; nobody edits their own role or status; a suspension or ban ends the user's sessions and
 * access tokens everywhere at once, and every status change is kept with its reason.
 */
public final class AdminUserService {
    static final Set<String> STATUSES = Set.of("PENDING_VERIFICATION", "ACTIVE", "SUSPENDED", "BANNED", "DELETED");

    private final Pool pool;
    private final UserRepository users;
    private final AuthService auth;
    private final Revocations revocations;

    AdminUserService(Pool pool, UserRepository users, AuthService auth, Revocations revocations) {
        this.pool = pool;
        this.users = users;
        this.auth = auth;
        this.revocations = revocations;
    }

    /** A page of users and the cursor of the next one. */
    public record Page(JsonArray data, String nextCursor) {}

    public Future<Page> list(String status, String role, String emailPrefix, String cursor, int limit) {
        UUID after = decodeCursor(cursor);
        return users.adminList(pool, status, role, emailPrefix, after, limit + 1)
                .map(found -> {
                    List<User> page = found.size() > limit ? found.subList(0, limit) : found;
                    String next = found.size() > limit
                            ? encodeCursor(page.get(page.size() - 1).id())
                            : null;
                    return new Page(
                            new JsonArray(page.stream().map(User::toOwnJson).toList()), next);
                });
    }

    /** A requested change; null fields stay as they are. */
    public record Change(Role role, String status, String reason) {}

    public Future<JsonObject> update(Principal admin, UUID userId, Change change) {
        if (admin.userId().equals(userId)) {
            return Future.failedFuture(
                    new ApiException.Forbidden("admin.self_change", "Admins cannot change their own role or status."));
        }
        return users.findById(pool, userId).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(new ApiException.NotFound("user.not_found", "No user with that id."));
            }
            User target = found.get();
            boolean touchesAdmins = target.role().isAdmin()
                    || (change.role() != null && change.role().isAdmin());
            if (touchesAdmins && admin.role() != Role.SUPER_ADMIN) {
                return Future.failedFuture(new ApiException.Forbidden(
                        "admin.super_admin_required",
                        "Only a SUPER_ADMIN may grant, change or act on admin accounts."));
            }
            long now = System.currentTimeMillis();
            return pool.withTransaction(tx -> {
                        Future<User> updated = Future.succeededFuture(target);
                        if (change.role() != null && change.role() != target.role()) {
                            updated = updated.compose(u -> users.setRole(tx, userId, change.role()));
                        }
                        if (change.status() != null && !change.status().equals(target.status())) {
                            updated = updated.compose(u -> users.setStatus(tx, userId, change.status(), now))
                                    .compose(u -> users.addStatusHistory(
                                                    tx, userId, change.status(), change.reason(), admin.userId())
                                            .map(v -> u));
                        }
                        return updated;
                    })
                    .compose(u -> endAccessIfNeeded(target, u).map(v -> u))
                    .compose(u -> users.statusHistory(pool, userId)
                            .map(h -> u.toOwnJson().put("statusHistory", new JsonArray(h))));
        });
    }

    /** A lost standing or a changed role must not ride on tokens issued before it. */
    private Future<Void> endAccessIfNeeded(User before, User after) {
        boolean blocked = !after.canSignIn() && before.canSignIn();
        if (blocked) {
            return auth.revokeEverything(after.id(), "account " + after.status().toLowerCase(), null)
                    .mapEmpty();
        }
        if (before.role() != after.role()) {
            long now = System.currentTimeMillis();
            return users.setTokensValidAfter(pool, after.id(), now)
                    .compose(v -> revocations.userTokensBefore(after.id(), now));
        }
        return Future.succeededFuture();
    }

    static String encodeCursor(UUID id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(id.toString().getBytes(StandardCharsets.UTF_8));
    }

    static UUID decodeCursor(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ApiException.BadRequest("request.bad_cursor", "The cursor is not one this API gave out.");
        }
    }
}
