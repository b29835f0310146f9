package io.quire.webhooks;

import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Role;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.ext.web.Router;
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

    public void mount(Router router) {
        router.post("/api/v1/payment-gateway/stripe/webhook-secret")
                .handler(Authz.atLeast(Role.AUTHOR))
                .handler(ctx -> gateway(ctx, "stripe", "secret"));
        router.post("/api/v1/payment-gateway/razorpay/webhook-secret")
                .handler(Authz.atLeast(Role.AUTHOR))
                .handler(ctx -> gateway(ctx, "razorpay", "secret"));
        router.post("/api/v1/payment-gateway/xendit/webhook-token")
                .handler(Authz.atLeast(Role.AUTHOR))
                .handler(ctx -> gateway(ctx, "xendit", "token"));
        router.get(SOURCES)
                .handler(Authz.atLeast(Role.AUTHOR))
                .handler(ctx -> secrets.sources(Authz.require(ctx).userId())
                        .onSuccess(list -> Responses.list(ctx, list, null))
                        .onFailure(ctx::fail));
        router.post(SOURCES).handler(Authz.atLeast(Role.AUTHOR)).handler(ctx -> {
            RequestBody body = RequestBody.of(ctx);
            String name = body.requiredString("name", 1, 100);
            body.validate();
            secrets.createSource(Authz.require(ctx).userId(), name)
                    .onSuccess(s -> Responses.json(ctx, 201, s))
                    .onFailure(ctx::fail);
        });
        router.post(SOURCES + "/:sourceId/rotate-secret")
                .handler(Authz.atLeast(Role.AUTHOR))
                .handler(ctx -> secrets.rotateSource(
                                Authz.require(ctx).userId(),
                                PathParams.uuid(ctx, "sourceId", "webhook_source.not_found"))
                        .onSuccess(s -> Responses.json(ctx, 200, s))
                        .onFailure(ctx::fail));
        router.delete(SOURCES + "/:sourceId")
                .handler(Authz.atLeast(Role.AUTHOR))
                .handler(ctx -> secrets.deleteSource(
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
