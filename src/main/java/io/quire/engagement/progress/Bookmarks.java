package io.quire.engagement.progress;

import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.TimeCursor;
import io.quire.platform.ids.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/** A reader's bookmarks: a published chapter and a place in it (paragraph and/or percent), with an optional note. */
public final class Bookmarks {
    /** Where in which chapter, and why. */
    public record Place(UUID chapterId, Integer paragraph, Double percent, String note) {}

    private final Pool pool;

    public Bookmarks(Pool pool) {
        this.pool = pool;
    }

    /** Newest first; {@code series} or {@code chapter} narrow it (null for all). */
    public Future<JsonObject> list(UUID reader, UUID series, UUID chapter, String cursor, int limit) {
        TimeCursor after = TimeCursor.decode(cursor);
        return pool.preparedQuery(ProgressSql.BOOKMARKS)
                .execute(Tuple.of(reader, series, chapter, after.at(), after.id(), limit + 1))
                .map(rows -> TimeCursor.page(
                        rows,
                        limit,
                        r -> json(r).put("chapterTitle", r.getString("chapter_title")),
                        "created_at",
                        "id"));
    }

    /** Bookmarks a place in a published chapter; 404 {@code chapter.not_found} for any other. */
    public Future<JsonObject> add(UUID reader, Place place) {
        return pool.preparedQuery(ProgressSql.READABLE_CHAPTER)
                .execute(Tuple.of(place.chapterId()))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(
                                new ApiException.NotFound("chapter.not_found", "No such published chapter."));
                    }
                    UUID series = rows.iterator().next().getUUID("series_id");
                    return pool.preparedQuery(ProgressSql.ADD_BOOKMARK)
                            .execute(Tuple.tuple()
                                    .addUUID(Ids.newId())
                                    .addUUID(reader)
                                    .addUUID(place.chapterId())
                                    .addUUID(series)
                                    .addInteger(place.paragraph())
                                    .addFloat(
                                            place.percent() == null
                                                    ? null
                                                    : place.percent().floatValue())
                                    .addString(place.note()));
                })
                .map(rows -> json(rows.iterator().next()));
    }

    /** Deletes one of the reader's bookmarks; someone else's is 404 {@code bookmark.not_found}. */
    public Future<Void> delete(UUID reader, UUID bookmark) {
        return pool.preparedQuery(ProgressSql.DELETE_BOOKMARK)
                .execute(Tuple.of(bookmark, reader))
                .compose(rows -> rows.rowCount() == 0
                        ? Future.failedFuture(new ApiException.NotFound("bookmark.not_found", "Not found."))
                        : Future.succeededFuture());
    }

    private static JsonObject json(Row r) {
        Float percent = r.getFloat("percent");
        return new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("chapterId", r.getUUID("chapter_id").toString())
                .put("seriesId", r.getUUID("series_id").toString())
                .put("paragraph", r.getInteger("paragraph"))
                .put("percent", percent == null ? null : (double) percent)
                .put("note", r.getString("note"))
                .put("createdAt", Times.iso(r.getOffsetDateTime("created_at")));
    }
}
