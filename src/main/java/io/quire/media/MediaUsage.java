package io.quire.media;

import io.quire.platform.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/** Where a user's storage goes (by folder, site and type; the largest files) and what their downloads served. */
public final class MediaUsage {
    /** One group of the breakdown; $1 the user. Deleted files are released at once, so they are not counted. */
    private static final String BREAKDOWN = """
      SELECT 'folder' AS dimension, folder AS name, count(*) AS files, sum(file_size) AS bytes
        FROM media_files WHERE user_id = $1 AND deleted_at IS NULL GROUP BY folder
      UNION ALL
      SELECT 'site', site_id::text, count(*), sum(file_size)
        FROM media_files WHERE user_id = $1 AND deleted_at IS NULL GROUP BY site_id
      UNION ALL
      SELECT 'mimeType', mime_type, count(*), sum(file_size)
        FROM media_files WHERE user_id = $1 AND deleted_at IS NULL GROUP BY mime_type
      ORDER BY 1, 4 DESC
      """;

    private static final String LARGEST = """
      SELECT id, filename, file_size, mime_type FROM media_files
       WHERE user_id = $1 AND deleted_at IS NULL ORDER BY file_size DESC, id LIMIT 10
      """;

    private final Pool pool;
    private final MediaService media;

    public MediaUsage(Pool pool, MediaService media) {
        this.pool = pool;
        this.media = media;
    }

    public Future<JsonObject> breakdown(Principal p) {
        return pool.preparedQuery(BREAKDOWN)
                .execute(Tuple.of(p.userId()))
                .compose(groups -> pool.preparedQuery(LARGEST)
                        .execute(Tuple.of(p.userId()))
                        .map(largest -> breakdown(groups, largest)));
    }

    /** This month's bytes served, as {@link Bandwidth} last wrote them. */
    public Future<JsonObject> bandwidth(Principal p) {
        return media.usageRow(p.userId())
                .map(u -> new JsonObject()
                        .put("usedBytes", u.getLong("bandwidth_used_bytes"))
                        .put(
                                "periodStart",
                                u.getOffsetDateTime("bandwidth_period_start")
                                        .toInstant()
                                        .toString()));
    }

    private static JsonObject breakdown(Iterable<Row> groups, Iterable<Row> largest) {
        JsonObject out = new JsonObject()
                .put("byFolder", new JsonArray())
                .put("bySite", new JsonArray())
                .put("byMimeType", new JsonArray());
        for (Row g : groups) {
            String dimension = g.getString("dimension");
            String key = switch (dimension) {
                case "folder" -> "byFolder";
                case "site" -> "bySite";
                default -> "byMimeType";
            };
            String field = switch (dimension) {
                case "folder" -> "folder";
                case "site" -> "siteId";
                default -> "mimeType";
            };
            out.getJsonArray(key)
                    .add(new JsonObject()
                            .put(field, g.getString("name"))
                            .put("files", g.getLong("files"))
                            .put("bytes", g.getLong("bytes")));
        }
        JsonArray top = new JsonArray();
        for (Row r : largest) {
            top.add(new JsonObject()
                    .put("id", r.getUUID("id").toString())
                    .put("filename", r.getString("filename"))
                    .put("mimeType", r.getString("mime_type"))
                    .put("fileSize", r.getLong("file_size")));
        }
        return out.put("largest", top);
    }
}
