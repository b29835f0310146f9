package io.quire.media;

/** The media queries. A user's storage use changes in the same transaction as the rows it counts. */
final class MediaSql {
    private MediaSql() {}

    static final String USAGE_ROW = "INSERT INTO storage_usage (user_id) VALUES ($1) ON CONFLICT DO NOTHING";

    /** A user's quota: an operator's limit for them, else their role's ($1 for readers, $2 for everyone else). */
    private static final String QUOTA =
            "coalesce(s.storage_limit_bytes, CASE WHEN u.role = 'READER' THEN %s::bigint ELSE %s::bigint END)";

    /**
     * Adds $2 bytes and $4 files of kind $3 to the user's use, only while the total stays within their quota (readers'
     * $5, others' $6, or their own limit; a release, $2 ≤ 0, always applies). The row lock makes concurrent uploads of one user queue here, so the quota is exact.
     */
    static final String CHARGE = """
      UPDATE storage_usage SET
        total_bytes = total_bytes + $2,
        image_bytes = image_bytes + CASE WHEN $3 = 'IMAGE' THEN $2 ELSE 0 END,
        document_bytes = document_bytes + CASE WHEN $3 = 'DOCUMENT' THEN $2 ELSE 0 END,
        video_bytes = video_bytes + CASE WHEN $3 = 'VIDEO' THEN $2 ELSE 0 END,
        other_bytes = other_bytes + CASE WHEN $3 = 'OTHER' THEN $2 ELSE 0 END,
        total_files = total_files + $4,
        image_files = image_files + CASE WHEN $3 = 'IMAGE' THEN $4 ELSE 0 END,
        document_files = document_files + CASE WHEN $3 = 'DOCUMENT' THEN $4 ELSE 0 END,
        video_files = video_files + CASE WHEN $3 = 'VIDEO' THEN $4 ELSE 0 END,
        updated_at = now()
       WHERE user_id = $1 AND ($2 <= 0 OR total_bytes + $2 <= (
             SELECT %s FROM users u JOIN storage_usage s ON s.user_id = u.id WHERE u.id = $1))
      RETURNING total_bytes
      """.formatted(QUOTA.formatted("$5", "$6"));

    /** The user's use (zeros before their first upload), bandwidth this month, and quota. */
    static final String USAGE = """
      SELECT coalesce(s.total_bytes, 0) AS total_bytes, coalesce(s.image_bytes, 0) AS image_bytes,
             coalesce(s.document_bytes, 0) AS document_bytes, coalesce(s.video_bytes, 0) AS video_bytes,
             coalesce(s.other_bytes, 0) AS other_bytes, coalesce(s.total_files, 0) AS total_files,
             coalesce(s.image_files, 0) AS image_files, coalesce(s.document_files, 0) AS document_files,
             coalesce(s.video_files, 0) AS video_files,
             CASE WHEN s.bandwidth_period_start >= date_trunc('month', now()) THEN s.bandwidth_used_bytes ELSE 0 END
               AS bandwidth_used_bytes,
             date_trunc('month', now()) AS bandwidth_period_start,
             %s AS quota_bytes
        FROM users u LEFT JOIN storage_usage s ON s.user_id = u.id WHERE u.id = $1
      """.formatted(QUOTA.formatted("$2", "$3"));

    static final String INSERT = """
      INSERT INTO media_files (id, user_id, site_id, filename, original_filename, mime_type, kind, file_size, sha256,
                               storage_provider, storage_key, alt_text, caption, folder, tags)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
      RETURNING *
      """;

    /** A live file and whether $2 may see it: its owner, or anyone who works on its site. */
    static final String GET = """
      SELECT m.*, (m.user_id = $2
                   OR EXISTS (SELECT 1 FROM sites s WHERE s.id = m.site_id AND s.owner_id = $2)
                   OR EXISTS (SELECT 1 FROM site_collaborators c
                               WHERE c.site_id = m.site_id AND c.user_id = $2 AND c.accepted_at IS NOT NULL)) AS visible
        FROM media_files m WHERE m.id = $1 AND m.deleted_at IS NULL
      """;

    /** The owner's files, newest first, filtered; keyset paging on (created_at, id). */
    static final String LIST = """
      SELECT * FROM media_files
       WHERE user_id = $1 AND deleted_at IS NULL
         AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR folder = $3)
         AND ($4::uuid IS NULL OR site_id = $4) AND ($5::text IS NULL OR $5 = ANY (tags))
         AND ($6::timestamptz IS NULL OR (created_at, id) < ($6, $7))
       ORDER BY created_at DESC, id DESC
       LIMIT $8
      """;

    static final String UPDATE = """
      UPDATE media_files SET
        alt_text = CASE WHEN $3 THEN $4 ELSE alt_text END,
        caption = CASE WHEN $5 THEN $6 ELSE caption END,
        folder = CASE WHEN $7 THEN $8 ELSE folder END,
        tags = coalesce($9, tags),
        updated_at = now()
       WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL
      RETURNING *
      """;

    static final String SOFT_DELETE = """
      UPDATE media_files SET deleted_at = now(), updated_at = now()
       WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL AND ($3 OR usage_count = 0)
      RETURNING file_size, kind
      """;

    static final String VARIANTS = "SELECT * FROM media_variants WHERE file_id = $1 ORDER BY width";

    static final String VARIANT = "SELECT * FROM media_variants WHERE file_id = $1 AND name = $2";

    /** What processing found; the original's size and hash change when it was re-encoded without its metadata. */
    static final String PROCESSED = """
      UPDATE media_files SET is_processed = $2, processed_at = now(), processing_error = $3, width = $4, height = $5,
             dominant_color = $6, placeholder = $7, file_size = coalesce($8, file_size), sha256 = coalesce($9, sha256),
             updated_at = now()
       WHERE id = $1 AND deleted_at IS NULL
      RETURNING user_id, kind
      """;

    static final String REPLACE_VARIANT = """
      INSERT INTO media_variants (file_id, name, mime_type, width, height, file_size, sha256, storage_key)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
      ON CONFLICT (file_id, name) DO UPDATE SET mime_type = excluded.mime_type, width = excluded.width,
        height = excluded.height, file_size = excluded.file_size, sha256 = excluded.sha256, storage_key = excluded.storage_key
      """;
}
