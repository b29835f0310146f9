package io.quire.analytics.ingest;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;

/**
 * Checks one event and turns it into an {@link EventRow}, or names what is wrong with it. A bad event rejects only
 * itself: the caller collects {@code {index, code, message}} and accepts the rest. Timestamps are clamped to
 * [now − 7 days, now + 5 minutes]: clocks on readers' devices are wrong often enough that refusing would lose data.
 */
final class EventValidator {
    static final long MAX_PAST_SECONDS = 7 * 86_400;
    static final long MAX_FUTURE_SECONDS = 300;
    static final int MAX_PROPERTIES = 30;
    static final int MAX_PROPERTY_CHARS = 2000;

    /** Why an event was rejected. */
    static final class Invalid extends RuntimeException {
        final String code;

        Invalid(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private EventValidator() {}

    /**
     * @param site    the batch's site: an event naming another is rejected
     * @param relayed whether the caller may relay a reader's {@code userAgent} and {@code ip} (API-key collectors)
     */
    static EventRow validate(Object item, UUID site, Instant now, boolean relayed) {
        JsonObject e = item instanceof JsonObject o ? o : item instanceof Map<?, ?> m ? new JsonObject(cast(m)) : null;
        if (e == null) {
            throw new Invalid("event.not_an_object", "An event must be a JSON object.");
        }
        EventRow row = new EventRow();
        row.type = EventType.named(string(e, "eventType", 40));
        if (row.type == null) {
            throw new Invalid(
                    "event.invalid_type",
                    "eventType must be one of " + java.util.Arrays.toString(EventType.values()) + ".");
        }
        row.siteId = site;
        UUID named = uuid(e, "siteId");
        if (named != null && !named.equals(site)) {
            throw new Invalid("event.site_mismatch", "siteId names a different site than this batch's key or siteId.");
        }
        row.eventId = uuid(e, "eventId");
        row.seriesId = uuid(e, "seriesId");
        row.chapterId = uuid(e, "chapterId");
        row.occurredAt = timestamp(e.getValue("timestamp"), now);
        row.sessionId = string(e, "sessionId", 128);
        row.anonymousId = string(e, "anonymousId", 128);
        String url = string(e, "url", 2048);
        row.path = string(e, "path", 2048);
        Map<String, String> utm = Map.of();
        if (url != null) {
            URI u = uri(url, "url");
            if (row.path == null) {
                row.path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            }
            utm = UrlParts.utm(u.getRawQuery());
        }
        row.referrer = string(e, "referrer", 2048);
        if (row.referrer != null && !row.referrer.isEmpty()) {
            row.referrerHost = UrlParts.host(row.referrer);
        }
        row.utmSource = orUtm(e, "utmSource", utm.get("utm_source"));
        row.utmMedium = orUtm(e, "utmMedium", utm.get("utm_medium"));
        row.utmCampaign = orUtm(e, "utmCampaign", utm.get("utm_campaign"));
        row.utmTerm = orUtm(e, "utmTerm", utm.get("utm_term"));
        row.utmContent = orUtm(e, "utmContent", utm.get("utm_content"));
        row.screenSize = string(e, "screenSize", 32);
        row.percent = percent(e, row.type);
        row.properties = properties(e.getValue("properties"));
        if ((row.type == EventType.CHAPTER_START
                        || row.type == EventType.CHAPTER_PROGRESS
                        || row.type == EventType.CHAPTER_COMPLETE)
                && row.chapterId == null) {
            throw new Invalid("event.chapter_required", row.type + " events need a chapterId.");
        }
        if (relayed) {
            row.relayedUserAgent = string(e, "userAgent", 1000);
            row.relayedIp = string(e, "ip", 64);
        }
        return row;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private static String string(JsonObject e, String field, int max) {
        Object v = e.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new Invalid("event.invalid_field", field + " must be a string.");
        }
        if (s.length() > max) {
            throw new Invalid("event.invalid_field", field + " must be at most " + max + " characters.");
        }
        return s;
    }

    private static String orUtm(JsonObject e, String field, String fromUrl) {
        String v = string(e, field, 200);
        return v != null ? v : fromUrl != null && fromUrl.length() <= 200 ? fromUrl : null;
    }

    private static UUID uuid(JsonObject e, String field) {
        String s = string(e, field, 36);
        if (s == null) {
            return null;
        }
        try {
            if (s.length() != 36) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(s);
        } catch (IllegalArgumentException x) {
            throw new Invalid("event.invalid_id", field + " must be a UUID.");
        }
    }

    private static URI uri(String s, String field) {
        try {
            return new URI(s);
        } catch (java.net.URISyntaxException x) {
            throw new Invalid("event.invalid_field", field + " is not a valid URL.");
        }
    }

    /** ISO-8601 with an offset, or epoch milliseconds; clamped to the accepted window. */
    static OffsetDateTime timestamp(Object v, Instant now) {
        Instant at;
        if (v == null) {
            at = now;
        } else if (v instanceof Number n) {
            at = Instant.ofEpochMilli(n.longValue());
        } else if (v instanceof String s && s.length() <= 40) {
            try {
                at = OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException x) {
                throw new Invalid(
                        "event.invalid_timestamp", "timestamp must be ISO-8601 with an offset, or epoch milliseconds.");
            }
        } else {
            throw new Invalid(
                    "event.invalid_timestamp", "timestamp must be ISO-8601 with an offset, or epoch milliseconds.");
        }
        Instant earliest = now.minusSeconds(MAX_PAST_SECONDS);
        Instant latest = now.plusSeconds(MAX_FUTURE_SECONDS);
        if (at.isBefore(earliest)) {
            at = earliest;
        } else if (at.isAfter(latest)) {
            at = latest;
        }
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static Short percent(JsonObject e, EventType type) {
        Object v = e.getValue("percent");
        if (v == null) {
            if (type == EventType.CHAPTER_PROGRESS) {
                throw new Invalid("event.percent_required", "CHAPTER_PROGRESS events need a percent (0–100).");
            }
            return type == EventType.CHAPTER_COMPLETE ? (short) 100 : null;
        }
        if (!(v instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > 100) {
            throw new Invalid("event.invalid_percent", "percent must be a number from 0 to 100.");
        }
        return (short) Math.round(n.doubleValue());
    }

    /** At most 30 keys of scalar values, strings at most 2000 characters; stored as jsonb text. */
    private static String properties(Object v) {
        if (v == null) {
            return null;
        }
        JsonObject p = v instanceof JsonObject o ? o : v instanceof Map<?, ?> m ? new JsonObject(cast(m)) : null;
        if (p == null) {
            throw new Invalid("event.invalid_properties", "properties must be an object.");
        }
        if (p.size() > MAX_PROPERTIES) {
            throw new Invalid("event.invalid_properties", "properties may have at most " + MAX_PROPERTIES + " keys.");
        }
        for (Map.Entry<String, Object> entry : p) {
            Object value = entry.getValue();
            if (entry.getKey().length() > 100) {
                throw new Invalid("event.invalid_properties", "property names must be at most 100 characters.");
            }
            if (value instanceof String s
                    ? s.length() > MAX_PROPERTY_CHARS
                    : value instanceof JsonObject
                            || value instanceof JsonArray
                            || value instanceof Map
                            || value instanceof java.util.List) {
                throw new Invalid(
                        "event.invalid_properties",
                        "property '" + entry.getKey() + "' must be a string of at most " + MAX_PROPERTY_CHARS
                                + " characters, a number, a boolean or null.");
            }
        }
        return p.isEmpty() ? null : p.encode();
    }
}
