package io.quire.engagement.follows;

/** Author follows. */
final class FollowSql {
    private FollowSql() {}

    /** Someone who can be followed: an author (or admin) whose account is not gone. */
    static final String AUTHOR = """
      SELECT id FROM users WHERE id = $1 AND role IN ('AUTHOR', 'ADMIN', 'SUPER_ADMIN') AND status NOT IN ('BANNED', 'DELETED')
      """;

    /** Following again changes nothing and answers the existing follow. */
    static final String FOLLOW = """
      WITH added AS (
        INSERT INTO author_follows (follower_id, author_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING *)
      SELECT *, true AS created FROM added
      UNION ALL
      SELECT *, false AS created FROM author_follows WHERE follower_id = $1 AND author_id = $2
      LIMIT 1
      """;

    static final String UNFOLLOW = "DELETE FROM author_follows WHERE follower_id = $1 AND author_id = $2";

    static final String SETTINGS = """
      UPDATE author_follows SET notify_new_series = coalesce($3, notify_new_series),
             notify_new_chapters = coalesce($4, notify_new_chapters), notify_announcements = coalesce($5, notify_announcements)
       WHERE follower_id = $1 AND author_id = $2 RETURNING *
      """;

    static final String FOLLOWERS = """
      SELECT f.follower_id AS user_id, f.created_at, u.username, u.display_name
        FROM author_follows f JOIN users u ON u.id = f.follower_id
       WHERE f.author_id = $1 AND ($2::timestamptz IS NULL OR (f.created_at, f.follower_id) < ($2, $3))
       ORDER BY f.created_at DESC, f.follower_id DESC LIMIT $4
      """;

    static final String FOLLOWER_COUNT = "SELECT count(*) AS n FROM author_follows WHERE author_id = $1";

    static final String FOLLOWING = """
      SELECT f.*, u.username, u.display_name
        FROM author_follows f JOIN users u ON u.id = f.author_id
       WHERE f.follower_id = $1 AND ($2::timestamptz IS NULL OR (f.created_at, f.author_id) < ($2, $3))
       ORDER BY f.created_at DESC, f.author_id DESC LIMIT $4
      """;
}
