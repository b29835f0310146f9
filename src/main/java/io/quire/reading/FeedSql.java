package io.quire.reading;

/** What feeds and sitemaps list: published chapters of visible series on active public sites. */
final class FeedSql {
    private FeedSql() {}

    static final String SITE = """
      SELECT id, slug, name, tagline, description, custom_domain, updated_at FROM sites
       WHERE id = $1 AND status = 'ACTIVE' AND is_public AND deleted_at IS NULL
      """;

    static final String SERIES = """
      SELECT se.id, se.slug, se.title, se.synopsis, se.language, se.updated_at, si.id AS site_id, si.slug AS site_slug,
             si.name AS site_name
        FROM series se JOIN sites si ON si.id = se.site_id
       WHERE se.id = $1 AND se.deleted_at IS NULL AND se.status <> 'DRAFT'
         AND si.status = 'ACTIVE' AND si.is_public AND si.deleted_at IS NULL
      """;

    /** The newest published chapters of a site or of one series ($2 null = the whole site). */
    static final String RECENT_CHAPTERS = """
      SELECT ch.id, ch.slug, ch.title, ch.content, ch.published_at, ch.access_level, ch.scheduled_free_at,
             se.id AS series_id, se.slug AS series_slug, se.title AS series_title, se.paywall_message AS series_paywall_message,
             ch.paywall_message
        FROM chapters ch JOIN series se ON se.id = ch.series_id
       WHERE ch.site_id = $1 AND ($2::uuid IS NULL OR ch.series_id = $2)
         AND ch.status = 'PUBLISHED' AND ch.deleted_at IS NULL AND se.deleted_at IS NULL AND se.status <> 'DRAFT'
       ORDER BY ch.published_at DESC, ch.id
       LIMIT $3
      """;

    static final String SITEMAP_SERIES = """
      SELECT slug, updated_at FROM series WHERE site_id = $1 AND deleted_at IS NULL AND status <> 'DRAFT' ORDER BY slug
      """;
}
