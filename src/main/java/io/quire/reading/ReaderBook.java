package io.quire.reading;

import io.quire.platform.auth.Principal;
import io.quire.platform.books.Epub;
import io.quire.platform.books.RemoteImages;
import io.quire.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A series as an EPUB for one reader: its published chapters that this caller may read in full — free ones for
 * anyone, and what their subscription, tier or purchases open — with images embedded. A locked chapter is left out
 * whole (not even a preview), so the paywall holds in the file a reader keeps; the answer says how many were.
 */
public final class ReaderBook {
    private static final String SERIES = """
      SELECT se.id, se.site_id, se.slug, se.title, se.language, u.display_name AS author_name
        FROM series se JOIN sites si ON si.id = se.site_id JOIN users u ON u.id = se.author_id
       WHERE se.id = $1 AND se.deleted_at IS NULL AND se.status <> 'DRAFT'
         AND si.status = 'ACTIVE' AND si.is_public AND si.deleted_at IS NULL
      """;

    private static final String CHAPTERS = """
      SELECT id, title, access_level, scheduled_free_at, minimum_tier_id, content_html, author_note_html,
             author_note_position
        FROM chapters WHERE series_id = $1 AND status = 'PUBLISHED' AND deleted_at IS NULL
       ORDER BY display_order, chapter_number, id
      """;

    private final Vertx vertx;
    private final SqlClient pool;
    private final Entitlements entitlements;
    private final RemoteImages images;

    public ReaderBook(Vertx vertx, SqlClient pool, Entitlements entitlements, RemoteImages images) {
        this.vertx = vertx;
        this.pool = pool;
        this.entitlements = entitlements;
        this.images = images;
    }

    /** The file, and how many published chapters it leaves out because they are locked for this caller. */
    public record File(String name, byte[] bytes, int lockedChaptersLeftOut) {}

    /** {@code p}: null when anonymous. */
    public Future<File> epub(Principal p, UUID seriesId) {
        return pool.preparedQuery(SERIES).execute(Tuple.of(seriesId)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(new ApiException.NotFound("series.not_found", "Not found."));
            }
            Row series = rows.iterator().next();
            UUID siteId = series.getUUID("site_id");
            return Future.all(pool.preparedQuery(CHAPTERS).execute(Tuple.of(seriesId)), entitlements.grant(p, siteId))
                    .compose(all -> {
                        Entitlements.Grant grant = all.resultAt(1);
                        List<Epub.Chapter> open = new ArrayList<>();
                        int published = 0;
                        for (Row ch : all.<io.vertx.sqlclient.RowSet<Row>>resultAt(0)) {
                            published++;
                            var access = new Entitlements.Access(
                                    siteId,
                                    ch.getString("access_level"),
                                    ch.getOffsetDateTime("scheduled_free_at"),
                                    ch.getUUID("minimum_tier_id"),
                                    ch.getUUID("id"));
                            if (grant.allows(access)) {
                                open.add(new Epub.Chapter(
                                        ch.getString("title"),
                                        Epub.withAuthorNote(
                                                ch.getString("content_html"),
                                                ch.getString("author_note_html"),
                                                ch.getString("author_note_position"))));
                            }
                        }
                        if (published == 0) {
                            return Future.failedFuture(new ApiException.NotFound(
                                    "book.no_chapters", "This series has no published chapter yet."));
                        }
                        if (open.isEmpty()) {
                            return Future.failedFuture(
                                    new ApiException.Forbidden(
                                            "book.all_locked",
                                            "Every published chapter of this series is for subscribers; subscribe to download it."));
                        }
                        int leftOut = published - open.size();
                        Epub.Book book = new Epub.Book(
                                seriesId.toString(),
                                series.getString("title"),
                                series.getString("author_name"),
                                series.getString("language"),
                                open);
                        return vertx.executeBlocking(() -> Epub.imageSources(book), false)
                                .compose(images::fetch)
                                .compose(fetched -> vertx.executeBlocking(() -> Epub.build(book, fetched), false))
                                .map(bytes -> new File(series.getString("slug") + ".epub", bytes, leftOut));
                    });
        });
    }
}
