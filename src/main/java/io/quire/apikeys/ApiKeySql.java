package io.quire.apikeys;

/** Statements on {@code api_keys}. */
final class ApiKeySql {
    private ApiKeySql() {}

    static final String INSERT = """
      INSERT INTO api_keys (id, user_id, name, prefix, secret_hash, scopes, site_id, allowed_ips, allowed_origins,
                            rate_limit_per_minute, expires_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
      RETURNING *
      """;

    static final String LIST =
            "SELECT * FROM api_keys WHERE user_id = $1 AND revoked_at IS NULL ORDER BY created_at DESC";

    static final String FIND_OWN = "SELECT * FROM api_keys WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL";

    /** The authentication lookup, with the owner's standing and role. */
    static final String FIND_BY_PREFIX = """
      SELECT k.*, u.role AS owner_role, u.status AS owner_status
        FROM api_keys k JOIN users u ON u.id = k.user_id
       WHERE k.prefix = $1
      """;

    static final String UPDATE = """
      UPDATE api_keys SET
        name = coalesce($3, name),
        scopes = coalesce($4, scopes),
        allowed_ips = coalesce($5, allowed_ips),
        allowed_origins = coalesce($6, allowed_origins),
        rate_limit_per_minute = coalesce($7, rate_limit_per_minute),
        expires_at = CASE WHEN $8 THEN $9 ELSE expires_at END,
        updated_at = now()
       WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL
      RETURNING *
      """;

    static final String REVOKE =
            "UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL";

    static final String REGENERATE = """
      UPDATE api_keys SET prefix = $3, secret_hash = $4, updated_at = now()
       WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL
      RETURNING *
      """;

    /** At most one write a minute per key: "last used" needn't cost a row update per request. */
    static final String TOUCH = """
      UPDATE api_keys SET last_used_at = now()
       WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
      """;
}
