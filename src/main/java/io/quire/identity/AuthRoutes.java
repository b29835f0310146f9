package io.quire.identity;

import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Principal;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.quire.platform.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;

/** {@code /api/v1/auth/*}: sign-up, sign-in, tokens, sessions, credentials, MFA. */
public final class AuthRoutes {
  private static final String BASE = "/api/v1/auth";
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

  public void mount(Router router) {
    // --- public
    router.post(BASE + "/register").handler(this::register);
    router.post(BASE + "/login").handler(this::login);
    router.post(BASE + "/mfa/challenge").handler(this::mfaChallenge);
    router.post(BASE + "/refresh").handler(this::refresh);
    router.post(BASE + "/forgot-password").handler(this::forgotPassword);
    router.post(BASE + "/reset-password").handler(this::resetPassword);
    router.post(BASE + "/verify-email").handler(this::verifyEmail);
    // --- signed in (sessions only: API keys may not touch credentials)
    router.get(BASE + "/me").handler(Authz.authenticated()).handler(this::me);
    router.post(BASE + "/logout").handler(Authz.session()).handler(this::logout);
    router.post(BASE + "/logout-all").handler(Authz.session()).handler(this::logoutAll);
    router.get(BASE + "/sessions").handler(Authz.session()).handler(this::sessions);
    router.delete(BASE + "/sessions/:sessionId").handler(Authz.session()).handler(this::revokeSession);
    router.post(BASE + "/resend-verification").handler(Authz.session()).handler(this::resendVerification);
    router.post(BASE + "/change-password").handler(Authz.session()).handler(this::changePassword);
    router.post(BASE + "/change-email").handler(Authz.session()).handler(this::changeEmail);
    router.post(BASE + "/verify-email-change").handler(Authz.session()).handler(this::verifyEmailChange);
    // --- MFA set-up
    router.post(BASE + "/mfa/enable").handler(Authz.session()).handler(this::mfaEnable);
    router.post(BASE + "/mfa/verify").handler(Authz.session()).handler(this::mfaVerify);
    router.post(BASE + "/mfa/disable").handler(Authz.session()).handler(this::mfaDisable);
    router.get(BASE + "/mfa/backup-codes").handler(Authz.session()).handler(this::mfaBackupCodes);
    router.post(BASE + "/mfa/regenerate-backup").handler(Authz.session()).handler(this::mfaRegenerate);
  }

  /** A TOTP {@code code} or a {@code backupCode}: one of the two is required. */
  private record SecondFactor(String code, String backupCode) {
    static SecondFactor of(RequestBody body) {
      String code = body.optionalString("code", 1, 20);
      String backupCode = body.optionalString("backupCode", 1, 40);
      if (code == null && backupCode == null) {
        body.error("code", "code or backupCode is required");
      }
      return new SecondFactor(code, backupCode);
    }
  }

  /** Per-IP limit on the endpoints that guess at credentials or send mail. */
  private Future<Void> limit(RoutingContext ctx, String name) {
    return limiter.enforce(ctx, name, Authz.clientIp(ctx), attemptsPerMinute, Duration.ofMinutes(1));
  }

  private void register(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String email = Inputs.email(body, "email");
    String password = Inputs.password(body, "password");
    String username = body.matching("username", body.requiredString("username", 3, 30), Inputs.USERNAME,
        "must be 3–30 of a-z, 0-9 and _");
    String displayName = body.optionalString("displayName", 1, 60);
    body.validate();
    var registration = new AuthService.Registration(email, password, username, displayName == null ? username : displayName);
    limit(ctx, "register").compose(v -> auth.register(registration, ClientInfo.of(ctx)))
        .onSuccess(tokens -> Responses.json(ctx, 201, tokens)).onFailure(ctx::fail);
  }

  private void login(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String email = Inputs.email(body, "email");
    String password = Inputs.password(body, "password");
    body.validate();
    limit(ctx, "login").compose(v -> auth.login(email, password, ClientInfo.of(ctx)))
        .onSuccess(result -> Responses.json(ctx, 200, result)).onFailure(ctx::fail);
  }

  private void mfaChallenge(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String token = body.requiredString("mfaToken", 10, 200);
    SecondFactor factor = SecondFactor.of(body);
    body.validate();
    limit(ctx, "mfa").compose(v -> auth.completeMfa(token, factor.code(), factor.backupCode(), ClientInfo.of(ctx)))
        .onSuccess(tokens -> Responses.json(ctx, 200, tokens)).onFailure(ctx::fail);
  }

  private void refresh(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String token = body.requiredString("refreshToken", 10, 200);
    body.validate();
    auth.refresh(token, ClientInfo.of(ctx)).onSuccess(tokens -> Responses.json(ctx, 200, tokens)).onFailure(ctx::fail);
  }

  private void forgotPassword(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String email = Inputs.email(body, "email");
    body.validate();
    limit(ctx, "forgot").compose(v -> account.forgotPassword(email, Authz.clientIp(ctx)))
        .onSuccess(v -> Responses.json(ctx, 202, new JsonObject()
            .put("message", "If an account exists for this address, a reset link is on its way.")))
        .onFailure(ctx::fail);
  }

  private void resetPassword(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String token = body.requiredString("token", 10, 200);
    String password = Inputs.password(body, "password");
    body.validate();
    limit(ctx, "reset").compose(v -> account.resetPassword(token, password))
        .onSuccess(v -> Responses.json(ctx, 200, new JsonObject().put("message", "Password changed; sign in again.")))
        .onFailure(ctx::fail);
  }

  private void verifyEmail(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String token = body.requiredString("token", 10, 200);
    body.validate();
    account.verifyEmail(token).onSuccess(user -> Responses.json(ctx, 200, new JsonObject().put("user", user.toOwnJson())))
        .onFailure(ctx::fail);
  }

  private void me(RoutingContext ctx) {
    auth.currentUser(Authz.require(ctx)).onSuccess(user -> Responses.json(ctx, 200, new JsonObject()
        .put("id", user.id().toString()).put("email", user.email()).put("username", user.username())
        .put("displayName", user.displayName()).put("role", user.role().name()).put("status", user.status())
        .put("emailVerified", user.emailVerifiedAt() != null).put("mfaEnabled", user.mfaEnabled())))
        .onFailure(ctx::fail);
  }

  private void logout(RoutingContext ctx) {
    auth.logout(Authz.require(ctx)).onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }

  private void logoutAll(RoutingContext ctx) {
    auth.logoutAll(Authz.require(ctx))
        .onSuccess(n -> Responses.json(ctx, 200, new JsonObject().put("sessionsRevoked", n))).onFailure(ctx::fail);
  }

  private void sessions(RoutingContext ctx) {
    auth.sessions(Authz.require(ctx)).onSuccess(list -> Responses.list(ctx, list, null)).onFailure(ctx::fail);
  }

  private void revokeSession(RoutingContext ctx) {
    Principal p = Authz.require(ctx);
    auth.revokeSession(p, PathParams.uuid(ctx, "sessionId", "auth.session_not_found"))
        .onSuccess(v -> Responses.noContent(ctx)).onFailure(ctx::fail);
  }

  private void resendVerification(RoutingContext ctx) {
    Principal p = Authz.require(ctx);
    limiter.enforce(ctx, "resend-verification", p.userId().toString(), 5, Duration.ofHours(1))
        .compose(v -> account.resendVerification(p))
        .onSuccess(v -> Responses.json(ctx, 202, new JsonObject().put("message", "A verification email is on its way.")))
        .onFailure(ctx::fail);
  }

  private void changePassword(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String current = Inputs.password(body, "currentPassword");
    String next = Inputs.password(body, "newPassword");
    body.validate();
    account.changePassword(Authz.require(ctx), current, next)
        .onSuccess(tokens -> Responses.json(ctx, 200, tokens)).onFailure(ctx::fail);
  }

  private void changeEmail(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String email = Inputs.email(body, "newEmail");
    String password = Inputs.password(body, "password");
    body.validate();
    account.changeEmail(Authz.require(ctx), email, password)
        .onSuccess(v -> Responses.json(ctx, 202, new JsonObject().put("message", "Confirm the new address from the email we sent it.")))
        .onFailure(ctx::fail);
  }

  private void verifyEmailChange(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String token = body.requiredString("token", 10, 200);
    body.validate();
    account.verifyEmailChange(Authz.require(ctx), token)
        .onSuccess(user -> Responses.json(ctx, 200, new JsonObject().put("user", user.toOwnJson()))).onFailure(ctx::fail);
  }

  private void mfaEnable(RoutingContext ctx) {
    mfa.enable(Authz.require(ctx)).onSuccess(setup -> Responses.json(ctx, 200, setup)).onFailure(ctx::fail);
  }

  private void mfaVerify(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String code = body.requiredString("code", 6, 6);
    body.validate();
    mfa.verify(Authz.require(ctx), code).onSuccess(result -> Responses.json(ctx, 200, result)).onFailure(ctx::fail);
  }

  private void mfaDisable(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String password = Inputs.password(body, "password");
    SecondFactor factor = SecondFactor.of(body);
    body.validate();
    mfa.disable(Authz.require(ctx), password, factor.code(), factor.backupCode())
        .onSuccess(v -> Responses.json(ctx, 200, new JsonObject().put("mfaEnabled", false))).onFailure(ctx::fail);
  }

  private void mfaBackupCodes(RoutingContext ctx) {
    mfa.backupCodesLeft(Authz.require(ctx)).onSuccess(left -> Responses.json(ctx, 200, left)).onFailure(ctx::fail);
  }

  private void mfaRegenerate(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String password = Inputs.password(body, "password");
    body.validate();
    mfa.regenerateBackupCodes(Authz.require(ctx), password)
        .onSuccess(codes -> Responses.json(ctx, 200, codes)).onFailure(ctx::fail);
  }
}
