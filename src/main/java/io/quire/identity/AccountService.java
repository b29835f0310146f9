package io.quire.identity;

import io.quire.platform.auth.Principal;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.crypto.Passwords;
import io.quire.platform.http.ApiException;
import io.quire.platform.jobs.Job;
import io.quire.platform.jobs.JobQueue;
import io.quire.platform.jobs.JobRequest;
import io.quire.platform.mail.Mailer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Duration;
import java.util.List;

/**
 * Credentials and the email address: password reset by emailed token, email verification, password change,
 * email change confirmed at the new address. Every emailed token is single use and expires.
 */
public final class AccountService {
    /** The job that does the work of a forgot-password request after the 202 was sent. */
    public static final String PASSWORD_RESET_JOB = "identity.password_reset_request";

    private final Pool pool;
    private final QuireConfig config;
    private final UserRepository users;
    private final Passwords passwords;
    private final PasswordPolicy policy;
    private final VerificationTokens tokens;
    private final Mailer mailer;
    private final IdentityEmails emails;
    private final JobQueue jobs;
    private final AuthService auth;
    private final SessionIssuer issuer;

    AccountService(
            Pool pool,
            QuireConfig config,
            UserRepository users,
            Passwords passwords,
            PasswordPolicy policy,
            VerificationTokens tokens,
            Mailer mailer,
            IdentityEmails emails,
            JobQueue jobs,
            AuthService auth,
            SessionIssuer issuer) {
        this.pool = pool;
        this.config = config;
        this.users = users;
        this.passwords = passwords;
        this.policy = policy;
        this.tokens = tokens;
        this.mailer = mailer;
        this.emails = emails;
        this.jobs = jobs;
        this.auth = auth;
        this.issuer = issuer;
    }

    // ---- forgot / reset

    /**
     * Always the same quick answer: the request only becomes a job, and the job looks the address up. So neither
     * the response nor its timing says whether an account exists.
     */
    public Future<Void> forgotPassword(String email, String ip) {
        return jobs.enqueue(
                        pool,
                        JobRequest.of(
                                        PASSWORD_RESET_JOB,
                                        new JsonObject().put("email", email).put("ip", ip))
                                .maxAttempts(5))
                .mapEmpty();
    }

    /** The job: for an existing account that may sign in, a reset token and its email, in one transaction. */
    public Future<Void> sendPasswordReset(Job job) {
        String email = job.payload().getString("email");
        int minutes = config.auth().passwordResetMinutes();
        return users.findByEmail(pool, email).compose(found -> {
            if (found.isEmpty() || !found.get().canSignIn()) {
                return Future.succeededFuture();
            }
            User user = found.get();
            return pool.withTransaction(tx -> tokens.issue(
                                    tx,
                                    user.id(),
                                    VerificationTokens.PASSWORD_RESET,
                                    null,
                                    job.payload().getString("ip"),
                                    Duration.ofMinutes(minutes))
                            .compose(token -> mailer.queue(
                                    tx, emails.resetPassword(user.email(), user.displayName(), token, minutes))))
                    .mapEmpty();
        });
    }

    /** Sets the new password, ends every session and access token, and lifts a lockout. */
    public Future<Void> resetPassword(String token, String newPassword) {
        return pool.withTransaction(tx -> tokens.consume(tx, token, VerificationTokens.PASSWORD_RESET)
                        .compose(consumed -> {
                            if (consumed.isEmpty()) {
                                return Future.failedFuture(invalidToken("auth.reset_token_invalid"));
                            }
                            return users.findById(tx, consumed.get().userId())
                                    .compose(user -> policy.check(
                                                    "password",
                                                    newPassword,
                                                    user.get().email(),
                                                    user.get().username(),
                                                    user.get().displayName())
                                            .compose(v -> passwords.hash(newPassword))
                                            .compose(hash -> users.setPassword(
                                                    tx, user.get().id(), hash, System.currentTimeMillis()))
                                            .compose(v -> users.recordLogin(
                                                    tx, user.get().id(), null))
                                            .map(v -> user.get()));
                        }))
                .compose(user -> auth.revokeEverything(user.id(), "password reset", null))
                .mapEmpty();
    }

    // ---- email verification

    public Future<User> verifyEmail(String token) {
        return pool.withTransaction(tx -> tokens.consume(tx, token, VerificationTokens.EMAIL_VERIFICATION)
                .compose(consumed -> consumed.isEmpty()
                        ? Future.failedFuture(invalidToken("auth.verification_token_invalid"))
                        : users.markEmailVerified(tx, consumed.get().userId())));
    }

    public Future<Void> resendVerification(Principal p) {
        return auth.currentUser(p).compose(user -> {
            if (user.emailVerifiedAt() != null) {
                return Future.failedFuture(new ApiException.Conflict(
                        "auth.email_already_verified", "The email address is already verified.", List.of()));
            }
            return pool.withTransaction(tx -> tokens.issue(
                                    tx,
                                    user.id(),
                                    VerificationTokens.EMAIL_VERIFICATION,
                                    null,
                                    null,
                                    Duration.ofHours(config.auth().emailVerificationHours()))
                            .compose(token ->
                                    mailer.queue(tx, emails.verifyEmail(user.email(), user.displayName(), token))))
                    .mapEmpty();
        });
    }

    // ---- change password / email (signed in)

    /** Ends every other session and every older access token; returns a fresh access token for this session. */
    public Future<JsonObject> changePassword(Principal p, String currentPassword, String newPassword) {
        return auth.currentUser(p)
                .compose(user -> checkPassword(user, currentPassword, "currentPassword")
                        .compose(v -> policy.check(
                                "newPassword", newPassword, user.email(), user.username(), user.displayName()))
                        .compose(v -> passwords.hash(newPassword))
                        .compose(hash -> users.setPassword(pool, user.id(), hash, System.currentTimeMillis()))
                        .compose(v -> auth.revokeEverything(user.id(), "password changed", p.sessionId()))
                        .map(v -> issuer.accessOnly(user, p.sessionId())));
    }

    /** Emails a confirmation token to the new address; the change happens when it comes back. */
    public Future<Void> changeEmail(Principal p, String newEmail, String password) {
        return auth.currentUser(p)
                .compose(user -> checkPassword(user, password, "password")
                        .compose(v -> users.emailTaken(pool, newEmail))
                        .compose(taken -> taken
                                ? Future.failedFuture(emailTaken())
                                : pool.withTransaction(tx -> tokens.issue(
                                                tx,
                                                user.id(),
                                                VerificationTokens.EMAIL_CHANGE,
                                                newEmail,
                                                null,
                                                Duration.ofHours(config.auth().emailVerificationHours()))
                                        .compose(token -> mailer.queue(
                                                tx, emails.changeEmail(newEmail, user.displayName(), token)))))
                        .mapEmpty());
    }

    public Future<User> verifyEmailChange(Principal p, String token) {
        return pool.withTransaction(tx -> tokens.consume(tx, token, VerificationTokens.EMAIL_CHANGE)
                .compose(consumed -> {
                    if (consumed.isEmpty() || !consumed.get().userId().equals(p.userId())) {
                        return Future.failedFuture(invalidToken("auth.email_change_token_invalid"));
                    }
                    return users.emailTaken(tx, consumed.get().newEmail())
                            .compose(taken -> taken
                                    ? Future.failedFuture(emailTaken())
                                    : users.changeEmail(
                                            tx, p.userId(), consumed.get().newEmail()));
                }));
    }

    private Future<Void> checkPassword(User user, String password, String field) {
        return passwords
                .verify(password, user.passwordHash())
                .compose(ok -> ok
                        ? Future.succeededFuture()
                        : Future.failedFuture(
                                new ApiException.Forbidden("auth.wrong_password", "The " + field + " is wrong.")));
    }

    private static ApiException emailTaken() {
        return new ApiException.Conflict(
                "auth.email_taken",
                "An account with this email already exists.",
                List.of(new ApiException.FieldError("newEmail", "is already registered")));
    }

    private static ApiException invalidToken(String code) {
        return new ApiException.BadRequest(code, "The token is invalid, already used or expired.");
    }
}
