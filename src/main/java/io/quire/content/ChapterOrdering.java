package io.quire.content;

import io.quire.platform.auth.Principal;
import io.quire.platform.db.Batches;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.quire.platform.outbox.Outbox;
import io.quire.platform.text.Slugs;
import io.quire.platform.text.TextDiff;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Display order, moving a chapter to another series of the same site, and duplicating a chapter. */
public final class ChapterOrdering {
    private static final String CURRENT_IDS =
            "SELECT id FROM chapters WHERE series_id = $1 AND deleted_at IS NULL FOR UPDATE";
    private static final String SET_ORDER =
            "UPDATE chapters SET display_order = $2, revision = revision + 1, updated_at = now() WHERE id = $1";
    private static final String MOVE = """
      UPDATE chapters SET series_id = $2, chapter_number = $3, slug = $4, display_order = $5,
                          revision = revision + 1, updated_at = now()
       WHERE id = $1
      RETURNING *
      """;
    private static final String DUPLICATE = """
      INSERT INTO chapters (id, series_id, site_id, author_id, slug, chapter_number, volume_number, display_order, title,
                            content, content_html, word_count, reading_minutes, author_note, author_note_html,
                            author_note_position, access_level, minimum_tier_id, preview_paragraphs, paywall_message)
      SELECT $2, series_id, site_id, $3, $4, $5, volume_number, $6, $7, content, content_html, word_count, reading_minutes,
             author_note, author_note_html, author_note_position,
             CASE WHEN access_level = 'SCHEDULED_FREE' THEN 'SUBSCRIBERS' ELSE access_level END,
             minimum_tier_id, preview_paragraphs, paywall_message
        FROM chapters WHERE id = $1
      RETURNING *
      """;

    private final Pool pool;

    public ChapterOrdering(Pool pool) {
        this.pool = pool;
    }

    /** {@code ids} must be exactly the series' chapters, in the new order; applied in one transaction. */
    public Future<JsonArray> reorder(Principal p, UUID seriesId, List<UUID> ids) {
        return pool.withTransaction(tx -> SeriesService.load(tx, seriesId, p, false)
                .compose(series -> {
                    series.membership().requireManage();
                    return tx.preparedQuery(CURRENT_IDS)
                            .execute(Tuple.of(seriesId))
                            .compose(rows -> {
                                Set<UUID> current = new HashSet<>();
                                rows.forEach(r -> current.add(r.getUUID("id")));
                                if (ids.size() != current.size() || !current.equals(new HashSet<>(ids))) {
                                    return Future.failedFuture(new ApiException.Validation(
                                            "reorder.not_a_permutation",
                                            "chapterIds must list every chapter of the series exactly once ("
                                                    + current.size() + " chapters).",
                                            List.of(new ApiException.FieldError(
                                                    "chapterIds", "must be a permutation of the series' chapters"))));
                                }
                                List<Tuple> updates = new ArrayList<>();
                                for (int i = 0; i < ids.size(); i++) {
                                    updates.add(Tuple.of(ids.get(i), i + 1));
                                }
                                return Batches.execute(tx, SET_ORDER, updates)
                                        .compose(v -> Outbox.append(
                                                tx,
                                                "series.chapters_reordered",
                                                seriesId.toString(),
                                                new JsonObject()
                                                        .put("seriesId", seriesId.toString())
                                                        .put(
                                                                "chapterIds",
                                                                new JsonArray(ids.stream()
                                                                        .map(UUID::toString)
                                                                        .toList()))))
                                        .compose(v -> tx.preparedQuery(ChapterSql.LIST_BY_SERIES)
                                                .execute(Tuple.of(seriesId, false)))
                                        .map(list -> {
                                            JsonArray out = new JsonArray();
                                            list.forEach(r -> out.add(new Chapter(r).toJson()));
                                            return out;
                                        });
                            });
                }));
    }

    /** Moves a chapter to another series of the same site: next number there unless given, slug kept if free. */
    public Future<Chapter> move(Principal p, UUID chapterId, UUID targetSeriesId, BigDecimal number) {
        return pool.withTransaction(tx -> ChapterService.load(tx, chapterId, p, true, false)
                        .compose(chapter -> {
                            chapter.membership().requireEdit(chapter.row().getUUID("author_id"));
                            return SeriesService.load(tx, targetSeriesId, p, false)
                                    .compose(target -> {
                                        if (!target.row()
                                                .getUUID("site_id")
                                                .equals(chapter.row().getUUID("site_id"))) {
                                            return Future.failedFuture(new ApiException.Validation(
                                                    "chapter.move_across_sites",
                                                    "A chapter can only move to a series of the same site.",
                                                    List.of(new ApiException.FieldError(
                                                            "seriesId", "must be a series of the same site"))));
                                        }
                                        target.membership().requireCreate();
                                        return allocate(
                                                        tx,
                                                        targetSeriesId,
                                                        chapter.row().getString("slug"),
                                                        number)
                                                .compose(a -> tx.preparedQuery(MOVE)
                                                        .execute(Tuple.of(
                                                                chapterId,
                                                                targetSeriesId,
                                                                Numeric.create(a.number()),
                                                                a.slug(),
                                                                a.order())))
                                                .map(rows -> new Chapter(
                                                        rows.iterator().next()))
                                                .compose(ch -> Outbox.append(
                                                                tx,
                                                                "chapter.moved",
                                                                ch.id().toString(),
                                                                new JsonObject()
                                                                        .put(
                                                                                "chapterId",
                                                                                ch.id()
                                                                                        .toString())
                                                                        .put(
                                                                                "fromSeriesId",
                                                                                chapter.row()
                                                                                        .getUUID("series_id")
                                                                                        .toString())
                                                                        .put("seriesId", targetSeriesId.toString())
                                                                        .put(
                                                                                "siteId",
                                                                                ch.siteId()
                                                                                        .toString())
                                                                        .put("revision", ch.revision()))
                                                        .map(v -> ch));
                                    });
                        }))
                .recover(ChapterOrdering::numberTaken);
    }

    /** A DRAFT copy with the next number, "(copy)" in its title and its own version history. */
    public Future<Chapter> duplicate(Principal p, UUID chapterId) {
        return pool.withTransaction(tx -> ChapterService.load(tx, chapterId, p, true, false)
                .compose(chapter -> {
                    chapter.membership().requireCreate();
                    Row row = chapter.row();
                    String title = row.getString("title").length() > 192
                            ? row.getString("title").substring(0, 192)
                            : row.getString("title");
                    return allocate(tx, row.getUUID("series_id"), Slugs.from(title + " copy", "chapter-copy"), null)
                            .compose(a -> tx.preparedQuery(DUPLICATE)
                                    .execute(Tuple.tuple()
                                            .addUUID(chapterId)
                                            .addUUID(Ids.newId())
                                            .addUUID(p.userId())
                                            .addString(a.slug())
                                            .addValue(Numeric.create(a.number()))
                                            .addInteger(a.order())
                                            .addString(title + " (copy)")))
                            .map(rows -> new Chapter(rows.iterator().next()))
                            .compose(ch -> ChapterService.insertVersion(
                                            tx,
                                            ch,
                                            "Duplicated from " + chapterId,
                                            p.userId(),
                                            new TextDiff.Stats(ch.row().getInteger("word_count"), 0, 0, 0))
                                    .map(v -> ch))
                            .compose(ch -> ChapterService.event(tx, "chapter.created", ch)
                                    .map(v -> ch));
                }));
    }

    private record Allocation(BigDecimal number, String slug, int order) {}

    /** Under the target series' lock: the number (next unless given), a free slug, the next display order. */
    private static Future<Allocation> allocate(SqlConnection tx, UUID seriesId, String wantedSlug, BigDecimal number) {
        return tx.preparedQuery(ChapterSql.LOCK_SERIES)
                .execute(Tuple.of(seriesId))
                .compose(v -> tx.preparedQuery(ChapterSql.NEXT_NUMBER_AND_ORDER).execute(Tuple.of(seriesId)))
                .compose(next -> {
                    Row n = next.iterator().next();
                    BigDecimal chosen = number != null
                            ? number
                            : n.get(Numeric.class, "next_number")
                                    .bigDecimalValue()
                                    .setScale(0, java.math.RoundingMode.FLOOR);
                    return tx.preparedQuery(ChapterSql.SLUGS_LIKE)
                            .execute(Tuple.of(seriesId, wantedSlug))
                            .map(rows -> {
                                Set<String> taken = new HashSet<>();
                                rows.forEach(r -> taken.add(r.getString("slug")));
                                return new Allocation(
                                        chosen, Slugs.unique(wantedSlug, taken), n.getInteger("next_order"));
                            });
                });
    }

    private static <T> Future<T> numberTaken(Throwable e) {
        if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            return Future.failedFuture(new ApiException.Conflict(
                    "chapter.number_taken",
                    "The target series already has a chapter with that number.",
                    List.of(new ApiException.FieldError("chapterNumber", "is already taken"))));
        }
        return Future.failedFuture(e);
    }
}
