package io.quire.media;

/** The upload-session queries. */
final class UploadSql {
    private UploadSql() {}

    static final String INSERT = """
      INSERT INTO media_uploads (id, user_id, site_id, source, status, staging_key, declared_size, filename,
                                 source_url, token_hash, folder, alt_text, caption, tags, expires_at)
      VALUES ($1, $2, $3, $4, 'PENDING', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
      RETURNING *
      """;

    static final String GET = "SELECT * FROM media_uploads WHERE id = $1";

    static final String OWN = "SELECT * FROM media_uploads WHERE id = $1 AND user_id = $2";

    /** Takes a local direct upload's one-time URL: only while pending, unexpired and with the right token. */
    static final String CLAIM = """
      UPDATE media_uploads SET status = 'UPLOADED', updated_at = now()
       WHERE id = $1 AND token_hash = $2 AND status = 'PENDING' AND expires_at > now()
      RETURNING *
      """;

    /** A receipt that broke off: the URL may be used again while it lasts. */
    static final String UNCLAIM = """
      UPDATE media_uploads SET status = 'PENDING', updated_at = now() WHERE id = $1 AND status = 'UPLOADED'
      """;

    /** Completion is taken by one request at a time: the row lock queues a retry behind the first. */
    static final String LOCK = "SELECT * FROM media_uploads WHERE id = $1 AND user_id = $2 FOR UPDATE";

    static final String COMPLETED = """
      UPDATE media_uploads SET status = 'COMPLETED', file_id = $2, error_code = NULL, error_detail = NULL,
             updated_at = now()
       WHERE id = $1
      RETURNING *
      """;

    static final String FAILED = """
      UPDATE media_uploads SET status = 'FAILED', error_code = $2, error_detail = $3, updated_at = now()
       WHERE id = $1 AND status <> 'COMPLETED'
      RETURNING *
      """;
}
