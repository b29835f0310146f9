package io.quire.identity;

/** Statements on {@code users} and {@code user_status_history}. */
final class UserSql {
    private UserSql() {}

    static final String INSERT = """
      INSERT INTO users (id, email, username, display_name, password_hash, role)
      VALUES ($1, $2, $3, $4, $5, $6)
      RETURNING *
      """;

    static final String FIND_BY_ID = "SELECT * FROM users WHERE id = $1 AND deleted_at IS NULL";
    static final String FIND_BY_EMAIL = "SELECT * FROM users WHERE email = $1 AND deleted_at IS NULL";
    static final String FIND_BY_USERNAME = "SELECT * FROM users WHERE username = $1 AND deleted_at IS NULL";
    static final String EMAIL_TAKEN = "SELECT 1 FROM users WHERE email = $1";

    /** Counts a failed sign-in; the failure that reaches the threshold locks the account and restarts the count. */
    static final String RECORD_FAILED_LOGIN = """
      UPDATE users
         SET failed_login_count = CASE WHEN failed_login_count + 1 >= $2 THEN 0 ELSE failed_login_count + 1 END,
             locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END,
             updated_at = now()
       WHERE id = $1
      RETURNING locked_until
      """;

    static final String RECORD_LOGIN = """
      UPDATE users SET failed_login_count = 0, locked_until = NULL, last_login_at = now(), last_login_ip = $2,
                       updated_at = now()
       WHERE id = $1
      """;

    /** New password; every access token issued before {@code $3} stops working. */
    static final String SET_PASSWORD = """
      UPDATE users SET password_hash = $2, password_changed_at = now(), tokens_valid_after = $3, updated_at = now()
       WHERE id = $1
      """;

    static final String SET_TOKENS_VALID_AFTER =
            "UPDATE users SET tokens_valid_after = $2, updated_at = now() WHERE id = $1";

    static final String MARK_EMAIL_VERIFIED = """
      UPDATE users SET email_verified_at = coalesce(email_verified_at, now()),
                       status = CASE WHEN status = 'PENDING_VERIFICATION' THEN 'ACTIVE' ELSE status END,
                       updated_at = now()
       WHERE id = $1
      RETURNING *
      """;

    static final String CHANGE_EMAIL = """
      UPDATE users SET email = $2, email_verified_at = now(), updated_at = now() WHERE id = $1 RETURNING *
      """;

    /** PATCH semantics: {@code $n} flags say which fields were sent (a sent null clears). */
    static final String UPDATE_PROFILE = """
      UPDATE users SET
        display_name = CASE WHEN $2 THEN $3 ELSE display_name END,
        bio          = CASE WHEN $4 THEN $5 ELSE bio END,
        avatar_url   = CASE WHEN $6 THEN $7 ELSE avatar_url END,
        timezone     = CASE WHEN $8 THEN $9 ELSE timezone END,
        locale       = CASE WHEN $10 THEN $11 ELSE locale END,
        updated_at   = now()
       WHERE id = $1
      RETURNING *
      """;

    /** Merges into the preferences object; a key set to null is removed. */
    static final String MERGE_PREFERENCES = """
      UPDATE users SET preferences = jsonb_strip_nulls(preferences || $2), updated_at = now()
       WHERE id = $1
      RETURNING preferences
      """;

    static final String SET_ROLE = "UPDATE users SET role = $2, updated_at = now() WHERE id = $1 RETURNING *";

    static final String SET_STATUS = """
      UPDATE users SET status = $2, tokens_valid_after = CASE WHEN $2 IN ('SUSPENDED', 'BANNED', 'DELETED') THEN $3 ELSE tokens_valid_after END,
                       updated_at = now()
       WHERE id = $1
      RETURNING *
      """;

    static final String INSERT_STATUS_HISTORY = """
      INSERT INTO user_status_history (user_id, status, reason, changed_by) VALUES ($1, $2, $3, $4)
      """;

    static final String STATUS_HISTORY = """
      SELECT status, reason, changed_by, changed_at FROM user_status_history WHERE user_id = $1 ORDER BY changed_at, id
      """;

    /** The admin list: optional filters, keyset paging by id. */
    static final String ADMIN_LIST = """
      SELECT * FROM users
       WHERE ($1::text IS NULL OR status = $1)
         AND ($2::text IS NULL OR role = $2)
         AND ($3::text IS NULL OR email LIKE $3 ESCAPE '\\')
         AND ($4::uuid IS NULL OR id > $4)
       ORDER BY id
       LIMIT $5
      """;

    static final String SET_MFA_PENDING = "UPDATE users SET mfa_pending_secret = $2, updated_at = now() WHERE id = $1";

    static final String ENABLE_MFA = """
      UPDATE users SET mfa_enabled = true, mfa_secret = mfa_pending_secret, mfa_pending_secret = NULL,
                       mfa_last_step = $2, updated_at = now()
       WHERE id = $1 AND mfa_pending_secret IS NOT NULL
      """;

    static final String DISABLE_MFA = """
      UPDATE users SET mfa_enabled = false, mfa_secret = NULL, mfa_pending_secret = NULL, mfa_last_step = NULL,
                       updated_at = now()
       WHERE id = $1
      """;

    /** Accepts a TOTP time step only if it is newer than the last one used: a code works once. */
    static final String USE_TOTP_STEP = """
      UPDATE users SET mfa_last_step = $2 WHERE id = $1 AND (mfa_last_step IS NULL OR mfa_last_step < $2) RETURNING id
      """;
}
