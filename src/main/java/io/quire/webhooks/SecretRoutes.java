package io.quire.webhooks;

import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Call;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Role;
import java.util.UUID;

/**
 * Authors configure how their senders sign: {@code POST /payment-gateway/{stripe|razorpay}/webhook-secret}
 * {@code {secret}}, {@code POST /payment-gateway/xendit/webhook-token} {@code {token}}, and Standard Webhooks
 * sources under {@code /webhook-sources}. Secrets are write-only: no route returns a stored one.
 */
public final class SecretRoutes {
    private static final String TAG = "webhooks";
    private static final String SOURCES = "/api/v1/webhook-sources";
    private final WebhookSecrets secrets;

    public SecretRoutes(WebhookSecrets secrets) {
        this.secrets = secrets;
    }

    public void mount(Api api) {
        gatewaySecret(
                api, "stripe", "webhook-secret", "secret", "setStripeWebhookSecret", "a Stripe webhook signing secret");
        gatewaySecret(
                api, "razorpay", "webhook-secret", "secret", "setRazorpayWebhookSecret", "a Razorpay webhook secret");
        gatewaySecret(api, "xendit", "webhook-token", "token", "setXenditWebhookToken", "a Xendit callback token");
        Access authors = Access.atLeast(Role.AUTHOR);
        api.on(
                Endpoint.get(SOURCES)
                        .id("listWebhookSources")
                        .tag(TAG)
                        .summary("Your Standard Webhooks sources (never their secrets)")
                        .access(authors)
                        .ok(Schema.list(ref("WebhookSource"))),
                call -> secrets.sources(call.user().userId()).map(list -> Reply.list(list, null)));
        api.on(
                Endpoint.post(SOURCES)
                        .id("createWebhookSource")
                        .tag(TAG)
                        .summary("Create a Standard Webhooks source; its secret is shown this once")
                        .access(authors)
                        .body(object().required("name", string().length(1, 100)))
                        .ok(201, ref("WebhookSourceWithSecret"), "Created; the secret is in this answer only"),
                call -> secrets.createSource(call.user().userId(), call.body().getString("name"))
                        .map(Reply::created));
        api.on(
                Endpoint.post(SOURCES + "/{sourceId}/rotate-secret")
                        .id("rotateWebhookSourceSecret")
                        .tag(TAG)
                        .summary("A new secret for the source (the old one stays valid 24 h)")
                        .access(authors)
                        .ok(object().optional("id", string())
                                .optional("secret", string())
                                .optional("createdAt", string())
                                .optional("previousSecretsValidForHours", integer())),
                call -> secrets.rotateSource(call.user().userId(), source(call)).map(Reply::ok));
        api.on(
                Endpoint.delete(SOURCES + "/{sourceId}")
                        .id("deleteWebhookSource")
                        .tag(TAG)
                        .summary("Delete a source: its URL stops accepting events")
                        .access(authors)
                        .noContent(),
                call -> secrets.deleteSource(call.user().userId(), source(call)).map(v -> Reply.noContent()));
    }

    /** One gateway's signing secret: added, never shown again; older ones stay valid for 24 hours. */
    private void gatewaySecret(Api api, String gateway, String path, String field, String id, String what) {
        api.on(
                Endpoint.post("/api/v1/payment-gateway/" + gateway + "/" + path)
                        .id(id)
                        .tag(TAG)
                        .summary("Add " + what + " (older ones stay valid 24 h)")
                        .access(Access.atLeast(Role.AUTHOR))
                        .body(object().required(field, string().length(8, 500)))
                        .ok(201, ref("GatewaySecretAdded"), "Added"),
                call -> secrets.addGatewaySecret(
                                call.user().userId(), gateway, call.body().getString(field))
                        .map(Reply::created));
    }

    private static UUID source(Call call) {
        return call.id("sourceId", "webhook_source.not_found");
    }
}
