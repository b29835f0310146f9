package io.quire.engagement.lists;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/** How a reader likes to read, kept for every device: what they changed, over the defaults. */
public final class ReaderSettings {
    static final JsonObject DEFAULTS = new JsonObject()
            .put("theme", "light")
            .put("fontFamily", "serif")
            .put("fontSize", 18)
            .put("lineHeight", 1.6)
            .put("textAlign", "left")
            .put("showAuthorNotes", true)
            .put("hideSpoilers", true);
    private static final String READ = "SELECT settings FROM reader_settings WHERE user_id = $1";
    private static final String SAVE = """
      INSERT INTO reader_settings AS s (user_id, settings) VALUES ($1, $2)
      ON CONFLICT (user_id) DO UPDATE SET settings = s.settings || EXCLUDED.settings RETURNING settings
      """;
    private final Pool pool;

    public ReaderSettings(Pool pool) {
        this.pool = pool;
    }

    public Future<JsonObject> of(UUID reader) {
        return pool.preparedQuery(READ)
                .execute(Tuple.of(reader))
                .map(rows -> DEFAULTS.copy()
                        .mergeIn(
                                rows.size() == 0
                                        ? new JsonObject()
                                        : rows.iterator().next().getJsonObject("settings")));
    }

    /** Merges {@code changes} (checked settings only) into what the reader had. */
    public Future<JsonObject> change(UUID reader, JsonObject changes) {
        return pool.preparedQuery(SAVE)
                .execute(Tuple.of(reader, changes))
                .map(rows -> DEFAULTS.copy().mergeIn(rows.iterator().next().getJsonObject("settings")));
    }
}
