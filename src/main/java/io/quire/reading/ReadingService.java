package io.quire.reading;

import io.quire.platform.auth.Principal;
import io.quire.platform.cache.ReadCache;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.Responses;
import io.quire.platform.links.ReaderLinks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

/**
 * The public read model: a series' table of contents, a chapter's metadata, and the chapter itself for this
 * caller — in full when entitled, else a preview of its first paragraphs and the paywall. The cache holds finished
 * renderings ({@link ChapterView}, {@link TocView}); a request picks one by entitlement, compares ETags, and
 * writes bytes.
 */
public final class ReadingService {
    private final Vertx vertx;
    private final SqlClient pool;
    private final Entitlements entitlements;
    private final ReadCache cache;
    private final ReaderLinks links;

    public ReadingService(Vertx vertx, SqlClient pool, Entitlements entitlements, ReadCache cache, ReaderLinks links) {
        this.vertx = vertx;
        this.pool = pool;
        this.entitlements = entitlements;
        this.cache = cache;
        this.links = links;
    }

    /** The scopes a cached read model depends on: its series (chapters, order, paywall texts) and its site (visibility). */
    static Set<String> scopes(UUID seriesId, UUID siteId) {
        return Set.of("series:" + seriesId, "site:" + siteId);
    }

    /**
     * A response body (null when the caller's ETag still matches), its ETag, whether it depends on who asks, and
     * the series it belongs to (a read is counted as a view of the series).
     */
    public record Answer(Buffer body, String etag, boolean personal, UUID seriesId) {}

    public Future<Answer> tableOfContents(Principal p, UUID seriesId, String ifNoneMatch) {
        return cache.get(vertx, "toc:" + seriesId, TocView.CODEC, () -> loadToc(seriesId))
                .compose(toc ->
                        // one grant (what the caller has on the site) decides every line
                        entitlements.grant(p, toc.siteId).map(grant -> {
                            TocView.Rendering r = toc.rendering(grant);
                            return new Answer(
                                    Responses.matches(ifNoneMatch, r.etag()) ? null : r.body(),
                                    r.etag(),
                                    p != null,
                                    toc.seriesId);
                        }));
    }

    /** Metadata only, with this caller's {@code locked} flag. */
    public Future<Answer> chapterInfo(Principal p, UUID chapterId, String ifNoneMatch) {
        return chapter(p, chapterId, ifNoneMatch, false);
    }

    /** The chapter for this caller: full text when entitled, otherwise the preview and the paywall. */
    public Future<Answer> read(Principal p, UUID chapterId, String ifNoneMatch) {
        return chapter(p, chapterId, ifNoneMatch, true);
    }

    private Future<Answer> chapter(Principal p, UUID chapterId, String ifNoneMatch, boolean read) {
        return cache.get(vertx, "chapter:" + chapterId, ChapterView.CODEC, () -> loadChapter(chapterId))
                .recover(e -> p != null && e instanceof ApiException.NotFound
                        ? whyHidden(p, chapterId, e)
                        : Future.failedFuture(e))
                .compose(view -> {
                    Entitlements.Access access = view.access();
                    // public caching only for what is the same for everyone: an anonymous caller reading free content
                    boolean personal = p != null || !access.freeForAll();
                    return entitlements.entitled(p, access).map(entitled -> {
                        ChapterView.Rendering r = entitled || view.locked() == null ? view.full() : view.locked();
                        String etag = read ? r.readEtag() : r.infoEtag();
                        Buffer body = Responses.matches(ifNoneMatch, etag) ? null : read ? r.read() : r.info();
                        return new Answer(body, etag, personal, view.seriesId());
                    });
                });
    }

    /**
     * A chapter readers cannot see, asked for by someone who works on its site: the 404 says why (readers see it
     * once that is fixed), where anyone else keeps the plain {@code chapter.not_found}.
     */
    private <T> Future<T> whyHidden(Principal p, UUID chapterId, Throwable notFound) {
        return pool.preparedQuery(ReadingSql.WHY_HIDDEN)
                .execute(Tuple.of(chapterId, p.userId()))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(notFound);
                    }
                    Row r = rows.iterator().next();
                    UUID series = r.getUUID("series_id");
                    if (!"PUBLISHED".equals(r.getString("chapter_status"))) {
                        return hidden(
                                "chapter.not_published",
                                "Readers cannot see this chapter: it is " + r.getString("chapter_status")
                                        + ". Publish it: POST /api/v1/chapters/" + chapterId + "/publish.");
                    }
                    if (r.getValue("series_deleted_at") != null) {
                        return hidden(
                                "chapter.series_deleted", "Readers cannot see this chapter: its series is deleted.");
                    }
                    if ("DRAFT".equals(r.getString("series_status"))) {
                        return hidden(
                                "chapter.series_unpublished",
                                "The chapter is published, but its series is not, so"
                                        + " readers see neither. Publish the series: POST /api/v1/series/" + series
                                        + "/publish.");
                    }
                    return hidden(
                            "chapter.site_not_public",
                            "Readers cannot see this chapter: its site is "
                                    + (r.getValue("site_deleted_at") != null
                                            ? "deleted"
                                            : r.getBoolean("is_public") ? r.getString("site_status") : "not public")
                                    + ".");
                });
    }

    private static <T> Future<T> hidden(String code, String detail) {
        return Future.failedFuture(new ApiException.NotFound(code, detail));
    }

    private Future<ReadCache.Scoped<TocView>> loadToc(UUID seriesId) {
        return pool.preparedQuery(ReadingSql.SERIES).execute(Tuple.of(seriesId)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(new ApiException.NotFound("series.not_found", "Not found."));
            }
            Row series = rows.iterator().next();
            return pool.preparedQuery(ReadingSql.TABLE_OF_CONTENTS)
                    .execute(Tuple.of(seriesId))
                    .map(chapters -> {
                        TocView toc = TocView.of(series, chapters);
                        return new ReadCache.Scoped<>(toc, scopes(seriesId, toc.siteId), toc.bytes());
                    });
        });
    }

    /**
     * One query, then the renderings. A chapter that is not FREE also gets its locked rendering, whose preview
     * parses Markdown: that runs off the event loop, since a chapter may be long.
     */
    private Future<ReadCache.Scoped<ChapterView>> loadChapter(UUID chapterId) {
        return pool.preparedQuery(ReadingSql.CHAPTER)
                .execute(Tuple.of(chapterId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(new ApiException.NotFound("chapter.not_found", "Not found."));
                    }
                    Row r = rows.iterator().next();
                    Future<String> preview = r.getString("access_level").equals("FREE")
                            ? Future.succeededFuture(null)
                            : vertx.executeBlocking(
                                    () -> Preview.of(r.getString("content"), previewParagraphs(r)), false);
                    return preview.map(html -> {
                        ChapterView view = ChapterView.of(r, html, links);
                        return new ReadCache.Scoped<>(view, scopes(view.seriesId(), view.siteId()), view.bytes());
                    });
                });
    }

    private static int previewParagraphs(Row r) {
        Short own = r.getShort("preview_paragraphs");
        return own != null ? own : r.getShort("series_preview_paragraphs");
    }

    /** A strong ETag for an answer built from {@code fingerprint} (what it depends on), before any body is rendered. */
    static String etag(String fingerprint) {
        return Responses.strongEtag(fingerprint.getBytes(StandardCharsets.UTF_8));
    }
}
