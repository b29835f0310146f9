package io.quire.platform.http;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.UUID;

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
}
