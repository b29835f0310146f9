package io.quire.billing.tiers;

import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.quire.platform.http.ApiException;
import io.quire.platform.inbox.PaymentGatewayIds;

/**
 * §7.2 gateway sync: {@code POST /tiers/:tierId/sync/{stripe|razorpay}} creates the tier's price (Stripe) or plan
 * (Razorpay) at the author's gateway for each billing cycle it sells, at its current price, and keeps the ids in
 * {@code gateway_plans} (checkout and tier changes use them). A price changed since is synced again by calling it
 * again. Xendit has no plans (409 {@code tier.sync_unsupported}).
 */
public final class TierSyncRoutes {
    private final Tiers tiers;

    public TierSyncRoutes(Tiers tiers) {
        this.tiers = tiers;
    }

    public void mount(Api api) {
        api.component(
                "TierSync",
                object().required("tierId", uuid())
                        .required("gateway", string())
                        .required(
                                "plans",
                                Schema.anyObject().description("The gateway's plan or price id per billing cycle")));
        api.on(
                Endpoint.post("/api/v1/tiers/{tierId}/sync/{gateway}")
                        .id("syncTier")
                        .tag("billing")
                        .summary(
                                "Create the tier's plan (Razorpay) or price (Stripe) at the gateway for each billing cycle")
                        .description("At the tier's current price; call again after a price change. Xendit recurring "
                                + "payments carry their own amount: 409 `tier.sync_unsupported`.")
                        .access(Access.signedIn())
                        .pathParam(
                                "gateway",
                                string().oneOf(PaymentGatewayIds.ALL.toArray(String[]::new)),
                                "Which gateway")
                        .ok(ref("TierSync"))
                        .problems(403, 409, 502),
                call -> {
                    String gateway = call.path("gateway");
                    if (!PaymentGatewayIds.ALL.contains(gateway)) {
                        throw new ApiException.NotFound("route.not_found", "No such route.");
                    }
                    return tiers.sync(call.user(), call.id("tierId", "tier.not_found"), gateway)
                            .map(Reply::ok);
                });
    }
}
