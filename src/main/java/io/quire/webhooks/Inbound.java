package io.quire.webhooks;

import io.quire.platform.bus.RequestAddress;
import io.quire.platform.http.ApiException;
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
     * The answer for the sender: the stored event's id ({@code duplicate} when it was already in the inbox), or the
     * refusal itself, which the HTTP verticle answers as it answers any {@link ApiException}.
     */
    public record Outcome(UUID eventId, boolean duplicate, ApiException refusal) {
        static Outcome accepted(UUID eventId, boolean duplicate) {
            return new Outcome(eventId, duplicate, null);
        }

        static Outcome rejected(ApiException refusal) {
            return new Outcome(null, false, refusal);
        }

        public boolean accepted() {
            return refusal == null;
        }
    }
}
