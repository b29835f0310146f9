package io.quire.identity;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.quire.testing.Api;
import io.quire.testing.Eventually;
import io.quire.testing.FreePorts;
import io.quire.testing.TestApp;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Emailed-token flows against a real SMTP server running in the test (GreenMail). */
class AccountEmailFlowsTest {
    static GreenMail smtp;
    static TestApp app;
    static Api api;
    static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_-]{43})");

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        app = TestApp.builder()
                .env("QUIRE_MAIL_SMTP_HOST", "127.0.0.1")
                .env("QUIRE_MAIL_SMTP_PORT", String.valueOf(smtp.getSmtp().getPort()))
                .env("QUIRE_MAIL_SMTP_START_TLS", "false")
                .env("QUIRE_PUBLIC_BASE_URL", "https://read.example.com")
                .start();
        api = new Api(app);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        smtp.stop();
    }

    /** Waits for the next mail to {@code to} with {@code subject} and returns the token its link carries. */
    static String tokenFromMail(String to, String subject) throws Exception {
        Eventually.await(() -> mailsTo(to, subject).size() > 0, 10_000, "a '" + subject + "' mail to " + to);
        List<MimeMessage> mails = mailsTo(to, subject);
        String body = GreenMailUtil.getBody(mails.get(mails.size() - 1))
                .replace("=\r\n", "")
                .replace("=3D", "=");
        Matcher m = TOKEN.matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }

    static List<MimeMessage> mailsTo(String to, String subject) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(msg -> {
                    try {
                        return msg.getAllRecipients()[0].toString().equals(to)
                                && msg.getSubject().equals(subject);
                    } catch (Exception e) {
                        return false;
                    }
                })
                .toList();
    }

    @Test
    void forgotThenResetPasswordWithTheMailedToken() throws Exception {
        Accounts.Account ada = Accounts.in(app).register();
        Accounts.Account laptop = Accounts.in(app).login(ada);
        JsonObject accepted =
                ok(api.post("/api/v1/auth/forgot-password", new JsonObject().put("email", ada.email()), null), 202);
        String token = tokenFromMail(ada.email(), "Reset your password");
        assertTrue(GreenMailUtil.getBody(
                        mailsTo(ada.email(), "Reset your password").get(0))
                .contains("https://read.example.com/reset-password"));

        String newPassword = "amber-lantern-42-quiet-meadow";
        ok(
                api.post(
                        "/api/v1/auth/reset-password",
                        new JsonObject().put("token", token).put("password", newPassword),
                        null),
                200);
        problem(api.get("/api/v1/auth/me", laptop.accessToken()), 401, "auth.token_revoked");
        problem(
                api.post(
                        "/api/v1/auth/login",
                        new JsonObject().put("email", ada.email()).put("password", ada.password()),
                        null),
                401,
                "auth.invalid_credentials");
        ok(
                api.post(
                        "/api/v1/auth/login",
                        new JsonObject().put("email", ada.email()).put("password", newPassword),
                        null),
                200);
        // single use
        problem(
                api.post(
                        "/api/v1/auth/reset-password",
                        new JsonObject().put("token", token).put("password", "another-long-phrase-99-x"),
                        null),
                400,
                "auth.reset_token_invalid");
        assertEquals(
                "If an account exists for this address, a reset link is on its way.", accepted.getString("message"));
    }

    @Test
    void forgotPasswordForAnUnknownAddressLooksTheSameAndSendsNothing() throws Exception {
        Accounts.Account known = Accounts.in(app).register();
        var forKnown = api.post("/api/v1/auth/forgot-password", new JsonObject().put("email", known.email()), null);
        var forUnknown = api.post(
                "/api/v1/auth/forgot-password", new JsonObject().put("email", "nobody-at-all@example.com"), null);
        assertEquals(202, forUnknown.statusCode());
        assertEquals(forKnown.statusCode(), forUnknown.statusCode());
        assertEquals(forKnown.bodyAsJsonObject(), forUnknown.bodyAsJsonObject());
        tokenFromMail(known.email(), "Reset your password");
        Thread.sleep(500); // the unknown address's job has run by now too
        assertTrue(mailsTo("nobody-at-all@example.com", "Reset your password").isEmpty());
    }

    @Test
    void aResetTokenWithAWeakPasswordIsRefusedButNotSpent() throws Exception {
        Accounts.Account bob = Accounts.in(app).register();
        api.post("/api/v1/auth/forgot-password", new JsonObject().put("email", bob.email()), null);
        String token = tokenFromMail(bob.email(), "Reset your password");
        JsonObject weak = problem(
                api.post(
                        "/api/v1/auth/reset-password",
                        new JsonObject().put("token", token).put("password", "password123"),
                        null),
                422,
                "auth.weak_password");
        assertTrue(fieldError(weak, "password").length() > 0);
        ok(
                api.post(
                        "/api/v1/auth/reset-password",
                        new JsonObject().put("token", token).put("password", "river-stone-88-paper-kite"),
                        null),
                200);
        problem(
                api.post(
                        "/api/v1/auth/reset-password",
                        new JsonObject().put("token", "x".repeat(43)).put("password", "river-stone-88-paper-kite"),
                        null),
                400,
                "auth.reset_token_invalid");
    }

    @Test
    void theRegistrationMailVerifiesTheAddress() throws Exception {
        Accounts.Account cleo = Accounts.in(app).register();
        String token = tokenFromMail(cleo.email(), "Confirm your email address");
        JsonObject verified =
                ok(api.post("/api/v1/auth/verify-email", new JsonObject().put("token", token), null), 200);
        assertTrue(verified.getJsonObject("user").getBoolean("emailVerified"));
        assertEquals("ACTIVE", verified.getJsonObject("user").getString("status"));
        problem(
                api.post("/api/v1/auth/verify-email", new JsonObject().put("token", token), null),
                400,
                "auth.verification_token_invalid");
        problem(
                api.post("/api/v1/auth/resend-verification", null, cleo.accessToken()),
                409,
                "auth.email_already_verified");
    }

    @Test
    void resendVerificationSendsANewTokenAndKillsTheOldOne() throws Exception {
        Accounts.Account dan = Accounts.in(app).register();
        String first = tokenFromMail(dan.email(), "Confirm your email address");
        ok(api.post("/api/v1/auth/resend-verification", null, dan.accessToken()), 202);
        Eventually.await(
                () -> mailsTo(dan.email(), "Confirm your email address").size() == 2, 10_000, "the second mail");
        String second = tokenFromMail(dan.email(), "Confirm your email address");
        problem(
                api.post("/api/v1/auth/verify-email", new JsonObject().put("token", first), null),
                400,
                "auth.verification_token_invalid");
        ok(api.post("/api/v1/auth/verify-email", new JsonObject().put("token", second), null), 200);
    }

    @Test
    void changePasswordKeepsThisSessionAndEndsTheOthers() {
        Accounts.Account eve = Accounts.in(app).register();
        Accounts.Account phone = Accounts.in(app).login(eve);
        problem(
                api.post(
                        "/api/v1/auth/change-password",
                        new JsonObject()
                                .put("currentPassword", "not-my-password-1")
                                .put("newPassword", "orchid-valley-17-silver-fox"),
                        eve.accessToken()),
                403,
                "auth.wrong_password");
        JsonObject fresh = ok(
                api.post(
                        "/api/v1/auth/change-password",
                        new JsonObject()
                                .put("currentPassword", eve.password())
                                .put("newPassword", "orchid-valley-17-silver-fox"),
                        eve.accessToken()),
                200);
        ok(api.get("/api/v1/auth/me", fresh.getString("accessToken")), 200);
        problem(api.get("/api/v1/auth/me", eve.accessToken()), 401, "auth.token_revoked");
        problem(api.get("/api/v1/auth/me", phone.accessToken()), 401, "auth.token_revoked");
        problem(
                api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", phone.refreshToken()), null),
                401,
                "auth.invalid_refresh_token");
        ok(api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", eve.refreshToken()), null), 200);
    }

    @Test
    void changeEmailIsConfirmedFromTheNewAddress() throws Exception {
        Accounts.Account fay = Accounts.in(app).register();
        Accounts.Account taken = Accounts.in(app).register();
        problem(
                api.post(
                        "/api/v1/auth/change-email",
                        new JsonObject().put("newEmail", taken.email()).put("password", fay.password()),
                        fay.accessToken()),
                409,
                "auth.email_taken");
        problem(
                api.post(
                        "/api/v1/auth/change-email",
                        new JsonObject().put("newEmail", "fay.new@example.com").put("password", "wrong-password-1"),
                        fay.accessToken()),
                403,
                "auth.wrong_password");
        ok(
                api.post(
                        "/api/v1/auth/change-email",
                        new JsonObject().put("newEmail", "Fay.New@Example.com").put("password", fay.password()),
                        fay.accessToken()),
                202);
        String token = tokenFromMail("fay.new@example.com", "Confirm your new email address");
        problem(
                api.post("/api/v1/auth/verify-email-change", new JsonObject().put("token", token), taken.accessToken()),
                400,
                "auth.email_change_token_invalid");
        JsonObject changed = ok(
                api.post("/api/v1/auth/verify-email-change", new JsonObject().put("token", token), fay.accessToken()),
                200);
        assertEquals("fay.new@example.com", changed.getJsonObject("user").getString("email"));
        ok(
                api.post(
                        "/api/v1/auth/login",
                        new JsonObject().put("email", "fay.new@example.com").put("password", fay.password()),
                        null),
                200);
        assertFalse(
                mailsTo(fay.email(), "Confirm your new email address").size() > 0,
                "the token goes only to the new address");
    }

    @Test
    void changingCredentialsNeedsASignedInUser() {
        problem(api.post("/api/v1/auth/change-password", new JsonObject(), null), 401, "auth.unauthenticated");
    }
}
