package io.quire.sites;

/** Statements on {@code site_collaborators} and {@code site_invitations}. */
final class CollaboratorSql {
    private CollaboratorSql() {}

    static final String MEMBERS = """
      SELECT c.user_id, c.role, c.permissions, c.accepted_at, c.created_at, u.username, u.display_name, u.email
        FROM site_collaborators c JOIN users u ON u.id = c.user_id
       WHERE c.site_id = $1 ORDER BY c.created_at
      """;
    static final String INVITATIONS = "SELECT * FROM site_invitations WHERE site_id = $1 ORDER BY created_at";
    static final String MEMBER = """
      SELECT c.user_id, c.role, c.permissions, c.accepted_at, c.created_at, u.username, u.display_name, u.email
        FROM site_collaborators c JOIN users u ON u.id = c.user_id
       WHERE c.site_id = $1 AND c.user_id = $2
      """;
    static final String INVITATION = "SELECT * FROM site_invitations WHERE site_id = $1 AND id = $2";
    static final String IS_MEMBER_BY_EMAIL = """
      SELECT 1 FROM site_collaborators c JOIN users u ON u.id = c.user_id WHERE c.site_id = $1 AND u.email = $2
      UNION ALL SELECT 1 FROM sites s JOIN users u ON u.id = s.owner_id WHERE s.id = $1 AND u.email = $2
      """;
    static final String INSERT_INVITATION = """
      INSERT INTO site_invitations (id, site_id, email, role, permissions, token_hash, invited_by, expires_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, now() + make_interval(days => $8))
      RETURNING *
      """;
    static final String NEW_TOKEN = """
      UPDATE site_invitations SET token_hash = $3, expires_at = now() + make_interval(days => $4), created_at = now()
       WHERE site_id = $1 AND id = $2
      RETURNING *
      """;
    static final String UPDATE_MEMBER = """
      UPDATE site_collaborators SET role = coalesce($3, role), permissions = coalesce($4, permissions)
       WHERE site_id = $1 AND user_id = $2
      """;
    static final String UPDATE_INVITATION = """
      UPDATE site_invitations SET role = coalesce($3, role), permissions = coalesce($4, permissions)
       WHERE site_id = $1 AND id = $2
      """;
    static final String DELETE_MEMBER = "DELETE FROM site_collaborators WHERE site_id = $1 AND user_id = $2";
    static final String DELETE_INVITATION = "DELETE FROM site_invitations WHERE site_id = $1 AND id = $2";

    static final String MY_INVITATIONS = """
      SELECT i.*, s.name AS site_name, s.slug AS site_slug, u.display_name AS inviter_name
        FROM site_invitations i JOIN sites s ON s.id = i.site_id JOIN users u ON u.id = i.invited_by
       WHERE i.email = $1 AND i.expires_at > now() AND s.deleted_at IS NULL
       ORDER BY i.created_at DESC
      """;
    static final String BY_TOKEN = """
      SELECT i.*, s.name AS site_name, s.slug AS site_slug, u.display_name AS inviter_name
        FROM site_invitations i JOIN sites s ON s.id = i.site_id JOIN users u ON u.id = i.invited_by
       WHERE i.token_hash = $1 AND i.expires_at > now() AND s.deleted_at IS NULL
       FOR UPDATE OF i
      """;
    static final String ACCEPT = """
      INSERT INTO site_collaborators (site_id, user_id, role, permissions, accepted_at) VALUES ($1, $2, $3, $4, now())
      ON CONFLICT (site_id, user_id) DO UPDATE SET role = $3, permissions = $4, accepted_at = now()
      """;
    static final String DELETE_BY_TOKEN = "DELETE FROM site_invitations WHERE token_hash = $1";
    static final String USER_EMAIL = "SELECT email FROM users WHERE id = $1";
}
