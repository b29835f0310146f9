package io.quire.billing.checkout;

import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.auth.Authz;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.quire.platform.inbox.PaymentGatewayIds;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * §8.2 checkout ({@code subscription}, {@code purchase}, {@code tip}, session status) and its two other doors:
 * {@code POST /sites/:siteId/subscribe} (§7.2) and {@code POST /chapters/:chapterId/unlock} (§5.2). Each answers
 * 201 with the gateway's session id and URL; the client sends the reader there and polls the session.
 */
public final class CheckoutRoutes {
    private static final java.util.List<String> GATEWAYS = PaymentGatewayIds.ALL;
    private static final Set<String> CYCLES = Set.of("MONTHLY", "ANNUAL");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private final CheckoutService checkout;

    public CheckoutRoutes(CheckoutService checkout) {
        this.checkout = checkout;
    }

    public void mount(Api api) {
        components(api);
        api.raw(
                Endpoint.post("/api/v1/checkout/subscription")
                        .id("checkoutSubscription")
                        .tag("billing")
                        .summary(
                                "Open a subscription checkout: a PENDING payment, an INCOMPLETE subscription holding a seat, and the gateway's hosted page (409 tier.sold_out, subscription.exists, checkout.gateway_not_connected; 502/503 when the gateway refuses or is down)")
                        .access(Access.session())
                        .body(object().required("tierId", string())
                                .optional("billingCycle", string().oneOf("MONTHLY", "ANNUAL"))
                                .optional("gateway", string().oneOf("stripe", "razorpay", "xendit"))
                                .optional("successUrl", string())
                                .optional("cancelUrl", string()))
                        .ok(201, ref("Chapter2"), "OK")
                        .problems(404, 409, 502),
                ctx -> subscribe(ctx, null));
        api.raw(
                Endpoint.post("/api/v1/sites/{siteId}/subscribe")
                        .id("subscribeToSite")
                        .tag("billing")
                        .summary("Subscribe to one of the site's tiers (a subscription checkout)")
                        .access(Access.session())
                        .body(object().required("tierId", string())
                                .optional("billingCycle", string().oneOf("MONTHLY", "ANNUAL"))
                                .optional("gateway", string().oneOf("stripe", "razorpay", "xendit"))
                                .optional("successUrl", string())
                                .optional("cancelUrl", string()))
                        .ok(201, ref("Chapter2"), "OK")
                        .problems(409, 502),
                ctx -> subscribe(ctx, PathParams.uuid(ctx, "siteId", "site.not_found")));
        api.raw(
                Endpoint.post("/api/v1/checkout/purchase")
                        .id("checkoutPurchase")
                        .tag("billing")
                        .summary(
                                "Open a checkout for one chapter sold on its own (409 chapter.not_for_sale, chapter.already_unlocked)")
                        .access(Access.session())
                        .body(object().required("chapterId", string())
                                .optional("gateway", string().length(1, 20))
                                .optional("successUrl", string())
                                .optional("cancelUrl", string()))
                        .ok(201, ref("Chapter2"), "OK")
                        .problems(404, 409, 502),
                ctx -> {
                    RequestBody body = RequestBody.of(ctx);
                    UUID chapter = uuid(body, "chapterId");
                    CheckoutService.Return r = returns(body);
                    body.validate();
                    created(ctx, checkout.purchase(Authz.require(ctx), chapter, r));
                });
        api.raw(
                Endpoint.post("/api/v1/chapters/{chapterId}/unlock")
                        .id("unlockChapter")
                        .tag("billing")
                        .summary("Buy this chapter (a purchase checkout); the body is optional")
                        .access(Access.session())
                        .ok(201, ref("Chapter2"), "OK")
                        .problems(409, 502),
                ctx -> {
                    UUID chapter = PathParams.uuid(ctx, "chapterId", "chapter.not_found");
                    RequestBody body = ctx.body() != null && ctx.body().length() > 0 ? RequestBody.of(ctx) : null;
                    CheckoutService.Return r =
                            body == null ? new CheckoutService.Return(null, null, null) : returns(body);
                    if (body != null) {
                        body.validate();
                    }
                    created(ctx, checkout.purchase(Authz.require(ctx), chapter, r));
                });
        api.raw(
                Endpoint.post("/api/v1/checkout/tip")
                        .id("checkoutTip")
                        .tag("billing")
                        .summary("Open a checkout for a tip to the site's author")
                        .access(Access.session())
                        .body(object().required("siteId", string())
                                .required(
                                        "amount", integer().range(1, 100000000).description("minor units"))
                                .required("currency", string().length(3, 3))
                                .optional("message", string().length(1, 500))
                                .optional("gateway", string().length(1, 20))
                                .optional("successUrl", string())
                                .optional("cancelUrl", string()))
                        .ok(201, ref("Chapter2"), "OK")
                        .problems(404, 409, 502),
                ctx -> {
                    RequestBody body = RequestBody.of(ctx);
                    UUID site = uuid(body, "siteId");
                    Integer amount = body.optionalInteger("amount", 1, 100_000_000);
                    if (amount == null) {
                        body.error("amount", "is required: the tip in minor units (cents, paise)");
                    }
                    String currency = body.matching(
                            "currency",
                            body.requiredString("currency", 3, 3),
                            CURRENCY,
                            "must be an ISO 4217 code such as USD");
                    String message = body.optionalString("message", 1, 500);
                    CheckoutService.Return r = returns(body);
                    body.validate();
                    created(ctx, checkout.tip(Authz.require(ctx), site, amount, currency, message, r));
                });
        api.raw(
                Endpoint.get("/api/v1/checkout/session/{sessionId}")
                        .id("getCheckoutSession")
                        .tag("billing")
                        .summary("My checkout's state, by the gateway's session id or the payment id (for polling)")
                        .access(Access.session())
                        .pathParam("sessionId", string(), null)
                        .ok(
                                200,
                                object().optional("sessionId", string())
                                        .optional("url", string())
                                        .optional("paymentId", string())
                                        .optional("status", string())
                                        .optional("type", string())
                                        .optional("amount", integer())
                                        .optional("currency", nullable(string()))
                                        .optional("gateway", string())
                                        .optional("subscriptionId", nullable(string()))
                                        .optional("chapterId", nullable(string()))
                                        .optional("expiresAt", nullable(string()))
                                        .optional("subscriptionStatus", string()),
                                "OK"),
                ctx -> {
                    String id = ctx.pathParam("sessionId");
                    checkout.session(Authz.require(ctx), id.length() > 200 ? "" : id)
                            .onSuccess(s -> Responses.json(ctx, 200, s))
                            .onFailure(ctx::fail);
                });
    }

    private void subscribe(RoutingContext ctx, UUID site) {
        RequestBody body = RequestBody.of(ctx);
        UUID tier = uuid(body, "tierId");
        String cycle = body.optionalString("billingCycle", 1, 10);
        if (cycle != null && !CYCLES.contains(cycle)) {
            body.error("billingCycle", "must be MONTHLY or ANNUAL");
        }
        CheckoutService.Return r = returns(body);
        body.validate();
        created(ctx, checkout.subscription(Authz.require(ctx), tier, site, cycle == null ? "MONTHLY" : cycle, r));
    }

    private static CheckoutService.Return returns(RequestBody body) {
        String gateway = body.optionalString("gateway", 1, 20);
        if (gateway != null && !GATEWAYS.contains(gateway)) {
            body.error("gateway", "must be stripe, razorpay or xendit");
        }
        return new CheckoutService.Return(gateway, url(body, "successUrl"), url(body, "cancelUrl"));
    }

    private static String url(RequestBody body, String field) {
        String u = body.optionalString(field, 8, 2048);
        if (u != null && !u.startsWith("https://") && !u.startsWith("http://")) {
            body.error(field, "must be an http(s) URL");
        }
        return u;
    }

    private static UUID uuid(RequestBody body, String field) {
        String s = body.requiredString(field, 36, 36);
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return body.error(field, "must be an id");
        }
    }

    private static void created(RoutingContext ctx, Future<JsonObject> answer) {
        answer.onSuccess(a -> Responses.json(ctx, 201, a)).onFailure(ctx::fail);
    }

    /** The shapes this feature's answers share, as {@code #/components/schemas}. */
    private static void components(Api api) {
        api.component(
                "Chapter2",
                object().optional("sessionId", string())
                        .optional("url", string())
                        .optional("paymentId", string())
                        .optional("status", string())
                        .optional("type", string())
                        .optional("amount", integer())
                        .optional("currency", nullable(string()))
                        .optional("gateway", string())
                        .optional("subscriptionId", nullable(string()))
                        .optional("chapterId", nullable(string()))
                        .optional("expiresAt", nullable(string())));
    }
}
