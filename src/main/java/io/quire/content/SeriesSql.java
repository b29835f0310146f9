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

  static final String SLUGS_LIKE = "SELECT slug FROM series WHERE site_id = $1 AND (slug = $2 OR slug LIKE $2 || '-%')";

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

  static final String CURRENT = "SELECT revision, status, deleted_at FROM series WHERE id = $1";

  static final String TOUCH_PUBLISHED = "UPDATE series SET last_published_at = greatest(last_published_at, $2) WHERE id = $1";
}
