package io.quire.identity;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.SharedApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** TOTP set-up, MFA sign-in, code replay, backup codes, regeneration and disabling, through HTTP. */
class MfaTest extends SharedApp {
    static String codeAt(String secret, long epochSeconds) {
        return Totp.code(Totp.Base32.decode(secret), Totp.stepAt(epochSeconds), 6);
    }

    static String now(String secret) {
        return codeAt(secret, System.currentTimeMillis() / 1000);
    }

    /** An account with MFA on; returns its secret and backup codes. */
    record MfaAccount(Accounts.Account account, String secret, JsonArray backupCodes) {}

    static MfaAccount withMfa() {
        Accounts.Account ada = Accounts.in(app).register();
        JsonObject setup = ok(api.post("/api/v1/auth/mfa/enable", null, ada.accessToken()), 200);
        String secret = setup.getString("secret");
        assertTrue(setup.getString("otpauthUri").startsWith("otpauth://totp/Quire:"));
        // the code for the previous step: the current one stays free for the sign-in the test does next
        String code = codeAt(secret, System.currentTimeMillis() / 1000 - 30);
        JsonObject verified =
                ok(api.post("/api/v1/auth/mfa/verify", new JsonObject().put("code", code), ada.accessToken()), 200);
        assertTrue(verified.getBoolean("mfaEnabled"));
        return new MfaAccount(ada, secret, verified.getJsonArray("backupCodes"));
    }

    static JsonObject startLogin(Accounts.Account a) {
        JsonObject first = ok(
                api.post(
                        "/api/v1/auth/login",
                        new JsonObject().put("email", a.email()).put("password", a.password()),
                        null),
                200);
        assertEquals(true, first.getBoolean("mfaRequired"));
        assertTrue(!first.containsKey("accessToken"), "no tokens before the second factor");
        return first;
    }

    @Test
    void setUpThenSignInWithACodeWhichCannotBeReplayed() {
        MfaAccount m = withMfa();
        assertEquals(10, m.backupCodes().size());
        JsonObject challenge = startLogin(m.account());
        String code = now(m.secret());
        JsonObject tokens = ok(
                api.post(
                        "/api/v1/auth/mfa/challenge",
                        new JsonObject()
                                .put("mfaToken", challenge.getString("mfaToken"))
                                .put("code", code),
                        null),
                200);
        ok(api.get("/api/v1/auth/me", tokens.getString("accessToken")), 200);
        assertTrue(ok(api.get("/api/v1/auth/me", tokens.getString("accessToken")), 200)
                .getBoolean("mfaEnabled"));

        JsonObject again = startLogin(m.account());
        problem(
                api.post(
                        "/api/v1/auth/mfa/challenge",
                        new JsonObject()
                                .put("mfaToken", again.getString("mfaToken"))
                                .put("code", code),
                        null),
                401,
                "mfa.invalid_code");
        // and the used challenge can't be used twice either
        problem(
                api.post(
                        "/api/v1/auth/mfa/challenge",
                        new JsonObject()
                                .put("mfaToken", challenge.getString("mfaToken"))
                                .put("code", code),
                        null),
                401,
                "mfa.challenge_invalid");
    }

    @Test
    void backupCodesWorkOnceEach() {
        MfaAccount m = withMfa();
        String backup = m.backupCodes().getString(0);
        JsonObject challenge = startLogin(m.account());
        ok(
                api.post(
                        "/api/v1/auth/mfa/challenge",
                        new JsonObject()
                                .put("mfaToken", challenge.getString("mfaToken"))
                                .put("backupCode", backup.toUpperCase()),
                        null),
                200);
        JsonObject again = startLogin(m.account());
        problem(
                api.post(
                        "/api/v1/auth/mfa/challenge",
                        new JsonObject()
                                .put("mfaToken", again.getString("mfaToken"))
                                .put("backupCode", backup),
                        null),
                401,
                "mfa.invalid_code");
        JsonObject left =
                ok(api.get("/api/v1/auth/mfa/backup-codes", m.account().accessToken()), 200);
        assertEquals(9, left.getInteger("remaining"));
    }

    @Test
    void fiveWrongCodesEndTheChallenge() {
        MfaAccount m = withMfa();
        String token = startLogin(m.account()).getString("mfaToken");
        for (int i = 0; i < 5; i++) {
            problem(
                    api.post(
                            "/api/v1/auth/mfa/challenge",
                            new JsonObject().put("mfaToken", token).put("code", "000000"),
                            null),
                    401,
                    "mfa.invalid_code");
        }
        problem(
                api.post(
                        "/api/v1/auth/mfa/challenge",
                        new JsonObject().put("mfaToken", token).put("code", now(m.secret())),
                        null),
                401,
                "mfa.challenge_invalid");
        problem(
                api.post("/api/v1/auth/mfa/challenge", new JsonObject().put("mfaToken", token), null),
                422,
                "request.invalid");
        // the five wrong codes were five failed sign-ins: the account is locked, even with the right password
        problem(
                api.post(
                        "/api/v1/auth/login",
                        new JsonObject()
                                .put("email", m.account().email())
                                .put("password", m.account().password()),
                        null),
                423,
                "auth.account_locked");
    }

    @Test
    void anExpiredChallengeIsRefused() throws Exception {
        MfaAccount m = withMfa();
        String token = startLogin(m.account()).getString("mfaToken");
        app.db
                .preparedQuery("UPDATE mfa_challenges SET expires_at = now() - interval '1 second' WHERE user_id = $1")
                .execute(Tuple.of(m.account().id()))
                .await(5, TimeUnit.SECONDS);
        problem(
                api.post(
                        "/api/v1/auth/mfa/challenge",
                        new JsonObject().put("mfaToken", token).put("code", now(m.secret())),
                        null),
                401,
                "mfa.challenge_invalid");
    }

    @Test
    void setUpErrors() {
        Accounts.Account bob = Accounts.in(app).register();
        problem(
                api.post("/api/v1/auth/mfa/verify", new JsonObject().put("code", "123456"), bob.accessToken()),
                409,
                "mfa.not_pending");
        String secret = ok(api.post("/api/v1/auth/mfa/enable", null, bob.accessToken()), 200)
                .getString("secret");
        String wrong = now(secret).equals("000000") ? "111111" : "000000";
        problem(
                api.post("/api/v1/auth/mfa/verify", new JsonObject().put("code", wrong), bob.accessToken()),
                401,
                "mfa.invalid_code");
        problem(
                api.post("/api/v1/auth/mfa/verify", new JsonObject().put("code", "12ab"), bob.accessToken()),
                422,
                "request.invalid");
        problem(api.get("/api/v1/auth/mfa/backup-codes", bob.accessToken()), 409, "mfa.not_enabled");
        problem(api.post("/api/v1/auth/mfa/enable", null, null), 401, "auth.unauthenticated");
        MfaAccount on = withMfa();
        problem(api.post("/api/v1/auth/mfa/enable", null, on.account().accessToken()), 409, "mfa.already_enabled");
    }

    @Test
    void regenerateReplacesTheCodesAndDisableNeedsPasswordAndCode() {
        MfaAccount m = withMfa();
        String token = m.account().accessToken();
        problem(
                api.post(
                        "/api/v1/auth/mfa/regenerate-backup",
                        new JsonObject().put("password", "wrong-password-1"),
                        token),
                403,
                "auth.wrong_password");
        JsonArray fresh = ok(
                        api.post(
                                "/api/v1/auth/mfa/regenerate-backup",
                                new JsonObject().put("password", m.account().password()),
                                token),
                        200)
                .getJsonArray("backupCodes");
        assertEquals(10, fresh.size());
        JsonObject challenge = startLogin(m.account());
        problem(
                api.post(
                        "/api/v1/auth/mfa/challenge",
                        new JsonObject()
                                .put("mfaToken", challenge.getString("mfaToken"))
                                .put("backupCode", m.backupCodes().getString(1)),
                        null),
                401,
                "mfa.invalid_code");

        problem(
                api.post(
                        "/api/v1/auth/mfa/disable",
                        new JsonObject().put("password", m.account().password()).put("code", "000001"),
                        token),
                401,
                "mfa.invalid_code");
        problem(
                api.post(
                        "/api/v1/auth/mfa/disable",
                        new JsonObject().put("password", "wrong-password-1").put("code", now(m.secret())),
                        token),
                403,
                "auth.wrong_password");
        ok(
                api.post(
                        "/api/v1/auth/mfa/disable",
                        new JsonObject().put("password", m.account().password()).put("backupCode", fresh.getString(0)),
                        token),
                200);
        JsonObject plain = ok(
                api.post(
                        "/api/v1/auth/login",
                        new JsonObject()
                                .put("email", m.account().email())
                                .put("password", m.account().password()),
                        null),
                200);
        assertTrue(plain.containsKey("accessToken"), "no second factor any more");
        problem(
                api.post(
                        "/api/v1/auth/mfa/disable",
                        new JsonObject().put("password", m.account().password()).put("code", "123456"),
                        token),
                409,
                "mfa.not_enabled");
    }

    @Test
    void theSecretIsEncryptedAtRest() throws Exception {
        MfaAccount m = withMfa();
        String stored = app.db
                .preparedQuery("SELECT mfa_secret FROM users WHERE id = $1")
                .execute(Tuple.of(m.account().id()))
                .await(5, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getString(0);
        assertTrue(!stored.contains(m.secret()) && stored.length() > m.secret().length());
        long codesStoredRaw = app.db
                .preparedQuery("SELECT count(*) FROM mfa_backup_codes WHERE code_hash = $1")
                .execute(Tuple.of(m.backupCodes().getString(0)))
                .await()
                .iterator()
                .next()
                .getLong(0);
        assertEquals(0, codesStoredRaw, "backup codes are stored hashed");
    }
}
