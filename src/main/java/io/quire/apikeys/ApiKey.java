package io.quire.apikeys;

import io.quire.platform.clock.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** An API key as stored (the secret only as its hash). */
record ApiKey(
        UUID id,
        UUID userId,
        String name,
        String prefix,
        String secretHash,
        List<String> scopes,
        UUID siteId,
        List<String> allowedIps,
        List<String> allowedOrigins,
        int rateLimitPerMinute,
        OffsetDateTime expiresAt,
        OffsetDateTime lastUsedAt,
        OffsetDateTime revokedAt,
        OffsetDateTime createdAt) {

    static ApiKey fromRow(Row r) {
        return new ApiKey(
                r.getUUID("id"),
                r.getUUID("user_id"),
                r.getString("name"),
                r.getString("prefix"),
                r.getString("secret_hash"),
                Arrays.asList(r.getArrayOfStrings("scopes")),
                r.getUUID("site_id"),
                Arrays.asList(r.getArrayOfStrings("allowed_ips")),
                Arrays.asList(r.getArrayOfStrings("allowed_origins")),
                r.getInteger("rate_limit_per_minute"),
                r.getOffsetDateTime("expires_at"),
                r.getOffsetDateTime("last_used_at"),
                r.getOffsetDateTime("revoked_at"),
                r.getOffsetDateTime("created_at"));
    }

    boolean expired() {
        return expiresAt != null && expiresAt.isBefore(OffsetDateTime.now());
    }

    /** Never the secret: only its public prefix, so a user can tell keys apart. */
    JsonObject toJson() {
        return new JsonObject()
                .put("id", id.toString())
                .put("name", name)
                .put("prefix", ApiKeyFormat.PREFIX + prefix)
                .put("scopes", new JsonArray(scopes))
                .put("siteId", siteId == null ? null : siteId.toString())
                .put("allowedIps", new JsonArray(allowedIps))
                .put("allowedOrigins", new JsonArray(allowedOrigins))
                .put("rateLimitPerMinute", rateLimitPerMinute)
                .put("expiresAt", Times.iso(expiresAt))
                .put("lastUsedAt", Times.iso(lastUsedAt))
                .put("createdAt", Times.iso(createdAt));
    }
}
