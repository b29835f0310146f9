package io.quire.billing.checkout;

import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
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
import io.quire.platform.api.StringSchema;
import io.quire.platform.inbox.PaymentGatewayIds;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * §8.2 checkout ({@code subscription}, {@code purchase}, {@code tip}, session status) and its two other doors:
 * {@code POST /sites/:siteId/subscribe} (§7.2) and {@code POST /chapters/:chapterId/unlock} (§5.2). Each answers
 * 201 with the gateway's session id and URL; the client sends the reader there and polls the session.
 */
public final class CheckoutRoutes {
    private static final String TAG = "billing";
    /** Where the reader pays and comes back to: every checkout takes these. */
    private static final ObjectSchema RETURNS = object().optional(
                    "gateway",
                    string().oneOf(PaymentGatewayIds.ALL.toArray(String[]::new))
                            .description("Which of the site's gateways (default: the author's default)"))
            .optional("successUrl", httpUrl())
            .optional("cancelUrl", httpUrl());

    private static final ObjectSchema SUBSCRIPTION = object().required("tierId", uuid())
            .optional("billingCycle", string().oneOf("MONTHLY", "ANNUAL").description("Default MONTHLY"))
            .with(RETURNS);
    private final CheckoutService checkout;

    public CheckoutRoutes(CheckoutService checkout) {
        this.checkout = checkout;
    }

    public void mount(Api api) {
        components(api);
        api.on(
                Endpoint.post("/api/v1/checkout/subscription")
                        .id("checkoutSubscription")
                        .tag(TAG)
                        .summary("Open a subscription checkout")
                        .description("A PENDING payment, an INCOMPLETE subscription holding a seat, and the gateway's "
                                + "hosted page. 409 `tier.sold_out`, `subscription.exists`, "
                                + "`checkout.gateway_not_connected`; 502/503 when the gateway refuses or is down.")
                        .access(Access.session())
                        .body(SUBSCRIPTION)
                        .ok(201, ref("CheckoutAnswer"), "A checkout to pay")
                        .problems(404, 409, 502),
                call -> subscribe(call, null));
        api.on(
                Endpoint.post("/api/v1/sites/{siteId}/subscribe")
                        .id("subscribeToSite")
                        .tag(TAG)
                        .summary("Subscribe to one of the site's tiers (a subscription checkout)")
                        .access(Access.session())
                        .body(SUBSCRIPTION)
                        .ok(201, ref("CheckoutAnswer"), "A checkout to pay")
                        .problems(409, 502),
                call -> subscribe(call, call.id("siteId", "site.not_found")));
        api.on(
                Endpoint.post("/api/v1/checkout/purchase")
                        .id("checkoutPurchase")
                        .tag(TAG)
                        .summary("Open a checkout for one chapter sold on its own")
                        .description("409 `chapter.not_for_sale`, `chapter.already_unlocked`.")
                        .access(Access.session())
                        .body(object().required("chapterId", uuid()).with(RETURNS))
                        .ok(201, ref("CheckoutAnswer"), "A checkout to pay")
                        .problems(404, 409, 502),
                call -> checkout.purchase(
                                call.user(), UUID.fromString(call.body().getString("chapterId")), returns(call))
                        .map(Reply::created));
        api.on(
                Endpoint.post("/api/v1/chapters/{chapterId}/unlock")
                        .id("unlockChapter")
                        .tag(TAG)
                        .summary("Buy this chapter (a purchase checkout); the body is optional")
                        .access(Access.session())
                        .optionalBody(RETURNS)
                        .ok(201, ref("CheckoutAnswer"), "A checkout to pay")
                        .problems(409, 502),
                call -> checkout.purchase(call.user(), call.id("chapterId", "chapter.not_found"), returns(call))
                        .map(Reply::created));
        api.on(
                Endpoint.post("/api/v1/checkout/tip")
                        .id("checkoutTip")
                        .tag(TAG)
                        .summary("Open a checkout for a tip to the site's author")
                        .access(Access.session())
                        .body(object().required("siteId", uuid())
                                .required(
                                        "amount",
                                        integer().range(1, 100_000_000).description("Minor units (cents, paise)"))
                                .required(
                                        "currency",
                                        string().length(3, 3)
                                                .pattern("[A-Z]{3}", "must be an ISO 4217 code such as USD"))
                                .optional("message", string().length(1, 500))
                                .with(RETURNS))
                        .ok(201, ref("CheckoutAnswer"), "A checkout to pay")
                        .problems(404, 409, 502),
                call -> {
                    JsonObject b = call.body();
                    return checkout.tip(
                                    call.user(),
                                    UUID.fromString(b.getString("siteId")),
                                    b.getLong("amount"),
                                    b.getString("currency"),
                                    b.getString("message"),
                                    returns(call))
                            .map(Reply::created);
                });
        api.on(
                Endpoint.get("/api/v1/checkout/session/{sessionId}")
                        .id("getCheckoutSession")
                        .tag(TAG)
                        .summary("My checkout's state, by the gateway's session id or the payment id (for polling)")
                        .access(Access.session())
                        .pathParam("sessionId", string().length(1, 200), "The gateway's session id, or the payment id")
                        .ok(ref("CheckoutSession")),
                call -> {
                    String id = call.path("sessionId");
                    return checkout.session(call.user(), id.length() > 200 ? "" : id)
                            .map(Reply::ok);
                });
    }

    private io.vertx.core.Future<Reply> subscribe(Call call, UUID site) {
        JsonObject b = call.body();
        return checkout.subscription(
                        call.user(),
                        UUID.fromString(b.getString("tierId")),
                        site,
                        b.getString("billingCycle", "MONTHLY"),
                        returns(call))
                .map(Reply::created);
    }

    private static CheckoutService.Return returns(Call call) {
        JsonObject b = call.body();
        return new CheckoutService.Return(b.getString("gateway"), b.getString("successUrl"), b.getString("cancelUrl"));
    }

    private static StringSchema httpUrl() {
        return string().length(8, 2048)
                .rule(u -> u.startsWith("https://") || u.startsWith("http://"), "must be an http(s) URL");
    }

    private static void components(Api api) {
        api.component(
                "CheckoutAnswer",
                object().required("sessionId", nullable(string()))
                        .required("url", nullable(string()))
                        .required("paymentId", uuid())
                        .optional("status", string())
                        .optional("type", string())
                        .optional("amount", integer())
                        .optional("currency", nullable(string()))
                        .optional("gateway", string())
                        .optional("subscriptionId", nullable(uuid()))
                        .optional("chapterId", nullable(uuid()))
                        .optional("expiresAt", nullable(string().format("date-time")))
                        .optional("giftId", nullable(uuid())));
        api.component(
                "CheckoutSession",
                object().required("sessionId", nullable(string()))
                        .required("url", nullable(string()))
                        .required("paymentId", uuid())
                        .required("status", string())
                        .required("type", string())
                        .required("amount", integer())
                        .required("currency", nullable(string()))
                        .required("gateway", string())
                        .optional("subscriptionId", nullable(uuid()))
                        .optional("chapterId", nullable(uuid()))
                        .optional("expiresAt", nullable(string().format("date-time")))
                        .optional("subscriptionStatus", string()));
    }
}
