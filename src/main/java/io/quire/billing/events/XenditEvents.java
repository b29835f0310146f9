package io.quire.billing.events;

import static io.quire.billing.events.EventFields.num;
import static io.quire.billing.events.EventFields.obj;
import static io.quire.billing.events.EventFields.str;
import static io.quire.billing.events.EventFields.uuid;

import io.quire.billing.ledger.Ledger;
import io.quire.platform.inbox.WebhookHandler;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.Map;

/**
 * Xendit's invoice callbacks (the body is the invoice), read into {@link Ledger} calls. Every invoice, one-time or
 * a recurring cycle, has our payment id as {@code external_id}; a cycle's invoice also names its
 * {@code recurring_payment_id}, our subscription's gateway id. Xendit gives no period: a paid cycle extends the
 * subscription by one billing cycle.
 */
final class XenditEvents {
    private XenditEvents() {}

    static Map<String, WebhookHandler> handlers(Ledger ledger) {
        Map<String, WebhookHandler> h = new HashMap<>();
        WebhookHandler paid = (tx, e) -> {
            JsonObject inv = invoice(e);
            Long amount = num(inv, "paid_amount") != null ? num(inv, "paid_amount") : num(inv, "amount");
            Long fee = num(inv, "fees_paid_amount");
            String recurring = str(inv, "recurring_payment_id");
            Ledger.Paid p = new Ledger.Paid(
                    uuid(str(inv, "external_id")),
                    str(inv, "id"),
                    str(inv, "id"),
                    amount,
                    fee,
                    recurring,
                    str(inv, "user_id"),
                    null,
                    null);
            return recurring == null ? ledger.checkoutPaid(tx, ref(e), p) : ledger.invoicePaid(tx, ref(e), null, p);
        };
        h.put("invoice.paid", paid);
        h.put("invoice.settled", paid);
        h.put("invoice.expired", (tx, e) -> {
            JsonObject inv = invoice(e);
            String recurring = str(inv, "recurring_payment_id");
            return recurring == null
                    ? ledger.checkoutFailed(tx, ref(e), uuid(str(inv, "external_id")), str(inv, "id"), null, null, true)
                    : ledger.invoiceFailed(
                            tx,
                            ref(e),
                            null,
                            new Ledger.Paid(
                                    null,
                                    str(inv, "id"),
                                    str(inv, "id"),
                                    num(inv, "amount"),
                                    null,
                                    recurring,
                                    null,
                                    null,
                                    null),
                            "invoice_expired",
                            "The cycle's invoice expired unpaid.");
        });
        h.put("refund.succeeded", (tx, e) -> {
            JsonObject r = invoice(e);
            String key = str(r, "invoice_id") != null ? str(r, "invoice_id") : str(r, "payment_id");
            return ledger.refunded(tx, ref(e), key, num(r, "amount") == null ? 0 : num(r, "amount"), str(r, "id"));
        });
        return h;
    }

    /** The invoice (or refund): the body itself, or its {@code data} for the newer event envelope. */
    private static JsonObject invoice(WebhookHandler.Event e) {
        return e.payload().getValue("data") instanceof JsonObject ? obj(e.payload(), "data") : e.payload();
    }

    private static Ledger.Ref ref(WebhookHandler.Event e) {
        return new Ledger.Ref("xendit", e.gatewayEventId(), e.createdAt());
    }
}
