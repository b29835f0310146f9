package io.quire.reading;

/**
 * The public read queries. Visibility is one rule, written into each: a PUBLISHED, undeleted chapter of an
 * undeleted series that is not DRAFT, on an ACTIVE, public, undeleted site. Anything else is not found.
 */
final class ReadingSql {
    private ReadingSql() {}

    private static final String VISIBLE_SERIES = """
      se.deleted_at IS NULL AND se.status <> 'DRAFT'
      AND si.status = 'ACTIVE' AND si.is_public AND si.deleted_at IS NULL
      """;

    /** The series (visible) with what its chapters' paywall needs. */
    static final String SERIES = """
      SELECT se.id, se.site_id, se.preview_paragraphs, se.paywall_message, si.owner_id
        FROM series se JOIN sites si ON si.id = se.site_id
       WHERE se.id = $1 AND
      """ + VISIBLE_SERIES;

    /** The table of contents: published chapters in display order. */
    static final String TABLE_OF_CONTENTS = """
      SELECT id, chapter_number, volume_number, title, slug, published_at, word_count, reading_minutes, access_level,
             scheduled_free_at, minimum_tier_id, revision
        FROM chapters WHERE series_id = $1 AND status = 'PUBLISHED' AND deleted_at IS NULL
       ORDER BY display_order, chapter_number, id
      """;

    /**
     * One visible chapter with its neighbours among the series' published chapters, each neighbour one step of an
     * index-only scan ({@code chapters_published_order_idx}) rather than a window over the whole series. The
     * Markdown comes only when a preview may be needed (not FREE): it is the larger half of the row.
     */
    static final String CHAPTER = """
      SELECT ch.id, ch.series_id, ch.site_id, ch.title, ch.slug, ch.chapter_number, ch.volume_number, ch.published_at,
             ch.word_count, ch.reading_minutes, ch.access_level, ch.scheduled_free_at, ch.minimum_tier_id, ch.revision,
             ch.purchase_price, ch.purchase_currency,
             ch.content_html, ch.author_note_html, ch.author_note_position, ch.preview_paragraphs, ch.paywall_message,
             CASE WHEN ch.access_level <> 'FREE' THEN ch.content END AS content,
             (SELECT p.id FROM chapters p WHERE p.series_id = ch.series_id AND p.status = 'PUBLISHED' AND p.deleted_at IS NULL
                 AND (p.display_order, p.chapter_number, p.id) < (ch.display_order, ch.chapter_number, ch.id)
               ORDER BY p.display_order DESC, p.chapter_number DESC, p.id DESC LIMIT 1) AS previous_id,
             (SELECT n.id FROM chapters n WHERE n.series_id = ch.series_id AND n.status = 'PUBLISHED' AND n.deleted_at IS NULL
                 AND (n.display_order, n.chapter_number, n.id) > (ch.display_order, ch.chapter_number, ch.id)
               ORDER BY n.display_order, n.chapter_number, n.id LIMIT 1) AS next_id,
             se.title AS series_title, se.preview_paragraphs AS series_preview_paragraphs,
             se.paywall_message AS series_paywall_message, si.owner_id, se.slug AS series_slug, si.slug AS site_slug,
             si.reader_base_url,
             (SELECT coalesce(json_agg(json_build_object('position', p.position, 'mediaId', p.media_id,
                                                         'altText', coalesce(p.alt_text, m.alt_text),
                                                         'width', m.width, 'height', m.height) ORDER BY p.position),
                              '[]'::json)
                FROM chapter_images p JOIN media_files m ON m.id = p.media_id AND m.deleted_at IS NULL
               WHERE p.chapter_id = ch.id)::text AS pages
        FROM chapters ch JOIN series se ON se.id = ch.series_id JOIN sites si ON si.id = ch.site_id
       WHERE ch.id = $1 AND ch.status = 'PUBLISHED' AND ch.deleted_at IS NULL AND
      """ + VISIBLE_SERIES;

    /**
     * Why a chapter is not readable, for someone who works on its site ($2): the chapter's, its series' and its
     * site's states. No row for anyone else, so a stranger learns nothing more than a plain 404.
     */
    static final String WHY_HIDDEN = """
      SELECT ch.status AS chapter_status, ch.series_id, se.status AS series_status, se.deleted_at AS series_deleted_at,
             si.status AS site_status, si.is_public, si.deleted_at AS site_deleted_at
        FROM chapters ch JOIN series se ON se.id = ch.series_id JOIN sites si ON si.id = ch.site_id
       WHERE ch.id = $1 AND ch.deleted_at IS NULL
         AND (si.owner_id = $2 OR EXISTS (SELECT 1 FROM site_collaborators c
               WHERE c.site_id = si.id AND c.user_id = $2 AND c.accepted_at IS NOT NULL))
      """;

    /** Whether the caller works on the site (owner or accepted collaborator). */
    static final String WORKS_ON_SITE = """
      SELECT EXISTS (SELECT 1 FROM sites WHERE id = $1 AND owner_id = $2)
          OR EXISTS (SELECT 1 FROM site_collaborators WHERE site_id = $1 AND user_id = $2 AND accepted_at IS NOT NULL) AS member
      """;
}
