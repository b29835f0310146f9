package io.quire.engagement.comments;

/** Comments and the chapter context they need (visibility, access, moderation settings, the caller's role). */
final class CommentSql {
    private CommentSql() {}

    /** A chapter readers can see, with what decides who may comment and who moderates; $2 is the caller (or null). */
    static final String CHAPTER = """
      SELECT ch.id, ch.site_id, ch.author_id, ch.access_level, ch.scheduled_free_at, si.owner_id, si.comments_enabled,
             si.comments_moderation_mode, c.role AS collaborator_role
        FROM chapters ch
        JOIN series se ON se.id = ch.series_id AND se.deleted_at IS NULL AND se.status <> 'DRAFT'
        JOIN sites si ON si.id = ch.site_id AND si.deleted_at IS NULL AND si.status = 'ACTIVE' AND si.is_public
        LEFT JOIN site_collaborators c ON c.site_id = ch.site_id AND c.user_id = $2 AND c.accepted_at IS NOT NULL
       WHERE ch.id = $1 AND ch.deleted_at IS NULL AND ch.status = 'PUBLISHED'
      """;

    static final String PARENT = "SELECT parent_id FROM comments WHERE id = $1";

    private static final String COLUMNS = """
      cm.id, cm.chapter_id, cm.parent_id, cm.depth, cm.user_id, cm.content, cm.content_html, cm.has_spoiler, cm.status,
      cm.held_reason, cm.is_pinned, cm.edited_at, cm.reply_count, cm.reaction_count, cm.created_at,
      u.username, u.display_name
      """;

    static final String ONE =
            "SELECT " + COLUMNS + " FROM comments cm LEFT JOIN users u ON u.id = cm.user_id WHERE cm.id = $1";

    /**
     * Who sees what: visible comments and tombstones for everyone; pending ones for their writer and moderators;
     * hidden ones for moderators. $2 caller (or null), $3 whether the caller moderates.
     */
    private static final String SEEN = """
      (cm.status IN ('VISIBLE', 'DELETED') OR $3 OR cm.status = 'PENDING' AND cm.user_id = $2)
      """;

    static final String TOP_NEWEST = "SELECT " + COLUMNS + " FROM comments cm LEFT JOIN users u ON u.id = cm.user_id "
            + "WHERE cm.chapter_id = $1 AND cm.parent_id IS NULL AND " + SEEN
            + " AND NOT (cm.status = 'DELETED' AND cm.reply_count = 0) AND ($4::timestamptz IS NULL OR (cm.created_at, cm.id) < ($4, $5))"
            + " ORDER BY cm.created_at DESC, cm.id DESC LIMIT $6";
    static final String TOP_OLDEST = "SELECT " + COLUMNS + " FROM comments cm LEFT JOIN users u ON u.id = cm.user_id "
            + "WHERE cm.chapter_id = $1 AND cm.parent_id IS NULL AND " + SEEN
            + " AND NOT (cm.status = 'DELETED' AND cm.reply_count = 0) AND ($4::timestamptz IS NULL OR (cm.created_at, cm.id) > ($4, $5))"
            + " ORDER BY cm.created_at, cm.id LIMIT $6";
    static final String TOP_SCORE = "SELECT " + COLUMNS + " FROM comments cm LEFT JOIN users u ON u.id = cm.user_id "
            + "WHERE cm.chapter_id = $1 AND cm.parent_id IS NULL AND " + SEEN
            + " AND NOT (cm.status = 'DELETED' AND cm.reply_count = 0) AND ($4::integer IS NULL OR (cm.reaction_count, cm.id) < ($4, $5))"
            + " ORDER BY cm.reaction_count DESC, cm.id DESC LIMIT $6";
    /** Pinned comments lead the first page, whatever the sort. */
    static final String PINNED = "SELECT " + COLUMNS + " FROM comments cm LEFT JOIN users u ON u.id = cm.user_id "
            + "WHERE cm.chapter_id = $1 AND cm.parent_id IS NULL AND cm.is_pinned AND " + SEEN
            + " ORDER BY cm.created_at";

    /** The first replies of several comments at once: up to $4 each, oldest first. */
    static final String FIRST_REPLIES = "SELECT * FROM (SELECT " + COLUMNS
            + ", row_number() OVER (PARTITION BY cm.parent_id ORDER BY cm.created_at, cm.id) AS n"
            + " FROM comments cm LEFT JOIN users u ON u.id = cm.user_id WHERE cm.parent_id = ANY($1::uuid[]) AND "
            + SEEN
            + " AND NOT (cm.status = 'DELETED' AND cm.reply_count = 0)) r WHERE n <= $4 ORDER BY parent_id, created_at, id";

    static final String REPLIES = "SELECT " + COLUMNS + " FROM comments cm LEFT JOIN users u ON u.id = cm.user_id "
            + "WHERE cm.parent_id = $1 AND " + SEEN + " AND NOT (cm.status = 'DELETED' AND cm.reply_count = 0)"
            + " AND ($4::timestamptz IS NULL OR (cm.created_at, cm.id) > ($4, $5)) ORDER BY cm.created_at, cm.id LIMIT $6";

    static final String INSERT = """
      INSERT INTO comments (id, chapter_id, site_id, user_id, parent_id, depth, content, content_html, has_spoiler, status, held_reason)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
      """;
    /** A visible reply counts towards its parent's replies; kept up to date by every change of status. */
    static final String RECOUNT = """
      UPDATE comments p SET reply_count = (SELECT count(*) FROM comments r WHERE r.parent_id = p.id AND r.status IN ('VISIBLE', 'DELETED'))
       WHERE p.id = $1
      """;

    static final String DUPLICATE = """
      SELECT count(*) AS n FROM comments WHERE user_id = $1 AND content = $2 AND created_at > now() - interval '10 minutes'
      """;
    static final String EDIT = """
      UPDATE comments SET content = $2, content_html = $3, has_spoiler = coalesce($4, has_spoiler),
             edited_at = CASE WHEN created_at < now() - interval '15 minutes' THEN now() ELSE edited_at END, updated_at = now()
       WHERE id = $1
      """;
    static final String TOMBSTONE = """
      UPDATE comments SET status = 'DELETED', content = NULL, content_html = NULL, is_pinned = false, updated_at = now() WHERE id = $1
      """;
    static final String DELETE = "DELETE FROM comments WHERE id = $1";
    static final String SET_STATUS =
            "UPDATE comments SET status = $2, held_reason = NULL, updated_at = now() WHERE id = $1";
    static final String SET_PINNED = "UPDATE comments SET is_pinned = $2, updated_at = now() WHERE id = $1";
}
