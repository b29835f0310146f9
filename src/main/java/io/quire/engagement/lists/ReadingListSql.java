package io.quire.engagement.lists;

/** Reading lists, their items and followers. */
final class ReadingListSql {
    private ReadingListSql() {}

    static final String LIST_COLUMNS = """
      l.*, (SELECT count(*) FROM reading_list_items i WHERE i.list_id = l.id) AS item_count,
      (SELECT count(*) FROM reading_list_follows f WHERE f.list_id = l.id) AS follower_count
      """;
    static final String MINE = "SELECT " + LIST_COLUMNS
            + " FROM reading_lists l WHERE l.user_id = $1 ORDER BY l.created_at DESC LIMIT 200";
    static final String ONE = "SELECT " + LIST_COLUMNS + " FROM reading_lists l WHERE l.id = $1";
    static final String INSERT =
            "INSERT INTO reading_lists (id, user_id, name, description, is_public) VALUES ($1, $2, $3, $4, $5)";
    static final String UPDATE = """
      UPDATE reading_lists SET name = coalesce($2, name), description = CASE WHEN $3 THEN $4 ELSE description END,
             is_public = coalesce($5, is_public), updated_at = now()
       WHERE id = $1
      """;
    static final String DELETE = "DELETE FROM reading_lists WHERE id = $1";
    static final String ITEMS = """
      SELECT i.series_id, i.position, i.note, i.added_at, se.title, se.slug, se.status
        FROM reading_list_items i JOIN series se ON se.id = i.series_id AND se.deleted_at IS NULL AND se.status <> 'DRAFT'
       WHERE i.list_id = $1 ORDER BY i.position, i.added_at
      """;
    static final String VISIBLE_SERIES = """
      SELECT se.id FROM series se JOIN sites si ON si.id = se.site_id AND si.deleted_at IS NULL AND si.status = 'ACTIVE' AND si.is_public
       WHERE se.id = $1 AND se.deleted_at IS NULL AND se.status <> 'DRAFT'
      """;
    static final String ADD_ITEM = """
      INSERT INTO reading_list_items (list_id, series_id, position, note)
      VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM reading_list_items WHERE list_id = $1), $3)
      ON CONFLICT DO NOTHING RETURNING series_id
      """;
    static final String NOTE = "UPDATE reading_list_items SET note = $3 WHERE list_id = $1 AND series_id = $2";
    /** The given order first (1, 2, …), the items not named after them in their old order. */
    static final String REORDER = """
      UPDATE reading_list_items i SET position = o.position
        FROM (SELECT series_id, row_number() OVER (ORDER BY named, pos, old) AS position
                FROM (SELECT i.series_id, n.ord IS NULL AS named, coalesce(n.ord, 0) AS pos, i.position AS old
                        FROM reading_list_items i LEFT JOIN unnest($2::uuid[]) WITH ORDINALITY AS n(series_id, ord) USING (series_id)
                       WHERE i.list_id = $1) x) o
       WHERE i.list_id = $1 AND i.series_id = o.series_id
      """;

    static final String REMOVE_ITEM = "DELETE FROM reading_list_items WHERE list_id = $1 AND series_id = $2";
    static final String FOLLOW =
            "INSERT INTO reading_list_follows (list_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";
    static final String UNFOLLOW = "DELETE FROM reading_list_follows WHERE list_id = $1 AND user_id = $2";
    static final String FOLLOWERS = """
      SELECT f.user_id, f.created_at, u.username, u.display_name FROM reading_list_follows f JOIN users u ON u.id = f.user_id
       WHERE f.list_id = $1 ORDER BY f.created_at DESC LIMIT 500
      """;
    static final String TOUCH = "UPDATE reading_lists SET updated_at = now() WHERE id = $1";
}
