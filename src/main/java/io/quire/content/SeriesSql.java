package io.quire.content;

/** Statements on {@code series}. */
final class SeriesSql {
    private SeriesSql() {}

    static final String INSERT = """
      INSERT INTO series (id, site_id, author_id, slug, title, synopsis, content_type, content_rating, language,
                          default_access_level, early_access_days, preview_paragraphs, paywall_message)
      VALUES ($1, $2, $3, $4, $5, coalesce($6, ''), coalesce($7, 'WEB_NOVEL'), coalesce($8, 'EVERYONE'), coalesce($9, 'en'),
              coalesce($10, 'FREE'), coalesce($11, 0), coalesce($12, 3), $13)
      RETURNING *
      """;

    static final String SLUGS_LIKE =
            "SELECT slug FROM series WHERE site_id = $1 AND (slug = $2 OR slug LIKE $2 || '-%')";

    /** The series with its site's owner and the caller's collaborator role, for {@code Membership.resolve}. */
    static final String FIND_WITH_ROLE = """
      SELECT se.*, si.owner_id AS site_owner_id, si.deleted_at AS site_deleted_at,
             c.role AS collaborator_role, c.permissions AS collaborator_permissions
        FROM series se
        JOIN sites si ON si.id = se.site_id
        LEFT JOIN site_collaborators c ON c.site_id = se.site_id AND c.user_id = $2 AND c.accepted_at IS NOT NULL
       WHERE se.id = $1
      """;

    static final String LIST_BY_SITE = """
      SELECT * FROM series WHERE site_id = $1 AND ($2 OR deleted_at IS NULL) ORDER BY created_at, id
      """;

    static final String UPDATE = """
      UPDATE series SET
        title = coalesce($3, title),
        synopsis = coalesce($4, synopsis),
        content_type = coalesce($5, content_type),
        content_rating = coalesce($6, content_rating),
        language = coalesce($7, language),
        default_access_level = coalesce($8, default_access_level),
        early_access_days = coalesce($9, early_access_days),
        preview_paragraphs = coalesce($10, preview_paragraphs),
        paywall_message = CASE WHEN $11 THEN $12 ELSE paywall_message END,
        slug = coalesce($13, slug),
        revision = revision + 1, updated_at = now()
       WHERE id = $1 AND deleted_at IS NULL AND ($2::int IS NULL OR revision = $2)
      RETURNING *
      """;

    /** A status transition, only from the allowed states. */
    static final String TRANSITION = """
      UPDATE series SET status = $3,
                        completed_at = CASE WHEN $3 = 'COMPLETED' THEN now() ELSE completed_at END,
                        scheduled_action = NULL, scheduled_action_at = NULL,
                        revision = revision + 1, updated_at = now()
       WHERE id = $1 AND deleted_at IS NULL AND status = ANY($2)
      RETURNING *
      """;

    static final String SOFT_DELETE = """
      UPDATE series SET deleted_at = now(), revision = revision + 1, updated_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING *
      """;

    static final String RESTORE = """
      UPDATE series SET deleted_at = NULL, revision = revision + 1, updated_at = now()
       WHERE id = $1 AND deleted_at > now() - make_interval(days => $2)
      RETURNING *
      """;

    static final String PURGE = "DELETE FROM series WHERE deleted_at < now() - make_interval(days => $1)";

    /** Merges into the free-form settings document (schedule, extra keys); a key set to null is removed. */
    static final String MERGE_SETTINGS = """
      UPDATE series SET settings = jsonb_strip_nulls(settings || $3), revision = revision + 1, updated_at = now()
       WHERE id = $1 AND deleted_at IS NULL AND ($2::int IS NULL OR revision = $2)
      RETURNING *
      """;

    static final String PUBLIC_BY_SLUG = """
      SELECT se.* FROM series se JOIN sites si ON si.id = se.site_id
       WHERE se.site_id = $1 AND se.slug = $2 AND se.status <> 'DRAFT' AND se.deleted_at IS NULL
         AND si.status = 'ACTIVE' AND si.is_public AND si.deleted_at IS NULL
      """;
    static final String PUBLIC_BY_ID = """
      SELECT se.* FROM series se JOIN sites si ON si.id = se.site_id
       WHERE se.id = $1 AND se.status <> 'DRAFT' AND se.deleted_at IS NULL
         AND si.status = 'ACTIVE' AND si.is_public AND si.deleted_at IS NULL
      """;

    static final String DUPLICATE = """
      INSERT INTO series (id, site_id, author_id, slug, title, synopsis, content_type, content_rating, language, default_access_level,
                          early_access_days, preview_paragraphs, paywall_message, settings)
      SELECT $2, site_id, $4, $3, title || ' (copy)', synopsis, content_type, content_rating, language, default_access_level,
             early_access_days, preview_paragraphs, paywall_message, settings
        FROM series WHERE id = $1
      """;
    static final String COPY_TAXONOMY = """
      WITH g AS (INSERT INTO series_genres (series_id, genre_id, is_primary) SELECT $2, genre_id, is_primary FROM series_genres WHERE series_id = $1),
           w AS (INSERT INTO series_content_warnings (series_id, warning_id) SELECT $2, warning_id FROM series_content_warnings WHERE series_id = $1),
           t AS (INSERT INTO series_tags (series_id, tag_id) SELECT $2, tag_id FROM series_tags WHERE series_id = $1 RETURNING tag_id)
      UPDATE tags SET usage_count = usage_count + 1 WHERE id IN (SELECT tag_id FROM t)
      """;
    static final String CHAPTERS_TO_COPY =
            "SELECT id FROM chapters WHERE series_id = $1 AND deleted_at IS NULL ORDER BY display_order";
    static final String COPY_CHAPTER = """
      INSERT INTO chapters (id, series_id, site_id, author_id, slug, chapter_number, volume_number, display_order, title, content,
                            content_html, word_count, reading_minutes, author_note, author_note_html, author_note_position,
                            access_level, minimum_tier_id, preview_paragraphs, paywall_message)
      SELECT $1, $3, site_id, author_id, slug, chapter_number, volume_number, display_order, title, content, content_html, word_count,
             reading_minutes, author_note, author_note_html, author_note_position,
             CASE WHEN access_level = 'SCHEDULED_FREE' THEN 'SUBSCRIBERS' ELSE access_level END,
             minimum_tier_id, preview_paragraphs, paywall_message
        FROM chapters WHERE id = $2
      """;
    static final String FIRST_VERSIONS = """
      INSERT INTO chapter_versions (chapter_id, version_number, title, content, author_note, word_count, change_note, changed_by)
      SELECT id, 1, title, content, author_note, word_count, 'Copied with the series', $2 FROM chapters WHERE series_id = $1
      """;

    static final String SCHEDULE_ACTION = """
      UPDATE series SET scheduled_action = $2, scheduled_action_at = $3, revision = revision + 1, updated_at = now()
       WHERE id = $1 AND deleted_at IS NULL
      RETURNING *
      """;

    /** The due job: only if still scheduled for exactly this action and time, and the move is still legal now. */
    static final String APPLY_SCHEDULED = """
      UPDATE series SET status = $4,
                        completed_at = CASE WHEN $4 = 'COMPLETED' THEN now() ELSE completed_at END,
                        scheduled_action = NULL, scheduled_action_at = NULL, revision = revision + 1, updated_at = now()
       WHERE id = $1 AND scheduled_action = $2 AND scheduled_action_at = $3 AND status = ANY($5) AND deleted_at IS NULL
      RETURNING *
      """;

    static final String CURRENT = "SELECT revision, status, deleted_at FROM series WHERE id = $1";

    static final String TOUCH_PUBLISHED =
            "UPDATE series SET last_published_at = greatest(last_published_at, $2) WHERE id = $1";
}
