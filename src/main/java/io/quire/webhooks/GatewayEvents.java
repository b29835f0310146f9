package io.quire.webhooks;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * What the inbox needs to know of a verified event, read from each gateway's own shape: its id (the dedupe key),
 * its type (which handler), the object it is about (events of one object are applied in order) and when the
 * gateway created it.
 */
public final class GatewayEvents {
    private GatewayEvents() {}

    /** {@code objectId} and {@code createdAt} may be null: such events are applied as they come. */
    public record Parsed(String eventId, String type, String objectId, OffsetDateTime createdAt) {}

    /** Null when the payload lacks an id or a type. */
    public static Parsed parse(String gateway, JsonObject body, Map<String, String> headers) {
        Parsed parsed = switch (gateway) {
            case "stripe" -> stripe(body);
            case "razorpay" -> razorpay(body, headers);
            case "xendit" -> xendit(body, headers);
            default -> standard(body, headers);
        };
        return parsed.eventId() == null
                        || parsed.eventId().isBlank()
                        || parsed.type() == null
                        || parsed.type().isBlank()
                ? null
                : parsed;
    }

    /**
     * The header a gateway puts its event id in, when this request lacks it: Razorpay's id is not in the body, so
     * without {@code X-Razorpay-Event-Id} a correctly signed event still cannot be deduplicated.
     */
    public static String missingIdHeader(String gateway, Map<String, String> headers) {
        if (gateway.equals("razorpay")) {
            String id = headers.get("x-razorpay-event-id");
            return id == null || id.isBlank() ? "X-Razorpay-Event-Id" : null;
        }
        return null;
    }

    /**
     * Stripe: events are ordered per object they carry (a subscription, an invoice, a charge, a session). Ordering by
     * the subscription across its invoices would drop a late invoice's payment; the handlers keep a subscription's
     * own state from going back instead.
     */
    private static Parsed stripe(JsonObject body) {
        JsonObject object = body.getJsonObject("data", new JsonObject()).getJsonObject("object", new JsonObject());
        return new Parsed(
                body.getString("id"),
                body.getString("type"),
                firstString(object, "id"),
                epoch(body.getValue("created")));
    }

    /**
     * Razorpay: the id comes in {@code x-razorpay-event-id}; events are ordered per the entity the event is about
     * ({@code subscription.charged} is about its payment, so a late charge is still recorded).
     */
    private static Parsed razorpay(JsonObject body, Map<String, String> headers) {
        JsonObject payload = body.getJsonObject("payload", new JsonObject());
        String event = body.getString("event", "");
        String primary = event.equals("subscription.charged")
                ? "payment"
                : event.contains(".") ? event.substring(0, event.indexOf('.')) : event;
        String objectId = null;
        for (String kind : new String[] {primary, "subscription", "payment", "order", "refund", "payment_link"}) {
            JsonObject entity =
                    payload.getValue(kind) instanceof JsonObject k && k.getValue("entity") instanceof JsonObject en
                            ? en
                            : null;
            if (entity != null && entity.getString("id") != null) {
                objectId = entity.getString("id");
                break;
            }
        }
        return new Parsed(
                headers.get("x-razorpay-event-id"),
                body.getString("event"),
                objectId,
                epoch(body.getValue("created_at")));
    }

    /**
     * Xendit callbacks carry the object itself; its id and status (and update time) make the event id. Events are
     * ordered per invoice (each recurring cycle has its own), so a late cycle's payment is still recorded.
     */
    private static Parsed xendit(JsonObject body, Map<String, String> headers) {
        JsonObject data = body.getValue("data") instanceof JsonObject d ? d : body;
        String objectId = firstString(data, "id", "external_id");
        String status = data.getString("status");
        String updated = firstString(data, "updated", "created");
        String eventId = headers.get("webhook-id") != null
                ? headers.get("webhook-id")
                : data.getString("id") == null ? null : data.getString("id") + ":" + status + ":" + updated;
        String type = body.getString("event") != null
                ? body.getString("event")
                : status == null ? null : "invoice." + status.toLowerCase(java.util.Locale.ROOT);
        return new Parsed(eventId, type, objectId, iso(updated));
    }

    /** Standard Webhooks: {@code {type, timestamp, data}} with the id in {@code webhook-id}. */
    private static Parsed standard(JsonObject body, Map<String, String> headers) {
        JsonObject data = body.getJsonObject("data", new JsonObject());
        OffsetDateTime created = iso(body.getString("timestamp"));
        if (created == null && headers.get("webhook-timestamp") != null) {
            created = epoch(headers.get("webhook-timestamp"));
        }
        return new Parsed(headers.get("webhook-id"), body.getString("type"), data.getString("id"), created);
    }

    private static String firstString(JsonObject o, String... names) {
        for (String name : names) {
            if (o.getValue(name) instanceof String s && !s.isBlank()) {
                return s;
            }
        }
        return null;
    }

    private static OffsetDateTime epoch(Object value) {
        try {
            long seconds = value instanceof Number n
                    ? n.longValue()
                    : Long.parseLong(String.valueOf(value).trim());
            return Instant.ofEpochSecond(seconds).atOffset(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static OffsetDateTime iso(String value) {
        try {
            return value == null ? null : OffsetDateTime.parse(value);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
