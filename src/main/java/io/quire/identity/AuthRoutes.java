package io.quire.identity;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.bool;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.oneOf;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Call;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.ObjectSchema;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.quire.platform.api.StringSchema;
import io.quire.platform.ratelimit.RateLimiter;
import io.quire.platform.ratelimit.RouteClass;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Locale;

/** {@code /api/v1/auth/*}: sign-up, sign-in, tokens, sessions, credentials, MFA. */
public final class AuthRoutes {
    private static final String BASE = "/api/v1/auth";
    private static final String TAG = "auth";
    /** Shaped like an address; lower-cased before use. */
    private static final StringSchema EMAIL =
            string().length(3, 254).format("email").example("ada@example.com");
    /** Taken as typed: no trimming, only a length bound against abuse (the password policy checks the rest). */
    private static final StringSchema PASSWORD = string().length(1, 1024).raw();

    private static final StringSchema TOKEN = string().length(10, 200);
    private static final Schema TOKENS = ref("TokenResponse");
    private static final Schema MESSAGE = object().required("message", string());
    private static final Schema USER = object().required("user", ref("User"));

    private final AuthService auth;
    private final AccountService account;
    private final MfaService mfa;
    private final RateLimiter limiter;
    private final int attemptsPerMinute;

    AuthRoutes(AuthService auth, AccountService account, MfaService mfa, RateLimiter limiter, int attemptsPerMinute) {
        this.auth = auth;
        this.account = account;
        this.mfa = mfa;
        this.limiter = limiter;
        this.attemptsPerMinute = attemptsPerMinute;
    }

    public void mount(Api api) {
        publicRoutes(api);
        sessionRoutes(api);
        mfaRoutes(api);
    }

    private void publicRoutes(Api api) {
        api.on(
                auth(Endpoint.post(BASE + "/register")
                        .id("register")
                        .summary("Create an account")
                        .description("Sends a verification email; the answer signs the new account in.")
                        .body(object().required("email", EMAIL)
                                .required("password", PASSWORD)
                                .required(
                                        "username",
                                        string().length(3, 30)
                                                .pattern("^[a-z0-9_]{3,30}$", "must be 3–30 of a-z, 0-9 and _"))
                                .optional("displayName", string().length(1, 60))
                                .example(new JsonObject()
                                        .put("email", "mira@example.com")
                                        .put("password", "velvet-orbit-71-canyon-drift")
                                        .put("username", "mira_writes")
                                        .put("displayName", "Mira")))
                        .ok(201, TOKENS, "Signed in as the new account")
                        .problems(409)),
                call -> {
                    JsonObject b = call.body();
                    String displayName = b.getString("displayName");
                    var registration = new AuthService.Registration(
                            email(b, "email"),
                            b.getString("password"),
                            b.getString("username"),
                            displayName == null ? b.getString("username") : displayName);
                    return limit(call, "register")
                            .compose(v -> auth.register(registration, ClientInfo.of(call)))
                            .map(Reply::created);
                });
        api.on(
                auth(Endpoint.post(BASE + "/login")
                        .id("login")
                        .summary("Sign in")
                        .description(
                                "With MFA on, answers `{mfaRequired, mfaToken}` instead of tokens; finish with /auth/mfa/challenge.")
                        .body(object().required("email", EMAIL)
                                .required("password", PASSWORD)
                                .example(new JsonObject()
                                        .put("email", "mira@example.com")
                                        .put("password", "velvet-orbit-71-canyon-drift")))
                        .ok(oneOf(TOKENS, ref("MfaRequired")))
                        .problems(403, 423)),
                call -> limit(call, "login")
                        .compose(v -> auth.login(
                                email(call.body(), "email"), call.body().getString("password"), ClientInfo.of(call)))
                        .map(Reply::ok));
        api.on(
                auth(Endpoint.post(BASE + "/mfa/challenge")
                        .id("completeMfaChallenge")
                        .summary("Second sign-in step: a TOTP code or a backup code")
                        .body(secondFactor(object().required("mfaToken", TOKEN)))
                        .ok(TOKENS)),
                call -> limit(call, "mfa")
                        .compose(v -> auth.completeMfa(
                                call.body().getString("mfaToken"),
                                call.body().getString("code"),
                                call.body().getString("backupCode"),
                                ClientInfo.of(call)))
                        .map(Reply::ok));
        api.on(
                auth(Endpoint.post(BASE + "/refresh")
                        .id("refreshTokens")
                        .summary("Rotate a refresh token")
                        .description("Reusing an old refresh token revokes its whole session.")
                        .body(object().required("refreshToken", TOKEN))
                        .ok(TOKENS)),
                call -> auth.refresh(call.body().getString("refreshToken"), ClientInfo.of(call))
                        .map(Reply::ok));
        api.on(
                auth(Endpoint.post(BASE + "/forgot-password")
                        .id("forgotPassword")
                        .summary("Request a password reset email")
                        .description("Always 202, whether or not the account exists.")
                        .body(object().required("email", EMAIL))
                        .ok(202, MESSAGE, "Accepted")),
                call -> limit(call, "forgot")
                        .compose(v -> account.forgotPassword(email(call.body(), "email"), call.clientIp()))
                        .map(v -> Reply.accepted(new JsonObject()
                                .put(
                                        "message",
                                        "If an account exists for this address, a reset link is on its way."))));
        api.on(
                auth(Endpoint.post(BASE + "/reset-password")
                        .id("resetPassword")
                        .summary("Set a new password with an emailed token")
                        .description("The token is single use and lasts an hour; every session ends.")
                        .body(object().required("token", TOKEN).required("password", PASSWORD))
                        .ok(MESSAGE)),
                call -> limit(call, "reset")
                        .compose(v -> account.resetPassword(
                                call.body().getString("token"), call.body().getString("password")))
                        .map(v -> Reply.ok(new JsonObject().put("message", "Password changed; sign in again."))));
        api.on(
                auth(Endpoint.post(BASE + "/verify-email")
                        .id("verifyEmail")
                        .summary("Confirm the email address with an emailed token")
                        .body(object().required("token", TOKEN))
                        .ok(USER)),
                call -> account.verifyEmail(call.body().getString("token"))
                        .map(user -> Reply.ok(new JsonObject().put("user", user.toOwnJson()))));
    }

    private void sessionRoutes(Api api) {
        // sessions only: API keys may not touch credentials
        api.on(
                Endpoint.get(BASE + "/me")
                        .id("getMe")
                        .tag(TAG)
                        .summary("The current user, minimal")
                        .access(Access.signedIn())
                        .rateClass(RouteClass.AUTH)
                        .ok(object().required("id", uuid())
                                .required("email", string())
                                .required("username", string())
                                .required("displayName", nullable(string()))
                                .required("role", string())
                                .required("status", string())
                                .required("emailVerified", bool())
                                .required("mfaEnabled", bool())),
                call -> auth.currentUser(call.user())
                        .map(user -> Reply.ok(new JsonObject()
                                .put("id", user.id().toString())
                                .put("email", user.email())
                                .put("username", user.username())
                                .put("displayName", user.displayName())
                                .put("role", user.role().name())
                                .put("status", user.status())
                                .put("emailVerified", user.emailVerifiedAt() != null)
                                .put("mfaEnabled", user.mfaEnabled()))));
        api.on(
                session(Endpoint.post(BASE + "/logout")
                        .id("logout")
                        .summary("End this session")
                        .noContent()),
                call -> auth.logout(call.user()).map(v -> Reply.noContent()));
        api.on(
                session(Endpoint.post(BASE + "/logout-all")
                        .id("logoutAll")
                        .summary("End every session")
                        .description("Every access token stops working on every instance.")
                        .ok(object().required("sessionsRevoked", integer()))),
                call -> auth.logoutAll(call.user()).map(n -> Reply.ok(new JsonObject().put("sessionsRevoked", n))));
        api.on(
                session(Endpoint.get(BASE + "/sessions")
                        .id("listSessions")
                        .summary("Active sessions: device, IP, last active, current")
                        .ok(Schema.list(ref("Session")))),
                call -> auth.sessions(call.user()).map(l -> Reply.list(l, null)));
        api.on(
                session(Endpoint.delete(BASE + "/sessions/{sessionId}")
                        .id("revokeSession")
                        .summary("Revoke one of your sessions")
                        .noContent()),
                call -> auth.revokeSession(call.user(), call.id("sessionId", "auth.session_not_found"))
                        .map(v -> Reply.noContent()));
        api.on(
                session(Endpoint.post(BASE + "/resend-verification")
                        .id("resendVerification")
                        .summary("Send the verification email again")
                        .description("Five an hour.")
                        .ok(202, MESSAGE, "Accepted")
                        .problems(409)),
                call -> call.enforce(
                                limiter,
                                "resend-verification",
                                call.user().userId().toString(),
                                5,
                                Duration.ofHours(1))
                        .compose(v -> account.resendVerification(call.user()))
                        .map(v -> Reply.accepted(
                                new JsonObject().put("message", "A verification email is on its way."))));
        api.on(
                session(Endpoint.post(BASE + "/change-password")
                        .id("changePassword")
                        .summary("Change the password")
                        .description("Other sessions end; this one gets a new access token.")
                        .body(object().required("currentPassword", PASSWORD).required("newPassword", PASSWORD))
                        .ok(object().required("accessToken", string())
                                .required("expiresIn", integer())
                                .required("tokenType", string()))),
                call -> account.changePassword(
                                call.user(),
                                call.body().getString("currentPassword"),
                                call.body().getString("newPassword"))
                        .map(Reply::ok));
        api.on(
                session(Endpoint.post(BASE + "/change-email")
                        .id("changeEmail")
                        .summary("Ask to change the email address")
                        .description("A token goes to the new address; confirm with /auth/verify-email-change.")
                        .body(object().required("newEmail", EMAIL).required("password", PASSWORD))
                        .ok(202, MESSAGE, "Accepted")
                        .problems(409)),
                call -> account.changeEmail(
                                call.user(),
                                email(call.body(), "newEmail"),
                                call.body().getString("password"))
                        .map(v -> Reply.accepted(new JsonObject()
                                .put("message", "Confirm the new address from the email we sent it."))));
        api.on(
                session(Endpoint.post(BASE + "/verify-email-change")
                        .id("verifyEmailChange")
                        .summary("Confirm the new address with its token")
                        .body(object().required("token", TOKEN))
                        .ok(USER)
                        .problems(400, 409)),
                call -> account.verifyEmailChange(call.user(), call.body().getString("token"))
                        .map(user -> Reply.ok(new JsonObject().put("user", user.toOwnJson()))));
    }

    private void mfaRoutes(Api api) {
        api.on(
                session(Endpoint.post(BASE + "/mfa/enable")
                        .id("enableMfa")
                        .summary("Start TOTP set-up")
                        .description("A secret and its otpauth:// URI, pending until confirmed with /auth/mfa/verify.")
                        .ok(object().required("secret", string())
                                .required("otpauthUri", string())
                                .required("digits", integer())
                                .required("period", integer())
                                .required("algorithm", string()))
                        .problems(409)),
                call -> mfa.enable(call.user()).map(Reply::ok));
        api.on(
                session(Endpoint.post(BASE + "/mfa/verify")
                        .id("verifyMfa")
                        .summary("Confirm TOTP set-up with a code")
                        .description("Turns MFA on and returns 10 backup codes, once.")
                        .body(object().required("code", string().length(6, 6)))
                        .ok(object().required("mfaEnabled", bool()).required("backupCodes", array(string())))
                        .problems(409)),
                call -> mfa.verify(call.user(), call.body().getString("code")).map(Reply::ok));
        api.on(
                session(Endpoint.post(BASE + "/mfa/disable")
                        .id("disableMfa")
                        .summary("Turn MFA off")
                        .description("Needs the password and a code or a backup code.")
                        .body(secondFactor(object().required("password", PASSWORD)))
                        .ok(object().required("mfaEnabled", bool()))
                        .problems(409)),
                call -> mfa.disable(
                                call.user(),
                                call.body().getString("password"),
                                call.body().getString("code"),
                                call.body().getString("backupCode"))
                        .map(v -> Reply.ok(new JsonObject().put("mfaEnabled", false))));
        api.on(
                session(Endpoint.get(BASE + "/mfa/backup-codes")
                        .id("countMfaBackupCodes")
                        .summary("How many backup codes are left")
                        .ok(object().required("remaining", integer()).required("total", integer()))
                        .problems(409)),
                call -> mfa.backupCodesLeft(call.user()).map(Reply::ok));
        api.on(
                session(Endpoint.post(BASE + "/mfa/regenerate-backup")
                        .id("regenerateMfaBackupCodes")
                        .summary("Replace the backup codes")
                        .description("The new codes are shown once.")
                        .body(object().required("password", PASSWORD))
                        .ok(object().required("backupCodes", array(string())))
                        .problems(409)),
                call -> mfa.regenerateBackupCodes(call.user(), call.body().getString("password"))
                        .map(Reply::ok));
    }

    /** The sign-in endpoints: anyone may call them, and they spend the auth budget. */
    private static Endpoint auth(Endpoint e) {
        return e.tag(TAG).access(Access.anyone()).rateClass(RouteClass.AUTH);
    }

    private static Endpoint session(Endpoint e) {
        return e.tag(TAG).access(Access.session()).rateClass(RouteClass.AUTH);
    }

    /** A TOTP {@code code} or a {@code backupCode}: one of the two is required. */
    private static ObjectSchema secondFactor(ObjectSchema body) {
        return body.optional("code", string().length(1, 20))
                .optional("backupCode", string().length(1, 40))
                .requireAnyOf("code or backupCode is required", "code", "backupCode");
    }

    private static String email(JsonObject body, String field) {
        return body.getString(field).toLowerCase(Locale.ROOT);
    }

    /** Per-IP limit on the endpoints that guess at credentials or send mail. */
    private Future<Void> limit(Call call, String name) {
        return call.enforce(limiter, name, call.clientIp(), attemptsPerMinute, Duration.ofMinutes(1));
    }
}
