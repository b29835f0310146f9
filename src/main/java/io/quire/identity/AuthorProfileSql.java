package io.quire.identity;

/** Statements on {@code author_profiles}. */
final class AuthorProfileSql {
    private AuthorProfileSql() {}

    /**
     * A new profile, APPROVED or PENDING ({@code $10}); a rejected request may be made again (it waits once more),
     * any other existing profile stays as it is (no row: 409).
     */
    static final String INSERT = """
      INSERT INTO author_profiles (user_id, pen_name, tagline, full_bio, website_url, social_links, genres,
                                   accepting_commissions, allow_direct_messages, approval)
      VALUES ($1, $2, $3, $4, $5, coalesce($6, '{}'::jsonb), coalesce($7, '{}'::text[]), coalesce($8, false), coalesce($9, true), $10)
      ON CONFLICT (user_id) DO UPDATE SET approval = 'PENDING', approval_note = NULL, decided_by = NULL, decided_at = NULL,
             updated_at = now()
       WHERE author_profiles.approval = 'REJECTED' AND EXCLUDED.approval = 'PENDING'
      RETURNING *
      """;

    /** The requests waiting for an admin, oldest first, with who asked. */
    static final String PENDING = """
      SELECT p.*, u.username, u.email FROM author_profiles p JOIN users u ON u.id = p.user_id
       WHERE p.approval = 'PENDING' ORDER BY p.created_at, p.user_id LIMIT $1
      """;

    /** An admin's decision on a waiting request; no row when there is none. */
    static final String DECIDE = """
      UPDATE author_profiles SET approval = $2, approval_note = $3, decided_by = $4, decided_at = now(), updated_at = now()
       WHERE user_id = $1 AND approval = 'PENDING'
      RETURNING *
      """;

    static final String FIND = "SELECT * FROM author_profiles WHERE user_id = $1";

    /** The public lookup: only authors whose account is in good standing. */
    static final String FIND_PUBLIC = """
      SELECT p.*, u.username, u.display_name, u.avatar_url FROM author_profiles p JOIN users u ON u.id = p.user_id
       WHERE p.user_id = $1 AND u.status IN ('ACTIVE', 'PENDING_VERIFICATION') AND u.deleted_at IS NULL
         AND p.approval = 'APPROVED'
      """;

    /** PATCH: an absent field keeps its value ({@code $n} flags say which were sent). */
    static final String UPDATE = """
      UPDATE author_profiles SET
        pen_name = CASE WHEN $2 THEN $3 ELSE pen_name END,
        tagline = CASE WHEN $4 THEN $5 ELSE tagline END,
        full_bio = CASE WHEN $6 THEN $7 ELSE full_bio END,
        website_url = CASE WHEN $8 THEN $9 ELSE website_url END,
        social_links = coalesce($10, social_links),
        genres = coalesce($11, genres),
        accepting_commissions = coalesce($12, accepting_commissions),
        allow_direct_messages = coalesce($13, allow_direct_messages),
        updated_at = now()
       WHERE user_id = $1
      RETURNING *
      """;

    static final String PROMOTE_TO_AUTHOR =
            "UPDATE users SET role = 'AUTHOR', updated_at = now() WHERE id = $1 AND role = 'READER'";
}
