package io.quire.content;

import io.quire.platform.clock.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.data.Numeric;
import java.util.UUID;

/** A chapter row and its JSON shapes: metadata (lists, status changes) and content (the editor). */
record Chapter(Row row) {
    UUID id() {
        return row.getUUID("id");
    }

    UUID seriesId() {
        return row.getUUID("series_id");
    }

    UUID siteId() {
        return row.getUUID("site_id");
    }

    UUID authorId() {
        return row.getUUID("author_id");
    }

    long revision() {
        return row.getInteger("revision");
    }

    String status() {
        return row.getString("status");
    }

    JsonObject toJson() {
        Numeric number = row.get(Numeric.class, "chapter_number");
        Short volume = row.getShort("volume_number");
        Short preview = row.getShort("preview_paragraphs");
        return new JsonObject()
                .put("id", id().toString())
                .put("seriesId", seriesId().toString())
                .put("siteId", siteId().toString())
                .put("authorId", authorId().toString())
                .put("slug", row.getString("slug"))
                .put(
                        "chapterNumber",
                        number.bigDecimalValue().stripTrailingZeros().doubleValue())
                .put("volumeNumber", volume == null ? null : volume.intValue())
                .put("order", row.getInteger("display_order"))
                .put("title", row.getString("title"))
                .put("wordCount", row.getInteger("word_count"))
                .put("readingMinutes", row.getInteger("reading_minutes"))
                .put("viewCount", row.getLong("view_count"))
                .put("status", status())
                .put("scheduledAt", Times.iso(row.getOffsetDateTime("scheduled_at")))
                .put("scheduleTimezone", row.getString("schedule_timezone"))
                .put("publishedAt", Times.iso(row.getOffsetDateTime("published_at")))
                .put("accessLevel", row.getString("access_level"))
                .put(
                        "minimumTierId",
                        row.getUUID("minimum_tier_id") == null
                                ? null
                                : row.getUUID("minimum_tier_id").toString())
                .put("scheduledFreeAt", Times.iso(row.getOffsetDateTime("scheduled_free_at")))
                .put("previewParagraphs", preview == null ? null : preview.intValue())
                .put("paywallMessage", row.getString("paywall_message"))
                // what buying this one chapter costs (minor units), when the author sells it on its own
                .put("price", row.getColumnIndex("purchase_price") < 0 ? null : row.getLong("purchase_price"))
                .put(
                        "priceCurrency",
                        row.getColumnIndex("purchase_currency") < 0 ? null : row.getString("purchase_currency"))
                .put("authorNotePosition", row.getString("author_note_position"))
                .put("currentVersion", row.getInteger("current_version"))
                .put("revision", revision())
                .put("createdAt", Times.iso(row.getOffsetDateTime("created_at")))
                .put("updatedAt", Times.iso(row.getOffsetDateTime("updated_at")))
                .put("deletedAt", Times.iso(row.getOffsetDateTime("deleted_at")));
    }

    JsonObject contentJson() {
        return new JsonObject()
                .put("id", id().toString())
                .put("title", row.getString("title"))
                .put("content", row.getString("content"))
                .put("contentHtml", row.getString("content_html"))
                .put("authorNote", row.getString("author_note"))
                .put("authorNoteHtml", row.getString("author_note_html"))
                .put("authorNotePosition", row.getString("author_note_position"))
                .put("wordCount", row.getInteger("word_count"))
                .put("readingMinutes", row.getInteger("reading_minutes"))
                .put("currentVersion", row.getInteger("current_version"))
                .put("revision", revision());
    }
}
