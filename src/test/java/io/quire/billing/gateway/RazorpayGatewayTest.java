package io.quire.billing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Razorpay adapter against a local server speaking the subset of Razorpay's API it uses. */
class RazorpayGatewayTest {
    record Seen(String method, String path, String auth, JsonObject body) {}

    static Vertx vertx;
    static final List<Seen> seen = new ArrayList<>();
    static RazorpayGateway razorpay;
    static final PaymentGateway.Credentials KEY = new PaymentGateway.Credentials("secret_author", "rzp_test_key");

    @BeforeAll
    static void fakeRazorpay() throws Exception {
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    JsonObject json = body.length() == 0 ? null : body.toJsonObject();
                    synchronized (seen) {
                        seen.add(new Seen(req.method().name(), req.path(), req.getHeader("Authorization"), json));
                    }
                    String path = req.path();
                    JsonObject answer;
                    int status = 200;
                    if (path.equals("/v1/payment_links")) {
                        answer = new JsonObject()
                                .put("id", "plink_1")
                                .put("short_url", "https://rzp.io/i/abc")
                                .put("status", "created")
                                .put("expire_by", 0);
                    } else if (path.equals("/v1/subscriptions")) {
                        answer = new JsonObject()
                                .put("id", "sub_R1")
                                .put("short_url", "https://rzp.io/i/sub")
                                .put("status", "created");
                    } else if (path.endsWith("/cancel")) {
                        answer = new JsonObject().put("id", path.split("/")[3]).put("status", "cancelled");
                    } else if (path.endsWith("/refund") && json != null && json.getLong("amount") > 10_000) {
                        status = 400;
                        answer = new JsonObject()
                                .put(
                                        "error",
                                        new JsonObject()
                                                .put("code", "BAD_REQUEST_ERROR")
                                                .put(
                                                        "description",
                                                        "The refund amount provided is greater than amount captured"));
                    } else if (path.endsWith("/refund")) {
                        answer = new JsonObject()
                                .put("id", "rfnd_1")
                                .put("status", "processed")
                                .put("amount", json.getLong("amount"));
                    } else if (path.startsWith("/v1/payments/")) {
                        answer = new JsonObject().put("id", path.substring(13)).put("status", "captured");
                    } else {
                        status = 500;
                        answer = new JsonObject()
                                .put(
                                        "error",
                                        new JsonObject()
                                                .put("code", "SERVER_ERROR")
                                                .put("description", "oops"));
                    }
                    req.response()
                            .setStatusCode(status)
                            .putHeader("Content-Type", "application/json")
                            .end(answer.encode());
                }))
                .listen(0, "127.0.0.1")
                .await(5, TimeUnit.SECONDS);
        razorpay = new RazorpayGateway(WebClient.create(vertx), "http://127.0.0.1:" + server.actualPort(), 5000);
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
    void aPurchaseIsAPaymentLinkWithOurReferenceAndBasicAuth() throws Exception {
        var link = razorpay.createCheckout(
                        KEY,
                        new PaymentGateway.CheckoutRequest(
                                PaymentGateway.Kind.TIP,
                                "pay_9",
                                "A tip",
                                10000,
                                "INR",
                                null,
                                "reader@example.com",
                                "https://site.example/ok",
                                "https://site.example/no",
                                Map.of("siteId", "s1")))
                .await(5, TimeUnit.SECONDS);
        assertEquals("plink_1", link.id());
        assertEquals("https://rzp.io/i/abc", link.url());
        Seen s = last();
        assertEquals("/v1/payment_links", s.path());
        assertEquals(
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString("rzp_test_key:secret_author".getBytes(StandardCharsets.UTF_8)),
                s.auth());
        assertEquals(10000, s.body().getLong("amount"));
        assertEquals("INR", s.body().getString("currency"));
        assertEquals("pay_9", s.body().getString("reference_id"));
        assertEquals("TIP", s.body().getJsonObject("notes").getString("kind"));
        assertEquals("s1", s.body().getJsonObject("notes").getString("siteId"));
        assertEquals("reader@example.com", s.body().getJsonObject("customer").getString("email"));
    }

    @Test
    void aSubscriptionUsesTheTiersSyncedPlan() throws Exception {
        var sub = razorpay.createCheckout(
                        KEY,
                        new PaymentGateway.CheckoutRequest(
                                PaymentGateway.Kind.SUBSCRIPTION,
                                "pay_10",
                                "Gold",
                                29900,
                                "INR",
                                "month",
                                null,
                                "https://s/ok",
                                "https://s/no",
                                Map.of("planId", "plan_G")))
                .await(5, TimeUnit.SECONDS);
        assertEquals("sub_R1", sub.id());
        assertEquals("plan_G", last().body().getString("plan_id"));
        GatewayException noPlan = assertThrows(
                GatewayException.class,
                () -> razorpay.createCheckout(
                                KEY,
                                new PaymentGateway.CheckoutRequest(
                                        PaymentGateway.Kind.SUBSCRIPTION,
                                        "pay_11",
                                        "Gold",
                                        29900,
                                        "INR",
                                        "month",
                                        null,
                                        "https://s/ok",
                                        "https://s/no",
                                        Map.of()))
                        .await(5, TimeUnit.SECONDS));
        assertEquals("plan_required", noPlan.code());
    }

    @Test
    void cancelRefundFetchAndErrors() throws Exception {
        razorpay.cancelSubscription(KEY, "sub_R1", true).await(5, TimeUnit.SECONDS);
        assertEquals("/v1/subscriptions/sub_R1/cancel", last().path());
        assertEquals(1, last().body().getInteger("cancel_at_cycle_end"));
        assertEquals(
                "rfnd_1",
                razorpay.refund(KEY, "pay_X", 500).await(5, TimeUnit.SECONDS).id());
        assertEquals("/v1/payments/pay_X/refund", last().path());
        assertEquals(
                "captured",
                razorpay.fetch(KEY, "payment", "pay_X")
                        .await(5, TimeUnit.SECONDS)
                        .getString("status"));
        GatewayException refused = assertThrows(
                GatewayException.class,
                () -> razorpay.refund(KEY, "pay_X", 99_999).await(5, TimeUnit.SECONDS));
        assertTrue(refused.rejected());
        assertEquals("BAD_REQUEST_ERROR", refused.code());
        GatewayException failed = assertThrows(
                GatewayException.class,
                () -> razorpay.fetch(KEY, "order", "order_1").await(5, TimeUnit.SECONDS));
        assertFalse(failed.rejected());
        assertEquals(500, failed.status());
    }
}
