package io.quire.content;

/** Statements on {@code chapters}, {@code chapter_versions} and {@code chapter_autosaves}. */
final class ChapterSql {
    private ChapterSql() {}

    /**
     * Locks the series row so chapter numbers, order and slugs are allocated one creation at a time per series.
     * It must be its own statement: in READ COMMITTED a statement's snapshot predates any lock wait inside it, so
     * the next number has to be read by a later statement.
     */
    static final String LOCK_SERIES = "SELECT id FROM series WHERE id = $1 FOR UPDATE";

    static final String NEXT_NUMBER_AND_ORDER = """
      SELECT coalesce(max(chapter_number), 0) + 1 AS next_number, coalesce(max(display_order), 0) + 1 AS next_order
        FROM chapters WHERE series_id = $1 AND deleted_at IS NULL
      """;

    static final String SLUGS_LIKE =
            "SELECT slug FROM chapters WHERE series_id = $1 AND (slug = $2 OR slug LIKE $2 || '-%')";

    static final String INSERT = """
      INSERT INTO chapters (id, series_id, site_id, author_id, slug, chapter_number, volume_number, display_order, title,
                            content, content_html, word_count, reading_minutes, author_note, author_note_html, access_level)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
      RETURNING *
      """;

    /** The chapter with its site's owner and the caller's collaborator role; {@code FOR UPDATE} variant for writes. */
    static final String FIND_WITH_ROLE = """
      SELECT ch.*, si.owner_id AS site_owner_id, si.deleted_at AS site_deleted_at, se.deleted_at AS series_deleted_at,
             se.early_access_days AS series_early_access_days,
             c.role AS collaborator_role, c.permissions AS collaborator_permissions
        FROM chapters ch
        JOIN series se ON se.id = ch.series_id
        JOIN sites si ON si.id = ch.site_id
        LEFT JOIN site_collaborators c ON c.site_id = ch.site_id AND c.user_id = $2 AND c.accepted_at IS NOT NULL
       WHERE ch.id = $1
      """;

    static final String FIND_WITH_ROLE_FOR_UPDATE = FIND_WITH_ROLE + " FOR UPDATE OF ch";

    static final String LIST_BY_SERIES = """
      SELECT * FROM chapters WHERE series_id = $1 AND ($2 OR deleted_at IS NULL)
       ORDER BY display_order, chapter_number, id
      """;

    /** Metadata PATCH; the caller has checked the revision under the row lock. */
    static final String UPDATE_META = """
      UPDATE chapters SET
        title = coalesce($2, title),
        chapter_number = coalesce($3, chapter_number),
        volume_number = CASE WHEN $4 THEN $5 ELSE volume_number END,
        slug = coalesce($6, slug),
        author_note_position = coalesce($7, author_note_position),
        current_version = current_version + CASE WHEN $8 THEN 1 ELSE 0 END,
        revision = revision + 1, updated_at = now()
       WHERE id = $1
      RETURNING *
      """;

    /** New words: a new version number and revision. */
    static final String UPDATE_CONTENT = """
      UPDATE chapters SET title = $2, content = $3, content_html = $4, word_count = $5, reading_minutes = $6,
                          author_note = $7, author_note_html = $8,
                          current_version = current_version + 1, revision = revision + 1, updated_at = now()
       WHERE id = $1
      RETURNING *
      """;

    static final String INSERT_VERSION = """
      INSERT INTO chapter_versions (chapter_id, version_number, title, content, author_note, word_count, change_note,
                                    changed_by, diff_stats)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
      """;

    static final String LIST_VERSIONS = """
      SELECT v.version_number, v.title, v.word_count, v.change_note, v.changed_by, u.display_name AS changed_by_name,
             v.diff_stats, v.created_at
        FROM chapter_versions v LEFT JOIN users u ON u.id = v.changed_by
       WHERE v.chapter_id = $1 AND ($2::int IS NULL OR v.version_number < $2)
       ORDER BY v.version_number DESC
       LIMIT $3
      """;

    static final String GET_VERSION = """
      SELECT v.*, u.display_name AS changed_by_name FROM chapter_versions v LEFT JOIN users u ON u.id = v.changed_by
       WHERE v.chapter_id = $1 AND v.version_number = $2
      """;

    static final String UPSERT_AUTOSAVE = """
      INSERT INTO chapter_autosaves (chapter_id, user_id, title, content, author_note, base_revision, saved_at)
      VALUES ($1, $2, $3, $4, $5, $6, now())
      ON CONFLICT (chapter_id, user_id) DO UPDATE SET title = $3, content = $4, author_note = $5, base_revision = $6, saved_at = now()
      RETURNING saved_at
      """;
    static final String GET_AUTOSAVE = "SELECT * FROM chapter_autosaves WHERE chapter_id = $1 AND user_id = $2";
    static final String DELETE_AUTOSAVE = "DELETE FROM chapter_autosaves WHERE chapter_id = $1 AND user_id = $2";

    /** A status change, only from the allowed states; scheduling fields as given. */
    static final String TRANSITION = """
      UPDATE chapters SET status = $3,
                          scheduled_at = $4, schedule_timezone = $5,
                          published_at = CASE WHEN $3 = 'PUBLISHED' AND status IN ('DRAFT', 'SCHEDULED') THEN now()
                                              WHEN $3 = 'DRAFT' THEN NULL ELSE published_at END,
                          revision = revision + 1, updated_at = now()
       WHERE id = $1 AND deleted_at IS NULL AND status = ANY($2)
      RETURNING *
      """;

    /** The scheduler's publish: only if still scheduled for exactly that time, so it happens once. */
    static final String PUBLISH_DUE = """
      UPDATE chapters SET status = 'PUBLISHED', published_at = scheduled_at, scheduled_at = NULL,
                          revision = revision + 1, updated_at = now()
       WHERE id = $1 AND status = 'SCHEDULED' AND scheduled_at = $2 AND deleted_at IS NULL
      RETURNING *
      """;

    static final String UPDATE_ACCESS = """
      UPDATE chapters SET access_level = coalesce($2, access_level),
                          minimum_tier_id = CASE WHEN $3 THEN $4 ELSE minimum_tier_id END,
                          preview_paragraphs = CASE WHEN $5 THEN $6 ELSE preview_paragraphs END,
                          paywall_message = CASE WHEN $7 THEN $8 ELSE paywall_message END,
                          purchase_price = CASE WHEN $9 THEN $10 ELSE purchase_price END,
                          purchase_currency = CASE WHEN $9 THEN $11 ELSE purchase_currency END,
                          scheduled_free_at = CASE WHEN coalesce($2, access_level) = 'SCHEDULED_FREE' THEN scheduled_free_at END,
                          revision = revision + 1, updated_at = now()
       WHERE id = $1
      RETURNING *
      """;

    static final String SET_SCHEDULED_FREE = """
      UPDATE chapters SET access_level = $2, scheduled_free_at = $3, revision = revision + 1, updated_at = now()
       WHERE id = $1
      RETURNING *
      """;

    /** The scheduler's free unlock: only if still waiting for exactly that time. */
    static final String UNLOCK_DUE = """
      UPDATE chapters SET access_level = 'FREE', scheduled_free_at = NULL, revision = revision + 1, updated_at = now()
       WHERE id = $1 AND access_level = 'SCHEDULED_FREE' AND scheduled_free_at = $2 AND deleted_at IS NULL
      RETURNING *
      """;

    static final String SOFT_DELETE = """
      UPDATE chapters SET deleted_at = now(), revision = revision + 1, updated_at = now() WHERE id = $1 RETURNING *
      """;

    static final String RESTORE = """
      UPDATE chapters SET deleted_at = NULL, revision = revision + 1, updated_at = now()
       WHERE id = $1 AND deleted_at > now() - make_interval(days => $2)
      RETURNING *
      """;

    static final String PURGE = "DELETE FROM chapters WHERE deleted_at < now() - make_interval(days => $1)";
}
