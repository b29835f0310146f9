package io.quire.engagement.progress;

import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.TimeCursor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Where a reader is in each series, across devices. Each update carries the device's own time; the newest wins, so
 * a phone that was offline cannot pull a reader back a chapter.
 */
public final class ReadingProgress {
    /** A device clock ahead by more than this is taken as now: a wrong clock must not pin progress forever. */
    static final long MAX_CLOCK_SKEW_SECONDS = 300;

    private final Pool pool;

    public ReadingProgress(Pool pool) {
        this.pool = pool;
    }

    /** Continue reading: the reader's series, most recently read first. */
    public Future<JsonObject> recent(UUID reader, String cursor, int limit) {
        TimeCursor after = TimeCursor.decode(cursor);
        return pool.preparedQuery(ProgressSql.RECENT)
                .execute(Tuple.of(reader, after.at(), after.id(), limit + 1))
                .map(rows -> TimeCursor.page(rows, limit, ReadingProgress::json, "client_updated_at", "series_id"));
    }

    /** The reader's place in a series; 404 {@code progress.not_found} when none is recorded. */
    public Future<JsonObject> in(UUID reader, UUID series) {
        return one(reader, series)
                .compose(p -> p == null
                        ? Future.failedFuture(
                                new ApiException.NotFound("progress.not_found", "No progress recorded in this series."))
                        : Future.succeededFuture(p));
    }

    /**
     * Records a place, as of the device's time {@code deviceTime} (null: now; more than five minutes ahead: now); an
     * older report than the one kept is not applied ({@code applied: false}).
     */
    public Future<JsonObject> save(
            UUID reader, UUID series, UUID chapterId, double percent, OffsetDateTime deviceTime) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime clientAt =
                deviceTime == null || deviceTime.isAfter(now.plusSeconds(MAX_CLOCK_SKEW_SECONDS)) ? now : deviceTime;
        UUID user = reader;
        return pool.preparedQuery(ProgressSql.READABLE_CHAPTER)
                .execute(Tuple.of(chapterId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(
                                new ApiException.NotFound("chapter.not_found", "No such published chapter."));
                    }
                    if (!rows.iterator().next().getUUID("series_id").equals(series)) {
                        return Future.failedFuture(new ApiException.Validation(
                                "progress.chapter_not_in_series",
                                "The chapter is not in this series.",
                                java.util.List.of(new ApiException.FieldError("chapterId", "is not in this series"))));
                    }
                    return pool.preparedQuery(ProgressSql.SAVE)
                            .execute(Tuple.of(user, series, chapterId, (float) percent, clientAt));
                })
                .compose(saved -> one(user, series).map(p -> p.put("applied", saved.size() > 0)));
    }

    public Future<Void> forget(UUID reader, UUID series) {
        return pool.preparedQuery(ProgressSql.CLEAR)
                .execute(Tuple.of(reader, series))
                .mapEmpty();
    }

    private Future<JsonObject> one(UUID user, UUID series) {
        return pool.preparedQuery(ProgressSql.ONE)
                .execute(Tuple.of(user, series))
                .map(rows -> rows.size() == 0 ? null : json(rows.iterator().next()));
    }

    private static JsonObject json(Row r) {
        return new JsonObject()
                .put("seriesId", r.getUUID("series_id").toString())
                .put("seriesTitle", r.getString("series_title"))
                .put("chapterId", r.getUUID("chapter_id").toString())
                .put("chapterTitle", r.getString("chapter_title"))
                .put(
                        "chapterNumber",
                        r.getValue("chapter_number") == null
                                ? null
                                : ((io.vertx.sqlclient.data.Numeric) r.getValue("chapter_number")).doubleValue())
                .put("percent", (double) r.getFloat("percent"))
                .put("updatedAt", Times.iso(r.getOffsetDateTime("client_updated_at")));
    }
}
