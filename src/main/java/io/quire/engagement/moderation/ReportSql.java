package io.quire.engagement.moderation;

/** Reports, their targets and the moderation log. */
final class ReportSql {
    private ReportSql() {}

    /** What a report names, as (site, owner of the content, a snapshot); one query per target type. */
    static final String TARGET_COMMENT = """
      SELECT cm.site_id, cm.user_id AS owner_id, jsonb_build_object('content', cm.content, 'status', cm.status) AS snapshot
        FROM comments cm WHERE cm.id = $1 AND cm.status <> 'DELETED'
      """;

    static final String TARGET_REVIEW = """
      SELECT r.site_id, r.user_id AS owner_id, jsonb_build_object('content', r.content, 'rating', r.rating) AS snapshot
        FROM reviews r WHERE r.id = $1
      """;
    static final String TARGET_CHAPTER = """
      SELECT ch.site_id, ch.author_id AS owner_id, jsonb_build_object('title', ch.title) AS snapshot
        FROM chapters ch WHERE ch.id = $1 AND ch.deleted_at IS NULL AND ch.status = 'PUBLISHED'
      """;
    static final String TARGET_SERIES = """
      SELECT se.site_id, se.author_id AS owner_id, jsonb_build_object('title', se.title) AS snapshot
        FROM series se WHERE se.id = $1 AND se.deleted_at IS NULL AND se.status <> 'DRAFT'
      """;
    static final String TARGET_USER = """
      SELECT NULL::uuid AS site_id, u.id AS owner_id, jsonb_build_object('username', u.username) AS snapshot
        FROM users u WHERE u.id = $1 AND u.status NOT IN ('DELETED')
      """;

    static final String INSERT = """
      INSERT INTO reports (id, reporter_id, target_type, target_id, target_user_id, site_id, reason, description, evidence, priority)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      """;
    static final String ONE = "SELECT * FROM reports WHERE id = $1";
    static final String MINE = """
      SELECT * FROM reports WHERE reporter_id = $1 AND ($2::timestamptz IS NULL OR (created_at, id) < ($2, $3))
       ORDER BY created_at DESC, id DESC LIMIT $4
      """;
    /** A site's reports; {@code $2} a status filter, {@code $3} only the open ones (the queue). */
    static final String FOR_SITE = """
      SELECT * FROM reports WHERE site_id = $1 AND ($2::text IS NULL OR status = $2)
         AND (NOT $3 OR status IN ('PENDING', 'UNDER_REVIEW'))
       ORDER BY priority DESC, created_at, id LIMIT $4
      """;

    static final String ALL = """
      SELECT * FROM reports WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR target_type = $2)
       ORDER BY priority DESC, created_at, id LIMIT $3
      """;
    static final String RESOLVE = """
      UPDATE reports SET status = $2, resolution = $3, resolution_note = $4, resolved_at = now(), resolved_by = $5, updated_at = now()
       WHERE id = $1 RETURNING *
      """;
    static final String ESCALATE =
            "UPDATE reports SET status = 'ESCALATED', updated_at = now() WHERE id = $1 RETURNING *";
    static final String LOG = """
      INSERT INTO moderation_log (id, moderator_id, target_type, target_id, target_user_id, site_id, action, reason, notes, report_id, content_snapshot)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
      """;
    static final String LOG_PAGE = """
      SELECT l.*, u.username AS moderator_username FROM moderation_log l LEFT JOIN users u ON u.id = l.moderator_id
       WHERE ($1::text IS NULL OR l.target_type = $1) AND ($2::uuid IS NULL OR l.target_id = $2)
         AND ($3::uuid IS NULL OR l.moderator_id = $3) AND ($4::text IS NULL OR l.action = $4)
       ORDER BY l.created_at DESC, l.id DESC LIMIT $5
      """;
}
