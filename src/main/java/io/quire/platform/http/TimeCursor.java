package io.quire.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Function;

/**
 * The keyset cursor of lists ordered newest first by (time, id): opaque base64url of {@code time|id}. A cursor
 * that does not decode is a 400 {@code request.bad_cursor}.
 */
public record TimeCursor(OffsetDateTime at, UUID id) {
    /** No cursor: the first page, both fields null. */
    public static final TimeCursor FIRST = new TimeCursor(null, null);

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    public static TimeCursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return FIRST;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            return new TimeCursor(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new ApiException.BadRequest("request.bad_cursor", "The cursor is not one this list gave out.");
        }
    }

    /**
     * A newest-first page from a query asked for {@code limit + 1} rows: the first {@code limit} as {@code data}, and
     * a cursor after the last of them when the extra row shows there is more.
     */
    public static JsonObject page(
            RowSet<Row> rows, int limit, Function<Row, JsonObject> json, String timeColumn, String idColumn) {
        JsonArray data = new JsonArray();
        Row last = null;
        for (Row r : rows) {
            if (data.size() == limit) {
                break;
            }
            data.add(json.apply(r));
            last = r;
        }
        String next = rows.size() > limit && last != null
                ? new TimeCursor(last.getOffsetDateTime(timeColumn), last.getUUID(idColumn)).encode()
                : null;
        return new JsonObject().put("data", data).put("nextCursor", next);
    }
}
