package io.quire.billing.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.WebClient;
import java.time.OffsetDateTime;

/**
 * Xendit over its REST API: JSON bodies, HTTP Basic with the author's secret key as the user name. Purchases and tips
 * are Invoices ({@code external_id} = our reference, which Xendit keeps unique per account); subscriptions are
 * Recurring Payments, monthly or yearly; cancelling stops the recurrence (the reader keeps access until the period
 * ends, which Quire tracks); refunds against an invoice; GET of invoices, recurring payments and refunds. Errors
 * come as top-level {@code {error_code, message}}.
 */
public final class XenditGateway implements PaymentGateway {
    private final WebClient client;
    private final String baseUrl;
    private final long timeoutMs;

    public XenditGateway(WebClient client, String baseUrl, long timeoutMs) {
        this.client = client;
        this.baseUrl = GatewayCalls.base(baseUrl);
        this.timeoutMs = timeoutMs;
    }

    @Override
    public String name() {
        return "xendit";
    }

    @Override
    public Future<CheckoutSession> createCheckout(Credentials credentials, CheckoutRequest r) {
        JsonObject metadata = new JsonObject()
                .put("reference", r.reference())
                .put("kind", r.kind().name());
        r.metadata().forEach(metadata::put);
        JsonObject body = new JsonObject()
                .put("external_id", r.reference())
                .put("amount", r.amount())
                .put("currency", r.currency())
                .put("description", r.description())
                .put("success_redirect_url", r.successUrl())
                .put("failure_redirect_url", r.cancelUrl())
                .put("metadata", metadata);
        if (r.customerEmail() != null) {
            body.put("payer_email", r.customerEmail());
        }
        if (r.kind() == Kind.SUBSCRIPTION) {
            body.put("interval", "year".equals(r.interval()) ? "YEAR" : "MONTH").put("interval_count", 1);
            if (r.trialDays() > 0) {
                body.put(
                        "start_date",
                        java.time.Instant.now()
                                .plusSeconds(r.trialDays() * 86_400L)
                                .toString());
            }
            return send(post("/recurring_payments", credentials), body)
                    .map(j -> new CheckoutSession(
                            j.getString("id"), j.getString("last_created_invoice_url"), j.getString("status"), 0));
        }
        return send(post("/v2/invoices", credentials), body)
                .map(j -> new CheckoutSession(
                        j.getString("id"),
                        j.getString("invoice_url"),
                        j.getString("status"),
                        j.getString("expiry_date") == null
                                ? 0
                                : OffsetDateTime.parse(j.getString("expiry_date"))
                                        .toEpochSecond()));
    }

    /** Xendit's recurring payments carry their amount and interval themselves: there is no plan to create. */
    @Override
    public Future<String> createPlan(Credentials credentials, Plan plan) {
        return Future.failedFuture(new GatewayException(
                "xendit",
                true,
                0,
                "plans_not_used",
                "Xendit recurring payments need no plan: the amount and interval go with each subscription."));
    }

    @Override
    public Future<Void> cancelSubscription(Credentials credentials, String subscriptionId, boolean atPeriodEnd) {
        return send(post("/recurring_payments/" + subscriptionId + "/stop!", credentials), new JsonObject())
                .mapEmpty();
    }

    @Override
    public Future<Void> resumeSubscription(Credentials credentials, String subscriptionId) {
        return Future.failedFuture(new GatewayException(
                "xendit",
                true,
                0,
                "resume_unsupported",
                "a stopped Xendit recurring payment cannot be restarted; subscribe again"));
    }

    @Override
    public Future<Void> pauseSubscription(Credentials credentials, String subscriptionId, boolean pause) {
        return send(
                        post("/recurring_payments/" + subscriptionId + (pause ? "/pause!" : "/resume!"), credentials),
                        new JsonObject())
                .mapEmpty();
    }

    /** A recurring payment's amount is edited in place; the next cycle's invoice charges it (no proration at Xendit). */
    @Override
    public Future<Void> changePlan(Credentials credentials, String subscriptionId, Plan plan, String planId) {
        return send(
                        client.patchAbs(baseUrl + "/recurring_payments/" + subscriptionId)
                                .basicAuthentication(credentials.secretKey(), "")
                                .timeout(timeoutMs),
                        new JsonObject().put("amount", plan.amount()))
                .mapEmpty();
    }

    @Override
    public Future<Refund> refund(Credentials credentials, String paymentId, long amount) {
        return send(
                        post("/refunds", credentials)
                                .putHeader("Idempotency-key", "refund-" + paymentId + "-" + amount),
                        new JsonObject()
                                .put("invoice_id", paymentId)
                                .put("amount", amount)
                                .put("reason", "REQUESTED_BY_CUSTOMER"))
                .map(j -> new Refund(j.getString("id"), j.getString("status"), j.getLong("amount", amount)));
    }

    @Override
    public Future<JsonObject> fetch(Credentials credentials, String objectType, String id) {
        String path = switch (objectType) {
            case "invoice" -> "/v2/invoices/";
            case "recurring_payment" -> "/recurring_payments/";
            case "refund" -> "/refunds/";
            default -> throw new IllegalArgumentException("unknown Xendit object type " + objectType);
        };
        return send(
                client.getAbs(baseUrl + path + id)
                        .basicAuthentication(credentials.secretKey(), "")
                        .timeout(timeoutMs),
                null);
    }

    private HttpRequest<Buffer> post(String path, Credentials credentials) {
        return client.postAbs(baseUrl + path)
                .basicAuthentication(credentials.secretKey(), "")
                .timeout(timeoutMs);
    }

    private Future<JsonObject> send(HttpRequest<Buffer> request, JsonObject body) {
        return GatewayCalls.json(
                "xendit", body == null ? request.send() : request.sendJsonObject(body), null, "error_code", "message");
    }
}
