package io.quire.billing.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;

/**
 * Razorpay over its REST API: JSON bodies, HTTP Basic with the author's key id and secret. One-time purchases and
 * tips are Payment Links (our reference as {@code reference_id}, which Razorpay keeps unique, so a retry cannot
 * make a second link); subscriptions are Subscriptions on the tier's synced plan ({@code metadata.planId});
 * cancel now or at cycle end; refunds against a payment; GET of subscriptions, payments, orders and links.
 */
public final class RazorpayGateway implements PaymentGateway {
    private final WebClient client;
    private final String baseUrl;
    private final long timeoutMs;

    public RazorpayGateway(WebClient client, String baseUrl, long timeoutMs) {
        this.client = client;
        this.baseUrl = GatewayCalls.base(baseUrl);
        this.timeoutMs = timeoutMs;
    }

    @Override
    public String name() {
        return "razorpay";
    }

    @Override
    public Future<CheckoutSession> createCheckout(Credentials credentials, CheckoutRequest r) {
        JsonObject notes = new JsonObject()
                .put("reference", r.reference())
                .put("kind", r.kind().name());
        r.metadata().forEach(notes::put);
        if (r.kind() == Kind.SUBSCRIPTION) {
            String plan = r.metadata().get("planId");
            if (plan == null) {
                return Future.failedFuture(new GatewayException(
                        "razorpay",
                        true,
                        0,
                        "plan_required",
                        "a Razorpay subscription needs the tier's synced plan (metadata.planId)"));
            }
            JsonObject body = new JsonObject()
                    .put("plan_id", plan)
                    .put("total_count", "year".equals(r.interval()) ? 10 : 120)
                    .put("quantity", 1)
                    .put("customer_notify", 1)
                    .put("notes", notes);
            if (r.trialDays() > 0) {
                // the first charge waits for the trial to end
                body.put("start_at", java.time.Instant.now().getEpochSecond() + r.trialDays() * 86_400L);
            }
            return send(post("/v1/subscriptions", credentials), body)
                    .map(j -> new CheckoutSession(
                            j.getString("id"),
                            j.getString("short_url"),
                            j.getString("status"),
                            j.getLong("expire_by", 0L)));
        }
        JsonObject body = new JsonObject()
                .put("amount", r.amount())
                .put("currency", r.currency())
                .put("description", r.description())
                .put("reference_id", r.reference())
                .put("callback_url", r.successUrl())
                .put("callback_method", "get")
                .put("notes", notes);
        if (r.customerEmail() != null) {
            body.put("customer", new JsonObject().put("email", r.customerEmail()))
                    .put("notify", new JsonObject().put("email", true));
        }
        return send(post("/v1/payment_links", credentials), body)
                .map(j -> new CheckoutSession(
                        j.getString("id"),
                        j.getString("short_url"),
                        j.getString("status"),
                        j.getLong("expire_by", 0L)));
    }

    @Override
    public boolean subscriptionsNeedPlan() {
        return true;
    }

    @Override
    public Future<String> createPlan(Credentials credentials, Plan plan) {
        JsonObject body = new JsonObject()
                .put("period", "year".equals(plan.interval()) ? "yearly" : "monthly")
                .put("interval", 1)
                .put(
                        "item",
                        new JsonObject()
                                .put("name", plan.name())
                                .put("amount", plan.amount())
                                .put("currency", plan.currency()));
        return send(post("/v1/plans", credentials), body).map(j -> j.getString("id"));
    }

    @Override
    public Future<Void> cancelSubscription(Credentials credentials, String subscriptionId, boolean atPeriodEnd) {
        return send(
                        post("/v1/subscriptions/" + subscriptionId + "/cancel", credentials),
                        new JsonObject().put("cancel_at_cycle_end", atPeriodEnd ? 1 : 0))
                .mapEmpty();
    }

    @Override
    public Future<Void> resumeSubscription(Credentials credentials, String subscriptionId) {
        return Future.failedFuture(new GatewayException(
                "razorpay",
                true,
                0,
                "resume_unsupported",
                "a cancelled Razorpay subscription cannot be resumed; subscribe again"));
    }

    @Override
    public Future<Void> pauseSubscription(Credentials credentials, String subscriptionId, boolean pause) {
        return send(
                        post("/v1/subscriptions/" + subscriptionId + (pause ? "/pause" : "/resume"), credentials),
                        new JsonObject().put(pause ? "pause_at" : "resume_at", "now"))
                .mapEmpty();
    }

    /** Razorpay moves a subscription to another plan with {@code PATCH}; it needs the plan (made at checkout or sync). */
    @Override
    public Future<Void> changePlan(Credentials credentials, String subscriptionId, Plan plan, String planId) {
        if (planId == null) {
            return Future.failedFuture(
                    new GatewayException("razorpay", true, 0, "plan_required", "the tier has no Razorpay plan yet"));
        }
        return send(
                        client.patchAbs(baseUrl + "/v1/subscriptions/" + subscriptionId)
                                .basicAuthentication(credentials.keyId(), credentials.secretKey())
                                .timeout(timeoutMs),
                        new JsonObject()
                                .put("plan_id", planId)
                                .put("schedule_change_at", "now")
                                .put("customer_notify", 1))
                .mapEmpty();
    }

    @Override
    public Future<Refund> refund(Credentials credentials, String paymentId, long amount) {
        return send(post("/v1/payments/" + paymentId + "/refund", credentials), new JsonObject().put("amount", amount))
                .map(j -> new Refund(j.getString("id"), j.getString("status"), j.getLong("amount", amount)));
    }

    @Override
    public Future<JsonObject> fetch(Credentials credentials, String objectType, String id) {
        String path = switch (objectType) {
            case "subscription" -> "/v1/subscriptions/";
            case "payment" -> "/v1/payments/";
            case "order" -> "/v1/orders/";
            case "payment_link" -> "/v1/payment_links/";
            case "refund" -> "/v1/refunds/";
            default -> throw new IllegalArgumentException("unknown Razorpay object type " + objectType);
        };
        return send(
                client.getAbs(baseUrl + path + id)
                        .basicAuthentication(credentials.keyId(), credentials.secretKey())
                        .timeout(timeoutMs),
                null);
    }

    private HttpRequest<Buffer> post(String path, Credentials credentials) {
        return client.postAbs(baseUrl + path)
                .basicAuthentication(credentials.keyId(), credentials.secretKey())
                .timeout(timeoutMs);
    }

    /** Sends, and turns Razorpay's {@code {error: {code, description}}} into a {@link GatewayException}. */
    private Future<JsonObject> send(HttpRequest<Buffer> request, JsonObject body) {
        return GatewayCalls.json(
                "razorpay", body == null ? request.send() : request.sendJsonObject(body), "description");
    }
}
