package io.quire.webhooks;

import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Role;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.ext.web.RoutingContext;

/**
 * Authors configure how their senders sign: {@code POST /payment-gateway/{stripe|razorpay}/webhook-secret}
 * {@code {secret}}, {@code POST /payment-gateway/xendit/webhook-token} {@code {token}}, and Standard Webhooks
 * sources under {@code /webhook-sources}. Secrets are write-only: no route returns a stored one.
 */
public final class SecretRoutes {
    private static final String SOURCES = "/api/v1/webhook-sources";
    private final WebhookSecrets secrets;

    public SecretRoutes(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    public void mount(Api api) {
        api.raw(
                Endpoint.post("/api/v1/payment-gateway/stripe/webhook-secret")
                        .id("setStripeWebhookSecret")
                        .tag("webhooks")
                        .summary("Add a Stripe webhook signing secret (older ones stay valid 24 h)")
                        .access(Access.atLeast(Role.AUTHOR))
                        .body(object().required("secret", string()))
                        .ok(201, ref("GatewaySecretAdded"), "OK"),
                ctx -> gateway(ctx, "stripe", "secret"));
        api.raw(
                Endpoint.post("/api/v1/payment-gateway/razorpay/webhook-secret")
                        .id("setRazorpayWebhookSecret")
                        .tag("webhooks")
                        .summary("Add a Razorpay webhook secret (older ones stay valid 24 h)")
                        .access(Access.atLeast(Role.AUTHOR))
                        .body(object().required("secret", string()))
                        .ok(201, ref("GatewaySecretAdded"), "OK"),
                ctx -> gateway(ctx, "razorpay", "secret"));
        api.raw(
                Endpoint.post("/api/v1/payment-gateway/xendit/webhook-token")
                        .id("setXenditWebhookToken")
                        .tag("webhooks")
                        .summary("Add a Xendit callback token (older ones stay valid 24 h)")
                        .access(Access.atLeast(Role.AUTHOR))
                        .body(object().required("token", string()))
                        .ok(201, ref("GatewaySecretAdded"), "OK"),
                ctx -> gateway(ctx, "xendit", "token"));
        api.raw(
                Endpoint.get("/api/v1/webhook-sources")
                        .id("listWebhookSources")
                        .tag("webhooks")
                        .summary("Your Standard Webhooks sources (never their secrets)")
                        .access(Access.atLeast(Role.AUTHOR))
                        .ok(200, Schema.list(ref("WebhookSource")), "OK"),
                ctx -> secrets.sources(Authz.require(ctx).userId())
                        .onSuccess(list -> Responses.list(ctx, list, null))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.post("/api/v1/webhook-sources")
                        .id("createWebhookSource")
                        .tag("webhooks")
                        .summary("Create a Standard Webhooks source; its secret is shown this once")
                        .access(Access.atLeast(Role.AUTHOR))
                        .body(object().required("name", string().length(1, 100)))
                        .ok(201, ref("WebhookSourceWithSecret"), "OK"),
                ctx -> {
                    RequestBody body = RequestBody.of(ctx);
                    String name = body.requiredString("name", 1, 100);
                    body.validate();
                    secrets.createSource(Authz.require(ctx).userId(), name)
                            .onSuccess(s -> Responses.json(ctx, 201, s))
                            .onFailure(ctx::fail);
                });
        api.raw(
                Endpoint.post("/api/v1/webhook-sources/{sourceId}/rotate-secret")
                        .id("rotateWebhookSourceSecret")
                        .tag("webhooks")
                        .summary("A new secret for the source (the old one stays valid 24 h)")
                        .access(Access.atLeast(Role.AUTHOR))
                        .ok(
                                200,
                                object().optional("id", string())
                                        .optional("secret", string())
                                        .optional("createdAt", string())
                                        .optional("previousSecretsValidForHours", integer()),
                                "OK"),
                ctx -> secrets.rotateSource(
                                Authz.require(ctx).userId(),
                                PathParams.uuid(ctx, "sourceId", "webhook_source.not_found"))
                        .onSuccess(s -> Responses.json(ctx, 200, s))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.delete("/api/v1/webhook-sources/{sourceId}")
                        .id("deleteWebhookSource")
                        .tag("webhooks")
                        .summary("Delete a source: its URL stops accepting events")
                        .access(Access.atLeast(Role.AUTHOR))
                        .noContent(),
                ctx -> secrets.deleteSource(
                                Authz.require(ctx).userId(),
                                PathParams.uuid(ctx, "sourceId", "webhook_source.not_found"))
                        .onSuccess(v -> Responses.noContent(ctx))
                        .onFailure(ctx::fail));
    }

    private void gateway(RoutingContext ctx, String gateway, String field) {
        RequestBody body = RequestBody.of(ctx);
        String secret = body.requiredString(field, 8, 500);
        body.validate();
        secrets.addGatewaySecret(Authz.require(ctx).userId(), gateway, secret)
                .onSuccess(s -> Responses.json(ctx, 201, s))
                .onFailure(ctx::fail);
    }
}
