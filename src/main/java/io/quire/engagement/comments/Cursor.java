package io.quire.engagement.comments;

import io.quire.platform.http.ApiException;
import io.vertx.sqlclient.Row;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

/** Where a comment page ends: (time, id) for newest/oldest, (reactions, id) for top; bound to its sort. */
record Cursor(OffsetDateTime at, Integer score, UUID id) {
    static final Cursor FIRST = new Cursor(null, null, null);

    static String after(Row r, String sort) {
        String key = sort.equals("top")
                ? Integer.toString(r.getInteger("reaction_count"))
                : r.getOffsetDateTime("created_at").toString();
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((sort + "|" + key + "|" + r.getUUID("id")).getBytes(StandardCharsets.UTF_8));
    }

    static Cursor decode(String cursor, String sort) {
        if (cursor == null || cursor.isBlank()) {
            return FIRST;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
            if (!parts[0].equals(sort)) {
                throw new IllegalArgumentException();
            }
            UUID id = UUID.fromString(parts[2]);
            return sort.equals("top")
                    ? new Cursor(null, Integer.parseInt(parts[1]), id)
                    : new Cursor(OffsetDateTime.parse(parts[1]), null, id);
        } catch (RuntimeException e) {
            throw new ApiException.BadRequest("request.bad_cursor", "The cursor is not one this list gave out.");
        }
    }
}
