package io.quire.identity;

import io.quire.platform.crypto.SecretTokens;
import io.quire.platform.db.Batches;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** Backup codes (hashed, single use) and login challenges awaiting a second factor. */
final class MfaStore {
    static final int BACKUP_CODES = 10;
    static final int MAX_CHALLENGE_ATTEMPTS = 5;

    private static final String DELETE_CODES = "DELETE FROM mfa_backup_codes WHERE user_id = $1";
    private static final String INSERT_CODE = "INSERT INTO mfa_backup_codes (user_id, code_hash) VALUES ($1, $2)";
    private static final String USE_CODE = """
      UPDATE mfa_backup_codes SET used_at = now() WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL RETURNING user_id
      """;
    private static final String COUNT_LEFT =
            "SELECT count(*) FROM mfa_backup_codes WHERE user_id = $1 AND used_at IS NULL";
    private static final String INSERT_CHALLENGE = """
      INSERT INTO mfa_challenges (token_hash, user_id, user_agent, ip_address, expires_at)
      VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))
      """;
    private static final String FIND_CHALLENGE = """
      SELECT user_id, attempts FROM mfa_challenges
       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()
         FOR UPDATE
      """;
    private static final String FAIL_CHALLENGE =
            "UPDATE mfa_challenges SET attempts = attempts + 1 WHERE token_hash = $1";
    private static final String USE_CHALLENGE = "UPDATE mfa_challenges SET used_at = now() WHERE token_hash = $1";

    /** Backup codes are typed by people: case and dashes don't matter. */
    static String normalize(String code) {
        return code.replace("-", "").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    /** Replaces the user's codes with {@value #BACKUP_CODES} new ones and returns them (shown once). */
    Future<List<String>> regenerateCodes(SqlClient tx, UUID userId) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < BACKUP_CODES; i++) {
            String raw = SecretTokens.random(8)
                    .replaceAll("[^A-Za-z0-9]", "x")
                    .substring(0, 10)
                    .toLowerCase(Locale.ROOT);
            codes.add(raw.substring(0, 5) + "-" + raw.substring(5));
        }
        List<Tuple> rows = codes.stream()
                .map(c -> Tuple.of(userId, SecretTokens.sha256(normalize(c))))
                .toList();
        return tx.preparedQuery(DELETE_CODES)
                .execute(Tuple.of(userId))
                .compose(v -> Batches.execute(tx, INSERT_CODE, rows))
                .map(v -> codes);
    }

    Future<Void> deleteCodes(SqlClient c, UUID userId) {
        return c.preparedQuery(DELETE_CODES).execute(Tuple.of(userId)).mapEmpty();
    }

    /** True when the code was one of the user's unused codes; it is now used. */
    Future<Boolean> useCode(SqlClient c, UUID userId, String code) {
        return c.preparedQuery(USE_CODE)
                .execute(Tuple.of(userId, SecretTokens.sha256(normalize(code))))
                .map(rows -> rows.size() == 1);
    }

    Future<Long> codesLeft(SqlClient c, UUID userId) {
        return c.preparedQuery(COUNT_LEFT)
                .execute(Tuple.of(userId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The raw challenge token, which the login response carries. */
    Future<String> startChallenge(SqlClient c, UUID userId, ClientInfo client, Duration ttl) {
        String token = SecretTokens.random();
        return c.preparedQuery(INSERT_CHALLENGE)
                .execute(Tuple.of(SecretTokens.sha256(token), userId, client.userAgent(), client.ip(), ttl.toSeconds()))
                .map(v -> token);
    }

    /** The waiting challenge's user, locked; empty when unknown, used, expired or out of attempts. */
    Future<Optional<UUID>> findChallenge(SqlClient tx, String token) {
        return tx.preparedQuery(FIND_CHALLENGE)
                .execute(Tuple.of(SecretTokens.sha256(token)))
                .map(rows -> {
                    if (rows.size() == 0 || rows.iterator().next().getInteger("attempts") >= MAX_CHALLENGE_ATTEMPTS) {
                        return Optional.empty();
                    }
                    return Optional.of(rows.iterator().next().getUUID("user_id"));
                });
    }

    Future<Void> failChallenge(SqlClient c, String token) {
        return c.preparedQuery(FAIL_CHALLENGE)
                .execute(Tuple.of(SecretTokens.sha256(token)))
                .mapEmpty();
    }

    Future<Void> useChallenge(SqlClient c, String token) {
        return c.preparedQuery(USE_CHALLENGE)
                .execute(Tuple.of(SecretTokens.sha256(token)))
                .mapEmpty();
    }
}
