package io.quire.webhooks;

import io.quire.platform.bus.RequestAddress;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.UUID;

/**
 * What the HTTP verticle hands the webhooks verticle: the gateway, the id from the path (an author's user id, or
 * a Standard Webhooks source id), the headers lower-cased, and the body's raw bytes, never re-serialised.
 */
public record Inbound(String gateway, String pathId, Map<String, String> headers, Buffer body) {
    public static final RequestAddress<Inbound, Outcome> ADDRESS =
            RequestAddress.of("quire.webhooks.inbound", Inbound.class, Outcome.class);

    /**
     * The answer for the sender: 200 with the event's id ({@code duplicate} when it was already in the inbox), or a
     * problem status and code.
     */
    public record Outcome(int status, String code, String detail, UUID eventId, boolean duplicate) {
        static Outcome accepted(UUID eventId, boolean duplicate) {
            return new Outcome(200, null, null, eventId, duplicate);
        }

        static Outcome rejected(int status, String code, String detail) {
            return new Outcome(status, code, detail, null, false);
        }
    }
}
