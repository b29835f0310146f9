package io.quire.billing.events;

import static io.quire.billing.events.EventFields.epoch;
import static io.quire.billing.events.EventFields.first;
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
import io.vertx.sqlclient.SqlConnection;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Stripe's events, read into {@link Ledger} calls. Our payment id travels as the Checkout Session's
 * {@code client_reference_id}; our subscription id as the Stripe subscription's {@code metadata.subscriptionId}.
 */
final class StripeEvents {
    private StripeEvents() {}

    static Map<String, WebhookHandler> handlers(Ledger ledger) {
        Map<String, WebhookHandler> h = new HashMap<>();
        WebhookHandler completed = (tx, e) -> {
            JsonObject s = object(e);
            String paid = str(s, "payment_status");
            if ("unpaid".equals(paid)) {
                return Future
                        .succeededFuture(); // an async method (a bank debit): its own succeeded/failed event follows
            }
            return ledger.checkoutPaid(
                    tx,
                    ref(e),
                    new Ledger.Paid(
                            reference(s),
                            str(s, "payment_intent"),
                            str(s, "invoice"),
                            num(s, "amount_total"),
                            null,
                            str(s, "subscription"),
                            str(s, "customer"),
                            null,
                            null));
        };
        h.put("checkout.session.completed", completed);
        h.put("checkout.session.async_payment_succeeded", completed);
        h.put(
                "checkout.session.async_payment_failed",
                (tx, e) -> ledger.checkoutFailed(
                        tx,
                        ref(e),
                        reference(object(e)),
                        str(object(e), "payment_intent"),
                        "async_payment_failed",
                        "The payment did not go through.",
                        false));
        h.put(
                "checkout.session.expired",
                (tx, e) -> ledger.checkoutFailed(tx, ref(e), reference(object(e)), null, null, null, true));
        WebhookHandler invoicePaid = (tx, e) -> {
            JsonObject inv = object(e);
            return subscriptionOf(inv) == null
                    ? Future.succeededFuture()
                    : ledger.invoicePaid(tx, ref(e), subscriptionRef(inv), paid(inv, num(inv, "amount_paid")));
        };
        h.put("invoice.paid", invoicePaid);
        h.put("invoice.payment_succeeded", invoicePaid);
        h.put("invoice.payment_failed", (tx, e) -> {
            JsonObject inv = object(e);
            return subscriptionOf(inv) == null
                    ? Future.succeededFuture()
                    : ledger.invoiceFailed(
                            tx,
                            ref(e),
                            subscriptionRef(inv),
                            paid(inv, num(inv, "amount_due")),
                            "invoice_payment_failed",
                            "The renewal charge failed (attempt " + num(inv, "attempt_count") + ").");
        });
        for (String type : new String[] {
            "customer.subscription.created",
            "customer.subscription.updated",
            "customer.subscription.paused",
            "customer.subscription.resumed",
            "customer.subscription.deleted"
        }) {
            h.put(type, (tx, e) -> subscription(ledger, tx, e, type.endsWith(".deleted")));
        }
        h.put("charge.refunded", (tx, e) -> {
            JsonObject c = object(e);
            String key = str(c, "payment_intent") != null ? str(c, "payment_intent") : str(c, "id");
            return ledger.refunded(
                    tx,
                    ref(e),
                    key,
                    num(c, "amount_refunded") == null ? 0 : num(c, "amount_refunded"),
                    str(first(c, "refunds"), "id"));
        });
        for (String type : new String[] {
            "charge.dispute.created",
            "charge.dispute.updated",
            "charge.dispute.closed",
            "charge.dispute.funds_withdrawn"
        }) {
            h.put(type, (tx, e) -> {
                JsonObject d = object(e);
                String status = str(d, "status");
                String outcome =
                        type.endsWith(".closed") && ("won".equals(status) || "lost".equals(status)) ? status : null;
                String key = str(d, "payment_intent") != null ? str(d, "payment_intent") : str(d, "charge");
                return ledger.disputed(tx, ref(e), key, status, str(d, "reason"), outcome);
            });
        }
        for (String type :
                new String[] {"payout.created", "payout.updated", "payout.paid", "payout.failed", "payout.canceled"}) {
            h.put(type, (tx, e) -> {
                JsonObject p = object(e);
                String status = switch (str(p, "status") == null ? "" : str(p, "status")) {
                    case "paid" -> "PAID";
                    case "in_transit" -> "IN_TRANSIT";
                    case "failed" -> "FAILED";
                    case "canceled" -> "CANCELLED";
                    default -> "PENDING";
                };
                Long arrival = num(p, "arrival_date");
                return Payouts.record(
                        tx,
                        new Payouts.Reported(
                                e.authorId(),
                                "stripe",
                                str(p, "id"),
                                num(p, "amount") == null ? 0 : num(p, "amount"),
                                null,
                                str(p, "currency"),
                                status,
                                arrival == null ? null : epoch(arrival).toLocalDate(),
                                str(p, "statement_descriptor"),
                                str(p, "failure_code"),
                                str(p, "failure_message"),
                                e.createdAt()));
            });
        }
        return h;
    }

    private static Future<Void> subscription(Ledger ledger, SqlConnection tx, WebhookHandler.Event e, boolean deleted) {
        JsonObject s = object(e);
        JsonObject item = first(s, "items");
        // the period moved from the subscription onto its items in newer API versions: either will do
        Long start = num(s, "current_period_start") != null
                ? num(s, "current_period_start")
                : num(item, "current_period_start");
        Long end =
                num(s, "current_period_end") != null ? num(s, "current_period_end") : num(item, "current_period_end");
        boolean cancelAtEnd = Boolean.TRUE.equals(s.getValue("cancel_at_period_end"));
        String stripe = str(s, "status");
        Ledger.State state;
        if (deleted || "incomplete_expired".equals(stripe)) {
            OffsetDateTime ended = epoch(num(s, "ended_at") != null ? num(s, "ended_at") : num(s, "canceled_at"));
            state = new Ledger.State(
                    SubscriptionStatus.EXPIRED, null, ended == null ? e.createdAt() : ended, false, false, true);
        } else {
            SubscriptionStatus status = switch (stripe == null ? "" : stripe) {
                case "active", "trialing" -> cancelAtEnd ? SubscriptionStatus.CANCELLED : SubscriptionStatus.ACTIVE;
                case "past_due", "unpaid" -> SubscriptionStatus.PAST_DUE;
                case "paused" -> SubscriptionStatus.PAUSED;
                case "canceled" -> SubscriptionStatus.CANCELLED;
                default -> null; // incomplete: the checkout's payment decides
            };
            state = new Ledger.State(
                    status,
                    epoch(start),
                    epoch(end),
                    !cancelAtEnd && !"canceled".equals(stripe),
                    "trialing".equals(stripe),
                    false);
        }
        return ledger.subscriptionState(
                tx, ref(e), str(s, "id"), uuid(str(obj(s, "metadata"), "subscriptionId")), state);
    }

    private static Ledger.Paid paid(JsonObject inv, Long amount) {
        JsonObject line = first(inv, "lines");
        JsonObject period = obj(line, "period");
        return new Ledger.Paid(
                null,
                str(inv, "payment_intent"),
                str(inv, "id"),
                amount,
                null,
                subscriptionOf(inv),
                str(inv, "customer"),
                epoch(num(period, "start")),
                epoch(num(period, "end")));
    }

    /** The invoice's subscription: top level in older API versions, under {@code parent.subscription_details} in newer. */
    private static String subscriptionOf(JsonObject inv) {
        return str(inv, "subscription") != null
                ? str(inv, "subscription")
                : str(obj(inv, "parent", "subscription_details"), "subscription");
    }

    private static UUID subscriptionRef(JsonObject inv) {
        String id = str(obj(inv, "subscription_details", "metadata"), "subscriptionId");
        if (id == null) {
            id = str(obj(inv, "parent", "subscription_details", "metadata"), "subscriptionId");
        }
        if (id == null) {
            id = str(obj(first(inv, "lines"), "metadata"), "subscriptionId");
        }
        return uuid(id);
    }

    private static UUID reference(JsonObject session) {
        UUID id = uuid(str(session, "client_reference_id"));
        return id != null ? id : uuid(str(obj(session, "metadata"), "reference"));
    }

    private static JsonObject object(WebhookHandler.Event e) {
        return obj(e.payload(), "data", "object");
    }

    private static Ledger.Ref ref(WebhookHandler.Event e) {
        return new Ledger.Ref("stripe", e.gatewayEventId(), e.createdAt());
    }
}
