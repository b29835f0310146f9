package io.quire.platform.inbox;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The inbox's extension point (a platform mechanism, like the outbox and the job queue; the webhooks feature runs
 * it). Applies one kind of gateway event, inside the transaction that marks it processed (so applying and recording
 * commit together). Handlers are registered by gateway and event type ({@code stripe:invoice.paid}); a failed
 * future is retried with backoff. Monetization registers the payment and subscription handlers.
 */
@FunctionalInterface
public interface WebhookHandler {
    Future<Void> apply(SqlConnection tx, Event event);

    /** A stored, verified event as a handler sees it. */
    record Event(
            UUID id,
            String gateway,
            UUID authorId,
            String type,
            String gatewayEventId,
            String objectId,
            OffsetDateTime createdAt,
            JsonObject payload) {}

    /** The registry key. */
    static String key(String gateway, String type) {
        return gateway + ":" + type;
    }
}
