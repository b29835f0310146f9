package io.quire.identity;

import io.quire.platform.auth.Principal;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.crypto.Encryptor;
import io.quire.platform.crypto.Passwords;
import io.quire.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/**
 * TOTP second factor: set-up (secret encrypted at rest, confirmed by a first code), backup codes, disabling,
 * and the second step of sign-in. A TOTP step is accepted once per user, so a seen code can't be replayed.
 */
public final class MfaService {
    private final Pool pool;
    private final QuireConfig config;
    private final UserRepository users;
    private final MfaStore store;
    private final Encryptor encryptor;
    private final Passwords passwords;

    MfaService(
            Pool pool,
            QuireConfig config,
            UserRepository users,
            MfaStore store,
            Encryptor encryptor,
            Passwords passwords) {
        this.pool = pool;
        this.config = config;
        this.users = users;
        this.store = store;
        this.encryptor = encryptor;
        this.passwords = passwords;
    }

    /** Step one of set-up: a new secret (pending until a code confirms it) and its {@code otpauth://} URI. */
    public Future<JsonObject> enable(Principal p) {
        return user(p).compose(user -> {
            if (user.mfaEnabled()) {
                return Future.failedFuture(
                        new ApiException.Conflict("mfa.already_enabled", "MFA is already on.", java.util.List.of()));
            }
            String secret = Totp.newSecret();
            return users.setMfaPending(pool, user.id(), encryptor.encrypt(secret))
                    .map(v -> new JsonObject()
                            .put("secret", secret)
                            .put("otpauthUri", Totp.otpauthUri(config.auth().mfaIssuer(), user.email(), secret))
                            .put("digits", Totp.DIGITS)
                            .put("period", Totp.STEP_SECONDS)
                            .put("algorithm", "SHA1"));
        });
    }

    /** Step two: a code from the app turns MFA on and returns the first backup codes (shown this once). */
    public Future<JsonObject> verify(Principal p, String code) {
        return user(p).compose(user -> {
            if (user.mfaPendingSecret() == null) {
                return Future.failedFuture(new ApiException.Conflict(
                        "mfa.not_pending",
                        user.mfaEnabled() ? "MFA is already on." : "Start with POST /api/v1/auth/mfa/enable.",
                        java.util.List.of()));
            }
            OptionalLong step = Totp.matchingStep(encryptor.decrypt(user.mfaPendingSecret()), code, nowSeconds());
            if (step.isEmpty()) {
                return Future.failedFuture(invalidCode());
            }
            return pool.withTransaction(tx -> users.enableMfa(tx, user.id(), step.getAsLong())
                            .compose(v -> store.regenerateCodes(tx, user.id())))
                    .map(codes -> new JsonObject().put("mfaEnabled", true).put("backupCodes", new JsonArray(codes)));
        });
    }

    /** Turning MFA off needs the password and a current code (or a backup code). */
    public Future<Void> disable(Principal p, String password, String code, String backupCode) {
        return user(p).compose(user -> {
            if (!user.mfaEnabled()) {
                return Future.failedFuture(
                        new ApiException.Conflict("mfa.not_enabled", "MFA is not on.", java.util.List.of()));
            }
            return requirePassword(user, password)
                    .compose(v -> pool.withTransaction(tx -> secondFactor(tx, user, code, backupCode)
                            .compose(ok -> ok
                                    ? users.disableMfa(tx, user.id()).compose(x -> store.deleteCodes(tx, user.id()))
                                    : Future.failedFuture(invalidCode()))));
        });
    }

    public Future<JsonObject> backupCodesLeft(Principal p) {
        return user(p).compose(user -> user.mfaEnabled()
                ? store.codesLeft(pool, user.id())
                        .map(n -> new JsonObject().put("remaining", n).put("total", MfaStore.BACKUP_CODES))
                : Future.failedFuture(
                        new ApiException.Conflict("mfa.not_enabled", "MFA is not on.", java.util.List.of())));
    }

    /** New backup codes replace the old ones; needs the password. */
    public Future<JsonObject> regenerateBackupCodes(Principal p, String password) {
        return user(p).compose(user -> {
            if (!user.mfaEnabled()) {
                return Future.failedFuture(
                        new ApiException.Conflict("mfa.not_enabled", "MFA is not on.", java.util.List.of()));
            }
            return requirePassword(user, password)
                    .compose(v -> pool.withTransaction(tx -> store.regenerateCodes(tx, user.id())))
                    .map(codes -> new JsonObject().put("backupCodes", new JsonArray(codes)));
        });
    }

    // ---- the sign-in challenge

    Future<String> startChallenge(User user, ClientInfo client) {
        return store.startChallenge(
                pool, user.id(), client, Duration.ofMinutes(config.auth().mfaChallengeMinutes()));
    }

    /**
     * Checks the second factor for a challenge; on success marks it used and lets {@code onSuccess} start the
     * session in the same transaction. A wrong code is counted (committed) before the 401; five end the challenge.
     */
    Future<JsonObject> completeChallenge(
            String token,
            String code,
            String backupCode,
            BiFunction<SqlConnection, User, Future<JsonObject>> onSuccess) {
        return pool.withTransaction(tx -> store.findChallenge(tx, token).compose(found -> {
                    if (found.isEmpty()) {
                        return Future.failedFuture(new ApiException.Unauthorized(
                                "mfa.challenge_invalid",
                                "The MFA challenge is invalid, used, expired or out of attempts. Sign in again."));
                    }
                    return users.findById(tx, found.get()).compose(user -> {
                        if (user.isEmpty() || !user.get().mfaEnabled()) {
                            return Future.failedFuture(
                                    new ApiException.Unauthorized("mfa.challenge_invalid", "Sign in again."));
                        }
                        // a wrong code counts as a failed sign-in, so cycling challenges can't grind through codes
                        return secondFactor(tx, user.get(), code, backupCode)
                                .compose(ok -> ok
                                        ? store.useChallenge(tx, token)
                                                .compose(v -> users.recordLogin(
                                                        tx, user.get().id(), null))
                                                .compose(v -> onSuccess.apply(tx, user.get()))
                                                .map(Optional::of)
                                        : store.failChallenge(tx, token)
                                                .compose(v -> users.recordFailedLogin(
                                                        tx,
                                                        user.get().id(),
                                                        config.auth().lockoutThreshold(),
                                                        config.auth().lockoutMinutes()))
                                                .map(v -> Optional.<JsonObject>empty()));
                    });
                }))
                .compose(tokens ->
                        tokens.isPresent() ? Future.succeededFuture(tokens.get()) : Future.failedFuture(invalidCode()));
    }

    private Future<Boolean> secondFactor(SqlConnection tx, User user, String code, String backupCode) {
        if (code != null) {
            OptionalLong step = Totp.matchingStep(encryptor.decrypt(user.mfaSecret()), code, nowSeconds());
            return step.isEmpty() ? Future.succeededFuture(false) : users.useTotpStep(tx, user.id(), step.getAsLong());
        }
        if (backupCode != null) {
            return store.useCode(tx, user.id(), backupCode);
        }
        return Future.succeededFuture(false);
    }

    private Future<Void> requirePassword(User user, String password) {
        return passwords
                .verify(password, user.passwordHash())
                .compose(ok -> ok
                        ? Future.succeededFuture()
                        : Future.failedFuture(
                                new ApiException.Forbidden("auth.wrong_password", "The password is wrong.")));
    }

    private Future<User> user(Principal p) {
        return users.findById(pool, p.userId())
                .compose(u -> u.isPresent()
                        ? Future.succeededFuture(u.get())
                        : Future.failedFuture(new ApiException.Unauthorized(
                                "auth.unauthenticated", "The account no longer exists.")));
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    static ApiException invalidCode() {
        return new ApiException.Unauthorized("mfa.invalid_code", "The code is wrong, expired or already used.");
    }
}
