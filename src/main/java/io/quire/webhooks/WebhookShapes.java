package io.quire.webhooks;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Api;
import io.quire.platform.api.Schema;

/** The shapes webhook answers share: endpoints, deliveries, sources, inbox events. */
final class WebhookShapes {
    private WebhookShapes() {}

    static void declare(Api api) {
        api.component(
                "OutgoingWebhook",
                object().optional("id", string())
                        .optional("siteId", nullable(string()))
                        .optional("name", string())
                        .optional("description", nullable(string()))
                        .optional("url", string())
                        .optional("events", array(string()))
                        .optional("ordered", Schema.bool())
                        .optional("isActive", Schema.bool())
                        .optional("disabledReason", nullable(string()))
                        .optional("failingSince", nullable(string()))
                        .optional("successCount", integer())
                        .optional("failureCount", integer())
                        .optional("consecutiveFails", integer())
                        .optional("lastSuccessAt", nullable(string()))
                        .optional("lastFailureAt", nullable(string()))
                        .optional("createdAt", string())
                        .optional("updatedAt", string()));
        api.component(
                "WebhookDelivery",
                object().optional("id", string())
                        .optional("eventType", string())
                        .optional("status", string().oneOf("PENDING", "RETRYING", "SUCCEEDED", "DEAD"))
                        .optional("success", Schema.bool())
                        .optional("attempts", integer())
                        .optional("nextAttemptAt", nullable(string()))
                        .optional("lastStatusCode", nullable(integer()))
                        .optional("lastError", nullable(string()))
                        .optional("createdAt", string())
                        .optional("completedAt", nullable(string()))
                        .optional(
                                "attemptLog",
                                array(object().optional("attempt", integer())
                                        .optional("at", string())
                                        .optional("statusCode", nullable(integer()))
                                        .optional("responseTimeMs", integer())
                                        .optional("responseBody", nullable(string()))
                                        .optional("error", nullable(string())))));
        api.component(
                "GatewaySecretAdded",
                object().optional("gateway", string())
                        .optional("createdAt", string())
                        .optional("webhookUrl", string())
                        .optional("previousSecretsValidForHours", integer()));
        api.component(
                "WebhookSource",
                object().optional("id", string())
                        .optional("name", string())
                        .optional("createdAt", string())
                        .optional("webhookUrl", string()));
        api.component(
                "WebhookSourceWithSecret", Schema.allOf(ref("WebhookSource"), object().optional("secret", string())));
        api.component(
                "WebhookEvent",
                object().optional("id", string())
                        .optional("gateway", string())
                        .optional("authorId", string())
                        .optional("sourceId", nullable(string()))
                        .optional("eventType", string())
                        .optional("gatewayEventId", nullable(string()))
                        .optional("objectId", string())
                        .optional("eventCreatedAt", string())
                        .optional(
                                "status",
                                string().oneOf(
                                                "RECEIVED",
                                                "PROCESSED",
                                                "IGNORED",
                                                "SUPERSEDED",
                                                "FAILED",
                                                "DEAD_LETTER"))
                        .optional("retryCount", integer())
                        .optional("nextRetryAt", nullable(string()))
                        .optional("lastError", nullable(string()))
                        .optional("receivedAt", string())
                        .optional("processedAt", nullable(string())));
    }
}
