package io.quire.identity;

import io.quire.platform.auth.Principal;
import io.quire.platform.auth.Revocations;
import io.quire.platform.auth.Role;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.crypto.Passwords;
import io.quire.platform.crypto.SecretTokens;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.quire.platform.mail.Mailer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Signing up, signing in (with lockout and a second factor), refresh-token rotation with reuse detection,
 * signing out and session management. Wrong email and wrong password are the same 401 at the same cost.
 */
public final class AuthService {
    private final Pool pool;
    private final QuireConfig config;
    private final UserRepository users;
    private final SessionRepository sessions;
    private final SessionIssuer issuer;
    private final Passwords passwords;
    private final PasswordPolicy policy;
    private final Revocations revocations;
    private final VerificationTokens verificationTokens;
    private final Mailer mailer;
    private final IdentityEmails emails;
    private final MfaService mfa;

    AuthService(
            Pool pool,
            QuireConfig config,
            UserRepository users,
            SessionRepository sessions,
            SessionIssuer issuer,
            Passwords passwords,
            PasswordPolicy policy,
            Revocations revocations,
            VerificationTokens verificationTokens,
            Mailer mailer,
            IdentityEmails emails,
            MfaService mfa) {
        this.pool = pool;
        this.config = config;
        this.users = users;
        this.sessions = sessions;
        this.issuer = issuer;
        this.passwords = passwords;
        this.policy = policy;
        this.revocations = revocations;
        this.verificationTokens = verificationTokens;
        this.mailer = mailer;
        this.emails = emails;
        this.mfa = mfa;
    }

    /** Validated sign-up input; email already normalised. */
    public record Registration(String email, String password, String username, String displayName) {}

    // ---- register

    public Future<JsonObject> register(Registration r, ClientInfo client) {
        return policy.check("password", r.password(), r.email(), r.username(), r.displayName())
                .compose(v -> passwords.hash(r.password()))
                .compose(hash -> pool.withTransaction(tx -> createAccount(tx, r, hash, client)))
                .recover(AuthService::duplicateAsConflict);
    }

    private Future<JsonObject> createAccount(SqlConnection tx, Registration r, String hash, ClientInfo client) {
        Role role = !config.bootstrapAdminEmail().isEmpty()
                        && config.bootstrapAdminEmail().equals(r.email())
                ? Role.SUPER_ADMIN
                : Role.READER;
        return Future.all(users.emailTaken(tx, r.email()), users.findByUsername(tx, r.username()))
                .compose(taken -> {
                    boolean emailTaken = taken.resultAt(0);
                    boolean usernameTaken =
                            taken.<java.util.Optional<User>>resultAt(1).isPresent();
                    if (emailTaken || usernameTaken) {
                        return Future.failedFuture(conflict(emailTaken, usernameTaken));
                    }
                    return users.insert(tx, Ids.newId(), r.email(), r.username(), r.displayName(), hash, role);
                })
                .compose(user -> verificationTokens
                        .issue(
                                tx,
                                user.id(),
                                VerificationTokens.EMAIL_VERIFICATION,
                                null,
                                client.ip(),
                                Duration.ofHours(config.auth().emailVerificationHours()))
                        .compose(token -> mailer.queue(tx, emails.verifyEmail(user.email(), user.displayName(), token)))
                        .compose(v -> issuer.start(tx, user, client)));
    }

    private static ApiException conflict(boolean email, boolean username) {
        List<ApiException.FieldError> errors = new java.util.ArrayList<>();
        if (email) {
            errors.add(new ApiException.FieldError("email", "is already registered"));
        }
        if (username) {
            errors.add(new ApiException.FieldError("username", "is taken"));
        }
        return new ApiException.Conflict(
                email ? "auth.email_taken" : "auth.username_taken",
                "An account with this " + (email ? "email" : "username") + " already exists.",
                errors);
    }

    /** Two sign-ups racing past the check meet the unique index; answer as the check would have. */
    private static <T> Future<T> duplicateAsConflict(Throwable e) {
        if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            String message = String.valueOf(pg.getMessage());
            return Future.failedFuture(
                    conflict(message.contains("users_email_key"), message.contains("users_username_key")));
        }
        return Future.failedFuture(e);
    }

    // ---- login

    public Future<JsonObject> login(String email, String password, ClientInfo client) {
        return users.findByEmail(pool, email).compose(found -> {
            if (found.isEmpty()) {
                return passwords.verifyDecoy(password).compose(v -> Future.failedFuture(invalidCredentials()));
            }
            User user = found.get();
            if (user.lockedUntil() != null && user.lockedUntil().isAfter(OffsetDateTime.now())) {
                return Future.failedFuture(locked(user.lockedUntil()));
            }
            return passwords
                    .verify(password, user.passwordHash())
                    .compose(ok -> ok ? signedIn(user, client) : failedAttempt(user));
        });
    }

    private Future<JsonObject> failedAttempt(User user) {
        return users.recordFailedLogin(
                        pool,
                        user.id(),
                        config.auth().lockoutThreshold(),
                        config.auth().lockoutMinutes())
                .compose(lockedUntil ->
                        Future.failedFuture(lockedUntil != null ? locked(lockedUntil) : invalidCredentials()));
    }

    private Future<JsonObject> signedIn(User user, ClientInfo client) {
        if (!user.canSignIn()) {
            return Future.failedFuture(new ApiException.Forbidden(
                    "auth.account_" + user.status().toLowerCase(),
                    "This account is " + user.status().toLowerCase() + "."));
        }
        if (user.mfaEnabled()) {
            return users.recordLogin(pool, user.id(), client.ip())
                    .compose(v -> mfa.startChallenge(user, client))
                    .map(token -> new JsonObject()
                            .put("mfaRequired", true)
                            .put("mfaToken", token)
                            .put("expiresIn", config.auth().mfaChallengeMinutes() * 60));
        }
        return pool.withTransaction(
                tx -> users.recordLogin(tx, user.id(), client.ip()).compose(v -> issuer.start(tx, user, client)));
    }

    /** The second step of an MFA sign-in: a TOTP code or a backup code for the challenge token. */
    public Future<JsonObject> completeMfa(String mfaToken, String code, String backupCode, ClientInfo client) {
        return mfa.completeChallenge(mfaToken, code, backupCode, (tx, user) -> issuer.start(tx, user, client));
    }

    static ApiException invalidCredentials() {
        return new ApiException.Unauthorized("auth.invalid_credentials", "The email or password is wrong.");
    }

    private static ApiException locked(OffsetDateTime until) {
        long seconds = Math.max(1, Duration.between(OffsetDateTime.now(), until).toSeconds());
        return new ApiException.Locked(
                "auth.account_locked",
                "Too many failed sign-ins; the account is locked for " + seconds + " more seconds.",
                seconds);
    }

    // ---- refresh

    private sealed interface RefreshOutcome {
        record Issued(JsonObject tokens) implements RefreshOutcome {}

        record Reused(UUID sessionId) implements RefreshOutcome {}
    }

    /**
     * Rotates a refresh token. A token that was already rotated means two parties hold it, so the whole session
     * is revoked (committed) before the 401.
     */
    public Future<JsonObject> refresh(String refreshToken, ClientInfo client) {
        String hash = SecretTokens.sha256(refreshToken);
        return pool.withTransaction(tx -> sessions.findRefresh(tx, hash).compose(found -> {
                    if (found.isEmpty()
                            || found.get().sessionRevoked()
                            || found.get().expired()) {
                        return Future.failedFuture(invalidRefresh());
                    }
                    SessionRepository.RefreshLookup lookup = found.get();
                    if (lookup.rotated()) {
                        return sessions.revoke(tx, lookup.sessionId(), lookup.userId(), "refresh token reuse")
                                .map(v -> (RefreshOutcome) new RefreshOutcome.Reused(lookup.sessionId()));
                    }
                    return users.findById(tx, lookup.userId()).compose(user -> {
                        if (user.isEmpty() || !user.get().canSignIn()) {
                            return Future.failedFuture(invalidRefresh());
                        }
                        return sessions.markRotated(tx, hash)
                                .compose(v -> issuer.rotate(tx, user.get(), lookup.sessionId(), client))
                                .map(tokens -> (RefreshOutcome) new RefreshOutcome.Issued(tokens));
                    });
                }))
                .compose(outcome -> switch (outcome) {
                    case RefreshOutcome.Issued issued -> Future.succeededFuture(issued.tokens());
                    case RefreshOutcome.Reused reused ->
                        revocations
                                .sessionRevoked(reused.sessionId())
                                .compose(
                                        v -> Future.failedFuture(
                                                new ApiException.Unauthorized(
                                                        "auth.refresh_token_reused",
                                                        "This refresh token was already used; the session has been revoked. Sign in again.")));
                });
    }

    private static ApiException invalidRefresh() {
        return new ApiException.Unauthorized("auth.invalid_refresh_token", "The refresh token is invalid or expired.");
    }

    // ---- sign out and sessions

    public Future<Void> logout(Principal p) {
        return sessions.revoke(pool, p.sessionId(), p.userId(), "logout")
                .compose(v -> revocations.sessionRevoked(p.sessionId()));
    }

    /** Every session of the user, this one included; every access token already issued stops working. */
    public Future<Integer> logoutAll(Principal p) {
        return revokeEverything(p.userId(), "logout-all", null);
    }

    /** Revokes the user's sessions (but {@code except}) and, with no exception, all their access tokens. */
    Future<Integer> revokeEverything(UUID userId, String reason, UUID except) {
        long now = System.currentTimeMillis();
        return pool.withTransaction(tx -> sessions.revokeAll(tx, userId, reason, except)
                        .compose(ids ->
                                users.setTokensValidAfter(tx, userId, now).map(v -> ids)))
                .compose(ids -> Future.all(
                                ids.stream().map(revocations::sessionRevoked).toList())
                        .compose(v -> revocations.userTokensBefore(userId, now))
                        .map(v -> ids.size()));
    }

    public Future<JsonArray> sessions(Principal p) {
        return sessions.listActive(pool, p.userId(), p.sessionId()).map(JsonArray::new);
    }

    public Future<Void> revokeSession(Principal p, UUID sessionId) {
        return sessions.revoke(pool, sessionId, p.userId(), "revoked by user")
                .compose(revoked -> revoked
                        ? revocations.sessionRevoked(sessionId)
                        : Future.failedFuture(
                                new ApiException.NotFound("auth.session_not_found", "No such active session.")));
    }

    // ---- who am I

    public Future<User> currentUser(Principal p) {
        return users.findById(pool, p.userId())
                .compose(u -> u.isPresent()
                        ? Future.succeededFuture(u.get())
                        : Future.failedFuture(new ApiException.Unauthorized(
                                "auth.unauthenticated", "The account no longer exists.")));
    }
}
