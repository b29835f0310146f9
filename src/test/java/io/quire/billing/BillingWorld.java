package io.quire.billing;

import static io.quire.testing.Api.ok;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.quire.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A running app whose gateways are a {@link FakeGateways}, and an author selling through all three: a published
 * series with a free chapter and a subscribers-only one, a tier, webhook secrets. Posts signed gateway events the
 * way each gateway signs them.
 */
final class BillingWorld implements AutoCloseable {
    static final String STRIPE_SECRET = "whsec_billing_world_secret";
    static final String RAZORPAY_SECRET = "rzp_billing_world_secret";
    static final String XENDIT_TOKEN = "xnd_billing_world_token";

    final Vertx fakeVertx = Vertx.vertx();
    final FakeGateways gateways;
    final TestApp app;
    final Api api;
    final Authoring fixtures;

    BillingWorld() throws Exception {
        gateways = new FakeGateways(fakeVertx);
        app = TestApp.builder()
                .env("QUIRE_BILLING_STRIPE_BASE_URL", gateways.base("stripe"))
                .env("QUIRE_BILLING_RAZORPAY_BASE_URL", gateways.base("razorpay"))
                .env("QUIRE_BILLING_XENDIT_BASE_URL", gateways.base("xendit"))
                .env("QUIRE_JOBS_POLL_INTERVAL_MS", "50")
                .start();
        api = new Api(app);
        fixtures = Authoring.in(app);
    }

    /** An author's shop: site, published series, a free and a paid chapter, a tier, and a connected gateway. */
    record Shop(Authoring.User author, String site, String series, String free, String paid, String tier) {}

    Shop shop(String gateway) {
        Authoring.User author = fixtures.author();
        String site = fixtures.site(author).getString("id");
        String series = fixtures.series(author, site).getString("id");
        ok(api.post("/api/v1/series/" + series + "/publish", null, author.token()), 200);
        String free = fixtures.chapter(author, series, "Free", "Open words.").getString("id");
        String paid = fixtures.chapter(author, series, "Paid", "One.\n\nTwo.\n\nSECRET three.")
                .getString("id");
        ok(
                api.patch(
                        "/api/v1/chapters/" + paid + "/access",
                        new JsonObject()
                                .put("accessLevel", "SUBSCRIBERS")
                                .put("previewParagraphs", 1)
                                .put("price", 199)
                                .put("priceCurrency", "USD"),
                        author.token()),
                200);
        for (String id : List.of(free, paid)) {
            ok(api.post("/api/v1/chapters/" + id + "/publish", null, author.token()), 200);
        }
        String tier = ok(
                        api.post(
                                "/api/v1/sites/" + site + "/tiers",
                                new JsonObject()
                                        .put("name", "Supporter")
                                        .put("monthlyPrice", 500)
                                        .put("currency", "USD"),
                                author.token()),
                        201)
                .getString("id");
        connect(author, gateway);
        return new Shop(author, site, series, free, paid, tier);
    }

    void connect(Authoring.User author, String gateway) {
        switch (gateway) {
            case "stripe" -> {
                ok(
                        api.post(
                                "/api/v1/payment-gateway/stripe/connect",
                                new JsonObject().put("secretKey", "sk_test_abcdefgh1234"),
                                author.token()),
                        200);
                ok(
                        api.post(
                                "/api/v1/payment-gateway/stripe/webhook-secret",
                                new JsonObject().put("secret", STRIPE_SECRET),
                                author.token()),
                        201);
            }
            case "razorpay" -> {
                ok(
                        api.post(
                                "/api/v1/payment-gateway/razorpay/connect",
                                new JsonObject()
                                        .put("keyId", "rzp_test_abcdef12")
                                        .put("secretKey", "RazorSecret1234"),
                                author.token()),
                        200);
                ok(
                        api.post(
                                "/api/v1/payment-gateway/razorpay/webhook-secret",
                                new JsonObject().put("secret", RAZORPAY_SECRET),
                                author.token()),
                        201);
            }
            default -> {
                ok(
                        api.post(
                                "/api/v1/payment-gateway/xendit/connect",
                                new JsonObject().put("secretKey", "xnd_development_abcdefgh12"),
                                author.token()),
                        200);
                ok(
                        api.post(
                                "/api/v1/payment-gateway/xendit/webhook-token",
                                new JsonObject().put("token", XENDIT_TOKEN),
                                author.token()),
                        201);
            }
        }
    }

    /** A Stripe event as Stripe sends it: {@code {id, type, created, data: {object}}}, signed. */
    JsonObject stripe(Authoring.User author, String type, long created, JsonObject object) {
        return stripe(author, "evt_" + UUID.randomUUID(), type, created, object);
    }

    JsonObject stripe(Authoring.User author, String eventId, String type, long created, JsonObject object) {
        String body = new JsonObject()
                .put("id", eventId)
                .put("type", type)
                .put("created", created)
                .put("data", new JsonObject().put("object", object))
                .encode();
        long t = now();
        String sig = "t=" + t + ",v1=" + hmac(STRIPE_SECRET, t + "." + body);
        return ok(post("/api/v1/webhooks/stripe/" + author.id(), body, Map.of("Stripe-Signature", sig)), 200);
    }

    /** A Razorpay event: {@code {event, created_at, payload: {kind: {entity}}}}, signed, its id in a header. */
    JsonObject razorpay(Authoring.User author, String event, long created, JsonObject payload) {
        String body = new JsonObject()
                .put("entity", "event")
                .put("event", event)
                .put("created_at", created)
                .put("payload", payload)
                .encode();
        return ok(
                post(
                        "/api/v1/webhooks/razorpay/" + author.id(),
                        body,
                        Map.of(
                                "X-Razorpay-Signature",
                                hmac(RAZORPAY_SECRET, body),
                                "X-Razorpay-Event-Id",
                                "evt_rzp_" + UUID.randomUUID())),
                200);
    }

    /** A Xendit invoice callback: the invoice itself, with the callback token. */
    JsonObject xendit(Authoring.User author, JsonObject invoice) {
        return ok(
                post(
                        "/api/v1/webhooks/xendit/" + author.id(),
                        invoice.encode(),
                        Map.of("x-callback-token", XENDIT_TOKEN)),
                200);
    }

    HttpResponse<Buffer> post(String path, String body, Map<String, String> headers) {
        HttpRequest<Buffer> request = app.client.post(path).putHeader("Content-Type", "application/json");
        headers.forEach(request::putHeader);
        try {
            return request.sendBuffer(Buffer.buffer(body)).await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code reader} reads {@code chapter} in full now. */
    boolean reads(Authoring.User reader, String chapter) {
        return !ok(api.get("/api/v1/chapters/" + chapter + "/read", reader.token()), 200)
                .getBoolean("locked");
    }

    /** Waits (up to 3 s) until the reader's access to the chapter is {@code expected}. */
    void awaitReads(Authoring.User reader, String chapter, boolean expected, String what) throws InterruptedException {
        Eventually.await(() -> reads(reader, chapter) == expected, 3_000, what);
    }

    /** Waits until the subscription has {@code status}, and returns it as the reader sees it. */
    JsonObject awaitSubscription(Authoring.User reader, String id, String status) throws InterruptedException {
        Eventually.await(
                () -> status.equals(ok(api.get("/api/v1/my-subscriptions/" + id, reader.token()), 200)
                        .getString("status")),
                5_000,
                "subscription " + status);
        return ok(api.get("/api/v1/my-subscriptions/" + id, reader.token()), 200);
    }

    JsonObject awaitSession(Authoring.User reader, String session, String status) throws InterruptedException {
        Eventually.await(
                () -> status.equals(ok(api.get("/api/v1/checkout/session/" + session, reader.token()), 200)
                        .getString("status")),
                5_000,
                "checkout " + status);
        return ok(api.get("/api/v1/checkout/session/" + session, reader.token()), 200);
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    static String hmac(String secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        app.close();
        gateways.close();
        fakeVertx.close().await(5, TimeUnit.SECONDS);
    }
}
