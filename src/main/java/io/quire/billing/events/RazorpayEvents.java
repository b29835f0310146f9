package io.quire.billing.events;

import static io.quire.billing.events.EventFields.epoch;
import static io.quire.billing.events.EventFields.num;
import static io.quire.billing.events.EventFields.obj;
import static io.quire.billing.events.EventFields.str;
import static io.quire.billing.events.EventFields.uuid;

import io.quire.billing.ledger.Ledger;
import io.quire.billing.ledger.SubscriptionStatus;
import io.quire.billing.payouts.Payouts;
import io.quire.platform.inbox.WebhookHandler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Razorpay's events, read into {@link Ledger} calls. One-time payments are Payment Links whose
 * {@code reference_id} (and {@code notes.reference}) is our payment id; subscriptions carry our ids in
 * {@code notes.reference} (the checkout's payment) and {@code notes.subscriptionId}.
 */
final class RazorpayEvents {
    private RazorpayEvents() {}

    static Map<String, WebhookHandler> handlers(Ledger ledger) {
        Map<String, WebhookHandler> h = new HashMap<>();
        h.put("payment_link.paid", (tx, e) -> {
            JsonObject link = entity(e, "payment_link");
            JsonObject pay = entity(e, "payment");
            UUID reference = uuid(str(link, "reference_id")) != null
                    ? uuid(str(link, "reference_id"))
                    : uuid(str(obj(link, "notes"), "reference"));
            return ledger.checkoutPaid(
                    tx,
                    ref(e),
                    new Ledger.Paid(
                            reference,
                            str(pay, "id"),
                            null,
                            num(pay, "amount"),
                            num(pay, "fee"),
                            null,
                            null,
                            null,
                            null));
        });
        h.put(
                "payment_link.expired",
                (tx, e) -> ledger.checkoutFailed(
                        tx, ref(e), uuid(str(entity(e, "payment_link"), "reference_id")), null, null, null, true));
        h.put(
                "payment_link.cancelled",
                (tx, e) -> ledger.checkoutFailed(
                        tx,
                        ref(e),
                        uuid(str(entity(e, "payment_link"), "reference_id")),
                        null,
                        "cancelled",
                        "The payment link was cancelled.",
                        false));
        h.put("payment.captured", (tx, e) -> {
            JsonObject pay = entity(e, "payment");
            UUID reference = uuid(str(obj(pay, "notes"), "reference"));
            // a subscription's charges are applied by subscription.charged, which knows the period
            if (reference == null || str(pay, "invoice_id") != null || str(pay, "subscription_id") != null) {
                return Future.succeededFuture();
            }
            return ledger.checkoutPaid(
                    tx,
                    ref(e),
                    new Ledger.Paid(
                            reference,
                            str(pay, "id"),
                            null,
                            num(pay, "amount"),
                            num(pay, "fee"),
                            null,
                            null,
                            null,
                            null));
        });
        for (String type : new String[] {"subscription.activated", "subscription.charged"}) {
            h.put(type, (tx, e) -> {
                JsonObject sub = entity(e, "subscription");
                JsonObject pay = entity(e, "payment");
                if (type.endsWith(".charged") || str(pay, "id") != null) {
                    return ledger.invoicePaid(
                            tx,
                            ref(e),
                            subscriptionRef(sub),
                            new Ledger.Paid(
                                    uuid(str(obj(sub, "notes"), "reference")),
                                    str(pay, "id"),
                                    str(pay, "invoice_id") != null ? str(pay, "invoice_id") : str(pay, "id"),
                                    num(pay, "amount"),
                                    num(pay, "fee"),
                                    str(sub, "id"),
                                    str(sub, "customer_id"),
                                    epoch(num(sub, "current_start")),
                                    epoch(num(sub, "current_end"))));
                }
                return ledger.subscriptionState(
                        tx,
                        ref(e),
                        str(sub, "id"),
                        subscriptionRef(sub),
                        new Ledger.State(
                                SubscriptionStatus.ACTIVE,
                                epoch(num(sub, "current_start")),
                                epoch(num(sub, "current_end")),
                                true,
                                false,
                                false));
            });
        }
        state(h, ledger, "subscription.pending", SubscriptionStatus.PAST_DUE, null);
        state(h, ledger, "subscription.halted", SubscriptionStatus.PAST_DUE, null);
        state(h, ledger, "subscription.cancelled", SubscriptionStatus.CANCELLED, false);
        state(h, ledger, "subscription.completed", SubscriptionStatus.EXPIRED, false);
        state(h, ledger, "subscription.paused", SubscriptionStatus.PAUSED, null);
        state(h, ledger, "subscription.resumed", SubscriptionStatus.ACTIVE, true);
        h.put("refund.processed", (tx, e) -> {
            JsonObject refund = entity(e, "refund");
            Long total = num(entity(e, "payment"), "amount_refunded");
            return ledger.refunded(
                    tx,
                    ref(e),
                    str(refund, "payment_id"),
                    total != null ? total : num(refund, "amount"),
                    str(refund, "id"));
        });
        for (String outcome : new String[] {"created", "won", "lost", "closed", "under_review", "action_required"}) {
            h.put("payment.dispute." + outcome, (tx, e) -> {
                JsonObject d = entity(e, "dispute");
                return ledger.disputed(
                        tx,
                        ref(e),
                        str(d, "payment_id"),
                        str(d, "status") != null ? str(d, "status") : outcome,
                        str(d, "reason_code"),
                        outcome.equals("won") || outcome.equals("lost") ? outcome : null);
            });
        }
        // a settlement is Razorpay's payout: processed means it reached the author's bank account
        h.put("settlement.processed", (tx, e) -> {
            JsonObject st = entity(e, "settlement");
            Long created = num(st, "created_at");
            return Payouts.record(
                    tx,
                    new Payouts.Reported(
                            e.authorId(),
                            "razorpay",
                            str(st, "id"),
                            num(st, "amount") == null ? 0 : num(st, "amount"),
                            num(st, "fees"),
                            st.getString("currency", "INR"),
                            "PAID",
                            created == null ? null : epoch(created).toLocalDate(),
                            str(st, "utr"),
                            null,
                            null,
                            e.createdAt()));
        });
        return h;
    }

    private static void state(
            Map<String, WebhookHandler> h, Ledger ledger, String type, SubscriptionStatus status, Boolean autoRenew) {
        h.put(type, (tx, e) -> {
            JsonObject sub = entity(e, "subscription");
            // a completed subscription ends when its last period does
            return ledger.subscriptionState(
                    tx,
                    ref(e),
                    str(sub, "id"),
                    subscriptionRef(sub),
                    new Ledger.State(
                            status,
                            epoch(num(sub, "current_start")),
                            epoch(num(sub, "current_end")),
                            autoRenew,
                            null,
                            false));
        });
    }

    private static UUID subscriptionRef(JsonObject sub) {
        return uuid(str(obj(sub, "notes"), "subscriptionId"));
    }

    private static JsonObject entity(WebhookHandler.Event e, String kind) {
        return obj(e.payload(), "payload", kind, "entity");
    }

    private static Ledger.Ref ref(WebhookHandler.Event e) {
        return new Ledger.Ref("razorpay", e.gatewayEventId(), e.createdAt());
    }
}
