package io.quire.billing;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A subscription's whole life through Stripe, driven by signed Stripe events through the inbound pipeline, with the
 * reader's access checked through the read endpoint at each step; then a chapter purchase refunded, and a dispute.
 */
class StripeJourneyTest {
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
    void checkoutActiveRenewalPastDueCancelledExpired() throws Exception {
        BillingWorld.Shop shop = world.shop("stripe");
        Authoring.User reader = world.fixtures.reader();
        assertFalse(world.reads(reader, shop.paid()), "locked before paying");

        JsonObject checkout = ok(
                world.api.post(
                        "/api/v1/sites/" + shop.site() + "/subscribe",
                        new JsonObject().put("tierId", shop.tier()),
                        reader.token()),
                201);
        String session = checkout.getString("sessionId");
        assertTrue(session.startsWith("cs_test_"));
        assertTrue(checkout.getString("url").startsWith("https://checkout.stripe.test/"));
        assertEquals("PENDING", checkout.getString("status"));
        assertEquals(500, checkout.getLong("amount"));
        String form =
                world.gateways.to("/stripe/v1/checkout/sessions").getLast().body();
        assertTrue(form.contains("client_reference_id=" + checkout.getString("paymentId")), form);
        assertTrue(form.contains("mode=subscription"), form);
        assertTrue(form.contains("line_items%5B0%5D%5Bprice_data%5D%5Brecurring%5D%5Binterval%5D=month"), form);
        assertTrue(
                form.contains(
                        "subscription_data%5Bmetadata%5D%5BsubscriptionId%5D=" + checkout.getString("subscriptionId")),
                form);
        assertEquals(
                "PENDING",
                ok(world.api.get("/api/v1/checkout/session/" + session, reader.token()), 200)
                        .getString("status"));
        problem(
                world.api.get(
                        "/api/v1/checkout/session/" + session,
                        world.fixtures.reader().token()),
                404,
                "checkout.not_found");
        assertFalse(world.reads(reader, shop.paid()), "a checkout not completed opens nothing");

        long t0 = BillingWorld.now();
        long periodEnd = t0 + 30 * 86400;
        world.stripe(
                shop.author(),
                "checkout.session.completed",
                t0,
                new JsonObject()
                        .put("id", session)
                        .put("object", "checkout.session")
                        .put("client_reference_id", checkout.getString("paymentId"))
                        .put("mode", "subscription")
                        .put("payment_status", "paid")
                        .put("subscription", "sub_journey")
                        .put("customer", "cus_1")
                        .put("invoice", "in_1")
                        .put("payment_intent", "pi_first")
                        .put("amount_total", 500));
        JsonObject paid = world.awaitSession(reader, session, "SUCCEEDED");
        assertEquals("ACTIVE", paid.getString("subscriptionStatus"));
        world.awaitReads(reader, shop.paid(), true, "the subscriber reads within a second of paying");
        JsonArray toc = ok(world.api.get("/api/v1/series/" + shop.series() + "/chapters/public", reader.token()), 200)
                .getJsonArray("data");
        assertTrue(
                toc.stream().noneMatch(e -> ((JsonObject) e).getBoolean("locked")),
                "nothing locked in the subscriber's contents: " + toc);
        assertTrue(
                ok(world.api.get("/api/v1/series/" + shop.series() + "/chapters/public", null), 200)
                        .getJsonArray("data")
                        .stream()
                        .anyMatch(e -> ((JsonObject) e).getBoolean("locked")),
                "while the paid chapter stays locked for everyone else");
        String sub = checkout.getString("subscriptionId");
        JsonObject active = world.awaitSubscription(reader, sub, "ACTIVE");
        assertTrue(active.getBoolean("autoRenew"));

        // the first invoice is the checkout's payment, not a second one
        world.stripe(shop.author(), "invoice.paid", t0 + 1, invoice("in_1", "pi_first", 500, t0, periodEnd));
        // a renewal a month on: a new payment, the period moves on
        long renewedEnd = periodEnd + 30 * 86400;
        world.stripe(shop.author(), "invoice.paid", t0 + 10, invoice("in_2", "pi_second", 500, periodEnd, renewedEnd));
        io.quire.testing.Eventually.await(
                () -> ok(world.api.get("/api/v1/my/payments", reader.token()), 200)
                                .getJsonArray("data")
                                .size()
                        == 2,
                5_000,
                "two payments");
        JsonObject renewed = world.awaitSubscription(reader, sub, "ACTIVE");
        assertEquals(OffsetDateTime.parse(renewed.getString("currentPeriodEnd")).toEpochSecond(), renewedEnd);
        JsonArray invoices = ok(world.api.get("/api/v1/my-subscriptions/" + sub + "/invoices", reader.token()), 200)
                .getJsonArray("data");
        assertEquals(2, invoices.size());
        assertEquals(50, invoices.getJsonObject(0).getLong("platformFee"), "10% platform fee");
        assertEquals(450, invoices.getJsonObject(0).getLong("netAmount"));

        // the next renewal fails: PAST_DUE, still readable in the grace days
        JsonObject failed = invoice("in_3", "pi_third", 500, renewedEnd, renewedEnd + 30 * 86400)
                .put("attempt_count", 1)
                .put("amount_due", 500);
        world.stripe(shop.author(), "invoice.payment_failed", t0 + 20, failed);
        world.awaitSubscription(reader, sub, "PAST_DUE");
        assertTrue(world.reads(reader, shop.paid()), "past due keeps access during the grace days");
        // an older event arriving late does not roll the state back; a duplicate is recorded once
        world.stripe(
                shop.author(),
                "customer.subscription.updated",
                t0 + 5,
                subscription("sub_journey", "active", false, t0, periodEnd));
        String dupId = "evt_dup_" + java.util.UUID.randomUUID();
        world.stripe(shop.author(), dupId, "invoice.payment_failed", t0 + 21, failed);
        JsonObject again = world.stripe(shop.author(), dupId, "invoice.payment_failed", t0 + 21, failed);
        assertTrue(again.getBoolean("duplicate"));
        Thread.sleep(300);
        assertEquals(
                "PAST_DUE",
                ok(world.api.get("/api/v1/my-subscriptions/" + sub, reader.token()), 200)
                        .getString("status"));
        assertEquals(1, world.app.count("SELECT count(*) FROM payments WHERE gateway_invoice_id = 'in_3'"));

        // the reader cancels: Stripe is told to stop at period end; access lasts until then
        JsonObject cancelled = ok(
                world.api.post(
                        "/api/v1/my-subscriptions/" + sub + "/cancel",
                        new JsonObject().put("reason", "too busy"),
                        reader.token()),
                200);
        assertEquals("CANCELLED", cancelled.getString("status"));
        assertFalse(cancelled.getBoolean("autoRenew"));
        assertTrue(world.gateways
                .to("/stripe/v1/subscriptions/sub_journey")
                .getLast()
                .body()
                .contains("cancel_at_period_end=true"));
        world.awaitReads(reader, shop.paid(), true, "a cancelled subscription reads until its period ends");

        // Stripe ends it: EXPIRED, locked
        world.stripe(
                shop.author(),
                "customer.subscription.deleted",
                t0 + 30,
                subscription("sub_journey", "canceled", false, t0, renewedEnd).put("ended_at", BillingWorld.now()));
        world.awaitSubscription(reader, sub, "EXPIRED");
        world.awaitReads(reader, shop.paid(), false, "an expired subscription reads the preview again");
        assertEquals(
                0,
                world.app.count("SELECT current_subscribers FROM subscription_tiers WHERE id = '" + shop.tier() + "'"),
                "seat given back");
        // the author sees the payments; another author does not
        JsonArray received = ok(
                        world.api.get(
                                "/api/v1/payments?type=SUBSCRIPTION",
                                shop.author().token()),
                        200)
                .getJsonArray("data");
        assertEquals(3, received.size(), received.encode());
        String one = received.getJsonObject(0).getString("id");
        JsonObject detail =
                ok(world.api.get("/api/v1/payments/" + one, shop.author().token()), 200);
        assertFalse(detail.getJsonArray("events").isEmpty());
        Authoring.User stranger = world.fixtures.author();
        problem(world.api.get("/api/v1/payments/" + one, stranger.token()), 404, "payment.not_found");
        assertEquals(
                0,
                ok(world.api.get("/api/v1/payments", stranger.token()), 200)
                        .getJsonArray("data")
                        .size());
        problem(world.api.get("/api/v1/my/payments/" + one, stranger.token()), 404, "payment.not_found");
        problem(world.api.get("/api/v1/my-subscriptions/" + sub, stranger.token()), 404, "subscription.not_found");
        String events = String.join(",", world.fixtures.events(sub));
        assertTrue(events.contains("subscription.created") && events.contains("subscription.cancelled"), events);
    }

    @Test
    void aRefundedPurchaseLocksTheChapterAgainAndALostDisputeEndsASubscription() throws Exception {
        BillingWorld.Shop shop = world.shop("stripe");
        Authoring.User reader = world.fixtures.reader();
        JsonObject checkout =
                ok(world.api.post("/api/v1/chapters/" + shop.paid() + "/unlock", null, reader.token()), 201);
        assertEquals(199, checkout.getLong("amount"));
        assertTrue(world.gateways
                .to("/stripe/v1/checkout/sessions")
                .getLast()
                .body()
                .contains("mode=payment"));
        world.stripe(
                shop.author(),
                "checkout.session.completed",
                BillingWorld.now(),
                new JsonObject()
                        .put("id", checkout.getString("sessionId"))
                        .put("client_reference_id", checkout.getString("paymentId"))
                        .put("mode", "payment")
                        .put("payment_status", "paid")
                        .put("payment_intent", "pi_buy")
                        .put("amount_total", 199));
        world.awaitReads(reader, shop.paid(), true, "a bought chapter reads in full");
        problem(
                world.api.post("/api/v1/chapters/" + shop.paid() + "/unlock", null, reader.token()),
                409,
                "chapter.already_unlocked");
        var receipt =
                world.api.get("/api/v1/my/payments/" + checkout.getString("paymentId") + "/receipt", reader.token());
        assertEquals(200, receipt.statusCode());
        assertTrue(receipt.bodyAsString().contains("Amount: 1.99 USD"), receipt.bodyAsString());
        problem(
                world.api.get(
                        "/api/v1/my/payments/" + checkout.getString("paymentId") + "/receipt",
                        shop.author().token()),
                404,
                "payment.not_found");

        String payment = checkout.getString("paymentId");
        problem(
                world.api.post(
                        "/api/v1/payments/" + payment + "/refund",
                        new JsonObject().put("amount", 500),
                        shop.author().token()),
                422,
                "request.invalid");
        problem(
                world.api.post("/api/v1/payments/" + payment + "/refund", null, reader.token()),
                404,
                "payment.not_found");
        JsonObject asked = ok(
                world.api.post(
                        "/api/v1/payments/" + payment + "/refund",
                        new JsonObject().put("reason", "asked"),
                        shop.author().token()),
                202);
        assertEquals(199, asked.getLong("amount"));
        String refundForm = world.gateways.to("/stripe/v1/refunds").getLast().body();
        assertTrue(refundForm.contains("payment_intent=pi_buy") && refundForm.contains("amount=199"), refundForm);
        assertEquals(
                "PENDING",
                ok(
                                world.api.get(
                                        "/api/v1/payments/" + payment + "/refund-status",
                                        shop.author().token()),
                                200)
                        .getString("refundStatus"));
        // a partial refund first: the chapter stays bought
        world.stripe(
                shop.author(),
                "charge.refunded",
                BillingWorld.now(),
                new JsonObject()
                        .put("id", "ch_buy")
                        .put("object", "charge")
                        .put("payment_intent", "pi_buy")
                        .put("amount_refunded", 50)
                        .put("refunded", false));
        Eventually.await(
                () -> "PARTIALLY_REFUNDED"
                        .equals(ok(world.api.get("/api/v1/my/payments/" + payment, reader.token()), 200)
                                .getString("status")),
                5_000,
                "partially refunded");
        assertTrue(world.reads(reader, shop.paid()), "a partial refund takes nothing back");
        world.stripe(
                shop.author(),
                "charge.refunded",
                BillingWorld.now() + 1,
                new JsonObject()
                        .put("id", "ch_buy")
                        .put("object", "charge")
                        .put("payment_intent", "pi_buy")
                        .put("amount_refunded", 199)
                        .put("refunded", true));
        world.awaitReads(reader, shop.paid(), false, "a refunded purchase locks the chapter again");
        JsonObject refunded = ok(world.api.get("/api/v1/my/payments/" + payment, reader.token()), 200);
        assertEquals("REFUNDED", refunded.getString("status"));
        assertEquals(199, refunded.getLong("refundedAmount"));
        // the reader was told of each step, in the app and by email
        JsonArray notices = ok(world.api.get("/api/v1/notifications?type=PAYMENT", reader.token()), 200)
                .getJsonArray("data");
        assertTrue(
                notices.stream()
                        .map(n -> ((JsonObject) n).getString("title"))
                        .anyMatch(t -> t.startsWith("Payment received: 1.99 USD")),
                notices.encode());
        assertTrue(
                notices.stream()
                        .map(n -> ((JsonObject) n).getString("title"))
                        .anyMatch(t -> t.startsWith("Refunded: 1.99 USD")),
                notices.encode());
        assertEquals(
                1,
                world.app.count(
                        "SELECT count(*) FROM outbound_emails WHERE to_address = (SELECT email FROM users WHERE id = '"
                                + reader.id() + "') AND subject LIKE 'Payment received%'"));
        problem(
                world.api.post(
                        "/api/v1/payments/" + payment + "/refund",
                        null,
                        shop.author().token()),
                409,
                "payment.not_refundable");

        // a subscription whose first payment is disputed and lost is cancelled at once
        JsonObject sub = ok(
                world.api.post(
                        "/api/v1/checkout/subscription", new JsonObject().put("tierId", shop.tier()), reader.token()),
                201);
        world.stripe(
                shop.author(),
                "checkout.session.completed",
                BillingWorld.now(),
                new JsonObject()
                        .put("id", sub.getString("sessionId"))
                        .put("client_reference_id", sub.getString("paymentId"))
                        .put("mode", "subscription")
                        .put("payment_status", "paid")
                        .put("subscription", "sub_disputed")
                        .put("payment_intent", "pi_disputed")
                        .put("amount_total", 500));
        world.awaitReads(reader, shop.paid(), true, "subscribed");
        world.stripe(
                shop.author(),
                "charge.dispute.created",
                BillingWorld.now(),
                new JsonObject()
                        .put("id", "dp_1")
                        .put("object", "dispute")
                        .put("payment_intent", "pi_disputed")
                        .put("status", "needs_response")
                        .put("reason", "fraudulent"));
        io.quire.testing.Eventually.await(
                () -> world.api
                                .get(
                                        "/api/v1/payments/" + sub.getString("paymentId") + "/dispute",
                                        shop.author().token())
                                .statusCode()
                        == 200,
                5_000,
                "dispute recorded");
        JsonObject evidence = ok(
                world.api.post(
                        "/api/v1/payments/" + sub.getString("paymentId") + "/dispute/evidence",
                        new JsonObject().put("text", "The reader read 40 chapters."),
                        shop.author().token()),
                201);
        assertEquals(1, evidence.getJsonArray("evidence").size());
        world.stripe(
                shop.author(),
                "charge.dispute.closed",
                BillingWorld.now() + 1,
                new JsonObject()
                        .put("id", "dp_1")
                        .put("object", "dispute")
                        .put("payment_intent", "pi_disputed")
                        .put("status", "lost"));
        assertEquals(
                "dispute lost",
                world.awaitSubscription(reader, sub.getString("subscriptionId"), "CANCELLED")
                        .getString("cancelReason"));
        world.awaitReads(reader, shop.paid(), false, "a lost dispute ends access at once");
        assertEquals(
                "lost",
                ok(
                                world.api.get(
                                        "/api/v1/payments/" + sub.getString("paymentId") + "/dispute",
                                        shop.author().token()),
                                200)
                        .getString("outcome"));
    }

    @Test
    void aCappedTierIsNeverOversoldUnderConcurrentCheckouts() throws Exception {
        BillingWorld.Shop shop = world.shop("stripe");
        ok(
                world.api.patch(
                        "/api/v1/tiers/" + shop.tier(),
                        new JsonObject().put("maxSubscribers", 3),
                        shop.author().token()),
                200);
        java.util.List<Authoring.User> readers = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            readers.add(world.fixtures.reader());
        }
        var sent = readers.stream()
                .map(r -> world.app
                        .client
                        .post("/api/v1/sites/" + shop.site() + "/subscribe")
                        .putHeader("Authorization", "Bearer " + r.token())
                        .sendJsonObject(new JsonObject().put("tierId", shop.tier())))
                .toList();
        java.util.Map<Integer, Long> statuses = new java.util.TreeMap<>();
        for (var f : sent) {
            var r = f.await(20, java.util.concurrent.TimeUnit.SECONDS);
            statuses.merge(r.statusCode(), 1L, Long::sum);
            if (r.statusCode() == 409) {
                assertEquals("tier.sold_out", r.bodyAsJsonObject().getString("code"));
            }
        }
        assertEquals(java.util.Map.of(201, 3L, 409, 9L), statuses);
        assertEquals(
                3,
                world.app.count("SELECT current_subscribers FROM subscription_tiers WHERE id = '" + shop.tier() + "'"));
        // an abandoned checkout expires and gives its seat back
        world.app
                .db
                .query("UPDATE payments SET checkout_expires_at = now() - interval '1 minute' WHERE tier_id = '"
                        + shop.tier() + "'")
                .execute()
                .await(5, java.util.concurrent.TimeUnit.SECONDS);
        world.app
                .db
                .query(
                        "INSERT INTO jobs (id, type, payload, max_attempts) VALUES (gen_random_uuid(), 'billing.expire', '{}', 3)")
                .execute()
                .await(5, java.util.concurrent.TimeUnit.SECONDS);
        io.quire.testing.Eventually.await(
                () -> world.app.count(
                                "SELECT current_subscribers FROM subscription_tiers WHERE id = '" + shop.tier() + "'")
                        == 0,
                10_000,
                "seats released");
        assertEquals(
                3,
                world.app.count(
                        "SELECT count(*) FROM payments WHERE tier_id = '" + shop.tier() + "' AND status = 'EXPIRED'"));
        JsonObject tierPublic = ok(world.api.get("/api/v1/sites/" + shop.site() + "/tiers/public", null), 200);
        assertFalse(tierPublic.getJsonArray("data").getJsonObject(0).getBoolean("soldOut"));
    }

    @Test
    void badCheckoutsAreClearProblems() throws Exception {
        BillingWorld.Shop shop = world.shop("stripe");
        Authoring.User reader = world.fixtures.reader();
        problem(
                world.api.post("/api/v1/checkout/subscription", new JsonObject().put("tierId", "nope"), reader.token()),
                422,
                "request.invalid");
        problem(
                world.api.post(
                        "/api/v1/checkout/subscription",
                        new JsonObject()
                                .put("tierId", java.util.UUID.randomUUID().toString()),
                        reader.token()),
                404,
                "tier.not_found");
        problem(
                world.api.post(
                        "/api/v1/checkout/subscription",
                        new JsonObject().put("tierId", shop.tier()).put("billingCycle", "ANNUAL"),
                        reader.token()),
                422,
                "request.invalid");
        problem(
                world.api.post(
                        "/api/v1/checkout/subscription",
                        new JsonObject().put("tierId", shop.tier()),
                        shop.author().token()),
                409,
                "checkout.own_site");
        problem(
                world.api.post(
                        "/api/v1/checkout/subscription",
                        new JsonObject().put("tierId", shop.tier()).put("gateway", "xendit"),
                        reader.token()),
                409,
                "checkout.gateway_not_connected");
        problem(
                world.api.post("/api/v1/checkout/subscription", new JsonObject().put("tierId", shop.tier()), null),
                401,
                "auth.unauthenticated");
        problem(
                world.api.post("/api/v1/chapters/" + shop.free() + "/unlock", null, reader.token()),
                409,
                "chapter.not_for_sale");
        problem(
                world.api.post(
                        "/api/v1/checkout/tip",
                        new JsonObject()
                                .put("siteId", shop.site())
                                .put("amount", 0)
                                .put("currency", "usd"),
                        reader.token()),
                422,
                "request.invalid");
        world.gateways.failNext.set(402);
        problem(
                world.api.post(
                        "/api/v1/checkout/tip",
                        new JsonObject()
                                .put("siteId", shop.site())
                                .put("amount", 300)
                                .put("currency", "USD"),
                        reader.token()),
                502,
                "checkout.gateway_rejected");
        assertEquals(
                1,
                world.app.count(
                        "SELECT count(*) FROM payments WHERE reader_id = '" + reader.id() + "' AND status = 'FAILED'"));
        world.gateways.failNext.set(503);
        problem(
                world.api.post(
                        "/api/v1/sites/" + shop.site() + "/subscribe",
                        new JsonObject().put("tierId", shop.tier()),
                        reader.token()),
                503,
                "checkout.gateway_unavailable");
        assertEquals(
                0,
                world.app.count("SELECT current_subscribers FROM subscription_tiers WHERE id = '" + shop.tier() + "'"),
                "seat back");
        JsonObject tip = ok(
                world.api.post(
                        "/api/v1/checkout/tip",
                        new JsonObject()
                                .put("siteId", shop.site())
                                .put("amount", 300)
                                .put("currency", "USD")
                                .put("message", "Thanks!"),
                        reader.token()),
                201);
        assertEquals("TIP", tip.getString("type"));
        JsonObject live = ok(
                world.api.post(
                        "/api/v1/sites/" + shop.site() + "/subscribe",
                        new JsonObject().put("tierId", shop.tier()),
                        reader.token()),
                201);
        world.stripe(
                shop.author(),
                "checkout.session.completed",
                BillingWorld.now(),
                new JsonObject()
                        .put("id", live.getString("sessionId"))
                        .put("client_reference_id", live.getString("paymentId"))
                        .put("payment_status", "paid")
                        .put("subscription", "sub_twice"));
        world.awaitSubscription(reader, live.getString("subscriptionId"), "ACTIVE");
        problem(
                world.api.post(
                        "/api/v1/sites/" + shop.site() + "/subscribe",
                        new JsonObject().put("tierId", shop.tier()),
                        reader.token()),
                409,
                "subscription.exists");
        problem(
                world.api.post(
                        "/api/v1/my-subscriptions/" + live.getString("subscriptionId") + "/resume",
                        null,
                        reader.token()),
                409,
                "subscription.not_resumable");
    }

    @Test
    void authorsSeeTheirSubscribersStatsExportAndChurn() throws Exception {
        BillingWorld.Shop shop = world.shop("stripe");
        java.util.List<String> subs = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Authoring.User reader = world.fixtures.reader();
            JsonObject c = ok(
                    world.api.post(
                            "/api/v1/sites/" + shop.site() + "/subscribe",
                            new JsonObject().put("tierId", shop.tier()),
                            reader.token()),
                    201);
            world.stripe(
                    shop.author(),
                    "checkout.session.completed",
                    BillingWorld.now(),
                    new JsonObject()
                            .put("id", c.getString("sessionId"))
                            .put("client_reference_id", c.getString("paymentId"))
                            .put("payment_status", "paid")
                            .put("subscription", "sub_mgmt_" + i)
                            .put("amount_total", 500));
            world.awaitSubscription(reader, c.getString("subscriptionId"), "ACTIVE");
            subs.add(c.getString("subscriptionId"));
        }
        // an abandoned checkout is not a subscriber
        ok(
                world.api.post(
                        "/api/v1/sites/" + shop.site() + "/subscribe",
                        new JsonObject().put("tierId", shop.tier()),
                        world.fixtures.reader().token()),
                201);
        String base = "/api/v1/sites/" + shop.site() + "/subscribers";
        JsonArray list = ok(world.api.get(base, shop.author().token()), 200).getJsonArray("data");
        assertEquals(2, list.size());
        assertTrue(
                list.getJsonObject(0).getString("username") != null
                        && !list.encode().contains("@"),
                "names, not addresses");
        JsonObject one =
                ok(world.api.get(base + "/" + subs.get(0), shop.author().token()), 200);
        assertEquals(1, one.getJsonArray("payments").size());
        JsonObject stats = ok(world.api.get(base + "/stats", shop.author().token()), 200);
        assertEquals(2, stats.getLong("active"));
        assertEquals(1000, stats.getLong("mrr"));
        assertEquals(2, stats.getJsonArray("byTier").getJsonObject(0).getLong("subscribers"));
        var csv = world.api.get(base + "/export", shop.author().token());
        assertEquals(200, csv.statusCode());
        assertEquals(3, csv.bodyAsString().split("\n").length, "a header and two subscribers");
        JsonArray churn =
                ok(world.api.get(base + "/churn", shop.author().token()), 200).getJsonArray("data");
        assertEquals(12, churn.size());
        assertEquals(2, churn.getJsonObject(11).getLong("new"));
        problem(world.api.get(base + "?status=GONE", shop.author().token()), 422, "request.invalid");
        problem(world.api.get(base, world.fixtures.author().token()), 404, "site.not_found");
        problem(
                world.api.get(
                        base + "/" + java.util.UUID.randomUUID(), shop.author().token()),
                404,
                "subscription.not_found");
    }

    @Test
    void pauseUnpauseWithinLimitsAndChangeTier() throws Exception {
        BillingWorld.Shop shop = world.shop("stripe");
        String gold = ok(
                        world.api.post(
                                "/api/v1/sites/" + shop.site() + "/tiers",
                                new JsonObject()
                                        .put("name", "Gold")
                                        .put("monthlyPrice", 900)
                                        .put("currency", "USD"),
                                shop.author().token()),
                        201)
                .getString("id");
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
                        .put("subscription", "sub_pause"));
        OffsetDateTime end = OffsetDateTime.parse(
                world.awaitSubscription(reader, sub, "ACTIVE").getString("currentPeriodEnd"));
        world.awaitReads(reader, shop.paid(), true, "subscribed");

        problem(
                world.api.post(
                        "/api/v1/my-subscriptions/" + sub + "/pause",
                        new JsonObject().put("days", 400),
                        reader.token()),
                422,
                "request.invalid");
        JsonObject paused = ok(
                world.api.post(
                        "/api/v1/my-subscriptions/" + sub + "/pause", new JsonObject().put("days", 10), reader.token()),
                200);
        assertEquals("PAUSED", paused.getString("status"));
        assertTrue(world.gateways
                .to("/stripe/v1/subscriptions/sub_pause")
                .getLast()
                .body()
                .contains("pause_collection%5Bbehavior%5D=void"));
        world.awaitReads(reader, shop.paid(), false, "no access while paused");
        problem(
                world.api.post("/api/v1/my-subscriptions/" + sub + "/pause", null, reader.token()),
                409,
                "subscription.not_pausable");
        Thread.sleep(50);
        JsonObject back = ok(world.api.post("/api/v1/my-subscriptions/" + sub + "/unpause", null, reader.token()), 200);
        assertEquals("ACTIVE", back.getString("status"));
        assertTrue(
                OffsetDateTime.parse(back.getString("currentPeriodEnd")).isAfter(end), "the paused time is given back");
        world.awaitReads(reader, shop.paid(), true, "access again");
        problem(
                world.api.post("/api/v1/my-subscriptions/" + sub + "/unpause", null, reader.token()),
                409,
                "subscription.not_paused");
        // the second pause ends by itself when its days are up
        ok(world.api.post("/api/v1/my-subscriptions/" + sub + "/pause", null, reader.token()), 200);
        world.app
                .db
                .query("UPDATE reader_subscriptions SET pause_ends_at = now() - interval '1 second' WHERE id = '" + sub
                        + "'")
                .execute()
                .await(5, java.util.concurrent.TimeUnit.SECONDS);
        world.app
                .db
                .query(
                        "INSERT INTO jobs (id, type, payload, max_attempts) VALUES (gen_random_uuid(), 'billing.expire', '{}', 3)")
                .execute()
                .await(5, java.util.concurrent.TimeUnit.SECONDS);
        world.awaitSubscription(reader, sub, "ACTIVE");
        problem(
                world.api.post("/api/v1/my-subscriptions/" + sub + "/pause", null, reader.token()),
                409,
                "subscription.pause_limit");

        JsonObject moved = ok(
                world.api.patch(
                        "/api/v1/my-subscriptions/" + sub, new JsonObject().put("tierId", gold), reader.token()),
                200);
        assertEquals(gold, moved.getString("tierId"));
        assertEquals(900, moved.getLong("price"));
        String change = world.gateways
                .to("/stripe/v1/subscriptions/sub_pause")
                .getLast()
                .body();
        assertTrue(
                change.contains("proration_behavior=create_prorations") && change.contains("items%5B0%5D%5Bid%5D=si_1"),
                change);
        assertEquals(
                0,
                world.app.count("SELECT current_subscribers FROM subscription_tiers WHERE id = '" + shop.tier() + "'"));
        assertEquals(
                1, world.app.count("SELECT current_subscribers FROM subscription_tiers WHERE id = '" + gold + "'"));
        problem(
                world.api.patch(
                        "/api/v1/my-subscriptions/" + sub, new JsonObject().put("tierId", gold), reader.token()),
                409,
                "subscription.same_tier");
        problem(
                world.api.patch(
                        "/api/v1/my-subscriptions/" + sub,
                        new JsonObject()
                                .put("tierId", java.util.UUID.randomUUID().toString()),
                        reader.token()),
                404,
                "tier.not_found");
        world.gateways.failNext.set(400);
        problem(
                world.api.patch(
                        "/api/v1/my-subscriptions/" + sub, new JsonObject().put("tierId", shop.tier()), reader.token()),
                502,
                "billing.gateway_rejected");
        assertEquals(
                gold,
                ok(world.api.get("/api/v1/my-subscriptions/" + sub, reader.token()), 200)
                        .getString("tierId"),
                "a refused move is undone");
        assertEquals(
                1, world.app.count("SELECT current_subscribers FROM subscription_tiers WHERE id = '" + gold + "'"));
    }

    @Test
    void aTrialOpensTheChapterFreeForNewReadersOnly() throws Exception {
        BillingWorld.Shop shop = world.shop("stripe");
        assertEquals(
                7,
                ok(
                                world.api.patch(
                                        "/api/v1/tiers/" + shop.tier(),
                                        new JsonObject().put("trialDays", 7),
                                        shop.author().token()),
                                200)
                        .getInteger("trialDays"));
        problem(
                world.api.patch(
                        "/api/v1/tiers/" + shop.tier(),
                        new JsonObject().put("trialDays", 91),
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
        assertEquals(0, c.getLong("amount"), "nothing is charged at a trial's checkout");
        assertTrue(world.gateways
                .to("/stripe/v1/checkout/sessions")
                .getLast()
                .body()
                .contains("subscription_data%5Btrial_period_days%5D=7"));
        world.stripe(
                shop.author(),
                "checkout.session.completed",
                BillingWorld.now(),
                new JsonObject()
                        .put("id", c.getString("sessionId"))
                        .put("client_reference_id", c.getString("paymentId"))
                        .put("payment_status", "no_payment_required")
                        .put("subscription", "sub_trial")
                        .put("amount_total", 0));
        JsonObject trial = world.awaitSubscription(reader, c.getString("subscriptionId"), "ACTIVE");
        assertTrue(trial.getBoolean("isTrialing"));
        OffsetDateTime end = OffsetDateTime.parse(trial.getString("currentPeriodEnd"));
        assertTrue(
                end.isAfter(OffsetDateTime.now().plusDays(6))
                        && end.isBefore(OffsetDateTime.now().plusDays(8)),
                end.toString());
        world.awaitReads(reader, shop.paid(), true, "a trial reads");
        // the first real invoice ends the trial
        long t = BillingWorld.now();
        world.stripe(
                shop.author(),
                "invoice.paid",
                t + 1,
                new JsonObject()
                        .put("id", "in_trial_1")
                        .put("subscription", "sub_trial")
                        .put("amount_paid", 500)
                        .put("payment_intent", "pi_trial")
                        .put(
                                "lines",
                                new JsonObject()
                                        .put(
                                                "data",
                                                new JsonArray()
                                                        .add(new JsonObject()
                                                                .put(
                                                                        "period",
                                                                        new JsonObject()
                                                                                .put("start", t)
                                                                                .put("end", t + 30 * 86400))))));
        Eventually.await(
                () -> !ok(
                                world.api.get(
                                        "/api/v1/my-subscriptions/" + c.getString("subscriptionId"), reader.token()),
                                200)
                        .getBoolean("isTrialing"),
                5_000,
                "trial over");
        // a reader who already had a subscription here gets no second trial
        world.stripe(
                shop.author(),
                "customer.subscription.deleted",
                t + 60,
                subscription("sub_trial", "canceled", false, t, t + 1));
        world.awaitSubscription(reader, c.getString("subscriptionId"), "EXPIRED");
        JsonObject again = ok(
                world.api.post(
                        "/api/v1/sites/" + shop.site() + "/subscribe",
                        new JsonObject().put("tierId", shop.tier()),
                        reader.token()),
                201);
        assertEquals(500, again.getLong("amount"));
        assertFalse(world.gateways
                .to("/stripe/v1/checkout/sessions")
                .getLast()
                .body()
                .contains("trial_period_days"));
    }

    static JsonObject invoice(String id, String intent, long amount, long start, long end) {
        return new JsonObject()
                .put("id", id)
                .put("object", "invoice")
                .put("subscription", "sub_journey")
                .put("payment_intent", intent)
                .put("amount_paid", amount)
                .put(
                        "lines",
                        new JsonObject()
                                .put(
                                        "data",
                                        new JsonArray()
                                                .add(new JsonObject()
                                                        .put(
                                                                "period",
                                                                new JsonObject()
                                                                        .put("start", start)
                                                                        .put("end", end)))));
    }

    static JsonObject subscription(String id, String status, boolean cancelAtEnd, long start, long end) {
        return new JsonObject()
                .put("id", id)
                .put("object", "subscription")
                .put("status", status)
                .put("cancel_at_period_end", cancelAtEnd)
                .put("current_period_start", start)
                .put("current_period_end", end);
    }
}
