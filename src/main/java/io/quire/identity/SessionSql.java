package io.quire.identity;

/** Statements on {@code sessions} and {@code refresh_tokens}. */
final class SessionSql {
    private SessionSql() {}

    static final String INSERT_SESSION = """
      INSERT INTO sessions (id, user_id, user_agent, ip_address, device_type, expires_at)
      VALUES ($1, $2, $3, $4, $5, now() + make_interval(days => $6))
      """;

    static final String INSERT_REFRESH = "INSERT INTO refresh_tokens (token_hash, session_id) VALUES ($1, $2)";

    /** The presented refresh token with its session and user, row-locked so two refreshes can't both rotate it. */
    static final String FIND_REFRESH = """
      SELECT r.rotated_at, s.id AS session_id, s.user_id, s.revoked_at, s.expires_at < now() AS expired
        FROM refresh_tokens r JOIN sessions s ON s.id = r.session_id
       WHERE r.token_hash = $1
         FOR UPDATE OF r, s
      """;

    static final String MARK_ROTATED = "UPDATE refresh_tokens SET rotated_at = now() WHERE token_hash = $1";

    /** Sliding expiry: each refresh extends the session. */
    static final String TOUCH = """
      UPDATE sessions SET last_active_at = now(), expires_at = now() + make_interval(days => $2), ip_address = $3
       WHERE id = $1
      """;

    static final String REVOKE = """
      UPDATE sessions SET revoked_at = now(), revoked_reason = $3
       WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL
      RETURNING id
      """;

    /** Every live session of a user, optionally but one. */
    static final String REVOKE_ALL = """
      UPDATE sessions SET revoked_at = now(), revoked_reason = $2
       WHERE user_id = $1 AND revoked_at IS NULL AND ($3::uuid IS NULL OR id <> $3)
      RETURNING id
      """;

    static final String LIST_ACTIVE = """
      SELECT id, user_agent, ip_address, device_type, created_at, last_active_at, expires_at FROM sessions
       WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
       ORDER BY last_active_at DESC
      """;

    /** Revocations inside the marker window, to rebuild Redis after it lost them. */
    static final String RECENTLY_REVOKED_SESSIONS = "SELECT id FROM sessions WHERE revoked_at > $1";

    static final String RECENT_TOKENS_VALID_AFTER =
            "SELECT id, tokens_valid_after FROM users WHERE tokens_valid_after > $1";

    /** The PostgreSQL side of the revocation check (used when Redis is unreachable). */
    static final String IS_REVOKED = """
      SELECT s.revoked_at IS NOT NULL OR s.expires_at < now() OR u.tokens_valid_after > $3 AS revoked
        FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id = $1 AND s.user_id = $2
      """;
}
