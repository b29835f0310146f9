package io.quire.analytics;

/**
 * What a client developer needs to know about analytics beyond each endpoint: the {@code analytics} tag's
 * description in {@code /openapi.json}, which {@code /docs} shows above its endpoints.
 */
public final class AnalyticsGuide {
    public static final String TAG = "analytics";

    /** Markdown. */
    public static final String TEXT = """
        - **Ingestion.** Collectors post to `POST /api/v1/analytics/events`: a JSON array of up to 500 events (≤ 1 MiB),
          NDJSON (`application/x-ndjson`), or `{ingestKey, siteId, events}` as `text/plain` for `navigator.sendBeacon`.
          Credentials: the site's public ingest key (`X-Quire-Key`, `?key=` or the body; made with the site, shown at
          `GET /sites/:siteId/analytics/ingest-key`, rotated with `…/rotate`, the old key working
          `analytics.keyGraceHours` more), or an API key with `analytics:write` (which may relay a reader's `userAgent`
          and `ip` per event). CORS allows browsers to post from any origin. The HTTP verticle checks the caller, the
          per-address limit and the size, then hands the raw bytes to the ingest verticle (`quire.ingest.events`), which
          parses, checks each event (bad ones are listed by `index` with a `code`, the rest kept), takes from the site's
          limit (`analytics.siteRequestsPerMinute`, Redis, `RateLimit-*` headers), enriches and writes. The answer is
          `202 {accepted, rejected, dropped, errors}` only after the statement holding the events has committed.
        - **Enrichment.** Browser, OS, versions and device type from the User-Agent with ua-parser (uap-java), cached
          per string; crawlers are dropped and counted (`quire_analytics_bot_events_dropped_total`). Country only from a
          trusted proxy header (`analytics.countryHeader`). Anonymous visitors are `SHA-256(daily salt ‖ site ‖ address ‖
          agent)` as a UUID: the salt is random per UTC day, shared through `analytics_salts`, and deleted after 48 h; the
          address is never stored. Signed-in readers are their user id. A chapter's series is filled in; content of
          another site is refused.
        - **Writes.** Events from many requests are gathered into one `INSERT … SELECT FROM unnest(…)` per
          `analytics.batchRows` rows or `analytics.batchMaxWaitMs`, `analytics.batchesInFlight` at once. Each month is a
          partition with a unique `(site_id, event_id)` index: a re-sent event is stored once (a retry that crosses a
          month boundary with a server-assigned time is the one case it could count twice). Past
          `analytics.maxQueuedEvents` waiting rows the answer is 429 at once. On SIGTERM the HTTP verticles stop first and
          the ingest verticle writes what is queued. The workers' daily `analytics.maintain` creates months ahead, drops
          months older than `analytics.retentionDays` and deletes old salts.
        - **Rollups.** Each batch marks its (site, UTC day); `analytics.rollup` recomputes the marked days from the raw
          events — in the site's `settings.timezone` (default UTC) — into `analytics_aggregates` (site, series and chapter
          per day), `analytics_visitor_days` (exact unique visitors over any range) and `analytics_series_readers`
          (retention). Rerunning a day gives the same rows; a late event marks its day again. A series' `viewCount` is its
          rolled-up page views.
        - **Reports** (owner, editors, admins, collaborators with the `analytics` permission, API keys with
          `analytics:read`): `/sites/:siteId/analytics/overview|traffic|engagement|content|funnel|realtime`,
          `POST …/export` (CSV or JSON, daily rollups or raw events without user ids, streamed from a cursor),
          `/series/:seriesId/analytics`, `…/chapters`, `…/retention`, `…/conversion`, `/chapters/:chapterId/analytics`.
          They take `from`, `to` (≤ 366 days), `interval` (day, week, month) and `timezone` (must be the site's), read
          rollups only, and bring today's rollup up to date first when events came in since the last run.
          Definitions: a page view is a `PAGE_VIEW` event; a reader is a visitor with a `CHAPTER_START`; a session is a
          `sessionId` (else the visitor that day); a bounce is a session with at most one page view; the average read
          percent is per reader and chapter the furthest `percent` reached (`CHAPTER_COMPLETE` counts 100).
        - **Realtime.** Per site and minute Redis keeps page views, a HyperLogLog of visitors and chapter views (31-minute
          expiry); `…/analytics/realtime` answers active visitors (5 min), views per minute (30 min) and top chapters.
        """;

    private AnalyticsGuide() {}
}
