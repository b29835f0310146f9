package io.quire.analytics.ingest;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a request body into its events. Three shapes: a JSON array of events; an envelope
 * {@code {"ingestKey", "siteId", "events": [...]}} for browsers that cannot set headers ({@code sendBeacon});
 * and NDJSON ({@code application/x-ndjson}), one event per line. {@code text/plain} is read as JSON, because that
 * is what {@code sendBeacon} and simple CORS requests send without a preflight.
 */
final class EventParser {
    private EventParser() {}

    /** The events (each a JSON object or whatever else was there, judged per index later) and envelope fields. */
    record Parsed(List<Object> events, String key, String siteId) {}

    static Parsed parse(Buffer body, String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (body == null || body.length() == 0) {
            throw new Refusal(400, "request.empty_body", "The request body is empty.");
        }
        if (type.startsWith("application/x-ndjson")) {
            return ndjson(body);
        }
        if (!type.isEmpty() && !type.startsWith("application/json") && !type.startsWith("text/plain")) {
            throw new Refusal(
                    415,
                    "request.unsupported_media_type",
                    "Send the events as application/json, application/x-ndjson or text/plain (JSON).");
        }
        Object value;
        try {
            value = body.toJsonValue();
        } catch (DecodeException e) {
            throw new Refusal(400, "request.malformed_json", "The request body is not valid JSON.");
        }
        if (value instanceof JsonArray array) {
            return new Parsed(array.getList(), null, null);
        }
        if (value instanceof JsonObject envelope && envelope.getValue("events") instanceof JsonArray events) {
            return new Parsed(
                    events.getList(), text(envelope.getValue("ingestKey")), text(envelope.getValue("siteId")));
        }
        throw new Refusal(
                400,
                "analytics.not_a_batch",
                "The body must be a JSON array of events or an object with an 'events' array.");
    }

    private static Parsed ndjson(Buffer body) {
        List<Object> events = new ArrayList<>();
        String text = body.toString();
        int start = 0;
        int line = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String row = text.substring(start, end).trim();
            line++;
            if (!row.isEmpty()) {
                try {
                    events.add(new JsonObject(row));
                } catch (DecodeException | ClassCastException e) {
                    throw new Refusal(400, "request.malformed_json", "Line " + line + " is not a JSON object.");
                }
            }
            start = end + 1;
        }
        return new Parsed(events, null, null);
    }

    private static String text(Object v) {
        return v instanceof String s ? s : null;
    }
}
