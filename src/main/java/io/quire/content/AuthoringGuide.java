package io.quire.content;

/**
 * What a client developer needs to know about authoring beyond each endpoint: the {@code sites} tag's
 * description in {@code /openapi.json}, which {@code /docs} shows above its endpoints.
 */
public final class AuthoringGuide {
    public static final String TAG = "sites";

    /** Markdown. */
    public static final String TEXT = """
        Sites (`/api/v1/sites`), their pages, series and chapters. Everything an author writes is Markdown
        (CommonMark + GFM tables, strikethrough, autolinks, task lists via commonmark-java) rendered to HTML and cleaned
        by one OWASP java-html-sanitizer policy (no scripts, event handlers, `javascript:`/`data:` URLs, SVG, forms or
        styles; iframes only from YouTube-nocookie and Vimeo); source and HTML are both stored, with word count and
        reading time.

        - **Who may do what.** The site's owner; collaborators invited by email as EDITOR (everything but deleting the
          site), WRITER (their own chapters; publishing only with the `publish` flag) or VIEWER (reads drafts); admins.
          Someone who is nothing to a site gets 404 for everything in it; a member without the right gets 403.
          API keys act as their owner within `content:read` / `content:write` and their site binding.
        - **No lost edits.** Sites, pages, series and chapters carry a `revision`, returned as a strong `ETag`
          (`"r7"`). Writes take `If-Match` or `baseRevision` and answer **412** with `currentRevision` when stale;
          changing a chapter's title, content or author note without one is **428**. Every such change makes a
          version (diff stats; unified diffs between any two; restore adds a version). Autosave keeps one draft per
          user per chapter in PostgreSQL with its base revision (`stale: true` once the chapter moved on).
        - **Publishing.** Chapters: DRAFT → SCHEDULED → PUBLISHED → ARCHIVED, unpublish back to DRAFT; illegal moves
          are **409** with `currentStatus`. A schedule (a future time; a local time is read in the given IANA zone) is a
          job due at that time: any instance's workers verticle publishes it within a poll interval (1 s), exactly once
          (the update only fires if the chapter is still scheduled for exactly that time), and after a restart that
          spanned it. Scheduled free-unlock (SCHEDULED_FREE → FREE; default: publication + the series'
          `earlyAccessDays`) and series status changes (`POST /series/{id}/publish` with `{"at": …}`) work the same way.
        - **Organising.** Decimal chapter numbers unique per volume, a display order (`reorder` takes the whole list),
          move within a site, duplicate, and bulk update/delete/publish/access/schedule of up to 500 chapters — all or
          nothing, every id checked.
        - **Import and export.** One Markdown file split at `#`/`##` headings, or a zip of `.md` files with optional
          front matter (`title`, `number`); any problem is a 422 naming file and line, and nothing is imported. Export a
          series or chapter as a zip of Markdown, one HTML file, or an EPUB 3.
        - **Catalogue.** Genres (a small tree) and content warnings are seeded by a changeset; tags are free-form, with
          usage counts and admin blocking.
        - **Events.** Every change writes an outbox row (`site.*`, `page.*`, `series.*`, `chapter.created|updated|
          published|unpublished|scheduled|deleted|…`) with the ids and revision, in the same transaction, for caches and
          webhooks to follow. Soft-deleted sites, series and chapters can be restored for
          `content.softDeleteRetentionDays`; a daily job purges them after.
        """;

    private AuthoringGuide() {}
}
