package io.quire.billing.gateway;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * What Quire asks of a payment gateway, the same for Stripe, Razorpay and Xendit: a hosted checkout for a
 * subscription, a one-time purchase or a tip; cancelling a subscription (now or at period end); a refund; and an
 * object's current state (to settle an event that arrived out of order). State changes themselves arrive later as
 * webhooks through the inbox; these calls only start them.
 */
public interface PaymentGateway {

    /** What is being bought. */
    enum Kind {
        SUBSCRIPTION,
        PURCHASE,
        TIP
    }

    /**
     * A checkout to create: {@code amount} in the currency's minor units; {@code interval} (month or year) for
     * subscriptions; {@code reference} is our payment id, echoed back in the gateway's events.
     */
    record CheckoutRequest(
            Kind kind,
            String reference,
            String description,
            long amount,
            String currency,
            String interval,
            String customerEmail,
            String successUrl,
            String cancelUrl,
            Map<String, String> metadata,
            int trialDays) {
        /** Without a trial. */
        public CheckoutRequest(
                Kind kind,
                String reference,
                String description,
                long amount,
                String currency,
                String interval,
                String customerEmail,
                String successUrl,
                String cancelUrl,
                Map<String, String> metadata) {
            this(
                    kind,
                    reference,
                    description,
                    amount,
                    currency,
                    interval,
                    customerEmail,
                    successUrl,
                    cancelUrl,
                    metadata,
                    0);
        }
    }

    /** The gateway's checkout: its id, where to send the reader, and when it lapses (epoch seconds, or 0). */
    record CheckoutSession(String id, String url, String status, long expiresAt) {}

    /** A refund the gateway accepted. */
    record Refund(String id, String status, long amount) {}

    /** The author's credentials for this gateway (decrypted for the call only). */
    record Credentials(String secretKey, String keyId) {}

    /** A recurring price to create at the gateway for a tier: {@code interval} month or year. */
    record Plan(String name, long amount, String currency, String interval) {}

    String name();

    /** Creates the tier's plan (Stripe: a Price; Razorpay: a Plan); its id. Xendit needs none and refuses. */
    Future<String> createPlan(Credentials credentials, Plan plan);

    Future<CheckoutSession> createCheckout(Credentials credentials, CheckoutRequest request);

    Future<Void> cancelSubscription(Credentials credentials, String subscriptionId, boolean atPeriodEnd);

    /** Whether a cancel at period end can be undone at this gateway ({@link #resumeSubscription}). */
    default boolean canResume() {
        return false;
    }

    /** Whether its subscriptions need a plan made beforehand ({@link #createPlan}) rather than a price sent inline. */
    default boolean subscriptionsNeedPlan() {
        return false;
    }

    /** Undoes a cancel at period end while the period lasts; a gateway that cannot refuses (rejected). */
    Future<Void> resumeSubscription(Credentials credentials, String subscriptionId);

    /** Stops collecting (or resumes collecting) a subscription's payments; the reader keeps what was paid for. */
    Future<Void> pauseSubscription(Credentials credentials, String subscriptionId, boolean pause);

    /**
     * Moves a subscription to another price from now; the gateway prorates (Stripe, Razorpay) or charges the new
     * amount from the next cycle (Xendit). {@code planId}: the tier's plan at this gateway when it has one.
     */
    Future<Void> changePlan(Credentials credentials, String subscriptionId, Plan plan, String planId);

    Future<Refund> refund(Credentials credentials, String paymentId, long amount);

    Future<JsonObject> fetch(Credentials credentials, String objectType, String id);
}
