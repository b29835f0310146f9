package io.quire.billing.tiers;

import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.billing.gateway.GatewayException;
import io.quire.billing.gateway.Gateways;
import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Authz;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.Responses;
import io.quire.platform.inbox.PaymentGatewayIds;
import io.quire.sites.SiteService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * §7.2 gateway sync: {@code POST /tiers/:tierId/sync/{stripe|razorpay}} creates the tier's price (Stripe) or plan
 * (Razorpay) at the author's gateway for each billing cycle it sells, at its current price, and keeps the ids in
 * {@code gateway_plans} (checkout and tier changes use them). A price changed since is synced again by calling it
 * again. Xendit has no plans (409 {@code tier.sync_unsupported}).
 */
public final class TierSyncRoutes {
    private final Pool pool;
    private final Gateways gateways;

    public TierSyncRoutes(Pool pool, Gateways gateways) {
        this.pool = pool;
        this.gateways = gateways;
    }

    public void mount(Api api) {
        api.component(
                "TierSync",
                object().required("tierId", uuid())
                        .required("gateway", string())
                        .required(
                                "plans",
                                Schema.anyObject().description("The gateway's plan or price id per billing cycle")));
        api.raw(
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
                ctx -> {
                    String gateway = ctx.pathParam("gateway");
                    if (!PaymentGatewayIds.ALL.contains(gateway)) {
                        ctx.next(); // no such gateway: no route
                        return;
                    }
                    UUID id = PathParams.uuid(ctx, "tierId", "tier.not_found");
                    pool.preparedQuery(TierSql.ONE)
                            .execute(Tuple.of(id))
                            .compose(rows -> {
                                if (rows.size() == 0) {
                                    return Future.failedFuture(
                                            new ApiException.NotFound("tier.not_found", "Not found."));
                                }
                                Row t = rows.iterator().next();
                                return SiteService.membership(pool, t.getUUID("site_id"), Authz.require(ctx))
                                        .map(m -> m.requireManage())
                                        .recover(e -> Future.failedFuture(
                                                e instanceof ApiException.NotFound
                                                        ? new ApiException.NotFound("tier.not_found", "Not found.")
                                                        : e))
                                        .compose(m -> gateway.equals("xendit")
                                                ? Future.failedFuture(new ApiException.Conflict(
                                                        "tier.sync_unsupported",
                                                        "Xendit recurring payments carry their own amount: there is nothing to sync.",
                                                        List.of()))
                                                : gateways.connection(pool, t.getUUID("author_id"), gateway)
                                                        .compose(gw -> TierPlans.sync(pool, gw, t))
                                                        .recover(e -> Future.failedFuture(
                                                                GatewayException.asProblem(e, "billing"))));
                            })
                            .onSuccess(plans -> Responses.json(
                                    ctx,
                                    200,
                                    new JsonObject()
                                            .put("tierId", id.toString())
                                            .put("gateway", gateway)
                                            .put("plans", plans)))
                            .onFailure(ctx::fail);
                });
    }
}
