package io.quire.billing;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A gift of three months: bought, paid through Stripe, delivered by email with its code, claimed once. */
class GiftsTest {
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
    void aGiftIsPaidDeliveredAndClaimedOnce() throws Exception {
        BillingWorld.Shop shop = world.shop("stripe");
        Authoring.User giver = world.fixtures.reader();
        Authoring.User recipient = world.fixtures.reader();
        String email = text("SELECT email FROM users WHERE id = $1", recipient.id());
        JsonObject bought = ok(
                world.api.post(
                        "/api/v1/sites/" + shop.site() + "/gift",
                        new JsonObject()
                                .put("tierId", shop.tier())
                                .put("months", 3)
                                .put("recipientEmail", email.toUpperCase())
                                .put("message", "Enjoy!"),
                        giver.token()),
                201);
        assertEquals(1500, bought.getLong("amount"), "three months of a 5.00 tier");
        String gift = bought.getString("giftId");
        String code = text("SELECT claim_code FROM gift_subscriptions WHERE id = $1", UUID.fromString(gift));
        assertTrue(code.length() >= 20, "unguessable");
        problem(world.api.get("/api/v1/gifts/claim/" + code, null), 404, "gift.not_found");

        world.stripe(
                shop.author(),
                "checkout.session.completed",
                BillingWorld.now(),
                new JsonObject()
                        .put("id", bought.getString("sessionId"))
                        .put("client_reference_id", bought.getString("paymentId"))
                        .put("payment_status", "paid")
                        .put("payment_intent", "pi_gift")
                        .put("amount_total", 1500));
        Eventually.await(() -> "PAID".equals(status(gift)), 5_000, "gift paid");
        runJob();
        Eventually.await(() -> "DELIVERED".equals(status(gift)), 5_000, "gift delivered");
        assertEquals(
                1,
                world.app.count("SELECT count(*) FROM outbound_emails WHERE to_address = '" + email.toLowerCase()
                        + "' AND text_body LIKE '%/gifts/claim/" + code + "%'"),
                "the recipient got the code by email");

        JsonObject info = ok(world.api.get("/api/v1/gifts/claim/" + code, null), 200);
        assertEquals(3, info.getInteger("months"));
        assertFalse(info.containsKey("recipientEmail"));
        assertEquals(
                email.toLowerCase(),
                ok(world.api.get("/api/v1/my-gifts/given", giver.token()), 200)
                        .getJsonArray("data")
                        .getJsonObject(0)
                        .getString("recipientEmail"));
        assertEquals(
                gift,
                ok(world.api.get("/api/v1/my-gifts/received", recipient.token()), 200)
                        .getJsonArray("data")
                        .getJsonObject(0)
                        .getString("id"));

        assertFalse(world.reads(recipient, shop.paid()));
        JsonObject sub = ok(world.api.post("/api/v1/gifts/claim/" + code, null, recipient.token()), 201);
        assertEquals("ACTIVE", sub.getString("status"));
        assertTrue(sub.getBoolean("isGift"));
        assertFalse(sub.getBoolean("autoRenew"), "a gift does not renew");
        OffsetDateTime end = OffsetDateTime.parse(sub.getString("currentPeriodEnd"));
        assertTrue(end.isAfter(OffsetDateTime.now().plusMonths(3).minusDays(1))
                && end.isBefore(OffsetDateTime.now().plusMonths(3).plusDays(1)));
        world.awaitReads(recipient, shop.paid(), true, "the claimed gift opens the paid chapter");
        problem(
                world.api.post(
                        "/api/v1/gifts/claim/" + code,
                        null,
                        world.fixtures.reader().token()),
                409,
                "gift.not_claimable");
        problem(world.api.post("/api/v1/gifts/claim/nope-not-a-code", null, recipient.token()), 404, "gift.not_found");

        // a gift for a later day waits for it
        JsonObject later = ok(
                world.api.post(
                        "/api/v1/sites/" + shop.site() + "/gift",
                        new JsonObject()
                                .put("tierId", shop.tier())
                                .put("recipientEmail", "later@example.com")
                                .put(
                                        "deliveryDate",
                                        OffsetDateTime.now().plusDays(7).toString()),
                        giver.token()),
                201);
        world.stripe(
                shop.author(),
                "checkout.session.completed",
                BillingWorld.now(),
                new JsonObject()
                        .put("id", later.getString("sessionId"))
                        .put("client_reference_id", later.getString("paymentId"))
                        .put("payment_status", "paid")
                        .put("amount_total", 500));
        Eventually.await(() -> "PAID".equals(status(later.getString("giftId"))), 5_000, "paid");
        runJob();
        Thread.sleep(500);
        assertEquals("PAID", status(later.getString("giftId")), "not delivered before its day");
        problem(
                world.api.post(
                        "/api/v1/sites/" + shop.site() + "/gift",
                        new JsonObject()
                                .put("tierId", shop.tier())
                                .put("recipientEmail", "not-an-email")
                                .put("months", 30),
                        giver.token()),
                422,
                "request.invalid");
    }

    static void runJob() throws Exception {
        world.app
                .db
                .query(
                        "INSERT INTO jobs (id, type, payload, max_attempts) VALUES (gen_random_uuid(), 'billing.deliver_gifts', '{}', 3)")
                .execute()
                .await(5, TimeUnit.SECONDS);
    }

    static String status(String gift) {
        try {
            return text("SELECT status FROM gift_subscriptions WHERE id = $1", UUID.fromString(gift));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String text(String sql, Object arg) throws Exception {
        return world.app
                .db
                .preparedQuery(sql)
                .execute(Tuple.of(arg))
                .await(5, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getString(0);
    }
}
