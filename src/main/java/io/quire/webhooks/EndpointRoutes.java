package io.quire.webhooks;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Authz;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/**
 * §20.2: {@code /sites/:siteId/webhooks} (list, create), {@code /webhooks/:webhookId} (get, update, delete),
 * {@code …/test}, {@code …/rotate-secret}, {@code …/deliveries} (newest first, keyset paged, filtered by success
 * and event type, each with its attempts) and {@code …/deliveries/:deliveryId/retry}.
 */
public final class EndpointRoutes {
    private static final String BASE = "/api/v1/webhooks/:webhookId";
    private final Endpoints endpoints;
    private final DeliveryLog log;

    public EndpointRoutes(Endpoints endpoints, DeliveryLog log) {
        this.endpoints = endpoints;
        this.log = log;
    }

    public void mount(Api api) {
        WebhookShapes.declare(api);
        api.raw(
                Endpoint.get("/api/v1/sites/{siteId}/webhooks")
                        .id("listWebhooks")
                        .tag("webhooks")
                        .summary("The site's webhook endpoints (never their secrets)")
                        .access(Access.session())
                        .ok(200, Schema.list(ref("OutgoingWebhook")), "OK"),
                ctx -> endpoints
                        .list(Authz.require(ctx), PathParams.uuid(ctx, "siteId", "site.not_found"))
                        .onSuccess(list -> Responses.list(ctx, list, null))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.post("/api/v1/sites/{siteId}/webhooks")
                        .id("createWebhook")
                        .tag("webhooks")
                        .summary(
                                "Add an endpoint; its signing secret (whsec_…) is shown this once. Events: chapter.created, chapter.updated, chapter.deleted, chapter.restored, chapter.published, chapter.unpublished, chapter.scheduled, chapter.unscheduled, chapter.archived, chapter.unarchived, chapter.access_changed, chapter.moved, series.created, series.updated, series.deleted, series.restored, series.published, series.unpublished, series.completed, series.on_hiatus, series.resumed, series.chapters_reordered, series.taxonomy_changed, series.status_scheduled, series.status_unscheduled, page.created, page.updated, page.deleted, page.published, page.unpublished, site.updated, site.deleted, site.restored, site.collaborator_invited, site.collaborator_joined, site.collaborator_updated, site.collaborator_removed, follow.created, comment.created, comment.updated, comment.deleted, comment.hidden, comment.unhidden, comment.pinned, comment.unpinned, review.created, review.updated, review.deleted, review.responded, review.hidden, review.unhidden, subscription.created, subscription.updated, subscription.cancelled, payment.succeeded, payment.failed, payment.refunded, payment.disputed, or wildcards such as chapter.* and *")
                        .access(Access.session())
                        .body(object().required("name", string().length(1, 100))
                                .optional("description", string().length(0, 1000))
                                .required("url", string().length(1, 2048))
                                .required("events", array(string()).size(0, 50))
                                .optional("secret", string().length(10, 200))
                                .optional("ordered", Schema.bool()))
                        .ok(201, Schema.allOf(ref("OutgoingWebhook"), object().optional("secret", string())), "OK"),
                ctx -> endpoints
                        .create(Authz.require(ctx), PathParams.uuid(ctx, "siteId", "site.not_found"), input(ctx, true))
                        .onSuccess(w -> Responses.json(ctx, 201, w))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.get("/api/v1/webhooks/{webhookId}")
                        .id("getWebhook")
                        .tag("webhooks")
                        .summary("One endpoint")
                        .access(Access.session())
                        .ok(200, ref("OutgoingWebhook"), "OK"),
                ctx -> endpoints
                        .get(Authz.require(ctx), webhookId(ctx))
                        .onSuccess(w -> Responses.json(ctx, 200, w))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.patch("/api/v1/webhooks/{webhookId}")
                        .id("updateWebhook")
                        .tag("webhooks")
                        .summary("Change an endpoint (isActive false pauses it)")
                        .access(Access.session())
                        .body(object().optional("name", string().length(1, 100))
                                .optional("description", string().length(0, 1000))
                                .optional("url", string().length(1, 2048))
                                .optional("events", array(string()).size(0, 50))
                                .optional("isActive", Schema.bool())
                                .optional("ordered", Schema.bool()))
                        .ok(200, ref("OutgoingWebhook"), "OK"),
                ctx -> endpoints
                        .update(Authz.require(ctx), webhookId(ctx), input(ctx, false))
                        .onSuccess(w -> Responses.json(ctx, 200, w))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.delete("/api/v1/webhooks/{webhookId}")
                        .id("deleteWebhook")
                        .tag("webhooks")
                        .summary("Delete an endpoint; its pending deliveries are dropped")
                        .access(Access.session())
                        .noContent(),
                ctx -> endpoints
                        .delete(Authz.require(ctx), webhookId(ctx))
                        .onSuccess(v -> Responses.noContent(ctx))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.post("/api/v1/webhooks/{webhookId}/test")
                        .id("testWebhook")
                        .tag("webhooks")
                        .summary("Queue a webhook.test delivery now")
                        .access(Access.session())
                        .ok(202, object().optional("deliveryId", string()).optional("status", string()), "OK"),
                ctx -> endpoints
                        .test(Authz.require(ctx), webhookId(ctx))
                        .onSuccess(d -> Responses.json(ctx, 202, d))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.post("/api/v1/webhooks/{webhookId}/rotate-secret")
                        .id("rotateWebhookSecret")
                        .tag("webhooks")
                        .summary("A new signing secret, shown once; the previous one also signs for 24 h")
                        .access(Access.session())
                        .ok(
                                200,
                                object().optional("id", string())
                                        .optional("secret", string())
                                        .optional("previousSecretValidForHours", integer()),
                                "OK"),
                ctx -> endpoints
                        .rotate(Authz.require(ctx), webhookId(ctx))
                        .onSuccess(s -> Responses.json(ctx, 200, s))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.get("/api/v1/webhooks/{webhookId}/deliveries")
                        .id("listWebhookDeliveries")
                        .tag("webhooks")
                        .summary("Deliveries, newest first, each with its attempts")
                        .access(Access.session())
                        .paged()
                        .query("success", Schema.bool(), "true or false")
                        .query("eventType", string(), "event type")
                        .ok(200, Schema.list(ref("WebhookDelivery")), "OK")
                        .problems(400, 422),
                this::deliveries);
        api.raw(
                Endpoint.post("/api/v1/webhooks/{webhookId}/deliveries/{deliveryId}/retry")
                        .id("retryWebhookDelivery")
                        .tag("webhooks")
                        .summary("Send a dead or waiting delivery again now")
                        .access(Access.session())
                        .ok(202, object().optional("id", string()).optional("status", string()), "OK"),
                this::retry);
    }

    private Endpoints.Input input(RoutingContext ctx, boolean creating) {
        RequestBody body = RequestBody.of(ctx);
        String name = creating ? body.requiredString("name", 1, 100) : body.optionalString("name", 1, 100);
        String description = body.optionalString("description", 0, 1000);
        String url = creating ? body.requiredString("url", 1, 2048) : body.optionalString("url", 1, 2048);
        if (url != null && endpoints.urlProblem(url) != null) {
            body.error("url", endpoints.urlProblem(url));
        }
        List<String> events = body.optionalStrings("events", 50, 100);
        if (creating && (events == null || events.isEmpty())) {
            body.error("events", "name at least one event type (or a wildcard such as chapter.*)");
        }
        if (events != null) {
            events.stream()
                    .filter(e -> !Deliveries.known(e))
                    .findFirst()
                    .ifPresent(e ->
                            body.error("events", "unknown event type " + e + "; see Deliveries in the API reference"));
        }
        Boolean active = creating ? null : body.optionalBoolean("isActive");
        String secret = creating ? body.optionalString("secret", 10, 200) : null;
        if (secret != null && !validSecret(secret)) {
            body.error("secret", "must be whsec_ followed by base64 of at least 24 bytes");
        }
        Boolean ordered = body.optionalBoolean("ordered");
        body.validate();
        return new Endpoints.Input(name, description, url, events, active, secret, ordered);
    }

    private static boolean validSecret(String secret) {
        try {
            return secret.startsWith("whsec_") && Signatures.standardKey(secret).length >= 24;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private void deliveries(RoutingContext ctx) {
        String success = ctx.request().getParam("success");
        if (success != null && !success.equals("true") && !success.equals("false")) {
            throw new ApiException.Validation(
                    "request.invalid",
                    "Some query parameters are invalid.",
                    List.of(new ApiException.FieldError("success", "must be true or false")));
        }
        log.deliveries(
                        Authz.require(ctx),
                        webhookId(ctx),
                        success == null ? null : Boolean.valueOf(success),
                        ctx.request().getParam("eventType"),
                        ctx.request().getParam("cursor"),
                        QueryParams.limit(ctx))
                .onSuccess(page -> Responses.json(ctx, 200, page))
                .onFailure(ctx::fail);
    }

    private void retry(RoutingContext ctx) {
        UUID delivery = PathParams.uuid(ctx, "deliveryId", "webhook_delivery.not_found");
        log.retry(Authz.require(ctx), webhookId(ctx), delivery)
                .onSuccess(v -> Responses.json(
                        ctx,
                        202,
                        new JsonObject().put("id", delivery.toString()).put("status", "PENDING")))
                .onFailure(ctx::fail);
    }

    private static UUID webhookId(RoutingContext ctx) {
        return PathParams.uuid(ctx, "webhookId", "webhook.not_found");
    }
}
