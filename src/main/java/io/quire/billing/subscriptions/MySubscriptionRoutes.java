package io.quire.billing.subscriptions;

import static io.quire.platform.api.Schema.bool;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.billing.ledger.SubscriptionStatus;
import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Call;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.quire.platform.config.QuireConfig;
import java.util.UUID;

/** {@code /api/v1/my-subscriptions}: a reader's own subscriptions and the changes they may make to them. */
public final class MySubscriptionRoutes {
    private static final String BASE = "/api/v1/my-subscriptions";
    private static final String ONE = BASE + "/{subscriptionId}";
    private static final String TAG = "my-subscriptions";
    private static final Schema SUBSCRIPTION = ref("Subscription");
    private final MySubscriptions subscriptions;
    private final QuireConfig.Billing config;

    public MySubscriptionRoutes(MySubscriptions subscriptions, QuireConfig.Billing config) {
        this.subscriptions = subscriptions;
        this.config = config;
    }

    public void mount(Api api) {
        Schema time = string().format("date-time");
        api.component(
                "Subscription",
                object().required("id", uuid())
                        .required("siteId", uuid())
                        .required("siteName", string())
                        .required("tierId", uuid())
                        .required("tierName", string())
                        .required("readerId", uuid())
                        .required(
                                "status",
                                string().oneOf("INCOMPLETE", "ACTIVE", "PAST_DUE", "CANCELLED", "EXPIRED", "PAUSED"))
                        .required("billingCycle", string())
                        .required("price", nullable(integer()))
                        .required("currency", nullable(string()))
                        .required("gateway", nullable(string()))
                        .required("currentPeriodStart", nullable(time))
                        .required("currentPeriodEnd", nullable(time))
                        .required("autoRenew", bool())
                        .required("isGift", bool())
                        .required("isTrialing", bool())
                        .required("trialEndsAt", nullable(time))
                        .required("cancelledAt", nullable(time))
                        .required("cancelReason", nullable(string()))
                        .required("expiresAt", nullable(time))
                        .required("createdAt", time));
        api.on(
                Endpoint.get(BASE)
                        .id("listMySubscriptions")
                        .tag(TAG)
                        .summary("My subscriptions, newest first")
                        .description("Open checkouts are left out.")
                        .access(Access.signedIn())
                        .query(
                                "status",
                                string().oneOf("ACTIVE", "PAST_DUE", "CANCELLED", "EXPIRED", "PAUSED"),
                                "Only this status")
                        .ok(Schema.list(SUBSCRIPTION)),
                call -> subscriptions
                        .list(
                                call.user().userId(),
                                call.query("status") == null ? null : SubscriptionStatus.valueOf(call.query("status")))
                        .map(l -> Reply.list(l, null)));
        api.on(
                Endpoint.get(ONE)
                        .id("getMySubscription")
                        .tag(TAG)
                        .summary("One of my subscriptions")
                        .access(Access.signedIn())
                        .ok(SUBSCRIPTION),
                call -> subscriptions.get(reader(call), id(call)).map(Reply::ok));
        api.on(
                Endpoint.get(ONE + "/invoices")
                        .id("listMySubscriptionInvoices")
                        .tag(TAG)
                        .summary("The subscription's payments, newest first")
                        .access(Access.signedIn())
                        .ok(Schema.list(Schema.anyObject())),
                call -> subscriptions.invoices(reader(call), id(call)).map(l -> Reply.list(l, null)));
        api.on(
                Endpoint.patch(ONE)
                        .id("changeMySubscriptionTier")
                        .tag(TAG)
                        .summary("Move to another tier of the same site")
                        .description(
                                "Same site and currency: the new tier's seat is taken first, then the gateway moves the price and prorates "
                                        + "(Stripe, Razorpay; Xendit charges the new amount from the next cycle); a refusal undoes the move.")
                        .access(Access.session())
                        .body(object().required("tierId", uuid())
                                .optional("billingCycle", string().oneOf(MySubscriptions.BillingCycle.class)))
                        .ok(SUBSCRIPTION)
                        .problems(409, 502),
                call -> {
                    String cycle = call.body().getString("billingCycle");
                    var change = new MySubscriptions.TierChange(
                            UUID.fromString(call.body().getString("tierId")),
                            cycle == null ? null : MySubscriptions.BillingCycle.valueOf(cycle));
                    return subscriptions
                            .changeTier(reader(call), id(call), change)
                            .map(Reply::ok);
                });
        api.on(
                Endpoint.post(ONE + "/pause")
                        .id("pauseMySubscription")
                        .tag(TAG)
                        .summary("Pause collection and access for some days")
                        .description(
                                "Default 30 days, at most billing.maxPauseDays; at most billing.maxPausesPerYear pauses a year (else 409 "
                                        + "`subscription.pause_limit`). The pause ends by itself.")
                        .access(Access.session())
                        .optionalBody(object().optional("days", integer().range(1, config.maxPauseDays())))
                        .ok(SUBSCRIPTION)
                        .problems(409, 502),
                call -> subscriptions
                        .pause(reader(call), id(call), call.body().getInteger("days"))
                        .map(Reply::ok));
        api.on(
                Endpoint.post(ONE + "/unpause")
                        .id("unpauseMySubscription")
                        .tag(TAG)
                        .summary("End a pause")
                        .description("ACTIVE again, with the paid time that was left when it was paused.")
                        .access(Access.session())
                        .ok(SUBSCRIPTION)
                        .problems(409, 502),
                call -> subscriptions.unpause(reader(call), id(call)).map(Reply::ok));
        api.on(
                Endpoint.post(ONE + "/cancel")
                        .id("cancelMySubscription")
                        .tag(TAG)
                        .summary("Cancel at the end of the paid period")
                        .description("The gateway stops renewing; access lasts until currentPeriodEnd.")
                        .access(Access.session())
                        .optionalBody(object().optional("reason", string().length(1, 100))
                                .optional("feedback", string().length(1, 2000)))
                        .ok(SUBSCRIPTION)
                        .problems(409, 502),
                call -> subscriptions
                        .cancel(
                                reader(call),
                                id(call),
                                call.body().getString("reason"),
                                call.body().getString("feedback"))
                        .map(Reply::ok));
        api.on(
                Endpoint.post(ONE + "/resume")
                        .id("resumeMySubscription")
                        .tag(TAG)
                        .summary("Undo a cancel while the period lasts")
                        .description("Stripe only; elsewhere 409 `subscription.resume_unsupported`.")
                        .access(Access.session())
                        .ok(SUBSCRIPTION)
                        .problems(409, 502),
                call -> subscriptions.resume(reader(call), id(call)).map(Reply::ok));
    }

    private static UUID reader(Call call) {
        return call.user().userId();
    }

    private static UUID id(Call call) {
        return call.id("subscriptionId", "subscription.not_found");
    }
}
