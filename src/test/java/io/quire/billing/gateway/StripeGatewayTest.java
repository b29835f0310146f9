package io.quire.billing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Stripe adapter against a local server that speaks the part of Stripe's API it uses (Stripe itself cannot be
 * reached from here): the request shapes are asserted as Stripe documents them, and its answers and error envelopes
 * are read back.
 */
class StripeGatewayTest {
    record Seen(String method, String path, String auth, String idempotencyKey, Map<String, String> form) {}

    static Vertx vertx;
    static HttpServer server;
    static final List<Seen> seen = new ArrayList<>();
    static StripeGateway stripe;
    static final PaymentGateway.Credentials KEY = new PaymentGateway.Credentials("sk_test_author", null);

    @BeforeAll
    static void fakeStripe() throws Exception {
        vertx = Vertx.vertx();
        server = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    Map<String, String> form = new HashMap<>();
                    for (String pair : body.toString().split("&")) {
                        int eq = pair.indexOf('=');
                        if (eq > 0) {
                            form.put(
                                    URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                        }
                    }
                    synchronized (seen) {
                        seen.add(new Seen(
                                req.method().name(),
                                req.path(),
                                req.getHeader("Authorization"),
                                req.getHeader("Idempotency-Key"),
                                form));
                    }
                    String path = req.path();
                    JsonObject answer;
                    int status = 200;
                    if (path.equals("/v1/checkout/sessions")) {
                        answer = new JsonObject()
                                .put("id", "cs_test_1")
                                .put("object", "checkout.session")
                                .put("url", "https://checkout.stripe.com/c/pay/cs_test_1")
                                .put("status", "open")
                                .put("expires_at", 1_900_000_000L);
                    } else if (path.equals("/v1/refunds") && "999999".equals(form.get("amount"))) {
                        status = 400;
                        answer = new JsonObject()
                                .put(
                                        "error",
                                        new JsonObject()
                                                .put("type", "invalid_request_error")
                                                .put("code", "amount_too_large")
                                                .put("message", "Refund amount is greater than the charge."));
                    } else if (path.equals("/v1/refunds")) {
                        answer = new JsonObject()
                                .put("id", "re_1")
                                .put("status", "succeeded")
                                .put("amount", Long.parseLong(form.get("amount")));
                    } else if (path.startsWith("/v1/subscriptions/sub_down")) {
                        status = 503;
                        answer = new JsonObject()
                                .put(
                                        "error",
                                        new JsonObject()
                                                .put("type", "api_error")
                                                .put("message", "Try again."));
                    } else if (path.startsWith("/v1/subscriptions/")) {
                        answer = new JsonObject()
                                .put("id", path.substring(18))
                                .put("object", "subscription")
                                .put("status", req.method().name().equals("DELETE") ? "canceled" : "active")
                                .put("cancel_at_period_end", "true".equals(form.get("cancel_at_period_end")));
                    } else {
                        status = 404;
                        answer = new JsonObject()
                                .put(
                                        "error",
                                        new JsonObject()
                                                .put("type", "invalid_request_error")
                                                .put("code", "resource_missing")
                                                .put("message", "No such object."));
                    }
                    req.response()
                            .setStatusCode(status)
                            .putHeader("Content-Type", "application/json")
                            .end(answer.encode());
                }))
                .listen(0, "127.0.0.1")
                .await(5, TimeUnit.SECONDS);
        stripe = new StripeGateway(WebClient.create(vertx), "http://127.0.0.1:" + server.actualPort(), 5000);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(5, TimeUnit.SECONDS);
    }

    private static Seen last() {
        synchronized (seen) {
            return seen.get(seen.size() - 1);
        }
    }

    @Test
    void aSubscriptionCheckoutIsASessionInSubscriptionModeWithARecurringPrice() throws Exception {
        var session = stripe.createCheckout(
                        KEY,
                        new PaymentGateway.CheckoutRequest(
                                PaymentGateway.Kind.SUBSCRIPTION,
                                "pay_123",
                                "Gold — monthly",
                                29900,
                                "INR",
                                "month",
                                "reader@example.com",
                                "https://site.example/ok",
                                "https://site.example/no",
                                Map.of("tierId", "tier_9")))
                .await(5, TimeUnit.SECONDS);
        assertEquals("cs_test_1", session.id());
        assertEquals("https://checkout.stripe.com/c/pay/cs_test_1", session.url());
        assertEquals(1_900_000_000L, session.expiresAt());
        Seen s = last();
        assertEquals("POST", s.method());
        assertEquals("/v1/checkout/sessions", s.path());
        assertEquals("Bearer sk_test_author", s.auth());
        assertEquals("checkout-pay_123", s.idempotencyKey());
        assertEquals("subscription", s.form().get("mode"));
        assertEquals("inr", s.form().get("line_items[0][price_data][currency]"));
        assertEquals("29900", s.form().get("line_items[0][price_data][unit_amount]"));
        assertEquals("month", s.form().get("line_items[0][price_data][recurring][interval]"));
        assertEquals("Gold — monthly", s.form().get("line_items[0][price_data][product_data][name]"));
        assertEquals("pay_123", s.form().get("client_reference_id"));
        assertEquals("tier_9", s.form().get("metadata[tierId]"));
        assertEquals("reader@example.com", s.form().get("customer_email"));
    }

    @Test
    void aPurchaseIsAOneTimePayment() throws Exception {
        stripe.createCheckout(
                        KEY,
                        new PaymentGateway.CheckoutRequest(
                                PaymentGateway.Kind.PURCHASE,
                                "pay_7",
                                "Chapter 12",
                                4900,
                                "USD",
                                null,
                                null,
                                "https://s/ok",
                                "https://s/no",
                                Map.of()))
                .await(5, TimeUnit.SECONDS);
        Seen s = last();
        assertEquals("payment", s.form().get("mode"));
        assertFalse(s.form().containsKey("line_items[0][price_data][recurring][interval]"));
        assertEquals("PURCHASE", s.form().get("metadata[kind]"));
    }

    @Test
    void cancellingNowDeletesAndAtPeriodEndUpdates() throws Exception {
        stripe.cancelSubscription(KEY, "sub_1", true).await(5, TimeUnit.SECONDS);
        assertEquals("POST", last().method());
        assertEquals("true", last().form().get("cancel_at_period_end"));
        stripe.cancelSubscription(KEY, "sub_2", false).await(5, TimeUnit.SECONDS);
        assertEquals("DELETE", last().method());
        assertEquals("/v1/subscriptions/sub_2", last().path());
    }

    @Test
    void refundsAndFetchesReadStripesAnswers() throws Exception {
        var refund = stripe.refund(KEY, "pi_1", 500).await(5, TimeUnit.SECONDS);
        assertEquals("re_1", refund.id());
        assertEquals(500, refund.amount());
        assertEquals("pi_1", last().form().get("payment_intent"));
        assertEquals("refund-pi_1-500", last().idempotencyKey());
        assertEquals(
                "active",
                stripe.fetch(KEY, "subscription", "sub_5")
                        .await(5, TimeUnit.SECONDS)
                        .getString("status"));
    }

    @Test
    void errorsSayWhetherStripeRefusedOrFailed() {
        GatewayException refused = assertThrows(
                GatewayException.class, () -> stripe.refund(KEY, "pi_1", 999999).await(5, TimeUnit.SECONDS));
        assertTrue(refused.rejected());
        assertEquals("amount_too_large", refused.code());
        assertEquals(400, refused.status());
        GatewayException down = assertThrows(
                GatewayException.class,
                () -> stripe.cancelSubscription(KEY, "sub_down", false).await(5, TimeUnit.SECONDS));
        assertFalse(down.rejected(), "a 5xx is worth retrying");
        StripeGateway nowhere = new StripeGateway(WebClient.create(vertx), "http://127.0.0.1:1", 2000);
        GatewayException unreachable = assertThrows(
                GatewayException.class,
                () -> nowhere.fetch(KEY, "invoice", "in_1").await(5, TimeUnit.SECONDS));
        assertFalse(unreachable.rejected());
    }
}
