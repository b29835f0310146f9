package io.quire.billing;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** An author's gateway credentials: connect (encrypted, never shown), status, default, disconnect. */
class GatewayConnectionsTest extends SharedApp {

    @Test
    void anAuthorConnectsGatewaysAndChoosesADefault() {
        Authoring.User author = fixtures.author();
        String secret = "sk_test_51Habcdefgh12345678WXYZ";
        JsonObject stripe = ok(
                api.post(
                        "/api/v1/payment-gateway/stripe/connect",
                        new JsonObject().put("secretKey", secret),
                        author.token()),
                200);
        assertTrue(stripe.getBoolean("connected"));
        assertEquals("…WXYZ", stripe.getString("keyHint"));
        assertFalse(stripe.encode().contains(secret), "the secret never comes back");
        assertEquals(
                0,
                app.count("SELECT count(*) FROM gateway_connections WHERE secret_encrypted LIKE '%" + secret + "%'"),
                "stored encrypted");

        problem(
                api.post(
                        "/api/v1/payment-gateway/default", new JsonObject().put("gateway", "RAZORPAY"), author.token()),
                409,
                "gateway.not_connected");
        ok(
                api.post(
                        "/api/v1/payment-gateway/razorpay/connect",
                        new JsonObject().put("keyId", "rzp_test_abcdef12").put("secretKey", "Sh0rtSecretKey99"),
                        author.token()),
                200);
        JsonObject overview = ok(
                api.post(
                        "/api/v1/payment-gateway/default", new JsonObject().put("gateway", "RAZORPAY"), author.token()),
                200);
        assertEquals("RAZORPAY", overview.getString("defaultGateway"));
        assertEquals(3, overview.getJsonArray("gateways").size());
        assertFalse(overview.getJsonArray("gateways").getJsonObject(2).getBoolean("connected"), "xendit not connected");

        JsonObject gone = ok(api.post("/api/v1/payment-gateway/razorpay/disconnect", null, author.token()), 200);
        assertFalse(gone.getBoolean("connected"));
        assertNull(
                ok(api.get("/api/v1/payment-gateway", author.token()), 200).getString("defaultGateway"),
                "the default goes with it");
        assertTrue(ok(api.get("/api/v1/payment-gateway/stripe/status", author.token()), 200)
                .getBoolean("connected"));
    }

    @Test
    void badCredentialsAndNonAuthorsAreRefused() {
        Authoring.User author = fixtures.author();
        fieldError(
                problem(
                        api.post(
                                "/api/v1/payment-gateway/stripe/connect",
                                new JsonObject().put("secretKey", "pk_test_public_key_1234"),
                                author.token()),
                        422,
                        "request.invalid"),
                "secretKey");
        fieldError(
                problem(
                        api.post(
                                "/api/v1/payment-gateway/razorpay/connect",
                                new JsonObject().put("secretKey", "Sh0rtSecretKey99"),
                                author.token()),
                        422,
                        "request.invalid"),
                "keyId");
        fieldError(
                problem(
                        api.post(
                                "/api/v1/payment-gateway/xendit/connect",
                                new JsonObject().put("secretKey", "xnd_public_development_x"),
                                author.token()),
                        422,
                        "request.invalid"),
                "secretKey");
        fieldError(
                problem(
                        api.post(
                                "/api/v1/payment-gateway/default",
                                new JsonObject().put("gateway", "PAYPAL"),
                                author.token()),
                        422,
                        "request.invalid"),
                "gateway");
        problem(api.get("/api/v1/payment-gateway", fixtures.reader().token()), 403, "auth.forbidden");
        problem(api.get("/api/v1/payment-gateway", null), 401, "auth.unauthenticated");
    }
}
