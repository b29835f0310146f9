package io.quire.billing.events;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Reading gateway payloads, which are loose: a field may be absent, null, a string or a number. */
final class EventFields {
    private EventFields() {}

    static JsonObject obj(JsonObject o, String... path) {
        JsonObject at = o;
        for (String p : path) {
            if (at == null) {
                return new JsonObject();
            }
            at = at.getValue(p) instanceof JsonObject j ? j : null;
        }
        return at == null ? new JsonObject() : at;
    }

    static String str(JsonObject o, String field) {
        Object v = o.getValue(field);
        return v == null ? null : v instanceof JsonObject || v instanceof JsonArray ? null : String.valueOf(v);
    }

    static Long num(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return v == null ? null : Long.parseLong(String.valueOf(v));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static UUID uuid(String s) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static OffsetDateTime epoch(Long seconds) {
        return seconds == null ? null : Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.UTC);
    }

    /** The first element of {@code o.field.data} (Stripe's lists), or empty. */
    static JsonObject first(JsonObject o, String field) {
        JsonArray data = obj(o, field).getJsonArray("data");
        return data != null && !data.isEmpty() && data.getValue(0) instanceof JsonObject j ? j : new JsonObject();
    }
}
