package io.quire.analytics.reports;

import io.quire.platform.http.ApiException;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A report's {@code from}/{@code to} (inclusive local dates; the last 30 days by default), {@code interval}
 * (day, week or month) and {@code timezone}. Rollups are kept in the site's time zone, so a report in another
 * zone would have to re-cut days it no longer has: a different {@code timezone} is refused, naming the site's.
 */
public record ReportRange(LocalDate from, LocalDate to, String interval, ZoneId zone) {
    static final int MAX_DAYS = 366;

    static ReportRange of(java.util.function.Function<String, String> param, ZoneId siteZone) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        LocalDate today = LocalDate.now(siteZone);
        LocalDate to = date(param, "to", today, errors);
        LocalDate from = date(param, "from", to == null ? today.minusDays(29) : to.minusDays(29), errors);
        String interval = param.apply("interval") == null
                ? "day"
                : param.apply("interval").toLowerCase(Locale.ROOT);
        if (!List.of("day", "week", "month").contains(interval)) {
            errors.add(new ApiException.FieldError("interval", "must be day, week or month"));
        }
        String zoneName = param.apply("timezone");
        if (zoneName != null && !zoneName.isBlank()) {
            try {
                if (!ZoneId.of(zoneName).normalized().equals(siteZone.normalized())) {
                    errors.add(new ApiException.FieldError(
                            "timezone",
                            "reports are kept in the site's time zone, " + siteZone.getId()
                                    + "; change the site's settings.timezone to report in another"));
                }
            } catch (DateTimeException e) {
                errors.add(new ApiException.FieldError("timezone", "must be an IANA time zone such as Europe/Paris"));
            }
        }
        if (errors.isEmpty() && from.isAfter(to)) {
            errors.add(new ApiException.FieldError("from", "must not be after to"));
        }
        if (errors.isEmpty() && ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
            errors.add(new ApiException.FieldError("to", "a report covers at most " + MAX_DAYS + " days"));
        }
        if (!errors.isEmpty()) {
            throw new ApiException.Validation("analytics.invalid_range", "The report's range is invalid.", errors);
        }
        return new ReportRange(from, to, interval, siteZone);
    }

    private static LocalDate date(
            java.util.function.Function<String, String> param,
            String name,
            LocalDate fallback,
            List<ApiException.FieldError> errors) {
        String value = param.apply(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            errors.add(new ApiException.FieldError(name, "must be a date such as 2026-11-01"));
            return null;
        }
    }

    /** The equally long range just before this one (for change figures). */
    ReportRange previous() {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        return new ReportRange(from.minusDays(days), from.minusDays(1), interval, zone);
    }

    JsonObject toJson() {
        return new JsonObject()
                .put("from", from.toString())
                .put("to", to.toString())
                .put("interval", interval)
                .put("timezone", zone.getId());
    }
}
