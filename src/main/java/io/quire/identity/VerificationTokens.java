package io.quire.identity;

import io.quire.platform.crypto.SecretTokens;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** Emailed single-use tokens: random, stored as SHA-256, consumed atomically, with an expiry. */
final class VerificationTokens {
    static final String EMAIL_VERIFICATION = "EMAIL_VERIFICATION";
    static final String PASSWORD_RESET = "PASSWORD_RESET";
    static final String EMAIL_CHANGE = "EMAIL_CHANGE";

    private static final String INSERT = """
      INSERT INTO verification_tokens (token_hash, user_id, type, new_email, requested_ip, expires_at)
      VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))
      """;

    /** Marks the token used and returns its owner, only if it is of this type, unused and unexpired. */
    private static final String CONSUME = """
      UPDATE verification_tokens SET used_at = now()
       WHERE token_hash = $1 AND type = $2 AND used_at IS NULL AND expires_at > now()
      RETURNING user_id, new_email
      """;

    /** An older unused token of the same kind dies when a new one is issued. */
    private static final String EXPIRE_OLDER = """
      UPDATE verification_tokens SET used_at = now() WHERE user_id = $1 AND type = $2 AND used_at IS NULL
      """;

    /** What a consumed token was for. */
    record Consumed(UUID userId, String newEmail) {}

    /** Issues a token and returns the raw value, which only the email will carry. */
    Future<String> issue(SqlClient c, UUID userId, String type, String newEmail, String ip, Duration ttl) {
        String token = SecretTokens.random();
        return c.preparedQuery(EXPIRE_OLDER)
                .execute(Tuple.of(userId, type))
                .compose(v -> c.preparedQuery(INSERT)
                        .execute(Tuple.of(SecretTokens.sha256(token), userId, type, newEmail, ip, ttl.toSeconds())))
                .map(v -> token);
    }

    Future<Optional<Consumed>> consume(SqlClient c, String token, String type) {
        return c.preparedQuery(CONSUME)
                .execute(Tuple.of(SecretTokens.sha256(token), type))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new Consumed(r.getUUID("user_id"), r.getString("new_email")));
                });
    }
}
