package io.quire.analytics.reports;

/** The report queries: all read rollups (aggregates, visitor days, series readers), never raw events. */
final class ReportSql {
    private ReportSql() {}

    static final String NIL = "00000000-0000-0000-0000-000000000000";

    /**
     * One row per bucket of the range, zero-filled: additive metrics from the entity's daily rows ($1 type, $2 id)
     * and exact visitors and readers per bucket from the visitor days of site $6, series $7 (the nil uuid: site-wide).
     */
    static final String BUCKETS = """
      WITH b AS (SELECT DISTINCT date_trunc($5, d)::date AS bucket
                   FROM generate_series($3::date::timestamp, $4::date::timestamp, interval '1 day') d),
           a AS (SELECT date_trunc($5, day::timestamp)::date AS bucket, sum(page_views) AS page_views,
                        sum(unique_visitors) AS visitor_days, sum(sessions) AS sessions, sum(bounces) AS bounces,
                        sum(session_seconds) AS session_seconds, sum(readers) AS reader_days,
                        sum(chapter_starts) AS chapter_starts, sum(chapter_completes) AS chapter_completes,
                        sum(progress_sum) AS progress_sum, sum(progress_count) AS progress_count,
                        sum(subscription_views) AS subscription_views, sum(subscription_starts) AS subscription_starts,
                        sum(shares) AS shares, sum(series_views) AS series_views
                   FROM analytics_aggregates
                  WHERE entity_type = $1 AND entity_id = $2 AND day BETWEEN $3::date AND $4::date GROUP BY 1),
           v AS (SELECT date_trunc($5, day::timestamp)::date AS bucket, count(DISTINCT visitor_id) AS visitors,
                        count(DISTINCT visitor_id) FILTER (WHERE stage >= 1) AS readers
                   FROM analytics_visitor_days
                  WHERE site_id = $6 AND series_id = $7 AND day BETWEEN $3::date AND $4::date GROUP BY 1)
      SELECT b.bucket, a.*, v.visitors, v.readers FROM b LEFT JOIN a USING (bucket) LEFT JOIN v USING (bucket) ORDER BY b.bucket
      """;

    /** Each visitor's furthest stage over the range (0 visit, 1 read, 2 saw subscribing, 3 subscribed), counted per stage. */
    static final String FUNNEL = """
      SELECT count(*) AS visitors, count(*) FILTER (WHERE stage >= 1) AS readers,
             count(*) FILTER (WHERE stage >= 2) AS subscription_views, count(*) FILTER (WHERE stage >= 3) AS subscribers
        FROM (SELECT visitor_id, max(stage) AS stage FROM analytics_visitor_days
               WHERE site_id = $1 AND series_id = $2 AND day BETWEEN $3 AND $4 GROUP BY visitor_id) x
      """;

    /** A series' visitors, how many read, and how many of them went on to subscribe anywhere on the site. */
    static final String SERIES_CONVERSION = """
      SELECT count(*) AS visitors, count(*) FILTER (WHERE s.stage >= 1) AS readers,
             count(*) FILTER (WHERE coalesce(site.stage, 0) >= 2) AS subscription_views,
             count(*) FILTER (WHERE coalesce(site.stage, 0) >= 3) AS subscribers
        FROM (SELECT visitor_id, max(stage) AS stage FROM analytics_visitor_days
               WHERE site_id = $1 AND series_id = $2 AND day BETWEEN $3 AND $4 GROUP BY visitor_id) s
        LEFT JOIN (SELECT visitor_id, max(stage) AS stage FROM analytics_visitor_days
               WHERE site_id = $1 AND series_id = '00000000-0000-0000-0000-000000000000' AND day BETWEEN $3 AND $4
               GROUP BY visitor_id) site USING (visitor_id)
      """;

    /**
     * Paid subscriptions to the site started in the range by signed-in readers of the series (their visitor id is
     * their user id) who read it before subscribing, and what those subscriptions have paid so far, per currency.
     */
    static final String SERIES_PAID = """
      SELECT s.currency, count(DISTINCT s.id) AS subscriptions,
             coalesce(sum((SELECT sum(p.gross_amount - p.refunded_amount) FROM payments p
                            WHERE p.subscription_id = s.id AND p.status IN ('SUCCEEDED', 'PARTIALLY_REFUNDED'))), 0) AS revenue
        FROM reader_subscriptions s
       WHERE s.site_id = $1 AND s.current_period_start IS NOT NULL AND NOT s.is_gift
         AND s.created_at >= $3::date AND s.created_at < $4::date + 1
         AND EXISTS (SELECT 1 FROM analytics_visitor_days v WHERE v.site_id = $1 AND v.series_id = $2 AND v.visitor_id = s.reader_id
                        AND v.stage >= 1 AND v.day <= s.created_at::date)
       GROUP BY s.currency ORDER BY s.currency
      """;

    /** The range's bounds as instants: $2 and $3 inclusive local dates in zone $4. */
    private static final String IN_RANGE =
            "%1$s >= ($2::date)::timestamp AT TIME ZONE $4 AND %1$s < ($3::date + 1)::timestamp AT TIME ZONE $4";

    /** A site's payments per bucket ($5: day, week or month, in the site's zone) and currency. */
    static final String SITE_MONEY = """
      SELECT date_trunc($5, processed_at AT TIME ZONE $4)::date AS bucket, currency,
             coalesce(sum(gross_amount) FILTER (WHERE type = 'SUBSCRIPTION'), 0) AS subscription_revenue,
             coalesce(sum(gross_amount) FILTER (WHERE type = 'ONE_TIME_PURCHASE'), 0) AS purchase_revenue,
             coalesce(sum(gross_amount) FILTER (WHERE type = 'TIP'), 0) AS tip_revenue,
             coalesce(sum(gross_amount) FILTER (WHERE type = 'GIFT'), 0) AS gift_revenue,
             sum(gross_amount) AS gross, sum(coalesce(gateway_fee, 0)) AS gateway_fees, sum(coalesce(platform_fee, 0)) AS platform_fees,
             count(*) AS payments
        FROM payments
       WHERE site_id = $1 AND %s AND status IN ('SUCCEEDED', 'REFUNDED', 'PARTIALLY_REFUNDED', 'DISPUTED')
       GROUP BY 1, 2 ORDER BY 1, 2
      """.formatted(IN_RANGE.formatted("processed_at"));

    static final String SITE_REFUNDS = """
      SELECT currency, sum(refunded_amount) AS refunds FROM payments WHERE site_id = $1 AND %s GROUP BY currency
      """.formatted(IN_RANGE.formatted("refunded_at"));
    /** Subscriptions started and ended in the range, and the live ones now with their monthly value. */
    static final String SITE_SUBSCRIBERS =
            """
      SELECT count(*) FILTER (WHERE %s) AS started, count(*) FILTER (WHERE %s) AS ended,
             count(*) FILTER (WHERE status IN ('ACTIVE', 'PAST_DUE', 'CANCELLED')) AS live,
             coalesce(sum(CASE WHEN billing_cycle = 'ANNUAL' THEN price / 12 ELSE price END)
                      FILTER (WHERE status IN ('ACTIVE', 'PAST_DUE') AND NOT is_gift), 0) AS mrr
        FROM reader_subscriptions WHERE site_id = $1 AND current_period_start IS NOT NULL
      """.formatted(IN_RANGE.formatted("created_at"), IN_RANGE.formatted("expires_at"));

    /** Referrers, UTM sources and campaigns, countries, devices, browsers, OS: the daily top lists summed. */
    static final String BREAKDOWNS = """
      SELECT d.key AS dimension, i.key AS name, sum(i.value::bigint) AS n
        FROM analytics_aggregates a, jsonb_each(a.metrics) d, jsonb_each_text(d.value) i
       WHERE a.entity_type = 'site' AND a.entity_id = $1 AND a.day BETWEEN $2 AND $3
       GROUP BY 1, 2 ORDER BY 1, 3 DESC, 2
      """;

    static final String TOP_SERIES = """
      SELECT a.entity_id AS id, se.title, sum(a.page_views) AS page_views, sum(a.series_views) AS series_views,
             sum(a.chapter_starts) AS chapter_starts, sum(a.chapter_completes) AS chapter_completes,
             sum(a.progress_sum) AS progress_sum, sum(a.progress_count) AS progress_count
        FROM analytics_aggregates a JOIN series se ON se.id = a.entity_id
       WHERE a.site_id = $1 AND a.entity_type = 'series' AND a.day BETWEEN $2 AND $3
       GROUP BY 1, 2 ORDER BY 3 DESC, 5 DESC, 1 LIMIT $4
      """;

    static final String TOP_CHAPTERS = """
      SELECT a.entity_id AS id, c.title, c.series_id, sum(a.page_views) AS page_views,
             sum(a.chapter_starts) AS chapter_starts, sum(a.chapter_completes) AS chapter_completes,
             sum(a.progress_sum) AS progress_sum, sum(a.progress_count) AS progress_count
        FROM analytics_aggregates a JOIN chapters c ON c.id = a.entity_id
       WHERE a.site_id = $1 AND a.entity_type = 'chapter' AND a.day BETWEEN $2 AND $3
       GROUP BY 1, 2, 3 ORDER BY 4 DESC, 5 DESC, 1 LIMIT $4
      """;

    private static final String POSITIONS = """
      SELECT id, title, row_number() OVER (ORDER BY display_order, chapter_number)::int AS position
        FROM chapters WHERE series_id = $1 AND status = 'PUBLISHED' AND deleted_at IS NULL
      """;

    /** Every published chapter of a series in reading order, with its rolled-up numbers for the range. */
    static final String SERIES_CHAPTERS =
            "SELECT p.id, p.title, p.position, coalesce(sum(a.page_views), 0) AS page_views, "
                    + "coalesce(sum(a.unique_visitors), 0) AS visitor_days, coalesce(sum(a.chapter_starts), 0) AS chapter_starts, "
                    + "coalesce(sum(a.chapter_completes), 0) AS chapter_completes, coalesce(sum(a.progress_sum), 0) AS progress_sum, "
                    + "coalesce(sum(a.progress_count), 0) AS progress_count FROM (" + POSITIONS + ") p "
                    + "LEFT JOIN analytics_aggregates a ON a.entity_type = 'chapter' AND a.entity_id = p.id AND a.day BETWEEN $2 AND $3 "
                    + "GROUP BY p.id, p.title, p.position ORDER BY p.position";

    /** Readers who started chapter 1 in the range, by the furthest chapter position they opened. */
    static final String REACH = """
      SELECT furthest_position, count(*) AS readers FROM analytics_series_readers
       WHERE series_id = $1 AND started_on BETWEEN $2 AND $3 GROUP BY 1
      """;

    static final String CHAPTER_POSITIONS =
            "SELECT * FROM (" + POSITIONS + ") p WHERE $2::date <= $3::date ORDER BY position";

    /** Weekly cohorts (by the week chapter 1 was started) and how many of each read again k weeks later. */
    static final String COHORTS = """
      SELECT (r.started_on - date '2000-01-03') / 7 AS cohort, w - (r.started_on - date '2000-01-03') / 7 AS week, count(*) AS readers
        FROM analytics_series_readers r, unnest(r.active_weeks) w
       WHERE r.series_id = $1 AND r.started_on BETWEEN $2 AND $3 AND w >= (r.started_on - date '2000-01-03') / 7
       GROUP BY 1, 2 ORDER BY 1, 2
      """;

    static final String SITE_ZONE = "SELECT settings->>'timezone' AS timezone FROM sites WHERE id = $1";
    static final String SERIES_SITE = "SELECT site_id, title FROM series WHERE id = $1 AND deleted_at IS NULL";
    static final String CHAPTER_SITE =
            "SELECT site_id, series_id, title FROM chapters WHERE id = $1 AND deleted_at IS NULL";
    static final String DIRTY_TODAY =
            "SELECT day FROM analytics_dirty_days WHERE site_id = $1 AND day BETWEEN $2 AND $3";
}
