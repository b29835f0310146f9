package io.quire.billing.events;

import io.quire.billing.ledger.Ledger;
import io.quire.platform.inbox.WebhookHandler;
import java.util.HashMap;
import java.util.Map;

/** Every gateway event monetization applies, keyed as the inbox looks them up ({@code gateway:type}). */
public final class BillingWebhooks {
    private BillingWebhooks() {}

    public static Map<String, WebhookHandler> handlers(Ledger ledger) {
        Map<String, WebhookHandler> all = new HashMap<>();
        StripeEvents.handlers(ledger).forEach((type, h) -> all.put(WebhookHandler.key("stripe", type), h));
        RazorpayEvents.handlers(ledger).forEach((type, h) -> all.put(WebhookHandler.key("razorpay", type), h));
        XenditEvents.handlers(ledger).forEach((type, h) -> all.put(WebhookHandler.key("xendit", type), h));
        return all;
    }
}
