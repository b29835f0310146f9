package io.quire.sites;

/** Statements on {@code sites}. */
final class SiteSql {
    private SiteSql() {}

    static final String INSERT = """
      INSERT INTO sites (id, owner_id, slug, name, tagline, description, is_public)
      VALUES ($1, $2, $3, $4, $5, $6, coalesce($7, true))
      RETURNING *
      """;

    /** Slugs already used that start like {@code $1} (the base or the base with a -n suffix). */
    static final String SLUGS_LIKE = "SELECT slug FROM sites WHERE slug = $1 OR slug LIKE $1 || '-%'";

    /** The site with the caller's collaborator role, for {@link Membership#resolve}. */
    static final String FIND_WITH_ROLE = """
      SELECT s.*, c.role AS collaborator_role, c.permissions AS collaborator_permissions
        FROM sites s
        LEFT JOIN site_collaborators c ON c.site_id = s.id AND c.user_id = $2 AND c.accepted_at IS NOT NULL
       WHERE s.id = $1
      """;

    /** Own sites and sites the caller collaborates on, newest first. */
    static final String LIST_FOR_USER = """
      SELECT s.*, c.role AS collaborator_role
        FROM sites s
        LEFT JOIN site_collaborators c ON c.site_id = s.id AND c.user_id = $1 AND c.accepted_at IS NOT NULL
       WHERE (s.owner_id = $1 OR c.user_id IS NOT NULL)
         AND ($2 OR s.deleted_at IS NULL)
       ORDER BY s.created_at DESC
      """;

    /** PATCH with the revision check: no row back means stale (or gone). */
    static final String UPDATE = """
      UPDATE sites SET
        name = coalesce($3, name),
        tagline = CASE WHEN $4 THEN $5 ELSE tagline END,
        description = CASE WHEN $6 THEN $7 ELSE description END,
        custom_domain = CASE WHEN $8 THEN $9 ELSE custom_domain END,
        is_public = coalesce($10, is_public),
        slug = coalesce($11, slug),
        reader_base_url = CASE WHEN $12 THEN $13 ELSE reader_base_url END,
        revision = revision + 1, updated_at = now()
       WHERE id = $1 AND deleted_at IS NULL AND ($2::int IS NULL OR revision = $2)
      RETURNING *
      """;

    static final String UPDATE_SETTINGS = """
      UPDATE sites SET
        comments_enabled = coalesce($3, comments_enabled),
        comments_moderation_mode = coalesce($4, comments_moderation_mode),
        default_content_rating = coalesce($5, default_content_rating),
        is_public = coalesce($6, is_public),
        settings = jsonb_strip_nulls(settings || coalesce($7, '{}'::jsonb)),
        revision = revision + 1, updated_at = now()
       WHERE id = $1 AND deleted_at IS NULL AND ($2::int IS NULL OR revision = $2)
      RETURNING *
      """;

    static final String SOFT_DELETE = """
      UPDATE sites SET deleted_at = now(), revision = revision + 1, updated_at = now()
       WHERE id = $1 AND deleted_at IS NULL
      RETURNING *
      """;

    static final String RESTORE = """
      UPDATE sites SET deleted_at = NULL, revision = revision + 1, updated_at = now()
       WHERE id = $1 AND deleted_at IS NOT NULL AND deleted_at > now() - make_interval(days => $2)
      RETURNING *
      """;

    /** Public lookups: active, public, not deleted. */
    static final String PUBLIC_BY_ID =
            "SELECT * FROM sites WHERE id = $1 AND status = 'ACTIVE' AND is_public AND deleted_at IS NULL";

    static final String PUBLIC_BY_SLUG =
            "SELECT * FROM sites WHERE slug = $1 AND status = 'ACTIVE' AND is_public AND deleted_at IS NULL";
    static final String PUBLIC_BY_DOMAIN = """
      SELECT * FROM sites WHERE lower(custom_domain) = lower($1) AND status = 'ACTIVE' AND is_public AND deleted_at IS NULL
      """;

    /** The purge job: soft-deleted past retention. */
    static final String PURGE = "DELETE FROM sites WHERE deleted_at < now() - make_interval(days => $1)";
}
