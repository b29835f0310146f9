package io.quire.sites;

import io.quire.platform.clock.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.UUID;

/** A site row, and its two JSON shapes: for members, and public metadata. */
record Site(Row row) {
    /** A site as one member sees it: the answers of the calls that change it say the caller's role too. */
    record Seen(Site site, Membership.Role role) {
        JsonObject toJson() {
            return site.toJson(role);
        }
    }

    UUID id() {
        return row.getUUID("id");
    }

    long revision() {
        return row.getInteger("revision");
    }

    JsonObject toJson(Membership.Role callerRole) {
        return new JsonObject()
                .put("id", id().toString())
                .put("ownerId", row.getUUID("owner_id").toString())
                .put("slug", row.getString("slug"))
                .put("name", row.getString("name"))
                .put("tagline", row.getString("tagline"))
                .put("description", row.getString("description"))
                .put("customDomain", row.getString("custom_domain"))
                .put("readerBaseUrl", row.getString("reader_base_url"))
                .put("logoMediaId", id(row.getUUID("logo_media_id")))
                .put("faviconMediaId", id(row.getUUID("favicon_media_id")))
                .put("status", row.getString("status"))
                .put("isPublic", row.getBoolean("is_public"))
                .put("revision", revision())
                .put("yourRole", callerRole == null ? null : callerRole.name())
                .put("createdAt", Times.iso(row.getOffsetDateTime("created_at")))
                .put("updatedAt", Times.iso(row.getOffsetDateTime("updated_at")))
                .put("deletedAt", Times.iso(row.getOffsetDateTime("deleted_at")));
    }

    JsonObject settingsJson() {
        return new JsonObject()
                .put("commentsEnabled", row.getBoolean("comments_enabled"))
                .put("commentsModerationMode", row.getString("comments_moderation_mode"))
                .put("defaultContentRating", row.getString("default_content_rating"))
                .put("isPublic", row.getBoolean("is_public"))
                .put("extra", row.getJsonObject("settings"))
                .put("revision", revision());
    }

    /** What anyone may see of an active public site: no owner internals. */
    JsonObject toPublicJson() {
        return new JsonObject()
                .put("id", id().toString())
                .put("slug", row.getString("slug"))
                .put("name", row.getString("name"))
                .put("tagline", row.getString("tagline"))
                .put("description", row.getString("description"))
                .put("customDomain", row.getString("custom_domain"))
                .put("readerBaseUrl", row.getString("reader_base_url"))
                .put("logoMediaId", id(row.getUUID("logo_media_id")))
                .put("faviconMediaId", id(row.getUUID("favicon_media_id")))
                .put("defaultContentRating", row.getString("default_content_rating"))
                .put("commentsEnabled", row.getBoolean("comments_enabled"));
    }

    private static String id(UUID id) {
        return id == null ? null : id.toString();
    }
}
