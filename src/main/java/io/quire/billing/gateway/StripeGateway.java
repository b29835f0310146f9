package io.quire.billing.gateway;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;

/**
 * Stripe over its REST API: form-encoded requests with the author's secret key as a bearer token, JSON answers.
 * Checkout Sessions (mode {@code subscription} with inline recurring price data, or {@code payment}), subscription
 * cancel (now: DELETE; at period end: {@code cancel_at_period_end}), Refunds against a PaymentIntent, and GET of
 * any object by type. Each call carries an {@code Idempotency-Key} where Stripe honours one, so a retried call
 * cannot create a second checkout or refund.
 */
public final class StripeGateway implements PaymentGateway {
    private final WebClient client;
    private final String baseUrl;
    private final long timeoutMs;

    public StripeGateway(WebClient client, String baseUrl, long timeoutMs) {
        this.client = client;
        this.baseUrl = GatewayCalls.base(baseUrl);
        this.timeoutMs = timeoutMs;
    }

    @Override
    public String name() {
        return "stripe";
    }

    @Override
    public Future<CheckoutSession> createCheckout(Credentials credentials, CheckoutRequest r) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap();
        boolean subscription = r.kind() == Kind.SUBSCRIPTION;
        form.add("mode", subscription ? "subscription" : "payment");
        form.add("client_reference_id", r.reference());
        form.add("success_url", r.successUrl());
        form.add("cancel_url", r.cancelUrl());
        if (r.customerEmail() != null) {
            form.add("customer_email", r.customerEmail());
        }
        form.add("line_items[0][quantity]", "1");
        form.add("line_items[0][price_data][currency]", r.currency().toLowerCase(java.util.Locale.ROOT));
        form.add("line_items[0][price_data][unit_amount]", Long.toString(r.amount()));
        form.add("line_items[0][price_data][product_data][name]", r.description());
        if (subscription) {
            form.add("line_items[0][price_data][recurring][interval]", r.interval() == null ? "month" : r.interval());
            if (r.trialDays() > 0) {
                form.add("subscription_data[trial_period_days]", Integer.toString(r.trialDays()));
            }
        }
        form.add("metadata[reference]", r.reference());
        form.add("metadata[kind]", r.kind().name());
        // the subscription (or payment intent) carries our ids too, so its own events name them
        String carrier = subscription ? "subscription_data" : "payment_intent_data";
        form.add(carrier + "[metadata][reference]", r.reference());
        for (Map.Entry<String, String> m : r.metadata().entrySet()) {
            form.add("metadata[" + m.getKey() + "]", m.getValue());
            form.add(carrier + "[metadata][" + m.getKey() + "]", m.getValue());
        }
        return send(
                        post("/v1/checkout/sessions", credentials)
                                .putHeader("Idempotency-Key", "checkout-" + r.reference()),
                        form)
                .map(j -> new CheckoutSession(
                        j.getString("id"), j.getString("url"), j.getString("status"), j.getLong("expires_at", 0L)));
    }

    @Override
    public Future<String> createPlan(Credentials credentials, Plan plan) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("currency", plan.currency().toLowerCase(java.util.Locale.ROOT))
                .add("unit_amount", Long.toString(plan.amount()))
                .add("recurring[interval]", plan.interval())
                .add("product_data[name]", plan.name());
        return send(post("/v1/prices", credentials), form).map(j -> j.getString("id"));
    }

    @Override
    public Future<Void> cancelSubscription(Credentials credentials, String subscriptionId, boolean atPeriodEnd) {
        if (atPeriodEnd) {
            MultiMap form = MultiMap.caseInsensitiveMultiMap().add("cancel_at_period_end", "true");
            return send(post("/v1/subscriptions/" + subscriptionId, credentials), form)
                    .mapEmpty();
        }
        return send(
                        client.deleteAbs(baseUrl + "/v1/subscriptions/" + subscriptionId)
                                .bearerTokenAuthentication(credentials.secretKey())
                                .timeout(timeoutMs),
                        null)
                .mapEmpty();
    }

    @Override
    public boolean canResume() {
        return true;
    }

    @Override
    public Future<Void> resumeSubscription(Credentials credentials, String subscriptionId) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap().add("cancel_at_period_end", "false");
        return send(post("/v1/subscriptions/" + subscriptionId, credentials), form)
                .mapEmpty();
    }

    @Override
    public Future<Void> pauseSubscription(Credentials credentials, String subscriptionId, boolean pause) {
        // pause_collection voids the invoices while paused; an empty value lifts it
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add(pause ? "pause_collection[behavior]" : "pause_collection", pause ? "void" : "");
        return send(post("/v1/subscriptions/" + subscriptionId, credentials), form)
                .mapEmpty();
    }

    /** The subscription's one item gets the new price; Stripe prorates the difference on the next invoice. */
    @Override
    public Future<Void> changePlan(Credentials credentials, String subscriptionId, Plan plan, String planId) {
        return fetch(credentials, "subscription", subscriptionId).compose(sub -> {
            io.vertx.core.json.JsonArray items = sub.getJsonObject("items", new JsonObject())
                    .getJsonArray("data", new io.vertx.core.json.JsonArray());
            if (items.isEmpty()) {
                return Future.failedFuture(new GatewayException(
                        "stripe", true, 0, "no_items", "the Stripe subscription has no item to change"));
            }
            MultiMap form = MultiMap.caseInsensitiveMultiMap()
                    .add("proration_behavior", "create_prorations")
                    .add("items[0][id]", items.getJsonObject(0).getString("id"));
            if (planId != null) {
                form.add("items[0][price]", planId);
            } else {
                form.add("items[0][price_data][currency]", plan.currency().toLowerCase(java.util.Locale.ROOT))
                        .add("items[0][price_data][unit_amount]", Long.toString(plan.amount()))
                        .add("items[0][price_data][recurring][interval]", plan.interval())
                        .add("items[0][price_data][product_data][name]", plan.name());
            }
            return send(post("/v1/subscriptions/" + subscriptionId, credentials), form)
                    .mapEmpty();
        });
    }

    @Override
    public Future<Refund> refund(Credentials credentials, String paymentId, long amount) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap()
                .add("payment_intent", paymentId)
                .add("amount", Long.toString(amount));
        return send(
                        post("/v1/refunds", credentials)
                                .putHeader("Idempotency-Key", "refund-" + paymentId + "-" + amount),
                        form)
                .map(j -> new Refund(j.getString("id"), j.getString("status"), j.getLong("amount", amount)));
    }

    @Override
    public Future<JsonObject> fetch(Credentials credentials, String objectType, String id) {
        String path = switch (objectType) {
            case "checkout_session" -> "/v1/checkout/sessions/";
            case "subscription" -> "/v1/subscriptions/";
            case "invoice" -> "/v1/invoices/";
            case "charge" -> "/v1/charges/";
            case "payment_intent" -> "/v1/payment_intents/";
            default -> throw new IllegalArgumentException("unknown Stripe object type " + objectType);
        };
        return send(
                client.getAbs(baseUrl + path + id)
                        .bearerTokenAuthentication(credentials.secretKey())
                        .timeout(timeoutMs),
                null);
    }

    private HttpRequest<Buffer> post(String path, Credentials credentials) {
        return client.postAbs(baseUrl + path)
                .bearerTokenAuthentication(credentials.secretKey())
                .timeout(timeoutMs);
    }

    /** Sends, and turns Stripe's error envelope {@code {error: {type, code, message}}} into a {@link GatewayException}. */
    private Future<JsonObject> send(HttpRequest<Buffer> request, MultiMap form) {
        return GatewayCalls.json("stripe", form == null ? request.send() : request.sendForm(form), "message");
    }
}
