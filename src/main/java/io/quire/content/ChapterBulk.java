package io.quire.content;

import io.quire.platform.auth.Principal;
import io.quire.platform.http.ApiException;
import io.quire.platform.jobs.JobQueue;
import io.quire.platform.jobs.JobRequest;
import io.quire.sites.Membership;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Bulk changes to up to {@value #MAX} chapters of one series: all or nothing, in one transaction. Every chapter is
 * locked and checked (it belongs to the series, the caller may change it, its state allows the change) before
 * anything is written; one failure rolls everything back, and the problem names each offending chapter.
 */
public final class ChapterBulk {
    public static final int MAX = 500;
    private static final String LOCK = """
      SELECT * FROM chapters WHERE id = ANY($1) AND series_id = $2 AND deleted_at IS NULL ORDER BY id FOR UPDATE
      """;

    /** The bulk actions and the event each writes per chapter. */
    public static final Map<String, String> EVENTS = Map.of(
            "update",
            "chapter.updated",
            "delete",
            "chapter.deleted",
            "publish",
            "chapter.published",
            "schedule",
            "chapter.scheduled",
            "access",
            "chapter.access_changed");

    private final Pool pool;
    private final JobQueue jobs;

    public ChapterBulk(Pool pool, JobQueue jobs) {
        this.pool = pool;
        this.jobs = jobs;
    }

    /** One bulk action's parameters; which ones apply depends on the action. */
    public record Params(
            Integer volumeNumber,
            boolean volumeNumberSet,
            String authorNotePosition,
            String accessLevel,
            UUID minimumTierId,
            OffsetDateTime scheduledAt,
            String timezone) {}

    public Future<JsonObject> apply(Principal p, UUID seriesId, String action, List<UUID> ids, Params params) {
        List<UUID> unique = new ArrayList<>(new LinkedHashSet<>(ids));
        return pool.withTransaction(tx -> SeriesService.load(tx, seriesId, p, false)
                .compose(series -> tx.preparedQuery(LOCK)
                        .execute(Tuple.of(unique.toArray(UUID[]::new), seriesId))
                        .compose(rows -> {
                            Map<UUID, Row> found = new HashMap<>();
                            rows.forEach(r -> found.put(r.getUUID("id"), r));
                            List<ApiException.FieldError> missing = new ArrayList<>();
                            for (int i = 0; i < unique.size(); i++) {
                                if (!found.containsKey(unique.get(i))) {
                                    missing.add(new ApiException.FieldError(
                                            "chapterIds[" + ids.indexOf(unique.get(i)) + "]",
                                            "no such chapter in this series"));
                                }
                            }
                            if (!missing.isEmpty()) {
                                return Future.failedFuture(new ApiException.Validation(
                                        "bulk.unknown_chapters",
                                        missing.size()
                                                + " of the chapters are not in this series; nothing was changed.",
                                        missing));
                            }
                            Membership m = series.membership();
                            for (Row r : found.values()) {
                                if (action.equals("update") || action.equals("delete")) {
                                    m.requireEdit(r.getUUID("author_id"));
                                } else {
                                    m.requirePublish(r.getUUID("author_id"));
                                }
                            }
                            return each(tx, unique, found, stepFor(action, params), EVENTS.get(action));
                        })));
    }

    /** What one chapter gets, for each action. */
    private BiFunction<SqlConnection, Row, Future<Chapter>> stepFor(String action, Params params) {
        return switch (action) {
            case "update" ->
                (tx, r) -> tx.preparedQuery(ChapterSql.UPDATE_META)
                        .execute(Tuple.tuple()
                                .addUUID(r.getUUID("id"))
                                .addString(null)
                                .addValue(null)
                                .addBoolean(params.volumeNumberSet())
                                .addValue(
                                        params.volumeNumber() == null
                                                ? null
                                                : params.volumeNumber().shortValue())
                                .addString(null)
                                .addString(params.authorNotePosition())
                                .addBoolean(false))
                        .map(rows -> new Chapter(rows.iterator().next()));
            case "delete" ->
                (tx, r) -> tx.preparedQuery(ChapterSql.SOFT_DELETE)
                        .execute(Tuple.of(r.getUUID("id")))
                        .map(rows -> new Chapter(rows.iterator().next()));
            case "publish" -> (tx, r) -> transition(tx, r, List.of("DRAFT", "SCHEDULED"), "PUBLISHED", null, null);
            case "schedule" ->
                (tx, r) -> transition(tx, r, List.of("DRAFT"), "SCHEDULED", params.scheduledAt(), params.timezone())
                        .compose(ch -> jobs.enqueue(
                                        tx,
                                        JobRequest.of(
                                                        ChapterPublishing.PUBLISH_DUE_JOB,
                                                        new JsonObject()
                                                                .put(
                                                                        "chapterId",
                                                                        ch.id().toString())
                                                                .put(
                                                                        "at",
                                                                        params.scheduledAt()
                                                                                .toInstant()
                                                                                .toString()))
                                                .at(params.scheduledAt().toInstant())
                                                .dedupedBy(ChapterPublishing.PUBLISH_DUE_JOB + ":" + ch.id() + ":"
                                                        + params.scheduledAt()
                                                                .toInstant()
                                                                .toEpochMilli()))
                                .map(v -> ch));
            case "access" ->
                (tx, r) -> tx.preparedQuery(ChapterSql.UPDATE_ACCESS)
                        .execute(Tuple.tuple()
                                .addUUID(r.getUUID("id"))
                                .addString(params.accessLevel())
                                .addBoolean(true)
                                .addUUID(params.minimumTierId())
                                .addBoolean(false)
                                .addValue(null)
                                .addBoolean(false)
                                .addString(null)
                                .addBoolean(false)
                                .addValue(null)
                                .addString(null))
                        .map(rows -> new Chapter(rows.iterator().next()));
            default -> throw new IllegalArgumentException(action);
        };
    }

    private static Future<Chapter> transition(
            SqlConnection tx, Row r, List<String> from, String to, OffsetDateTime at, String zone) {
        if (!from.contains(r.getString("status"))) {
            return Future.failedFuture(ApiException.Conflict.status(
                    "bulk.illegal_transition",
                    "Chapter " + r.getUUID("id") + " is " + r.getString("status") + "; nothing was changed.",
                    r.getString("status")));
        }
        return tx.preparedQuery(ChapterSql.TRANSITION)
                .execute(Tuple.of(r.getUUID("id"), from.toArray(String[]::new), to, at, zone))
                .map(rows -> new Chapter(rows.iterator().next()));
    }

    /** One chapter after the other on the transaction's connection, then the summary. */
    private Future<JsonObject> each(
            SqlConnection tx,
            List<UUID> ids,
            Map<UUID, Row> rows,
            BiFunction<SqlConnection, Row, Future<Chapter>> step,
            String event) {
        JsonArray changed = new JsonArray();
        Future<Void> chain = Future.succeededFuture();
        for (UUID id : ids) {
            chain = chain.compose(v -> step.apply(tx, rows.get(id)))
                    .compose(ch -> ChapterService.event(tx, event, ch).map(x -> {
                        changed.add(ch.toJson());
                        return null;
                    }));
        }
        return chain.map(v -> new JsonObject().put("changed", changed.size()).put("data", changed));
    }
}
