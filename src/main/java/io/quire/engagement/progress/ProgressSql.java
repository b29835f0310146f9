package io.quire.engagement.progress;

/** Reading progress and bookmarks. */
final class ProgressSql {
    private ProgressSql() {}

    /** A published chapter of a live series on a live site: what a reader may record progress or a bookmark on. */
    static final String READABLE_CHAPTER = """
      SELECT ch.id, ch.series_id FROM chapters ch
        JOIN series se ON se.id = ch.series_id AND se.deleted_at IS NULL AND se.status <> 'DRAFT'
        JOIN sites si ON si.id = ch.site_id AND si.deleted_at IS NULL AND si.status = 'ACTIVE'
       WHERE ch.id = $1 AND ch.deleted_at IS NULL AND ch.status = 'PUBLISHED'
      """;

    /** The newest client time wins: an older update (a device that was offline) changes nothing. */
    static final String SAVE = """
      INSERT INTO reading_progress AS p (user_id, series_id, chapter_id, percent, client_updated_at)
      VALUES ($1, $2, $3, $4, $5)
      ON CONFLICT (user_id, series_id) DO UPDATE
        SET chapter_id = EXCLUDED.chapter_id, percent = EXCLUDED.percent,
            client_updated_at = EXCLUDED.client_updated_at, updated_at = now()
        WHERE p.client_updated_at < EXCLUDED.client_updated_at
      RETURNING true AS applied
      """;

    static final String ONE = """
      SELECT p.series_id, p.chapter_id, p.percent, p.client_updated_at, se.title AS series_title, ch.title AS chapter_title,
             ch.chapter_number
        FROM reading_progress p JOIN series se ON se.id = p.series_id JOIN chapters ch ON ch.id = p.chapter_id
       WHERE p.user_id = $1 AND p.series_id = $2
      """;

    static final String RECENT = """
      SELECT p.series_id, p.chapter_id, p.percent, p.client_updated_at, se.title AS series_title, ch.title AS chapter_title,
             ch.chapter_number
        FROM reading_progress p JOIN series se ON se.id = p.series_id AND se.deleted_at IS NULL
        JOIN chapters ch ON ch.id = p.chapter_id
       WHERE p.user_id = $1 AND ($2::timestamptz IS NULL OR (p.client_updated_at, p.series_id) < ($2, $3))
       ORDER BY p.client_updated_at DESC, p.series_id DESC LIMIT $4
      """;

    static final String CLEAR = "DELETE FROM reading_progress WHERE user_id = $1 AND series_id = $2";

    static final String ADD_BOOKMARK = """
      INSERT INTO bookmarks (id, user_id, chapter_id, series_id, paragraph, percent, note)
      VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *
      """;

    static final String BOOKMARKS = """
      SELECT b.*, ch.title AS chapter_title FROM bookmarks b JOIN chapters ch ON ch.id = b.chapter_id
       WHERE b.user_id = $1 AND ($2::uuid IS NULL OR b.series_id = $2) AND ($3::uuid IS NULL OR b.chapter_id = $3)
         AND ($4::timestamptz IS NULL OR (b.created_at, b.id) < ($4, $5))
       ORDER BY b.created_at DESC, b.id DESC LIMIT $6
      """;

    static final String DELETE_BOOKMARK = "DELETE FROM bookmarks WHERE id = $1 AND user_id = $2";
}
