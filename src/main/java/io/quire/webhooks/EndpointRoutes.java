package io.quire.webhooks;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Call;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.ObjectSchema;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.quire.platform.api.Violations;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * §20.2: {@code /sites/:siteId/webhooks} (list, create), {@code /webhooks/:webhookId} (get, update, delete),
 * {@code …/test}, {@code …/rotate-secret}, {@code …/deliveries} (newest first, keyset paged, filtered by success
 * and event type, each with its attempts) and {@code …/deliveries/:deliveryId/retry}.
 */
public final class EndpointRoutes {
    private static final String TAG = "webhooks";
    private static final String ONE = "/api/v1/webhooks/{webhookId}";
    /** What an endpoint is; on create name, url and events are required, and a secret may be brought. */
    private static final ObjectSchema FIELDS = object().optional("name", string().length(1, 100))
            .optional("description", string().length(0, 1000))
            .optional(
                    "url", string().length(1, 2048).description("https (http only where allowed); no private address"))
            .optional(
                    "events",
                    array(string().length(1, 100))
                            .size(0, 50)
                            .description("Event types, or wildcards such as chapter.* and *"))
            .optional("ordered", Schema.bool());

    private final Endpoints endpoints;
    private final DeliveryLog log;

    public EndpointRoutes(Endpoints endpoints, DeliveryLog log) {
        this.endpoints = endpoints;
        this.log = log;
    }

    public void mount(Api api) {
        WebhookShapes.declare(api);
        Access managers = Access.session();
        api.on(
                Endpoint.get("/api/v1/sites/{siteId}/webhooks")
                        .id("listWebhooks")
                        .tag(TAG)
                        .summary("The site's webhook endpoints (never their secrets)")
                        .access(managers)
                        .ok(Schema.list(ref("OutgoingWebhook"))),
                call -> endpoints
                        .list(call.user(), call.id("siteId", "site.not_found"))
                        .map(l -> Reply.list(l, null)));
        api.on(
                Endpoint.post("/api/v1/sites/{siteId}/webhooks")
                        .id("createWebhook")
                        .tag(TAG)
                        .summary("Add an endpoint; its signing secret (whsec_…) is shown this once")
                        .description(
                                "Events: chapter.created, chapter.updated, chapter.deleted, chapter.restored, chapter.published, chapter.unpublished, chapter.scheduled, chapter.unscheduled, chapter.archived, chapter.unarchived, chapter.access_changed, chapter.moved, series.created, series.updated, series.deleted, series.restored, series.published, series.unpublished, series.completed, series.on_hiatus, series.resumed, series.chapters_reordered, series.taxonomy_changed, series.status_scheduled, series.status_unscheduled, page.created, page.updated, page.deleted, page.published, page.unpublished, site.updated, site.deleted, site.restored, site.collaborator_invited, site.collaborator_joined, site.collaborator_updated, site.collaborator_removed, follow.created, comment.created, comment.updated, comment.deleted, comment.hidden, comment.unhidden, comment.pinned, comment.unpinned, review.created, review.updated, review.deleted, review.responded, review.hidden, review.unhidden, subscription.created, subscription.updated, subscription.cancelled, payment.succeeded, payment.failed, payment.refunded, payment.disputed, or wildcards such as chapter.* and *")
                        .access(managers)
                        .body(object().with(FIELDS)
                                .required("name", string().length(1, 100))
                                .required("url", string().length(1, 2048))
                                .required(
                                        "events",
                                        array(string().length(1, 100))
                                                .size(
                                                        1,
                                                        50,
                                                        "name at least one event type (or a wildcard such as chapter.*)"))
                                .optional(
                                        "secret",
                                        string().length(10, 200).description("Your own whsec_… (base64 of 24+ bytes)")))
                        .ok(
                                201,
                                Schema.allOf(ref("OutgoingWebhook"), object().required("secret", string())),
                                "Created"),
                call -> endpoints
                        .create(call.user(), call.id("siteId", "site.not_found"), input(call.body(), true))
                        .map(Reply::created));
        api.on(
                Endpoint.get(ONE)
                        .id("getWebhook")
                        .tag(TAG)
                        .summary("One endpoint")
                        .access(managers)
                        .ok(ref("OutgoingWebhook")),
                call -> endpoints.get(call.user(), webhook(call)).map(Reply::ok));
        api.on(
                Endpoint.patch(ONE)
                        .id("updateWebhook")
                        .tag(TAG)
                        .summary("Change an endpoint (isActive false pauses it)")
                        .access(managers)
                        .body(object().with(FIELDS).optional("isActive", Schema.bool()))
                        .ok(ref("OutgoingWebhook")),
                call -> endpoints
                        .update(call.user(), webhook(call), input(call.body(), false))
                        .map(Reply::ok));
        api.on(
                Endpoint.delete(ONE)
                        .id("deleteWebhook")
                        .tag(TAG)
                        .summary("Delete an endpoint; its pending deliveries are dropped")
                        .access(managers)
                        .noContent(),
                call -> endpoints.delete(call.user(), webhook(call)).map(v -> Reply.noContent()));
        api.on(
                Endpoint.post(ONE + "/test")
                        .id("testWebhook")
                        .tag(TAG)
                        .summary("Queue a webhook.test delivery now")
                        .access(managers)
                        .ok(202, object().required("deliveryId", uuid()).required("status", string()), "Queued"),
                call -> endpoints.test(call.user(), webhook(call)).map(Reply::accepted));
        api.on(
                Endpoint.post(ONE + "/rotate-secret")
                        .id("rotateWebhookSecret")
                        .tag(TAG)
                        .summary("A new signing secret, shown once; the previous one also signs for 24 h")
                        .access(managers)
                        .ok(object().required("id", uuid())
                                .required("secret", string())
                                .required("previousSecretValidForHours", integer())),
                call -> endpoints.rotate(call.user(), webhook(call)).map(Reply::ok));
        api.on(
                Endpoint.get(ONE + "/deliveries")
                        .id("listWebhookDeliveries")
                        .tag(TAG)
                        .summary("Deliveries, newest first, each with its attempts")
                        .access(managers)
                        .paged()
                        .query("success", Schema.bool(), "Only the ones that succeeded (true) or did not (false)")
                        .query("eventType", string(), "Only this event type")
                        .ok(Schema.list(ref("WebhookDelivery"))),
                call -> {
                    String success = call.query("success");
                    return log.deliveries(
                                    call.user(),
                                    webhook(call),
                                    success == null ? null : Boolean.valueOf(success),
                                    call.query("eventType"),
                                    call.query("cursor"),
                                    call.limit())
                            .map(Reply::ok);
                });
        api.on(
                Endpoint.post(ONE + "/deliveries/{deliveryId}/retry")
                        .id("retryWebhookDelivery")
                        .tag(TAG)
                        .summary("Send a dead or waiting delivery again now")
                        .access(managers)
                        .ok(202, object().required("id", uuid()).required("status", string()), "Queued again"),
                call -> {
                    UUID delivery = call.id("deliveryId", "webhook_delivery.not_found");
                    return log.retry(call.user(), webhook(call), delivery)
                            .map(v -> Reply.accepted(new JsonObject()
                                    .put("id", delivery.toString())
                                    .put("status", "PENDING")));
                });
    }

    /** The checked fields, and the rules on them JSON Schema cannot say: a reachable URL, known events, a secret's shape. */
    private Endpoints.Input input(JsonObject b, boolean creating) {
        Violations violations = new Violations();
        String url = b.getString("url");
        if (url != null && endpoints.urlProblem(url) != null) {
            violations.add("url", endpoints.urlProblem(url));
        }
        JsonArray given = b.getJsonArray("events");
        List<String> events =
                given == null ? null : given.stream().map(String::valueOf).toList();
        if (events != null) {
            events.stream()
                    .filter(e -> !Deliveries.known(e))
                    .findFirst()
                    .ifPresent(e -> violations.add(
                            "events", "unknown event type " + e + "; see Deliveries in the API reference"));
        }
        String secret = creating ? b.getString("secret") : null;
        if (secret != null && !validSecret(secret)) {
            violations.add("secret", "must be whsec_ followed by base64 of at least 24 bytes");
        }
        violations.throwIfAny("Some fields are invalid.");
        return new Endpoints.Input(
                b.getString("name"),
                b.getString("description"),
                url,
                events,
                creating ? null : b.getBoolean("isActive"),
                secret,
                b.getBoolean("ordered"));
    }

    private static boolean validSecret(String secret) {
        try {
            return secret.startsWith("whsec_") && Signatures.standardKey(secret).length >= 24;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static UUID webhook(Call call) {
        return call.id("webhookId", "webhook.not_found");
    }
}
