package io.quire.content;

/** Statements on genres, tags, content warnings and their links to series. */
final class TaxonomySql {
    private TaxonomySql() {}

    static final String GENRES = "SELECT * FROM genres ORDER BY display_order, name";
    static final String FEATURED_GENRES = "SELECT * FROM genres WHERE is_featured ORDER BY display_order, name";
    static final String GENRE = "SELECT * FROM genres WHERE id = $1";
    static final String GENRE_CHILDREN = "SELECT * FROM genres WHERE parent_id = $1 ORDER BY display_order, name";
    static final String WARNINGS = "SELECT * FROM content_warnings ORDER BY name";

    static final String POPULAR_TAGS =
            "SELECT * FROM tags WHERE NOT is_blocked ORDER BY usage_count DESC, slug LIMIT $1";
    static final String SEARCH_TAGS = """
      SELECT * FROM tags WHERE NOT is_blocked AND (slug LIKE $1 || '%' OR lower(name) LIKE '%' || $2 || '%')
       ORDER BY (slug LIKE $1 || '%') DESC, usage_count DESC, slug LIMIT $3
      """;
    static final String TAG_BY_SLUG = "SELECT * FROM tags WHERE slug = $1";
    static final String INSERT_TAG = """
      INSERT INTO tags (id, slug, name, created_by) VALUES ($1, $2, $3, $4)
      ON CONFLICT (slug) DO NOTHING
      RETURNING *
      """;
    static final String SET_TAG_BLOCKED = "UPDATE tags SET is_blocked = $2 WHERE slug = $1 RETURNING *";

    static final String SERIES_GENRES = """
      SELECT g.*, sg.is_primary FROM series_genres sg JOIN genres g ON g.id = sg.genre_id WHERE sg.series_id = $1
       ORDER BY sg.is_primary DESC, g.display_order
      """;
    static final String SERIES_TAGS = """
      SELECT t.* FROM series_tags st JOIN tags t ON t.id = st.tag_id WHERE st.series_id = $1 ORDER BY t.slug
      """;
    static final String SERIES_WARNINGS = """
      SELECT w.* FROM series_content_warnings sw JOIN content_warnings w ON w.id = sw.warning_id WHERE sw.series_id = $1 ORDER BY w.name
      """;

    static final String KNOWN_GENRES = "SELECT id FROM genres WHERE id = ANY($1)";
    static final String KNOWN_WARNINGS = "SELECT id FROM content_warnings WHERE id = ANY($1)";

    static final String CLEAR_GENRES = "DELETE FROM series_genres WHERE series_id = $1";
    static final String ADD_GENRE = """
      INSERT INTO series_genres (series_id, genre_id, is_primary) VALUES ($1, $2, $3)
      ON CONFLICT (series_id, genre_id) DO UPDATE SET is_primary = series_genres.is_primary OR $3
      """;
    static final String REMOVE_GENRE = "DELETE FROM series_genres WHERE series_id = $1 AND genre_id = $2";
    static final String COUNT_GENRES = "SELECT count(*) FROM series_genres WHERE series_id = $1";

    /** Removing links keeps the tags' usage counts right in the same statement. */
    static final String CLEAR_TAGS = """
      WITH gone AS (DELETE FROM series_tags WHERE series_id = $1 RETURNING tag_id)
      UPDATE tags SET usage_count = usage_count - 1 WHERE id IN (SELECT tag_id FROM gone)
      """;

    static final String ADD_TAG = """
      WITH added AS (INSERT INTO series_tags (series_id, tag_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING tag_id)
      UPDATE tags SET usage_count = usage_count + 1 WHERE id IN (SELECT tag_id FROM added)
      """;
    static final String REMOVE_TAG = """
      WITH gone AS (DELETE FROM series_tags WHERE series_id = $1 AND tag_id = $2 RETURNING tag_id)
      UPDATE tags SET usage_count = usage_count - 1 WHERE id IN (SELECT tag_id FROM gone)
      """;
    static final String COUNT_TAGS = "SELECT count(*) FROM series_tags WHERE series_id = $1";

    static final String CLEAR_WARNINGS = "DELETE FROM series_content_warnings WHERE series_id = $1";
    static final String ADD_WARNING =
            "INSERT INTO series_content_warnings (series_id, warning_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";
    static final String REMOVE_WARNING = "DELETE FROM series_content_warnings WHERE series_id = $1 AND warning_id = $2";
}
