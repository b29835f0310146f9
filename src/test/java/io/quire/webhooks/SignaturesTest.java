package io.quire.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each signature scheme with valid, tampered, stale and missing cases, over raw bytes. */
class SignaturesTest {
    static final long NOW = 1_700_000_000L;

    static String stripeHeader(String secret, long t, String body) {
        byte[] mac = Signatures.hmac(
                secret.getBytes(StandardCharsets.UTF_8), (t + "." + body).getBytes(StandardCharsets.UTF_8));
        return "t=" + t + ",v1=" + HexFormat.of().formatHex(mac);
    }

    @Test
    void standardWebhooksPublishedVector() {
        // the test vector published with the Standard Webhooks reference libraries
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        Buffer body = Buffer.buffer("{\"test\": 2432232314}");
        assertEquals(
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                Signatures.standardSignature(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body));
        Map<String, String> headers = Map.of(
                "webhook-id",
                "msg_p5jXN8AQM9LWM0D4loKWxJek",
                "webhook-timestamp",
                "1614265330",
                "webhook-signature",
                "v1,bm9wZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertEquals(Signatures.Result.VALID, Signatures.standard(headers, body, List.of(secret), 1614265330, 300));
        assertEquals(
                Signatures.Result.INVALID,
                Signatures.standard(
                        headers, Buffer.buffer("{\"test\": 2432232315}"), List.of(secret), 1614265330, 300));
        assertEquals(
                Signatures.Result.STALE, Signatures.standard(headers, body, List.of(secret), 1614265330 + 301, 300));
        assertEquals(
                Signatures.Result.MISSING,
                Signatures.standard(Map.of("webhook-id", "x"), body, List.of(secret), 1614265330, 300));
        assertEquals(
                Signatures.Result.INVALID,
                Signatures.standard(headers, body, List.of(WebhookSecrets.newSecret()), 1614265330, 300));
    }

    @Test
    void stripeAcceptsAnyMatchingV1WithinTheTolerance() {
        String body = "{\"id\":\"evt_1\",\"type\":\"invoice.paid\"}";
        String header = stripeHeader("whsec_test_secret", NOW, body) + ",v1=" + "00".repeat(32);
        Map<String, String> headers = Map.of("stripe-signature", header);
        assertEquals(
                Signatures.Result.VALID,
                Signatures.stripe(headers, Buffer.buffer(body), List.of("other", "whsec_test_secret"), NOW, 300));
        assertEquals(
                Signatures.Result.INVALID,
                Signatures.stripe(headers, Buffer.buffer(body + " "), List.of("whsec_test_secret"), NOW, 300));
        assertEquals(
                Signatures.Result.STALE,
                Signatures.stripe(headers, Buffer.buffer(body), List.of("whsec_test_secret"), NOW + 301, 300));
        assertEquals(
                Signatures.Result.MISSING,
                Signatures.stripe(Map.of(), Buffer.buffer(body), List.of("whsec_test_secret"), NOW, 300));
        assertEquals(
                Signatures.Result.MISSING,
                Signatures.stripe(Map.of("stripe-signature", "t=1"), Buffer.buffer(body), List.of("x"), NOW, 300));
        assertEquals(
                Signatures.Result.INVALID,
                Signatures.stripe(
                        Map.of("stripe-signature", "t=abc,v1=zz"), Buffer.buffer(body), List.of("x"), NOW, 300));
    }

    @Test
    void razorpaySignsTheBodyAndXenditSendsAToken() {
        String body = "{\"event\":\"payment.captured\"}";
        String sig = HexFormat.of()
                .formatHex(Signatures.hmac(
                        "rzp_secret".getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)));
        assertEquals(
                Signatures.Result.VALID,
                Signatures.razorpay(Map.of("x-razorpay-signature", sig), Buffer.buffer(body), List.of("rzp_secret")));
        assertEquals(
                Signatures.Result.INVALID,
                Signatures.razorpay(
                        Map.of("x-razorpay-signature", sig), Buffer.buffer(body + "x"), List.of("rzp_secret")));
        assertEquals(
                Signatures.Result.INVALID,
                Signatures.razorpay(
                        Map.of("x-razorpay-signature", "not hex"), Buffer.buffer(body), List.of("rzp_secret")));
        assertEquals(
                Signatures.Result.MISSING, Signatures.razorpay(Map.of(), Buffer.buffer(body), List.of("rzp_secret")));

        assertEquals(
                Signatures.Result.VALID,
                Signatures.xendit(Map.of("x-callback-token", "tok-123"), List.of("old", "tok-123")));
        assertEquals(
                Signatures.Result.INVALID,
                Signatures.xendit(Map.of("x-callback-token", "tok-124"), List.of("tok-123")));
        assertEquals(Signatures.Result.MISSING, Signatures.xendit(Map.of(), List.of("tok-123")));
    }
}
