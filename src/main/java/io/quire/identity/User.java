package io.quire.identity;

import io.quire.platform.auth.Role;
import io.quire.platform.clock.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** An account as stored; {@link #toOwnJson()} and {@link #toPublicJson()} are the only ways it leaves the server. */
public record User(
        UUID id,
        String email,
        String username,
        String displayName,
        String bio,
        String avatarUrl,
        String timezone,
        String locale,
        JsonObject preferences,
        Role role,
        String status,
        OffsetDateTime emailVerifiedAt,
        String passwordHash,
        boolean mfaEnabled,
        String mfaSecret,
        String mfaPendingSecret,
        int failedLoginCount,
        OffsetDateTime lockedUntil,
        OffsetDateTime lastLoginAt,
        OffsetDateTime createdAt) {

    static User fromRow(Row row) {
        return new User(
                row.getUUID("id"),
                row.getString("email"),
                row.getString("username"),
                row.getString("display_name"),
                row.getString("bio"),
                row.getString("avatar_url"),
                row.getString("timezone"),
                row.getString("locale"),
                row.getJsonObject("preferences"),
                Role.valueOf(row.getString("role")),
                row.getString("status"),
                row.getOffsetDateTime("email_verified_at"),
                row.getString("password_hash"),
                row.getBoolean("mfa_enabled"),
                row.getString("mfa_secret"),
                row.getString("mfa_pending_secret"),
                row.getShort("failed_login_count"),
                row.getOffsetDateTime("locked_until"),
                row.getOffsetDateTime("last_login_at"),
                row.getOffsetDateTime("created_at"));
    }

    public boolean canSignIn() {
        return status.equals("ACTIVE") || status.equals("PENDING_VERIFICATION");
    }

    /** What the account's owner sees. */
    public JsonObject toOwnJson() {
        return new JsonObject()
                .put("id", id.toString())
                .put("email", email)
                .put("emailVerified", emailVerifiedAt != null)
                .put("username", username)
                .put("displayName", displayName)
                .put("bio", bio)
                .put("avatarUrl", avatarUrl)
                .put("timezone", timezone)
                .put("locale", locale)
                .put("role", role.name())
                .put("status", status)
                .put("mfaEnabled", mfaEnabled)
                .put("lastLoginAt", Times.iso(lastLoginAt))
                .put("createdAt", Times.iso(createdAt));
    }

    /** What anyone may see: no email, no security state. */
    public JsonObject toPublicJson() {
        return new JsonObject()
                .put("id", id.toString())
                .put("username", username)
                .put("displayName", displayName)
                .put("bio", bio)
                .put("avatarUrl", avatarUrl)
                .put("role", role == Role.AUTHOR || role.isAdmin() ? role.name() : "READER")
                .put("createdAt", Times.iso(createdAt));
    }
}
