package io.quire.content;

import io.quire.media.MediaUse;
import io.quire.platform.auth.Principal;
import io.quire.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The ordered image pages of a comic or webtoon chapter (any chapter may have them). The whole list is written at
 * once, so adding, removing, reordering and replacing pages are one call that cannot leave a gap; each image's
 * {@code usageCount} follows in the same transaction, and the chapter's readers see the change within a second
 * (a {@code chapter.updated} event evicts its cached renderings).
 */
public final class ChapterPages {
    public static final int MAX_PAGES = 500;

    static final String LIST = """
      SELECT p.position, p.media_id, coalesce(p.alt_text, m.alt_text) AS alt_text, m.width, m.height, m.mime_type
        FROM chapter_images p JOIN media_files m ON m.id = p.media_id
       WHERE p.chapter_id = $1 ORDER BY p.position
      """;

    private static final String OLD = "SELECT media_id FROM chapter_images WHERE chapter_id = $1";

    private static final String CLEAR = "DELETE FROM chapter_images WHERE chapter_id = $1";

    private static final String INSERT = """
      INSERT INTO chapter_images (chapter_id, position, media_id, alt_text)
      SELECT $1, t.n - 1, t.id, t.alt FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS t(id, alt, n)
      """;

    private final Pool pool;

    public ChapterPages(Pool pool) {
        this.pool = pool;
    }

    /** A page as sent: which image, and its alt text if not the image's own. */
    public record Page(UUID mediaId, String altText) {}

    public Future<JsonArray> list(Principal p, UUID chapterId) {
        return ChapterService.load(pool, chapterId, p, false, false).compose(l -> pages(pool, chapterId));
    }

    public Future<JsonArray> replace(Principal p, UUID chapterId, List<Page> pages) {
        return pool.withTransaction(tx -> ChapterService.load(tx, chapterId, p, true, false)
                .compose(l -> {
                    l.membership().requireEdit(l.row().getUUID("author_id"));
                    UUID[] ids = pages.stream().map(Page::mediaId).toArray(UUID[]::new);
                    return MediaUse.usable(tx, ids, p.userId(), l.row().getUUID("site_id"))
                            .compose(ok -> {
                                List<ApiException.FieldError> errors = new ArrayList<>();
                                for (int i = 0; i < pages.size(); i++) {
                                    if (!ok.contains(pages.get(i).mediaId())) {
                                        errors.add(new ApiException.FieldError(
                                                "pages[" + i + "].mediaId",
                                                "must be one of your images, or one made for this site"));
                                    }
                                }
                                if (!errors.isEmpty()) {
                                    return Future.failedFuture(new ApiException.Validation(
                                            "chapter.page_not_usable",
                                            "Some pages are not images you may use here.",
                                            errors));
                                }
                                return tx.preparedQuery(OLD).execute(Tuple.of(chapterId));
                            })
                            .compose(old -> {
                                Map<UUID, Integer> delta = new HashMap<>();
                                old.forEach(r -> delta.merge(r.getUUID("media_id"), -1, Integer::sum));
                                pages.forEach(pg -> delta.merge(pg.mediaId(), 1, Integer::sum));
                                return tx.preparedQuery(CLEAR)
                                        .execute(Tuple.of(chapterId))
                                        .compose(v -> tx.preparedQuery(INSERT)
                                                .execute(Tuple.of(
                                                        chapterId,
                                                        ids,
                                                        pages.stream()
                                                                .map(Page::altText)
                                                                .toArray(String[]::new))))
                                        .compose(v -> MediaUse.count(tx, delta));
                            })
                            .compose(v -> ChapterService.event(tx, "chapter.updated", new Chapter(l.row())))
                            .compose(v -> pages(tx, chapterId));
                }));
    }

    static Future<JsonArray> pages(SqlClient c, UUID chapterId) {
        return c.preparedQuery(LIST).execute(Tuple.of(chapterId)).map(rows -> {
            JsonArray out = new JsonArray();
            for (Row r : rows) {
                out.add(new JsonObject()
                        .put("position", r.getInteger("position"))
                        .put("mediaId", r.getUUID("media_id").toString())
                        .put("altText", r.getString("alt_text"))
                        .put("width", r.getInteger("width"))
                        .put("height", r.getInteger("height"))
                        .put("mimeType", r.getString("mime_type")));
            }
            return out;
        });
    }
}
