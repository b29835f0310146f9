package io.quire.media;

import io.quire.platform.clock.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.List;
import java.util.UUID;

/** A media row, as the API shows it. */
record MediaFile(Row row) {
    UUID id() {
        return row.getUUID("id");
    }

    UUID ownerId() {
        return row.getUUID("user_id");
    }

    MediaKind kind() {
        return MediaKind.valueOf(row.getString("kind"));
    }

    String storageKey() {
        return row.getString("storage_key");
    }

    long size() {
        return row.getLong("file_size");
    }

    String mimeType() {
        return row.getString("mime_type");
    }

    String sha256() {
        return row.getString("sha256");
    }

    String filename() {
        return row.getString("filename");
    }

    JsonObject toJson(String apiBase) {
        Integer width = row.getInteger("width");
        Integer height = row.getInteger("height");
        String[] tags = row.getArrayOfStrings("tags");
        String self = apiBase + "/api/v1/media/" + id();
        return new JsonObject()
                .put("id", id().toString())
                .put("userId", ownerId().toString())
                .put(
                        "siteId",
                        row.getUUID("site_id") == null
                                ? null
                                : row.getUUID("site_id").toString())
                .put("filename", filename())
                .put("originalFilename", row.getString("original_filename"))
                .put("mimeType", mimeType())
                .put("kind", kind().name())
                .put("fileSize", size())
                .put("sha256", sha256())
                .put("storageProvider", row.getString("storage_provider"))
                .put("width", width)
                .put("height", height)
                .put("aspectRatio", width == null || height == null || height == 0 ? null : (double) width / height)
                .put("dominantColor", row.getString("dominant_color"))
                .put("placeholderUrl", row.getString("placeholder"))
                .put("isProcessed", row.getBoolean("is_processed"))
                .put("processedAt", Times.iso(row.getOffsetDateTime("processed_at")))
                .put("processingError", row.getString("processing_error"))
                .put("altText", row.getString("alt_text"))
                .put("caption", row.getString("caption"))
                .put("folder", row.getString("folder"))
                .put("tags", new JsonArray(tags == null ? List.of() : List.of(tags)))
                .put("usageCount", row.getInteger("usage_count"))
                .put("lastUsedAt", Times.iso(row.getOffsetDateTime("last_used_at")))
                .put("scanStatus", row.getString("scan_status"))
                .put("downloadUrl", self + "/download")
                .put("streamUrl", self + "/stream")
                .put("createdAt", Times.iso(row.getOffsetDateTime("created_at")))
                .put("updatedAt", Times.iso(row.getOffsetDateTime("updated_at")));
    }

    static JsonObject variantJson(Row v, String apiBase) {
        return new JsonObject()
                .put("name", v.getString("name"))
                .put("mimeType", v.getString("mime_type"))
                .put("width", v.getInteger("width"))
                .put("height", v.getInteger("height"))
                .put("fileSize", v.getLong("file_size"))
                .put(
                        "url",
                        apiBase + "/api/v1/media/" + v.getUUID("file_id") + "/download?variant=" + v.getString("name"));
    }
}
