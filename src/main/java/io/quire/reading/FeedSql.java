package io.quire.reading;

/** What feeds and sitemaps list: published chapters of visible series on active public sites. */
final class FeedSql {
    private FeedSql() {}

    static final String SITE = """
      SELECT si.id, si.slug, si.name, si.tagline, si.description, si.reader_base_url, si.updated_at,
             u.display_name AS owner_name
        FROM sites si JOIN users u ON u.id = si.owner_id
       WHERE si.id = $1 AND si.status = 'ACTIVE' AND si.is_public AND si.deleted_at IS NULL
      """;

    static final String SERIES = """
      SELECT se.id, se.slug, se.title, se.synopsis, se.language, se.updated_at, si.id AS site_id, si.slug AS site_slug,
             si.name AS site_name, si.reader_base_url, u.display_name AS owner_name
        FROM series se JOIN sites si ON si.id = se.site_id JOIN users u ON u.id = se.author_id
       WHERE se.id = $1 AND se.deleted_at IS NULL AND se.status <> 'DRAFT'
         AND si.status = 'ACTIVE' AND si.is_public AND si.deleted_at IS NULL
      """;

    /** The newest published chapters of a site or of one series ($2 null = the whole site). */
    static final String RECENT_CHAPTERS = """
      SELECT ch.id, ch.slug, ch.title, ch.content, ch.published_at, ch.access_level, ch.scheduled_free_at,
             se.id AS series_id, se.slug AS series_slug, se.title AS series_title, se.paywall_message AS series_paywall_message,
             ch.paywall_message, u.display_name AS author_name
        FROM chapters ch JOIN series se ON se.id = ch.series_id JOIN users u ON u.id = ch.author_id
       WHERE ch.site_id = $1 AND ($2::uuid IS NULL OR ch.series_id = $2)
         AND ch.status = 'PUBLISHED' AND ch.deleted_at IS NULL AND se.deleted_at IS NULL AND se.status <> 'DRAFT'
       ORDER BY ch.published_at DESC, ch.id
       LIMIT $3
      """;

    static final String SITEMAP_SERIES = """
      SELECT id, slug, updated_at FROM series WHERE site_id = $1 AND deleted_at IS NULL AND status <> 'DRAFT' ORDER BY slug
      """;
}
