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
        .put("lastPublishedAt", Times.iso(row.getOffsetDateTime("last_published_at")))
        .put("completedAt", Times.iso(row.getOffsetDateTime("completed_at")))
        .put("revision", revision())
        .put("createdAt", Times.iso(row.getOffsetDateTime("created_at")))
        .put("updatedAt", Times.iso(row.getOffsetDateTime("updated_at")))
        .put("deletedAt", Times.iso(row.getOffsetDateTime("deleted_at")));
  }
}
