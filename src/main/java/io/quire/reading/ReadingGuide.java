package io.quire.reading;

/**
 * What a client developer needs to know about reading beyond each endpoint: the {@code reading} tag's
 * description in {@code /openapi.json}, which {@code /docs} shows above its endpoints.
 */
public final class ReadingGuide {
    public static final String TAG = "reading";

    /** Markdown. */
    public static final String TEXT = """
        - **Public reads** (`/series/:id/chapters/public`, `/chapters/:id/public`, `/chapters/:id/read`, series lists by
          site, genre and tag, RSS/Atom feeds and a sitemap) show only PUBLISHED chapters of visible series on ACTIVE,
          public sites; anything else is a 404. A reader who is not entitled to a chapter gets `locked: true`, a preview
          of its first paragraphs and the paywall message — never the text, on any path (feeds announce locked chapters
          without quoting them). A preview is never the whole chapter: it is the first `previewParagraphs` top-level
          blocks, but at most half of the chapter's blocks (at least one is always withheld) and at most half of its
          words; when not even the first block fits (one long paragraph), it is the block's opening words as plain text,
          at most half the chapter's words and never more than 100. `previewParagraphs: 0` shows no preview.
        - **Links for readers.** Quire serves the API, not the pages readers read. A site's `readerBaseUrl` (or the
          platform's `reading.readerBaseUrl`, `{site}` standing for the slug) names its reader site; feeds, the sitemap,
          new-chapter mails and a chapter's `readerUrl` (its canonical and `og:url`) then point at `<base>/`,
          `<base>/<series-slug>` and `<base>/<series-slug>/<chapter-slug>`. Without one they point at the public API
          resources (`/sites/:id/public`, `/series/:id/public`, `/chapters/:id/read`). Atom feeds name their authors,
          and every feed links to itself (`rel="self"`, `atom:link` in RSS).
        - **A reader's book.** `GET /series/:id/book.epub` is an EPUB 3 of the published chapters the caller may read in
          full (free ones for anyone); locked chapters are left out whole and `Quire-Locked-Chapters-Left-Out` counts
          them. Images are embedded (fetched over http(s), never from internal addresses, within
          `content.exportImageMaxBytes` each); an image that cannot be becomes a link, and so does every embed.
        - **HTTP caching.** Strong `ETag` and `If-None-Match` → 304 without rendering; `Cache-Control: public` for
          anonymous readers of free content (`reading.publicMaxAgeSeconds`), `private, no-cache` otherwise.
        - **Read cache.** A bounded in-process Caffeine cache per process (`reading.cache.maxMegabytes`, weighed in
          bytes) holds finished renderings: per chapter the response bytes and ETags of the full and (for paid chapters)
          the locked answer, per series the table of contents for members and for everyone, and series list pages. A
          cached read is a lookup, an entitlement check and a write of bytes. Concurrent misses on one key fill once
          (single flight), from the **Redis tier** when another instance already loaded the entry, else from PostgreSQL
          (then stored in Redis for the others; `reading.cache.redis`). An invalidation stamps its scopes with a sequence
          number, deletes their Redis entries and publishes, in one script; a fill stores only if none of its scopes was
          stamped after its miss began, so a load that raced a change never reaches Redis. With Redis slow or gone a fill
          waits at most `reading.cache.redisTimeoutMs`. Entitlement is decided per request, never cached in the entry. Authoring outbox events (`chapter.*`, `series.*`, `site.*`) are dispatched by the workers to the
          Redis channel `<prefix>v1:cache:invalidate`; every process subscribes and evicts only the entries of the named
          series or site (measured well under 1 s across two instances, `ReadCacheTest`). **Without Redis** an
          invalidation goes out as a PostgreSQL `NOTIFY` on `quire_cache` in the outbox transaction instead, which every
          process also listens to, so every instance still evicts on commit and an outage holds back neither the outbox
          message nor the webhooks and notifications of its topic. If the subscription drops, it is retried every second;
          when it comes back the local cache is cleared and the Redis tier starts a new generation (`<prefix>v1:read-gen`:
          entries stored before it are never read again), and a process whose publish failed starts one too and tells
          every instance to clear, as soon as Redis answers — so no instance serves an entry older than an outage for
          more than about a second after Redis returns (`InvalidationsWithoutRedisTest`, one and two instances, chapters
          and entitlements). Rows changed with SQL by hand bypass the outbox: publish
          `{"scopes":["series:<id>"]}` on the channel, or wait for the TTL.
        - **Views.** A series' `viewCount` (and the `popular` sort) is its rolled-up page views from the analytics
          events readers' clients send (below), refreshed by every rollup run; the read path itself counts nothing.
        - **Rate limits.** Every `/api` request spends from one route class's budget — `read` (GET), `write`, `auth`
          (`/auth/*`) or `ingest` (`/analytics/events`) — per client IP when anonymous and per user when signed in
          (`rateLimit.classes.*`); API keys spend their own `rateLimitPerMinute`, and incoming gateway webhooks are
          exempt. Budgets are GCRA buckets in Redis, shared by every instance, but an instance takes them in leases of up
          to `rateLimit.maxLease` requests (at most 1/50 of the limit, so small limits stay exact) and spends them
          locally, and remembers a refusal until its retry time: the hot path does not wait on Redis per request.
          Answers carry `RateLimit-Limit/Remaining/Reset`; over the limit is **429** `ratelimit.exceeded` with
          `Retry-After`. With Redis down the limiter lets calls through (`rateLimit.failOpen`) or answers 503
          `ratelimit.unavailable`.
        - **Public metadata** (site by slug/domain/id, series by slug/id, pages by slug, series lists, genres, tags) has
          a strong `ETag` over the answer's bytes and answers a matching `If-None-Match` (also `W/` and lists) with 304.
        """;

    private ReadingGuide() {}
}
