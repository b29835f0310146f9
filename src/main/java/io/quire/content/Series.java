package io.quire.content;

import io.quire.platform.clock.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.UUID;

/** A series row and its JSON. */
record Series(Row row) {
    UUID id() {
        return row.getUUID("id");
    }

    UUID siteId() {
        return row.getUUID("site_id");
    }

    long revision() {
        return row.getInteger("revision");
    }

    /** What anyone may see of a published series: no revision, settings or deletion state. */
    JsonObject toPublicJson() {
        JsonObject all = toJson();
        for (String internal : new String[] {
            "revision",
            "deletedAt",
            "paywallMessage",
            "updatedAt",
            "defaultAccessLevel",
            "scheduledAction",
            "scheduledActionAt"
        }) {
            all.remove(internal);
        }
        return all;
    }

    JsonObject settingsJson() {
        JsonObject all = toJson();
        JsonObject settings = row.getJsonObject("settings");
        return new JsonObject()
                .put("contentType", all.getString("contentType"))
                .put("contentRating", all.getString("contentRating"))
                .put("language", all.getString("language"))
                .put("extra", settings.getJsonObject("extra", new JsonObject()))
                .put("revision", revision());
    }

    JsonObject paywallJson() {
        JsonObject all = toJson();
        return new JsonObject()
                .put("defaultAccessLevel", all.getString("defaultAccessLevel"))
                .put("earlyAccessDays", all.getInteger("earlyAccessDays"))
                .put("previewParagraphs", all.getInteger("previewParagraphs"))
                .put("paywallMessage", all.getString("paywallMessage"))
                .put("revision", revision());
    }

    JsonObject scheduleJson() {
        JsonObject schedule = row.getJsonObject("settings").getJsonObject("schedule", new JsonObject());
        return new JsonObject()
                .put("updateSchedule", schedule.getString("updateSchedule"))
                .put("updateDays", schedule.getJsonArray("updateDays", new io.vertx.core.json.JsonArray()))
                .put("timezone", schedule.getString("timezone"))
                .put("revision", revision());
    }

    JsonObject toJson() {
        return new JsonObject()
                .put("id", id().toString())
                .put("siteId", siteId().toString())
                .put("authorId", row.getUUID("author_id").toString())
                .put("slug", row.getString("slug"))
                .put("title", row.getString("title"))
                .put("synopsis", row.getString("synopsis"))
                .put("contentType", row.getString("content_type"))
                .put("contentRating", row.getString("content_rating"))
                .put("status", row.getString("status"))
                .put("language", row.getString("language"))
                .put("defaultAccessLevel", row.getString("default_access_level"))
                .put("earlyAccessDays", (int) row.getShort("early_access_days"))
                .put("previewParagraphs", (int) row.getShort("preview_paragraphs"))
                .put("paywallMessage", row.getString("paywall_message"))
                .put("coverMediaId", id(row.getUUID("cover_media_id")))
                .put("bannerMediaId", id(row.getUUID("banner_media_id")))
                .put("lastPublishedAt", Times.iso(row.getOffsetDateTime("last_published_at")))
                .put("completedAt", Times.iso(row.getOffsetDateTime("completed_at")))
                .put("scheduledAction", row.getString("scheduled_action"))
                .put("scheduledActionAt", Times.iso(row.getOffsetDateTime("scheduled_action_at")))
                .put("revision", revision())
                .put("createdAt", Times.iso(row.getOffsetDateTime("created_at")))
                .put("updatedAt", Times.iso(row.getOffsetDateTime("updated_at")))
                .put("deletedAt", Times.iso(row.getOffsetDateTime("deleted_at")));
    }

    private static String id(UUID id) {
        return id == null ? null : id.toString();
    }
}
