package io.quire.billing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Xendit adapter against a local server speaking the subset of Xendit's API it uses. */
class XenditGatewayTest {
    record Seen(String path, String auth, JsonObject body) {}

    static Vertx vertx;
    static final AtomicReference<Seen> last = new AtomicReference<>();
    static XenditGateway xendit;
    static final PaymentGateway.Credentials KEY = new PaymentGateway.Credentials("xnd_development_author", null);

    @BeforeAll
    static void fakeXendit() throws Exception {
        vertx = Vertx.vertx();
        var server = vertx.createHttpServer()
                .requestHandler(req -> req.body().onSuccess(body -> {
                    JsonObject json = body.length() == 0 ? null : body.toJsonObject();
                    last.set(new Seen(req.path(), req.getHeader("Authorization"), json));
                    String path = req.path();
                    JsonObject answer;
                    int status = 200;
                    if (path.equals("/v2/invoices")) {
                        answer = new JsonObject()
                                .put("id", "inv_1")
                                .put("invoice_url", "https://checkout.xendit.co/web/inv_1")
                                .put("status", "PENDING")
                                .put("expiry_date", "2030-01-02T03:04:05.000Z");
                    } else if (path.equals("/recurring_payments")) {
                        answer = new JsonObject()
                                .put("id", "rp_1")
                                .put("last_created_invoice_url", "https://checkout.xendit.co/web/rp_inv")
                                .put("status", "ACTIVE");
                    } else if (path.endsWith("/stop!")) {
                        answer = new JsonObject().put("id", "rp_1").put("status", "STOPPED");
                    } else if (path.equals("/refunds") && json.getLong("amount") > 100_000) {
                        status = 400;
                        answer = new JsonObject()
                                .put("error_code", "API_VALIDATION_ERROR")
                                .put("message", "amount exceeds the invoice");
                    } else if (path.equals("/refunds")) {
                        answer = new JsonObject()
                                .put("id", "rfd_1")
                                .put("status", "PENDING")
                                .put("amount", json.getLong("amount"));
                    } else {
                        status = 404;
                        answer = new JsonObject()
                                .put("error_code", "DATA_NOT_FOUND")
                                .put("message", "not found");
                    }
                    req.response()
                            .setStatusCode(status)
                            .putHeader("Content-Type", "application/json")
                            .end(answer.encode());
                }))
                .listen(0, "127.0.0.1")
                .await(5, TimeUnit.SECONDS);
        xendit = new XenditGateway(WebClient.create(vertx), "http://127.0.0.1:" + server.actualPort(), 5000);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(5, TimeUnit.SECONDS);
    }

    @Test
    void aPurchaseIsAnInvoiceAndASubscriptionARecurringPayment() throws Exception {
        var invoice = xendit.createCheckout(
                        KEY,
                        new PaymentGateway.CheckoutRequest(
                                PaymentGateway.Kind.PURCHASE,
                                "pay_1",
                                "Chapter 3",
                                25000,
                                "IDR",
                                null,
                                "reader@example.com",
                                "https://s/ok",
                                "https://s/no",
                                Map.of("chapterId", "c3")))
                .await(5, TimeUnit.SECONDS);
        assertEquals("https://checkout.xendit.co/web/inv_1", invoice.url());
        assertEquals(java.time.OffsetDateTime.parse("2030-01-02T03:04:05.000Z").toEpochSecond(), invoice.expiresAt());
        Seen s = last.get();
        assertEquals("/v2/invoices", s.path());
        assertEquals(
                "Basic "
                        + Base64.getEncoder()
                                .encodeToString("xnd_development_author:".getBytes(StandardCharsets.UTF_8)),
                s.auth());
        assertEquals("pay_1", s.body().getString("external_id"));
        assertEquals(25000, s.body().getLong("amount"));
        assertEquals("c3", s.body().getJsonObject("metadata").getString("chapterId"));
        assertEquals("reader@example.com", s.body().getString("payer_email"));

        var recurring = xendit.createCheckout(
                        KEY,
                        new PaymentGateway.CheckoutRequest(
                                PaymentGateway.Kind.SUBSCRIPTION,
                                "pay_2",
                                "Gold",
                                99000,
                                "IDR",
                                "year",
                                null,
                                "https://s/ok",
                                "https://s/no",
                                Map.of()))
                .await(5, TimeUnit.SECONDS);
        assertEquals("rp_1", recurring.id());
        assertEquals("YEAR", last.get().body().getString("interval"));
    }

    @Test
    void stopRefundAndTopLevelErrors() throws Exception {
        xendit.cancelSubscription(KEY, "rp_1", true).await(5, TimeUnit.SECONDS);
        assertEquals("/recurring_payments/rp_1/stop!", last.get().path());
        assertEquals(
                "rfd_1",
                xendit.refund(KEY, "inv_1", 5000).await(5, TimeUnit.SECONDS).id());
        assertEquals("inv_1", last.get().body().getString("invoice_id"));
        GatewayException refused = assertThrows(
                GatewayException.class,
                () -> xendit.refund(KEY, "inv_1", 500_000).await(5, TimeUnit.SECONDS));
        assertTrue(refused.rejected());
        assertEquals("API_VALIDATION_ERROR", refused.code());
        GatewayException missing = assertThrows(
                GatewayException.class,
                () -> xendit.fetch(KEY, "invoice", "inv_x").await(5, TimeUnit.SECONDS));
        assertEquals("DATA_NOT_FOUND", missing.code());
        GatewayException unreachable = assertThrows(
                GatewayException.class,
                () -> new XenditGateway(WebClient.create(vertx), "http://127.0.0.1:1", 2000)
                        .fetch(KEY, "invoice", "inv_1")
                        .await(5, TimeUnit.SECONDS));
        assertFalse(unreachable.rejected());
    }
}
