package io.quire.analytics.rollup;

/**
 * The statements that turn one site's raw events of one local day into its rollups. Every statement reads the
 * events of the window [$2, $3) of site $1 and writes day $4; rerunning them gives the same rows.
 */
final class RollupSql {
    private RollupSql() {}

    private static final String WINDOW =
            "SELECT * FROM analytics_events WHERE site_id = $1 AND occurred_at >= $2 AND occurred_at < $3";
    /** site, series and chapter rows from one scan: grouping sets (), (series), (series, chapter) */
    private static final String ENTITY = """
      CASE WHEN GROUPING(series_id) = 1 THEN 'site' WHEN GROUPING(chapter_id) = 1 THEN 'series' ELSE 'chapter' END,
      CASE WHEN GROUPING(series_id) = 1 THEN $1::uuid WHEN GROUPING(chapter_id) = 1 THEN series_id ELSE chapter_id END
      """;

    private static final String ENTITY_GROUPS = """
      GROUP BY GROUPING SETS ((), (series_id), (series_id, chapter_id))
      HAVING GROUPING(series_id) = 1 OR series_id IS NOT NULL AND (GROUPING(chapter_id) = 1 OR chapter_id IS NOT NULL)
      """;

    static final String CLAIM = "DELETE FROM analytics_dirty_days WHERE site_id = $1 AND day = $2";
    static final String DIRTY = """
      SELECT d.site_id, d.day, s.settings->>'timezone' AS timezone
        FROM analytics_dirty_days d LEFT JOIN sites s ON s.id = d.site_id
       ORDER BY d.day, d.site_id LIMIT $1
      """;

    static final String CLEAR =
            "DELETE FROM analytics_aggregates WHERE site_id = $1 AND day = $4 AND $2::timestamptz < $3";

    static final String COUNTS = "INSERT INTO analytics_aggregates (entity_type, entity_id, site_id, day, page_views, "
            + "unique_visitors, sessions, readers, chapter_starts, chapter_completes, subscription_views, subscription_starts, "
            + "shares, series_views) SELECT " + ENTITY + """
      , $1, $4,
        count(*) FILTER (WHERE event_type = 'PAGE_VIEW'),
        count(DISTINCT visitor_id),
        count(DISTINCT coalesce(session_id, visitor_id::text)),
        count(DISTINCT visitor_id) FILTER (WHERE event_type = 'CHAPTER_START'),
        count(*) FILTER (WHERE event_type = 'CHAPTER_START'),
        count(*) FILTER (WHERE event_type = 'CHAPTER_COMPLETE'),
        count(*) FILTER (WHERE event_type = 'SUBSCRIPTION_VIEW'),
        count(*) FILTER (WHERE event_type = 'SUBSCRIPTION_START'),
        count(*) FILTER (WHERE event_type = 'SHARE'),
        count(*) FILTER (WHERE event_type = 'SERIES_VIEW')
      FROM (""" + WINDOW + ") e " + ENTITY_GROUPS;

    /** Average read percent: per reader and chapter the furthest point reached, then summed per entity. */
    static final String PROGRESS =
            "UPDATE analytics_aggregates a SET progress_sum = p.total, progress_count = p.n FROM ("
                    + "SELECT " + ENTITY.replaceFirst("END,", "END AS entity_type,")
                    + " AS entity_id, coalesce(sum(reached), 0) AS total, count(*) AS n FROM ("
                    + "SELECT series_id, chapter_id, visitor_id, max(percent) AS reached FROM (" + WINDOW + ") w "
                    + "WHERE percent IS NOT NULL AND chapter_id IS NOT NULL GROUP BY 1, 2, 3) e " + ENTITY_GROUPS
                    + ") p WHERE a.entity_type = p.entity_type AND a.entity_id = p.entity_id AND a.day = $4 AND $2::timestamptz < $3";

    /** Site only: bounces (sessions with at most one page view), time on site, and the top-50 breakdowns. */
    static final String SITE_DETAIL = "WITH w AS (" + WINDOW + """
      ), s AS (
        SELECT count(*) FILTER (WHERE views <= 1) AS bounces, coalesce(sum(extract(epoch FROM last - first)), 0)::bigint AS seconds
          FROM (SELECT count(*) FILTER (WHERE event_type = 'PAGE_VIEW') AS views, min(occurred_at) AS first, max(occurred_at) AS last
                  FROM w GROUP BY coalesce(session_id, visitor_id::text)) x)
      UPDATE analytics_aggregates a SET bounces = s.bounces, session_seconds = s.seconds, metrics = jsonb_build_object(
        'referrers', (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT referrer_host AS k, count(*) AS n FROM w
            WHERE event_type = 'PAGE_VIEW' AND referrer_host IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50) t),
        'utmSources', (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT utm_source AS k, count(*) AS n FROM w
            WHERE event_type = 'PAGE_VIEW' AND utm_source IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50) t),
        'utmCampaigns', (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT utm_campaign AS k, count(*) AS n FROM w
            WHERE event_type = 'PAGE_VIEW' AND utm_campaign IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50) t),
        'countries', (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT country AS k, count(DISTINCT visitor_id) AS n FROM w
            WHERE country IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50) t),
        'devices', (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT device_type AS k, count(DISTINCT visitor_id) AS n FROM w
            WHERE device_type IS NOT NULL GROUP BY 1) t),
        'browsers', (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT browser AS k, count(DISTINCT visitor_id) AS n FROM w
            WHERE browser IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50) t),
        'os', (SELECT coalesce(jsonb_object_agg(k, n), '{}') FROM (SELECT os AS k, count(DISTINCT visitor_id) AS n FROM w
            WHERE os IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50) t))
        FROM s
       WHERE a.entity_type = 'site' AND a.entity_id = $1 AND a.day = $4 AND $2::timestamptz < $3
      """;

    static final String CLEAR_VISITORS =
            "DELETE FROM analytics_visitor_days WHERE site_id = $1 AND day = $4 AND $2::timestamptz < $3";

    /** Who came that day, site-wide (nil series) and per series, with the furthest funnel stage they reached. */
    static final String VISITORS = "INSERT INTO analytics_visitor_days (site_id, series_id, day, visitor_id, stage) "
            + "SELECT $1, coalesce(series_id, '00000000-0000-0000-0000-000000000000'::uuid), $4, visitor_id, max(stage) FROM ("
            + "SELECT series_id, visitor_id, CASE event_type WHEN 'SUBSCRIPTION_START' THEN 3 WHEN 'SUBSCRIPTION_VIEW' THEN 2 "
            + "WHEN 'CHAPTER_START' THEN 1 ELSE 0 END AS stage FROM (" + WINDOW + ") w) e "
            + "GROUP BY GROUPING SETS ((visitor_id), (series_id, visitor_id)) HAVING GROUPING(series_id) = 1 OR series_id IS NOT NULL";

    /**
     * Readers of each series: the day they started its first published chapter, the furthest chapter position they
     * opened, the weeks (since 2000-01-03) they read in. Merged with min, max and union, so reruns change nothing.
     */
    static final String READERS = """
      INSERT INTO analytics_series_readers AS r (series_id, visitor_id, started_on, furthest_position, active_weeks)
      SELECT e.series_id, e.visitor_id, min($4::date) FILTER (WHERE c.position = 1 AND e.event_type = 'CHAPTER_START'),
             max(c.position), ARRAY[($4::date - date '2000-01-03') / 7]
        FROM (""" + WINDOW + """
      ) e JOIN (SELECT id, row_number() OVER (PARTITION BY series_id ORDER BY display_order, chapter_number)::int AS position
                   FROM chapters WHERE site_id = $1 AND status = 'PUBLISHED' AND deleted_at IS NULL) c ON c.id = e.chapter_id
       WHERE e.event_type IN ('CHAPTER_START', 'CHAPTER_PROGRESS', 'CHAPTER_COMPLETE')
       GROUP BY e.series_id, e.visitor_id
      ON CONFLICT (series_id, visitor_id) DO UPDATE SET
        started_on = least(r.started_on, EXCLUDED.started_on),
        furthest_position = greatest(r.furthest_position, EXCLUDED.furthest_position),
        active_weeks = (SELECT array_agg(DISTINCT w ORDER BY w) FROM unnest(r.active_weeks || EXCLUDED.active_weeks) w)
      """;

    /** The series' viewCount (popular sort, listings) is its rolled-up page views, all days. */
    static final String SERIES_VIEWS = """
      INSERT INTO series_stats AS s (series_id, views)
      SELECT a.entity_id, sum(a.page_views) FROM analytics_aggregates a JOIN series se ON se.id = a.entity_id
       WHERE a.entity_type = 'series' AND a.site_id = $1
         AND a.entity_id IN (SELECT entity_id FROM analytics_aggregates WHERE site_id = $1 AND day = $4 AND entity_type = 'series')
         AND $2::timestamptz < $3
       GROUP BY a.entity_id ORDER BY a.entity_id
      ON CONFLICT (series_id) DO UPDATE SET views = EXCLUDED.views, updated_at = now()
      """;

    /** A chapter's viewCount: its rolled-up page views, all days (written only when it changed). */
    static final String CHAPTER_VIEWS = """
      UPDATE chapters c SET view_count = v.views
        FROM (SELECT entity_id, sum(page_views) AS views FROM analytics_aggregates
               WHERE entity_type = 'chapter' AND site_id = $1 AND $2::timestamptz < $3
                 AND entity_id IN (SELECT entity_id FROM analytics_aggregates WHERE site_id = $1 AND day = $4 AND entity_type = 'chapter')
               GROUP BY entity_id) v
       WHERE c.id = v.entity_id AND c.view_count <> v.views
      """;
}
