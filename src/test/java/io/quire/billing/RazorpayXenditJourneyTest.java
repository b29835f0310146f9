package io.quire.billing;

import static io.quire.testing.Api.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The subscription journey through Razorpay and through Xendit, each driven by that gateway's signed events:
 * checkout → active → renewal → payment failed → past due → cancelled → expired, the reader's access checked
 * through the read endpoint at each step; and a Razorpay chapter purchase refunded.
 */
class RazorpayXenditJourneyTest {
    static BillingWorld world;

    @BeforeAll
    static void start() throws Exception {
        world = new BillingWorld();
    }

    @AfterAll
    static void stop() throws Exception {
        world.close();
    }

    @Test
    void razorpaySubscriptionFromCheckoutToExpiry() throws Exception {
        BillingWorld.Shop shop = world.shop("razorpay");
        Authoring.User reader = world.fixtures.reader();
        JsonObject checkout = ok(
                world.api.post(
                        "/api/v1/sites/" + shop.site() + "/subscribe",
                        new JsonObject().put("tierId", shop.tier()),
                        reader.token()),
                201);
        JsonObject plan =
                new JsonObject(world.gateways.to("/razorpay/v1/plans").getLast().body());
        assertEquals("monthly", plan.getString("period"));
        assertEquals(500, plan.getJsonObject("item").getLong("amount"));
        JsonObject created = new JsonObject(
                world.gateways.to("/razorpay/v1/subscriptions").getLast().body());
        assertTrue(created.getString("plan_id").startsWith("plan_"));
        assertEquals(
                checkout.getString("subscriptionId"),
                created.getJsonObject("notes").getString("subscriptionId"));
        String rzpSub = checkout.getString("sessionId");
        assertTrue(rzpSub.startsWith("sub_rzp_"));
        String sub = checkout.getString("subscriptionId");

        long t0 = BillingWorld.now();
        world.razorpay(shop.author(), "subscription.charged", t0, charged(rzpSub, "pay_1", t0, t0 + 30 * 86400, sub));
        world.awaitSubscription(reader, sub, "ACTIVE");
        world.awaitReads(reader, shop.paid(), true, "razorpay subscriber reads");
        assertEquals(
                "SUCCEEDED",
                ok(world.api.get("/api/v1/checkout/session/" + rzpSub, reader.token()), 200)
                        .getString("status"));

        world.razorpay(
                shop.author(),
                "subscription.charged",
                t0 + 10,
                charged(rzpSub, "pay_2", t0 + 30 * 86400, t0 + 60 * 86400, sub));
        Eventually.await(
                () -> ok(world.api.get("/api/v1/my-subscriptions/" + sub + "/invoices", reader.token()), 200)
                                .getJsonArray("data")
                                .size()
                        == 2,
                5_000,
                "renewal recorded");
        JsonObject renewed = ok(world.api.get("/api/v1/my-subscriptions/" + sub, reader.token()), 200);
        assertEquals(
                t0 + 60 * 86400,
                OffsetDateTime.parse(renewed.getString("currentPeriodEnd")).toEpochSecond());
        JsonObject payment = ok(world.api.get("/api/v1/my-subscriptions/" + sub + "/invoices", reader.token()), 200)
                .getJsonArray("data")
                .getJsonObject(0);
        assertEquals(12, payment.getLong("gatewayFee"), "Razorpay's fee is recorded");
        assertEquals(500 - 12 - 50, payment.getLong("netAmount"));

        world.razorpay(
                shop.author(),
                "subscription.pending",
                t0 + 20,
                new JsonObject().put("subscription", entity(rzpSub, sub)));
        world.awaitSubscription(reader, sub, "PAST_DUE");
        assertTrue(world.reads(reader, shop.paid()), "grace days");
        world.razorpay(
                shop.author(),
                "subscription.cancelled",
                t0 + 30,
                new JsonObject().put("subscription", entity(rzpSub, sub)));
        world.awaitSubscription(reader, sub, "CANCELLED");
        world.awaitReads(reader, shop.paid(), true, "cancelled reads until the period ends");
        expire(sub);
        world.awaitSubscription(reader, sub, "EXPIRED");
        world.awaitReads(reader, shop.paid(), false, "expired is locked");

        // a chapter bought through a Payment Link, then refunded
        JsonObject buy = ok(world.api.post("/api/v1/chapters/" + shop.paid() + "/unlock", null, reader.token()), 201);
        JsonObject link = new JsonObject(
                world.gateways.to("/razorpay/v1/payment_links").getLast().body());
        assertEquals(buy.getString("paymentId"), link.getString("reference_id"));
        assertEquals(199, link.getLong("amount"));
        world.razorpay(
                shop.author(),
                "payment_link.paid",
                BillingWorld.now(),
                new JsonObject()
                        .put(
                                "payment_link",
                                new JsonObject()
                                        .put(
                                                "entity",
                                                new JsonObject()
                                                        .put("id", buy.getString("sessionId"))
                                                        .put("reference_id", buy.getString("paymentId"))))
                        .put(
                                "payment",
                                new JsonObject()
                                        .put(
                                                "entity",
                                                new JsonObject()
                                                        .put("id", "pay_buy")
                                                        .put("amount", 199)
                                                        .put("fee", 5))));
        world.awaitReads(reader, shop.paid(), true, "bought");
        ok(
                world.api.post(
                        "/api/v1/payments/" + buy.getString("paymentId") + "/refund",
                        null,
                        shop.author().token()),
                202);
        assertTrue(world.gateways.to("/razorpay/v1/payments/pay_buy/refund").size() == 1);
        world.razorpay(
                shop.author(),
                "refund.processed",
                BillingWorld.now(),
                new JsonObject()
                        .put(
                                "refund",
                                new JsonObject()
                                        .put(
                                                "entity",
                                                new JsonObject()
                                                        .put("id", "rfnd_1")
                                                        .put("payment_id", "pay_buy")
                                                        .put("amount", 199))));
        world.awaitReads(reader, shop.paid(), false, "refunded");
    }

    @Test
    void xenditSubscriptionFromCheckoutToExpiry() throws Exception {
        BillingWorld.Shop shop = world.shop("xendit");
        Authoring.User reader = world.fixtures.reader();
        JsonObject checkout = ok(
                world.api.post(
                        "/api/v1/sites/" + shop.site() + "/subscribe",
                        new JsonObject().put("tierId", shop.tier()),
                        reader.token()),
                201);
        JsonObject recurring = new JsonObject(
                world.gateways.to("/xendit/recurring_payments").getLast().body());
        assertEquals(checkout.getString("paymentId"), recurring.getString("external_id"));
        assertEquals("MONTH", recurring.getString("interval"));
        String rp = checkout.getString("sessionId");
        String sub = checkout.getString("subscriptionId");

        world.xendit(
                shop.author(),
                cycle("xinv_1", rp, checkout.getString("paymentId"), "PAID", "2026-11-23T10:00:00.000Z"));
        JsonObject active = world.awaitSubscription(reader, sub, "ACTIVE");
        world.awaitReads(reader, shop.paid(), true, "xendit subscriber reads");
        OffsetDateTime firstEnd = OffsetDateTime.parse(active.getString("currentPeriodEnd"));
        world.xendit(
                shop.author(),
                cycle("xinv_2", rp, checkout.getString("paymentId"), "PAID", "2026-11-23T10:01:00.000Z"));
        Eventually.await(
                () -> OffsetDateTime.parse(ok(world.api.get("/api/v1/my-subscriptions/" + sub, reader.token()), 200)
                                .getString("currentPeriodEnd"))
                        .isAfter(firstEnd.plusDays(27)),
                5_000,
                "a paid cycle extends a month");
        // the same cycle told again (settled after paid) extends nothing
        world.xendit(
                shop.author(),
                cycle("xinv_2", rp, checkout.getString("paymentId"), "SETTLED", "2026-11-23T10:02:00.000Z"));
        Thread.sleep(300);
        OffsetDateTime secondEnd =
                OffsetDateTime.parse(ok(world.api.get("/api/v1/my-subscriptions/" + sub, reader.token()), 200)
                        .getString("currentPeriodEnd"));
        assertFalse(secondEnd.isAfter(firstEnd.plusMonths(1).plusDays(1)), "not extended twice: " + secondEnd);

        world.xendit(
                shop.author(),
                cycle("xinv_3", rp, checkout.getString("paymentId"), "EXPIRED", "2026-11-23T10:03:00.000Z"));
        world.awaitSubscription(reader, sub, "PAST_DUE");
        assertTrue(world.reads(reader, shop.paid()), "grace days");
        JsonObject cancelled =
                ok(world.api.post("/api/v1/my-subscriptions/" + sub + "/cancel", null, reader.token()), 200);
        assertEquals("CANCELLED", cancelled.getString("status"));
        assertEquals(
                1,
                world.gateways.to("/xendit/recurring_payments/" + rp + "/stop!").size());
        world.awaitReads(reader, shop.paid(), true, "cancelled reads until the period ends");
        expire(sub);
        world.awaitSubscription(reader, sub, "EXPIRED");
        world.awaitReads(reader, shop.paid(), false, "expired is locked");
        assertEquals(
                2,
                ok(
                                world.api.get(
                                        "/api/v1/payments?status=SUCCEEDED",
                                        shop.author().token()),
                                200)
                        .getJsonArray("data")
                        .size());
    }

    /** Moves the subscription's paid period into the past and runs the expiry job now. */
    static void expire(String sub) throws Exception {
        world.app
                .db
                .query("UPDATE reader_subscriptions SET current_period_end = now() - interval '1 minute' WHERE id = '"
                        + sub + "'")
                .execute()
                .await(5, TimeUnit.SECONDS);
        world.app
                .db
                .query(
                        "INSERT INTO jobs (id, type, payload, max_attempts) VALUES (gen_random_uuid(), 'billing.expire', '{}', 3)")
                .execute()
                .await(5, TimeUnit.SECONDS);
    }

    static JsonObject entity(String rzpSub, String ours) {
        return new JsonObject()
                .put(
                        "entity",
                        new JsonObject().put("id", rzpSub).put("notes", new JsonObject().put("subscriptionId", ours)));
    }

    static JsonObject charged(String rzpSub, String payment, long start, long end, String ours) {
        return new JsonObject()
                .put(
                        "subscription",
                        new JsonObject()
                                .put(
                                        "entity",
                                        new JsonObject()
                                                .put("id", rzpSub)
                                                .put("status", "active")
                                                .put("current_start", start)
                                                .put("current_end", end)
                                                .put("notes", new JsonObject().put("subscriptionId", ours))))
                .put(
                        "payment",
                        new JsonObject()
                                .put(
                                        "entity",
                                        new JsonObject()
                                                .put("id", payment)
                                                .put("amount", 500)
                                                .put("fee", 12)
                                                .put("invoice_id", "inv_" + payment)));
    }

    static JsonObject cycle(String invoice, String recurring, String reference, String status, String updated) {
        return new JsonObject()
                .put("id", invoice)
                .put("external_id", reference)
                .put("recurring_payment_id", recurring)
                .put("status", status)
                .put("amount", 500)
                .put("paid_amount", 500)
                .put("currency", "USD")
                .put("updated", updated);
    }
}
