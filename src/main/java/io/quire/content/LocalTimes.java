package io.quire.content;

import io.quire.platform.api.Violations;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** A time an author sends for a schedule: ISO-8601 with an offset, or a local date-time read in their time zone. */
final class LocalTimes {
    static final String RULE = "must be an ISO-8601 date-time such as 2027-01-01T09:00:00+05:30 or 2027-01-01T09:00";

    private LocalTimes() {}

    /** {@code text} (null: null) as a moment; a bad time or zone is a 422 on {@code field} or {@code timezone}. */
    static OffsetDateTime when(String text, String zone, String field) {
        Violations violations = new Violations();
        ZoneId zoneId = ZoneOffset.UTC;
        try {
            zoneId = zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
        } catch (DateTimeException e) {
            violations.add("timezone", "must be an IANA time zone such as Asia/Kolkata");
        }
        OffsetDateTime at = null;
        if (text != null && violations.isEmpty()) {
            try {
                at = OffsetDateTime.parse(text);
            } catch (DateTimeParseException notOffset) {
                try {
                    at = LocalDateTime.parse(text).atZone(zoneId).toOffsetDateTime();
                } catch (DateTimeParseException e) {
                    violations.add(field, RULE);
                }
            }
        }
        violations.throwIfAny("Some fields are invalid.");
        return at;
    }
}
