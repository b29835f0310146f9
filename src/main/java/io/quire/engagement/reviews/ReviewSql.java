package io.quire.engagement.reviews;

/** Reviews, votes and the series rating. */
final class ReviewSql {
    private ReviewSql() {}

    /** A series readers can see, its site's owner and the caller's collaborator role; $2 the caller. */
    static final String SERIES = """
      SELECT se.id, se.site_id, se.author_id, si.owner_id, c.role AS collaborator_role
        FROM series se
        JOIN sites si ON si.id = se.site_id AND si.deleted_at IS NULL AND si.status = 'ACTIVE' AND si.is_public
        LEFT JOIN site_collaborators c ON c.site_id = se.site_id AND c.user_id = $2 AND c.accepted_at IS NOT NULL
       WHERE se.id = $1 AND se.deleted_at IS NULL AND se.status <> 'DRAFT'
      """;

    static final String SERIES_OF = "SELECT series_id FROM reviews WHERE id = $1";
    /** Having read: a recorded place in one of the series' published chapters. */
    static final String HAS_READ =
            "SELECT EXISTS (SELECT 1 FROM reading_progress WHERE user_id = $1 AND series_id = $2) AS read";

    private static final String COLUMNS = "r.*, u.username, u.display_name";
    static final String ONE = "SELECT " + COLUMNS + " FROM reviews r JOIN users u ON u.id = r.user_id WHERE r.id = $1";
    static final String PAGE_NEWEST = "SELECT " + COLUMNS + " FROM reviews r JOIN users u ON u.id = r.user_id "
            + "WHERE r.series_id = $1 AND (NOT r.is_hidden OR $2) AND ($3::timestamptz IS NULL OR (r.created_at, r.id) < ($3, $4)) "
            + "ORDER BY r.created_at DESC, r.id DESC LIMIT $5";
    static final String INSERT = """
      INSERT INTO reviews (id, series_id, site_id, user_id, rating, sub_ratings, title, content, content_html, has_spoiler)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      """;
    static final String EDIT = """
      UPDATE reviews SET rating = coalesce($2, rating), sub_ratings = coalesce($3, sub_ratings), title = coalesce($4, title),
             content = coalesce($5, content), content_html = coalesce($6, content_html), has_spoiler = coalesce($7, has_spoiler),
             edited_at = now()
       WHERE id = $1
      """;
    static final String DELETE = "DELETE FROM reviews WHERE id = $1";
    static final String RESPOND = """
      UPDATE reviews SET author_response = $2, author_responded_at = now() WHERE id = $1 AND author_response IS NULL RETURNING id
      """;
    static final String SET_HIDDEN = "UPDATE reviews SET is_hidden = $2 WHERE id = $1";
    static final String VOTE = """
      INSERT INTO review_votes AS v (review_id, user_id, is_helpful) VALUES ($1, $2, $3)
      ON CONFLICT (review_id, user_id) DO UPDATE SET is_helpful = EXCLUDED.is_helpful
      """;
    static final String UNVOTE = "DELETE FROM review_votes WHERE review_id = $1 AND user_id = $2";
    static final String RECOUNT_VOTES = """
      UPDATE reviews SET helpful_count = (SELECT count(*) FROM review_votes WHERE review_id = $1 AND is_helpful),
             unhelpful_count = (SELECT count(*) FROM review_votes WHERE review_id = $1 AND NOT is_helpful)
       WHERE id = $1
      """;
    /** The series' average and count over its visible reviews, written with the review change that moved them. */
    static final String RATING = """
      INSERT INTO series_stats AS s (series_id, rating_count, rating_average)
      SELECT $1, count(*), round(avg(rating), 2) FROM reviews WHERE series_id = $1 AND NOT is_hidden
      ON CONFLICT (series_id) DO UPDATE SET rating_count = EXCLUDED.rating_count, rating_average = EXCLUDED.rating_average,
             updated_at = now()
      """;

    static final String RATING_OF = "SELECT rating_count, rating_average FROM series_stats WHERE series_id = $1";
}
