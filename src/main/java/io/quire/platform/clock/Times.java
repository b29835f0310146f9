package io.quire.platform.clock;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** JSON timestamps: ISO-8601 in UTC with {@code Z}, or null. */
public final class Times {
    private Times() {}

    public static String iso(OffsetDateTime t) {
        return t == null ? null : t.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.ISO_INSTANT);
    }
}
