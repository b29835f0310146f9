package io.quire.billing;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tier sync to a gateway, an admin settling a dispute, and the renewal and expiry reminders. */
class BillingOperationsTest {
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
    void aTierIsSyncedToStripeAsAPrice() {
        BillingWorld.Shop shop = world.shop("stripe");
        JsonObject synced = ok(
                world.api.post(
                        "/api/v1/tiers/" + shop.tier() + "/sync/stripe",
                        null,
                        shop.author().token()),
                200);
        assertTrue(synced.getJsonObject("plans").getString("stripe:MONTHLY").startsWith("price_"), synced.encode());
        String form = world.gateways.to("/stripe/v1/prices").getLast().body();
        assertTrue(
                form.contains("unit_amount=500")
                        && form.contains("recurring%5Binterval%5D=month")
                        && form.contains("currency=usd"),
                form);
        problem(
                world.api.post(
                        "/api/v1/tiers/" + shop.tier() + "/sync/xendit",
                        null,
                        shop.author().token()),
                409,
                "tier.sync_unsupported");
        problem(
                world.api.post(
                        "/api/v1/tiers/" + shop.tier() + "/sync/razorpay",
                        null,
                        shop.author().token()),
                409,
                "checkout.gateway_not_connected");
        problem(
                world.api.post(
                        "/api/v1/tiers/" + shop.tier() + "/sync/stripe",
                        null,
                        world.fixtures.author().token()),
                404,
                "tier.not_found");
    }

    @Test
    void anAdminSettlesADisputeTheGatewayNeverReported() throws Exception {
        BillingWorld.Shop shop = world.shop("stripe");
        Authoring.User reader = world.fixtures.reader();
        JsonObject buy = ok(
                world.api.post(
                        "/api/v1/checkout/purchase", new JsonObject().put("chapterId", shop.paid()), reader.token()),
                201);
        world.stripe(
                shop.author(),
                "checkout.session.completed",
                BillingWorld.now(),
                new JsonObject()
                        .put("id", buy.getString("sessionId"))
                        .put("client_reference_id", buy.getString("paymentId"))
                        .put("payment_status", "paid")
                        .put("payment_intent", "pi_admin"));
        world.awaitReads(reader, shop.paid(), true, "bought");
        String mark = "/api/v1/payments/" + buy.getString("paymentId") + "/dispute/mark";
        problem(
                world.api.post(
                        mark,
                        new JsonObject().put("outcome", "lost"),
                        world.fixtures.admin().token()),
                409,
                "dispute.not_open");
        world.stripe(
                shop.author(),
                "charge.dispute.created",
                BillingWorld.now(),
                new JsonObject()
                        .put("id", "dp_admin")
                        .put("payment_intent", "pi_admin")
                        .put("status", "needs_response")
                        .put("reason", "general"));
        Eventually.await(
                () -> world.api
                                .get(
                                        "/api/v1/payments/" + buy.getString("paymentId") + "/dispute",
                                        shop.author().token())
                                .statusCode()
                        == 200,
                5_000,
                "disputed");
        problem(
                world.api.post(
                        mark,
                        new JsonObject().put("outcome", "lost"),
                        shop.author().token()),
                403,
                "auth.forbidden");
        problem(
                world.api.post(
                        mark,
                        new JsonObject().put("outcome", "maybe"),
                        world.fixtures.admin().token()),
                422,
                "request.invalid");
        JsonObject settled = ok(
                world.api.post(
                        mark,
                        new JsonObject().put("outcome", "lost"),
                        world.fixtures.admin().token()),
                200);
        assertEquals("lost", settled.getString("outcome"));
        world.awaitReads(reader, shop.paid(), false, "a lost dispute takes the chapter back");
    }

    @Test
    void readersAreRemindedOnceBeforeARenewalAndBeforeAnEnd() throws Exception {
        BillingWorld.Shop shop = world.shop("stripe");
        Authoring.User reader = world.fixtures.reader();
        JsonObject c = ok(
                world.api.post(
                        "/api/v1/sites/" + shop.site() + "/subscribe",
                        new JsonObject().put("tierId", shop.tier()),
                        reader.token()),
                201);
        String sub = c.getString("subscriptionId");
        world.stripe(
                shop.author(),
                "checkout.session.completed",
                BillingWorld.now(),
                new JsonObject()
                        .put("id", c.getString("sessionId"))
                        .put("client_reference_id", c.getString("paymentId"))
                        .put("payment_status", "paid")
                        .put("subscription", "sub_remind"));
        world.awaitSubscription(reader, sub, "ACTIVE");
        world.app
                .db
                .query("UPDATE reader_subscriptions SET current_period_end = now() + interval '2 days' WHERE id = '"
                        + sub + "'")
                .execute()
                .await(5, TimeUnit.SECONDS);
        String email = "(SELECT email FROM users WHERE id = '" + reader.id() + "')";
        for (int i = 0; i < 2; i++) {
            expireJob();
        }
        Eventually.await(
                () -> world.app.count("SELECT count(*) FROM outbound_emails WHERE to_address = " + email
                                + " AND subject LIKE '%renews soon%'")
                        == 1,
                5_000,
                "a renewal reminder");
        ok(world.api.post("/api/v1/my-subscriptions/" + sub + "/cancel", null, reader.token()), 200);
        for (int i = 0; i < 2; i++) {
            expireJob();
        }
        Eventually.await(
                () -> world.app.count("SELECT count(*) FROM outbound_emails WHERE to_address = " + email
                                + " AND subject LIKE '%ends soon%'")
                        == 1,
                5_000,
                "an expiry reminder");
        Thread.sleep(300);
        assertEquals(
                1,
                world.app.count("SELECT count(*) FROM outbound_emails WHERE to_address = " + email
                        + " AND subject LIKE '%soon%' AND subject LIKE '%renews%'"));
        assertEquals(
                1,
                world.app.count("SELECT count(*) FROM outbound_emails WHERE to_address = " + email
                        + " AND subject LIKE '%ends soon%'"));
    }

    @Test
    void payoutsFollowTheGatewaysEventsAndStayTheAuthorsOwn() throws Exception {
        BillingWorld.Shop shop = world.shop("stripe");
        world.connect(shop.author(), "razorpay");
        long t = BillingWorld.now();
        JsonObject payout = new JsonObject()
                .put("id", "po_1")
                .put("object", "payout")
                .put("amount", 12000)
                .put("currency", "usd")
                .put("arrival_date", t + 2 * 86400)
                .put("statement_descriptor", "QUIRE");
        world.stripe(shop.author(), "payout.created", t, payout.copy().put("status", "pending"));
        world.stripe(shop.author(), "payout.paid", t + 20, payout.copy().put("status", "paid"));
        // an older update arriving late changes nothing
        world.stripe(shop.author(), "payout.updated", t + 10, payout.copy().put("status", "in_transit"));
        world.stripe(
                shop.author(),
                "payout.failed",
                t + 5,
                new JsonObject()
                        .put("id", "po_2")
                        .put("amount", 3000)
                        .put("currency", "usd")
                        .put("status", "failed")
                        .put("failure_code", "account_closed")
                        .put("failure_message", "The bank account is closed."));
        world.razorpay(
                shop.author(),
                "settlement.processed",
                t,
                new JsonObject()
                        .put(
                                "settlement",
                                new JsonObject()
                                        .put(
                                                "entity",
                                                new JsonObject()
                                                        .put("id", "setl_1")
                                                        .put("amount", 50000)
                                                        .put("fees", 1180)
                                                        .put("status", "processed")
                                                        .put("utr", "UTR123")
                                                        .put("created_at", t))));
        Eventually.await(
                () -> ok(world.api.get("/api/v1/payouts", shop.author().token()), 200)
                                .getJsonArray("data")
                                .size()
                        == 3,
                5_000,
                "three payouts");
        Thread.sleep(300);
        JsonObject paid =
                ok(world.api.get("/api/v1/payouts?status=PAID", shop.author().token()), 200);
        assertEquals(2, paid.getJsonArray("data").size(), paid.encode());
        JsonObject stats =
                ok(world.api.get("/api/v1/payouts/stats", shop.author().token()), 200);
        JsonObject usd = stats.getJsonArray("data").stream()
                .map(o -> (JsonObject) o)
                .filter(o -> o.getString("currency").equals("USD"))
                .findFirst()
                .orElseThrow();
        assertEquals(12000, usd.getLong("paid"));
        assertEquals(1, usd.getLong("failedCount"));
        JsonObject inr = stats.getJsonArray("data").stream()
                .map(o -> (JsonObject) o)
                .filter(o -> o.getString("currency").equals("INR"))
                .findFirst()
                .orElseThrow();
        assertEquals(50000, inr.getLong("paid"));
        assertEquals(1180, inr.getLong("fees"));
        String id = paid.getJsonArray("data").getJsonObject(0).getString("id");
        assertEquals(
                200,
                world.api.get("/api/v1/payouts/" + id, shop.author().token()).statusCode());
        problem(world.api.get("/api/v1/payouts/" + id, world.fixtures.author().token()), 404, "payout.not_found");
        assertEquals(
                0,
                ok(world.api.get("/api/v1/payouts", world.fixtures.author().token()), 200)
                        .getJsonArray("data")
                        .size());
        var csv = world.api.get("/api/v1/payouts/export", shop.author().token());
        assertEquals(4, csv.bodyAsString().split("\\n").length, csv.bodyAsString());
        problem(world.api.get("/api/v1/payouts?status=LOST", shop.author().token()), 422, "request.invalid");
    }

    @Test
    void subscriptionAndPaymentErrorPathsAreClearProblems() throws Exception {
        BillingWorld.Shop shop = world.shop("stripe");
        problem(
                world.api.patch(
                        "/api/v1/chapters/" + shop.free() + "/access",
                        new JsonObject().put("price", 100),
                        shop.author().token()),
                422,
                "request.invalid");
        Authoring.User reader = world.fixtures.reader();
        JsonObject c = ok(
                world.api.post(
                        "/api/v1/sites/" + shop.site() + "/subscribe",
                        new JsonObject().put("tierId", shop.tier()),
                        reader.token()),
                201);
        String sub = c.getString("subscriptionId");
        var pending = world.api.get("/api/v1/my/payments/" + c.getString("paymentId") + "/receipt", reader.token());
        problem(pending, 409, "payment.not_paid");
        problem(
                world.api.get(
                        "/api/v1/payments/" + c.getString("paymentId") + "/dispute",
                        shop.author().token()),
                404,
                "dispute.not_found");
        world.stripe(
                shop.author(),
                "checkout.session.completed",
                BillingWorld.now(),
                new JsonObject()
                        .put("id", c.getString("sessionId"))
                        .put("client_reference_id", c.getString("paymentId"))
                        .put("payment_status", "paid")
                        .put("subscription", "sub_errors")
                        .put("payment_intent", "pi_errors")
                        .put("amount_total", 500));
        world.awaitSubscription(reader, sub, "ACTIVE");

        String rupees = ok(
                        world.api.post(
                                "/api/v1/sites/" + shop.site() + "/tiers",
                                new JsonObject()
                                        .put("name", "Rupee")
                                        .put("monthlyPrice", 9900)
                                        .put("currency", "INR"),
                                shop.author().token()),
                        201)
                .getString("id");
        problem(
                world.api.patch(
                        "/api/v1/my-subscriptions/" + sub, new JsonObject().put("tierId", rupees), reader.token()),
                409,
                "subscription.currency_mismatch");
        world.gateways.failNext.set(503);
        problem(
                world.api.post("/api/v1/my-subscriptions/" + sub + "/cancel", null, reader.token()),
                503,
                "billing.gateway_unavailable");
        assertEquals(
                "ACTIVE",
                ok(world.api.get("/api/v1/my-subscriptions/" + sub, reader.token()), 200)
                        .getString("status"),
                "nothing changes when the gateway was not told");
        world.gateways.failNext.set(400);
        problem(
                world.api.post(
                        "/api/v1/payments/" + c.getString("paymentId") + "/refund",
                        new JsonObject().put("amount", 100),
                        shop.author().token()),
                502,
                "refund.gateway_rejected");
        ok(world.api.post("/api/v1/my-subscriptions/" + sub + "/cancel", null, reader.token()), 200);
        problem(
                world.api.post("/api/v1/my-subscriptions/" + sub + "/cancel", null, reader.token()),
                409,
                "subscription.not_cancellable");
        problem(
                world.api.patch(
                        "/api/v1/my-subscriptions/" + sub, new JsonObject().put("tierId", rupees), reader.token()),
                409,
                "subscription.not_changeable");

        ok(
                world.api.post(
                        "/api/v1/tiers/" + shop.tier() + "/deactivate",
                        null,
                        shop.author().token()),
                200);
        problem(
                world.api.post(
                        "/api/v1/sites/" + shop.site() + "/subscribe",
                        new JsonObject().put("tierId", shop.tier()),
                        world.fixtures.reader().token()),
                409,
                "tier.inactive");

        // Xendit cannot restart a stopped recurring payment
        BillingWorld.Shop xendit = world.shop("xendit");
        JsonObject x = ok(
                world.api.post(
                        "/api/v1/sites/" + xendit.site() + "/subscribe",
                        new JsonObject().put("tierId", xendit.tier()),
                        reader.token()),
                201);
        world.xendit(
                xendit.author(),
                new JsonObject()
                        .put("id", "xinv_err")
                        .put("external_id", x.getString("paymentId"))
                        .put("recurring_payment_id", x.getString("sessionId"))
                        .put("status", "PAID")
                        .put("paid_amount", 500)
                        .put("updated", "2026-11-23T11:00:00.000Z"));
        world.awaitSubscription(reader, x.getString("subscriptionId"), "ACTIVE");
        ok(
                world.api.post(
                        "/api/v1/my-subscriptions/" + x.getString("subscriptionId") + "/cancel", null, reader.token()),
                200);
        problem(
                world.api.post(
                        "/api/v1/my-subscriptions/" + x.getString("subscriptionId") + "/resume", null, reader.token()),
                409,
                "subscription.resume_unsupported");
    }

    static void expireJob() throws Exception {
        long done = world.app.count("SELECT count(*) FROM jobs WHERE type = 'billing.expire' AND status = 'done'");
        world.app
                .db
                .query(
                        "INSERT INTO jobs (id, type, payload, max_attempts) VALUES (gen_random_uuid(), 'billing.expire', '{}', 3)")
                .execute()
                .await(5, TimeUnit.SECONDS);
        Eventually.await(
                () -> world.app.count("SELECT count(*) FROM jobs WHERE type = 'billing.expire' AND status = 'done'")
                        > done,
                10_000,
                "expiry job ran");
    }
}
