package io.quire.webhooks;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.quire.testing.TestApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Gateways posting to the inbox: verification, durable acknowledgement, dedupe, ordering, dead letters and replay. */
class InboundWebhooksTest {
    static final String STRIPE_SECRET = "whsec_stripe_test_secret_one";
    static TestApp app;
    static Api api;
    static Authoring fixtures;
    static Authoring.User author;
    static Authoring.User admin;
    static final ConcurrentLinkedQueue<String> applied = new ConcurrentLinkedQueue<>();
    static final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeAll
    static void start() {
        app = TestApp.builder()
                .env("QUIRE_WEBHOOKS_MAX_ATTEMPTS", "2")
                .env("QUIRE_WEBHOOKS_MAX_BODY_BYTES", "4096")
                .env("QUIRE_JOBS_BACKOFF_BASE_MS", "50")
                .env("QUIRE_JOBS_POLL_INTERVAL_MS", "50")
                .webhookHandler("stripe", "customer.subscription.updated", (tx, e) -> {
                    applied.add(e.gatewayEventId());
                    return Future.succeededFuture();
                })
                .webhookHandler(
                        "stripe",
                        "invoice.payment_failed",
                        (tx, e) -> failuresLeft.getAndDecrement() > 0
                                ? Future.failedFuture("the test handler fails on purpose")
                                : tx.query("SELECT 1").execute().map(r -> {
                                    applied.add(e.gatewayEventId());
                                    return null;
                                }))
                .webhookHandler(
                        "razorpay",
                        "payment.captured",
                        (tx, e) -> Future.succeededFuture(applied.add(e.gatewayEventId()))
                                .mapEmpty())
                .webhookHandler(
                        "xendit",
                        "invoice.paid",
                        (tx, e) -> Future.succeededFuture(applied.add(e.gatewayEventId()))
                                .mapEmpty())
                .webhookHandler(
                        "standard",
                        "order.created",
                        (tx, e) -> Future.succeededFuture(applied.add(e.gatewayEventId()))
                                .mapEmpty())
                .start();
        api = new Api(app);
        fixtures = Authoring.in(app);
        author = fixtures.author();
        admin = fixtures.admin();
        ok(
                api.post(
                        "/api/v1/payment-gateway/stripe/webhook-secret",
                        new JsonObject().put("secret", STRIPE_SECRET),
                        author.token()),
                201);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    static HttpResponse<Buffer> post(String path, String body, Map<String, String> headers) {
        HttpRequest<Buffer> request = app.client.post(path).putHeader("Content-Type", "application/json");
        headers.forEach(request::putHeader);
        try {
            return request.sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String stripeEvent(String id, String type, String object, long created) {
        return new JsonObject()
                .put("id", id)
                .put("type", type)
                .put("created", created)
                .put(
                        "data",
                        new JsonObject()
                                .put(
                                        "object",
                                        new JsonObject().put("id", object).put("object", "subscription")))
                .encode();
    }

    static HttpResponse<Buffer> postStripe(String body, String secret, long t) {
        return post(
                "/api/v1/webhooks/stripe/" + author.id(),
                body,
                Map.of("Stripe-Signature", SignaturesTest.stripeHeader(secret, t, body)));
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static String status(String eventId) {
        try {
            return app.db
                    .preparedQuery("SELECT status FROM webhook_events WHERE id = $1")
                    .execute(Tuple.of(UUID.fromString(eventId)))
                    .await(5, TimeUnit.SECONDS)
                    .iterator()
                    .next()
                    .getString("status");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aValidEventIsCommittedBeforeItsAnswerAndProcessedOnce() throws Exception {
        String gatewayId = "evt_" + UUID.randomUUID();
        String body = stripeEvent(gatewayId, "customer.subscription.updated", "sub_once", now());
        JsonObject first = ok(postStripe(body, STRIPE_SECRET, now()), 200);
        assertFalse(first.getBoolean("duplicate"));
        // the 2xx came after the commit: the row is there the moment the answer is
        assertEquals(
                1,
                app.db
                        .preparedQuery("SELECT count(*) FROM webhook_events WHERE gateway_event_id = $1")
                        .execute(Tuple.of(gatewayId))
                        .await(5, TimeUnit.SECONDS)
                        .iterator()
                        .next()
                        .getLong(0));
        JsonObject again = ok(postStripe(body, STRIPE_SECRET, now()), 200);
        assertTrue(again.getBoolean("duplicate"));
        assertEquals(first.getString("eventId"), again.getString("eventId"));
        Eventually.await(
                () -> "PROCESSED".equals(status(first.getString("eventId"))), 10_000, "the event to be processed");
        Thread.sleep(200);
        assertEquals(1, applied.stream().filter(gatewayId::equals).count(), "applied once");
    }

    @Test
    void anOlderEventArrivingLateDoesNotRollTheObjectBack() throws Exception {
        String newer = "evt_new_" + UUID.randomUUID();
        String older = "evt_old_" + UUID.randomUUID();
        String object = "sub_" + UUID.randomUUID();
        String newerId = ok(
                        postStripe(
                                stripeEvent(newer, "customer.subscription.updated", object, now()),
                                STRIPE_SECRET,
                                now()),
                        200)
                .getString("eventId");
        Eventually.await(() -> "PROCESSED".equals(status(newerId)), 10_000, "the newer event to be applied");
        String olderId = ok(
                        postStripe(
                                stripeEvent(older, "customer.subscription.updated", object, now() - 60),
                                STRIPE_SECRET,
                                now()),
                        200)
                .getString("eventId");
        Eventually.await(() -> "SUPERSEDED".equals(status(olderId)), 10_000, "the older event to be superseded");
        assertTrue(applied.contains(newer));
        assertFalse(applied.contains(older));
    }

    @Test
    void unknownTypesAreStoredAndIgnored() throws Exception {
        String id = ok(
                        postStripe(
                                stripeEvent("evt_" + UUID.randomUUID(), "charge.unknown_thing", "ch_1", now()),
                                STRIPE_SECRET,
                                now()),
                        200)
                .getString("eventId");
        Eventually.await(() -> "IGNORED".equals(status(id)), 10_000, "the event to be ignored");
    }

    @Test
    void aFailingEventEndsInDeadLetterAndAReplayAppliesIt() throws Exception {
        failuresLeft.set(2);
        String gatewayId = "evt_" + UUID.randomUUID();
        String id = ok(
                        postStripe(
                                stripeEvent(gatewayId, "invoice.payment_failed", "in_" + UUID.randomUUID(), now()),
                                STRIPE_SECRET,
                                now()),
                        200)
                .getString("eventId");
        Eventually.await(() -> "DEAD_LETTER".equals(status(id)), 10_000, "the event to be dead-lettered");
        JsonObject dead = ok(api.get("/api/v1/admin/webhook-events/" + id, admin.token()), 200);
        assertEquals(2, dead.getInteger("retryCount"));
        assertTrue(dead.getString("lastError").contains("on purpose"));
        assertEquals(gatewayId, dead.getJsonObject("payload").getString("id"));
        assertTrue(ok(api.get("/api/v1/admin/webhook-events?status=DEAD_LETTER&gateway=stripe", admin.token()), 200)
                .getJsonArray("data")
                .stream()
                .anyMatch(e -> ((JsonObject) e).getString("id").equals(id)));

        assertEquals(
                202,
                api.post("/api/v1/admin/webhook-events/" + id + "/replay", null, admin.token())
                        .statusCode());
        Eventually.await(() -> "PROCESSED".equals(status(id)), 10_000, "the replayed event to be processed");
        assertTrue(applied.contains(gatewayId));
        problem(
                api.post("/api/v1/admin/webhook-events/" + UUID.randomUUID() + "/replay", null, admin.token()),
                404,
                "webhook_event.not_found");
        problem(api.get("/api/v1/admin/webhook-events", author.token()), 403, "auth.forbidden");
        problem(api.get("/api/v1/admin/webhook-events?status=LOST", admin.token()), 422, "request.invalid");
    }

    @Test
    void refusalsAreClearProblemsAndAreRecorded() throws Exception {
        String body = stripeEvent("evt_" + UUID.randomUUID(), "customer.subscription.updated", "sub_x", now());
        problem(post("/api/v1/webhooks/stripe/" + author.id(), body, Map.of()), 400, "webhook.signature_missing");
        problem(postStripe(body, "whsec_wrong", now()), 401, "webhook.signature_invalid");
        // tampered: signed for one body, sent with another
        problem(
                post(
                        "/api/v1/webhooks/stripe/" + author.id(),
                        body.replace("sub_x", "sub_y"),
                        Map.of("Stripe-Signature", SignaturesTest.stripeHeader(STRIPE_SECRET, now(), body))),
                401,
                "webhook.signature_invalid");
        problem(postStripe(body, STRIPE_SECRET, now() - 301), 401, "webhook.timestamp_stale");
        problem(
                post("/api/v1/webhooks/stripe/" + UUID.randomUUID(), body, Map.of("Stripe-Signature", "t=1,v1=00")),
                404,
                "webhook.unknown_author");
        problem(
                post("/api/v1/webhooks/stripe/not-a-user", body, Map.of("Stripe-Signature", "t=1,v1=00")),
                404,
                "webhook.unknown_author");
        String notJson = "this is not json";
        problem(
                post(
                        "/api/v1/webhooks/stripe/" + author.id(),
                        notJson,
                        Map.of("Stripe-Signature", SignaturesTest.stripeHeader(STRIPE_SECRET, now(), notJson))),
                400,
                "webhook.invalid_payload");
        String big = stripeEvent("evt_big", "x", "y", now()).replace("}", ",\"pad\":\"" + "x".repeat(5000) + "\"}");
        problem(postStripe(big, STRIPE_SECRET, now()), 413, "request.too_large");
        assertEquals(
                0,
                app.db
                        .query("SELECT count(*) FROM webhook_events WHERE gateway_event_id = 'evt_big'")
                        .execute()
                        .await(5, TimeUnit.SECONDS)
                        .iterator()
                        .next()
                        .getLong(0),
                "nothing refused is stored");

        List<String> codes =
                ok(api.get("/api/v1/admin/webhook-rejections?limit=50", admin.token()), 200)
                        .getJsonArray("data")
                        .stream()
                        .map(e -> ((JsonObject) e).getString("code"))
                        .toList();
        assertTrue(
                codes.containsAll(List.of(
                        "webhook.signature_missing",
                        "webhook.signature_invalid",
                        "webhook.timestamp_stale",
                        "webhook.unknown_author",
                        "webhook.invalid_payload",
                        "request.too_large")),
                codes.toString());
    }

    @Test
    void badAdminAndSourceRequestsAreClearProblems() {
        problem(
                api.get("/api/v1/admin/webhook-events/" + UUID.randomUUID(), admin.token()),
                404,
                "webhook_event.not_found");
        problem(api.get("/api/v1/admin/webhook-events?cursor=garbage", admin.token()), 400, "request.bad_cursor");
        problem(api.get("/api/v1/admin/webhook-events?from=yesterday", admin.token()), 422, "request.invalid");
        problem(api.post("/api/v1/webhook-sources", new JsonObject(), author.token()), 422, "request.invalid");
        problem(
                api.post("/api/v1/webhook-sources/" + UUID.randomUUID() + "/rotate-secret", null, author.token()),
                404,
                "webhook_source.not_found");
        problem(
                api.delete("/api/v1/webhook-sources/" + UUID.randomUUID(), author.token()),
                404,
                "webhook_source.not_found");
        // another author's source is not theirs to rotate
        String theirs = ok(
                        api.post(
                                "/api/v1/webhook-sources",
                                new JsonObject().put("name", "theirs"),
                                fixtures.author().token()),
                        201)
                .getString("id");
        problem(
                api.post("/api/v1/webhook-sources/" + theirs + "/rotate-secret", null, author.token()),
                404,
                "webhook_source.not_found");
        problem(
                api.post("/api/v1/payment-gateway/xendit/webhook-token", new JsonObject(), author.token()),
                422,
                "request.invalid");
    }

    @Test
    void withoutAWebhooksVerticleTheSenderIsToldToComeBackLater() throws Exception {
        try (TestApp httpOnly =
                TestApp.builder().env("QUIRE_VERTICLES", "http,workers").start()) {
            String body = stripeEvent("evt_" + UUID.randomUUID(), "customer.subscription.updated", "sub_z", now());
            HttpResponse<Buffer> r = httpOnly.client
                    .post("/api/v1/webhooks/stripe/" + UUID.randomUUID())
                    .putHeader("Stripe-Signature", SignaturesTest.stripeHeader(STRIPE_SECRET, now(), body))
                    .sendBuffer(Buffer.buffer(body))
                    .await(10, TimeUnit.SECONDS);
            problem(r, 503, "webhook.inbox_unavailable");
        }
    }

    @Test
    void aRotatedSecretKeepsTheOldOneWorkingForADay() {
        Authoring.User rotating = fixtures.author();
        ok(
                api.post(
                        "/api/v1/payment-gateway/stripe/webhook-secret",
                        new JsonObject().put("secret", "whsec_old_secret_1"),
                        rotating.token()),
                201);
        JsonObject added = ok(
                api.post(
                        "/api/v1/payment-gateway/stripe/webhook-secret",
                        new JsonObject().put("secret", "whsec_new_secret_2"),
                        rotating.token()),
                201);
        assertEquals(24, added.getInteger("previousSecretsValidForHours"));
        for (String secret : List.of("whsec_old_secret_1", "whsec_new_secret_2")) {
            String body = stripeEvent("evt_" + UUID.randomUUID(), "customer.subscription.updated", "sub_r", now());
            ok(
                    post(
                            "/api/v1/webhooks/stripe/" + rotating.id(),
                            body,
                            Map.of("Stripe-Signature", SignaturesTest.stripeHeader(secret, now(), body))),
                    200);
        }
        problem(
                api.post(
                        "/api/v1/payment-gateway/stripe/webhook-secret",
                        new JsonObject().put("secret", "short"),
                        rotating.token()),
                422,
                "request.invalid");
        problem(
                api.post(
                        "/api/v1/payment-gateway/stripe/webhook-secret",
                        new JsonObject().put("secret", "whsec_long_enough"),
                        null),
                401,
                "auth.unauthenticated");
    }

    @Test
    void razorpayXenditAndStandardWebhooksSendersAreVerifiedToo() throws Exception {
        ok(
                api.post(
                        "/api/v1/payment-gateway/razorpay/webhook-secret",
                        new JsonObject().put("secret", "rzp_webhook_secret"),
                        author.token()),
                201);
        String rzpBody = new JsonObject()
                .put("event", "payment.captured")
                .put("created_at", now())
                .put(
                        "payload",
                        new JsonObject()
                                .put("payment", new JsonObject().put("entity", new JsonObject().put("id", "pay_1"))))
                .encode();
        String rzpSig = HexFormat.of()
                .formatHex(Signatures.hmac(
                        "rzp_webhook_secret".getBytes(StandardCharsets.UTF_8),
                        rzpBody.getBytes(StandardCharsets.UTF_8)));
        String rzpEvent = "rzp_evt_" + UUID.randomUUID();
        ok(
                post(
                        "/api/v1/webhooks/razorpay/" + author.id(),
                        rzpBody,
                        Map.of("X-Razorpay-Signature", rzpSig, "X-Razorpay-Event-Id", rzpEvent)),
                200);
        problem(
                post(
                        "/api/v1/webhooks/razorpay/" + author.id(),
                        rzpBody + " ",
                        Map.of("X-Razorpay-Signature", rzpSig, "X-Razorpay-Event-Id", rzpEvent)),
                401,
                "webhook.signature_invalid");
        // correctly signed, but without the header that carries the event's id: the answer names the header
        JsonObject noId = problem(
                post("/api/v1/webhooks/razorpay/" + author.id(), rzpBody, Map.of("X-Razorpay-Signature", rzpSig)),
                400,
                "webhook.event_id_missing");
        assertTrue(noId.getString("detail").contains("X-Razorpay-Event-Id"), noId.encode());

        ok(
                api.post(
                        "/api/v1/payment-gateway/xendit/webhook-token",
                        new JsonObject().put("token", "xnd_callback_token"),
                        author.token()),
                201);
        // whatever else a sender puts in its headers (here a Basic Authorization) does not matter: the token does
        ok(
                post(
                        "/api/v1/webhooks/xendit/" + author.id(),
                        new JsonObject()
                                .put("id", "inv_basic")
                                .put("status", "PENDING")
                                .put("updated", "2026-11-22T09:00:00.000Z")
                                .encode(),
                        Map.of("x-callback-token", "xnd_callback_token", "Authorization", "Basic dXNlcjpwYXNz")),
                200);
        String xenditBody = new JsonObject()
                .put("id", "inv_" + UUID.randomUUID())
                .put("external_id", "order-7")
                .put("status", "PAID")
                .put("updated", "2026-11-22T10:00:00.000Z")
                .encode();
        ok(
                post(
                        "/api/v1/webhooks/xendit/" + author.id(),
                        xenditBody,
                        Map.of("x-callback-token", "xnd_callback_token")),
                200);
        problem(
                post("/api/v1/webhooks/xendit/" + author.id(), xenditBody, Map.of("x-callback-token", "guess")),
                401,
                "webhook.signature_invalid");

        JsonObject source =
                ok(api.post("/api/v1/webhook-sources", new JsonObject().put("name", "shop"), author.token()), 201);
        String secret = source.getString("secret");
        assertTrue(secret.startsWith("whsec_"));
        assertFalse(
                ok(api.get("/api/v1/webhook-sources", author.token()), 200)
                        .encode()
                        .contains(secret),
                "shown once only");
        String msgId = "msg_" + UUID.randomUUID();
        String body = new JsonObject()
                .put("type", "order.created")
                .put("timestamp", "2026-11-22T10:00:00Z")
                .put("data", new JsonObject().put("id", "ord_1"))
                .encode();
        long t = now();
        Map<String, String> headers = Map.of(
                "webhook-id",
                msgId,
                "webhook-timestamp",
                String.valueOf(t),
                "webhook-signature",
                Signatures.standardSignature(secret, msgId, t, Buffer.buffer(body)));
        String path = "/api/v1/webhooks/inbound/" + source.getString("id");
        ok(post(path, body, headers), 200);
        problem(post(path, body.replace("ord_1", "ord_2"), headers), 401, "webhook.signature_invalid");
        problem(post("/api/v1/webhooks/inbound/" + UUID.randomUUID(), body, headers), 404, "webhook.unknown_source");

        Eventually.await(
                () -> applied.containsAll(List.of(rzpEvent, msgId))
                        && applied.stream().anyMatch(e -> e.endsWith(":PAID:2026-11-22T10:00:00.000Z")),
                10_000,
                "all three to be applied");
        assertEquals(
                204,
                api.delete("/api/v1/webhook-sources/" + source.getString("id"), author.token())
                        .statusCode());
        // senders are cached for a few seconds in the inbox: a deleted source stops accepting within that
        Eventually.await(
                () -> post(path, body, headers).statusCode() == 404, 10_000, "the deleted source to be refused");
        problem(post(path, body, headers), 404, "webhook.unknown_source");
    }
}
