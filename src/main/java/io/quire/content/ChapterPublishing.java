package io.quire.content;

import io.quire.platform.auth.Principal;
import io.quire.platform.http.ApiException;
import io.quire.platform.jobs.Job;
import io.quire.platform.jobs.JobQueue;
import io.quire.platform.jobs.JobRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The chapter status machine (DRAFT → SCHEDULED → PUBLISHED → ARCHIVED, unpublish back to DRAFT), scheduled
 * publishing, access levels and scheduled free-unlock. A schedule is a job with {@code run_at} at the due time,
 * written in the same transaction; the job's update only fires if the chapter is still scheduled for exactly
 * that time, so three instances, a retry or a reschedule never publish twice, and a restart only delays it.
 */
public final class ChapterPublishing {
    public static final String PUBLISH_DUE_JOB = "content.chapter_publish_due";
    public static final String UNLOCK_DUE_JOB = "content.chapter_free_due";

    /** Each action, the states it may start from, where it leads, and the event it writes. */
    record Transition(List<String> from, String to, String event) {}

    static final Map<String, Transition> TRANSITIONS = Map.of(
            "publish", new Transition(List.of("DRAFT", "SCHEDULED"), "PUBLISHED", "chapter.published"),
            "unpublish", new Transition(List.of("PUBLISHED"), "DRAFT", "chapter.unpublished"),
            "archive", new Transition(List.of("PUBLISHED"), "ARCHIVED", "chapter.archived"),
            "unarchive", new Transition(List.of("ARCHIVED"), "PUBLISHED", "chapter.unarchived"));

    private final Pool pool;
    private final JobQueue jobs;

    public ChapterPublishing(Pool pool, JobQueue jobs) {
        this.pool = pool;
        this.jobs = jobs;
    }

    // ---- status

    public Future<Chapter> transition(Principal p, UUID chapterId, String action) {
        Transition t = TRANSITIONS.get(action);
        return pool.withTransaction(tx -> ChapterService.load(tx, chapterId, p, true, false)
                .compose(l -> {
                    l.membership().requirePublish(l.row().getUUID("author_id"));
                    return move(tx, chapterId, l.row(), t.from(), t.to(), null, null, action)
                            .compose(ch -> t.to().equals("PUBLISHED")
                                    ? afterPublish(tx, ch, l.row())
                                    : Future.succeededFuture(ch))
                            .compose(ch ->
                                    ChapterService.event(tx, t.event(), ch).map(v -> ch));
                }));
    }

    /** DRAFT → SCHEDULED (POST) or SCHEDULED → SCHEDULED at a new time (PATCH). */
    public Future<Chapter> schedule(
            Principal p, UUID chapterId, OffsetDateTime at, String timezone, boolean reschedule) {
        if (!at.isAfter(OffsetDateTime.now())) {
            return Future.failedFuture(invalid("scheduledAt", "must be in the future"));
        }
        List<String> from = reschedule ? List.of("SCHEDULED") : List.of("DRAFT");
        return pool.withTransaction(tx -> ChapterService.load(tx, chapterId, p, true, false)
                .compose(l -> {
                    l.membership().requirePublish(l.row().getUUID("author_id"));
                    return move(
                                    tx,
                                    chapterId,
                                    l.row(),
                                    from,
                                    "SCHEDULED",
                                    at,
                                    timezone,
                                    reschedule ? "reschedule" : "schedule")
                            .compose(ch -> enqueue(tx, PUBLISH_DUE_JOB, ch, at).map(v -> ch))
                            .compose(ch -> ChapterService.event(tx, "chapter.scheduled", ch)
                                    .map(v -> ch));
                }));
    }

    /** SCHEDULED → DRAFT; the pending job will find nothing to do. */
    public Future<Chapter> cancelSchedule(Principal p, UUID chapterId) {
        return pool.withTransaction(tx -> ChapterService.load(tx, chapterId, p, true, false)
                .compose(l -> {
                    l.membership().requirePublish(l.row().getUUID("author_id"));
                    return move(
                                    tx,
                                    chapterId,
                                    l.row(),
                                    List.of("SCHEDULED"),
                                    "DRAFT",
                                    null,
                                    null,
                                    "cancel the schedule of")
                            .compose(ch -> ChapterService.event(tx, "chapter.unscheduled", ch)
                                    .map(v -> ch));
                }));
    }

    private static Future<Chapter> move(
            SqlClient tx,
            UUID id,
            Row current,
            List<String> from,
            String to,
            OffsetDateTime at,
            String timezone,
            String action) {
        return tx.preparedQuery(ChapterSql.TRANSITION)
                .execute(Tuple.of(id, from.toArray(String[]::new), to, at, timezone))
                .compose(rows -> rows.size() == 1
                        ? Future.succeededFuture(new Chapter(rows.iterator().next()))
                        : Future.failedFuture(ApiException.Conflict.status(
                                "chapter.illegal_transition",
                                "Cannot " + action + " a chapter that is " + current.getString("status") + ".",
                                current.getString("status"))));
    }

    /** Publishing starts the early-access clock of a SCHEDULED_FREE chapter that has no unlock time yet. */
    private Future<Chapter> afterPublish(SqlClient tx, Chapter ch, Row before) {
        Future<Void> touched = tx.preparedQuery(SeriesSql.TOUCH_PUBLISHED)
                .execute(Tuple.of(ch.seriesId(), ch.row().getOffsetDateTime("published_at")))
                .mapEmpty();
        int days = before.getShort("series_early_access_days");
        if (!"SCHEDULED_FREE".equals(ch.row().getString("access_level"))
                || ch.row().getValue("scheduled_free_at") != null
                || days == 0) {
            return touched.map(v -> ch);
        }
        OffsetDateTime freeAt = ch.row().getOffsetDateTime("published_at").plusDays(days);
        return touched.compose(v -> setScheduledFree(tx, ch.id(), "SCHEDULED_FREE", freeAt));
    }

    // ---- access

    /** A change of access settings; null = unchanged, {@code …Set} flags for fields that may be cleared. */
    public record AccessUpdate(
            String accessLevel,
            boolean minimumTierSet,
            UUID minimumTierId,
            boolean previewSet,
            Integer previewParagraphs,
            boolean paywallSet,
            String paywallMessage,
            boolean priceSet,
            Integer price,
            String priceCurrency) {}

    public Future<Chapter> updateAccess(Principal p, UUID chapterId, AccessUpdate u, Long expected) {
        return pool.withTransaction(tx -> ChapterService.load(tx, chapterId, p, true, false)
                .compose(l -> {
                    l.membership().requirePublish(l.row().getUUID("author_id"));
                    ChapterService.checkRevision(l.row(), expected);
                    UUID tier = u.minimumTierSet() ? u.minimumTierId() : l.row().getUUID("minimum_tier_id");
                    String level =
                            u.accessLevel() != null ? u.accessLevel() : l.row().getString("access_level");
                    if ("SPECIFIC_TIER".equals(level) && tier == null) {
                        return Future.failedFuture(invalid("minimumTierId", "is required for SPECIFIC_TIER"));
                    }
                    if ("SCHEDULED_FREE".equals(u.accessLevel())
                            && !"SCHEDULED_FREE".equals(l.row().getString("access_level"))) {
                        return Future.failedFuture(
                                invalid("accessLevel", "set SCHEDULED_FREE with POST /chapters/{id}/schedule-free"));
                    }
                    Tuple t = Tuple.tuple()
                            .addUUID(chapterId)
                            .addString(u.accessLevel())
                            .addBoolean(u.minimumTierSet())
                            .addUUID(u.minimumTierId())
                            .addBoolean(u.previewSet())
                            .addValue(
                                    u.previewParagraphs() == null
                                            ? null
                                            : u.previewParagraphs().shortValue())
                            .addBoolean(u.paywallSet())
                            .addString(u.paywallMessage())
                            .addBoolean(u.priceSet())
                            .addValue(u.price() == null ? null : u.price().longValue())
                            .addString(u.priceCurrency());
                    return tx.preparedQuery(ChapterSql.UPDATE_ACCESS)
                            .execute(t)
                            .map(rows -> new Chapter(rows.iterator().next()))
                            .compose(ch -> ChapterService.event(tx, "chapter.access_changed", ch)
                                    .map(v -> ch));
                }));
    }

    /**
     * Makes a paywalled chapter free at {@code at}; with no time given, at publication plus the series'
     * {@code earlyAccessDays}. PATCH moves the time; DELETE keeps the chapter for subscribers.
     */
    public Future<Chapter> scheduleFree(Principal p, UUID chapterId, OffsetDateTime at, boolean reschedule) {
        return pool.withTransaction(tx -> ChapterService.load(tx, chapterId, p, true, false)
                .compose(l -> {
                    Row row = l.row();
                    l.membership().requirePublish(row.getUUID("author_id"));
                    boolean waiting = "SCHEDULED_FREE".equals(row.getString("access_level"));
                    if (reschedule && !waiting) {
                        return Future.failedFuture(ApiException.Conflict.status(
                                "chapter.no_free_schedule",
                                "The chapter has no scheduled free-unlock to change.",
                                row.getString("access_level")));
                    }
                    OffsetDateTime when = at != null ? at : defaultFreeAt(row);
                    if (when == null) {
                        return Future.failedFuture(
                                invalid("scheduledFreeAt", "is required (the series has no early-access days)"));
                    }
                    if (!when.isAfter(OffsetDateTime.now())) {
                        return Future.failedFuture(invalid("scheduledFreeAt", "must be in the future"));
                    }
                    return setScheduledFree(tx, chapterId, "SCHEDULED_FREE", when)
                            .compose(ch -> ChapterService.event(tx, "chapter.access_changed", ch)
                                    .map(v -> ch));
                }));
    }

    public Future<Chapter> cancelScheduleFree(Principal p, UUID chapterId) {
        return pool.withTransaction(tx -> ChapterService.load(tx, chapterId, p, true, false)
                .compose(l -> {
                    l.membership().requirePublish(l.row().getUUID("author_id"));
                    if (!"SCHEDULED_FREE".equals(l.row().getString("access_level"))) {
                        return Future.failedFuture(ApiException.Conflict.status(
                                "chapter.no_free_schedule",
                                "The chapter has no scheduled free-unlock.",
                                l.row().getString("access_level")));
                    }
                    return tx.preparedQuery(ChapterSql.SET_SCHEDULED_FREE)
                            .execute(Tuple.of(chapterId, "SUBSCRIBERS", null))
                            .map(rows -> new Chapter(rows.iterator().next()))
                            .compose(ch -> ChapterService.event(tx, "chapter.access_changed", ch)
                                    .map(v -> ch));
                }));
    }

    private static OffsetDateTime defaultFreeAt(Row row) {
        int days = row.getShort("series_early_access_days");
        if (days == 0) {
            return null;
        }
        OffsetDateTime base = row.getOffsetDateTime("published_at") != null
                ? row.getOffsetDateTime("published_at")
                : row.getOffsetDateTime("scheduled_at") != null
                        ? row.getOffsetDateTime("scheduled_at")
                        : OffsetDateTime.now();
        return base.plusDays(days);
    }

    private Future<Chapter> setScheduledFree(SqlClient tx, UUID chapterId, String level, OffsetDateTime at) {
        return tx.preparedQuery(ChapterSql.SET_SCHEDULED_FREE)
                .execute(Tuple.of(chapterId, level, at))
                .map(rows -> new Chapter(rows.iterator().next()))
                .compose(ch -> enqueue(tx, UNLOCK_DUE_JOB, ch, at).map(v -> ch));
    }

    private Future<Void> enqueue(SqlClient tx, String type, Chapter ch, OffsetDateTime at) {
        JsonObject payload = new JsonObject()
                .put("chapterId", ch.id().toString())
                .put("at", at.toInstant().toString());
        return jobs.enqueue(
                        tx,
                        JobRequest.of(type, payload)
                                .at(at.toInstant())
                                .dedupedBy(type + ":" + ch.id() + ":"
                                        + at.toInstant().toEpochMilli()))
                .mapEmpty();
    }

    // ---- the jobs

    /** Publishes a chapter whose time came, if it is still scheduled for exactly that time. */
    public Future<Void> publishDue(Job job) {
        UUID id = UUID.fromString(job.payload().getString("chapterId"));
        OffsetDateTime at = OffsetDateTime.parse(job.payload().getString("at")).withOffsetSameInstant(ZoneOffset.UTC);
        return pool.withTransaction(tx -> tx.preparedQuery(ChapterSql.PUBLISH_DUE)
                .execute(Tuple.of(id, at))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture(); // rescheduled, cancelled, published by hand, or already done
                    }
                    Chapter ch = new Chapter(rows.iterator().next());
                    return tx.preparedQuery(SeriesSql.TOUCH_PUBLISHED)
                            .execute(Tuple.of(ch.seriesId(), at))
                            .compose(v -> ChapterService.event(tx, "chapter.published", ch));
                }));
    }

    /** Turns a SCHEDULED_FREE chapter FREE, if it is still waiting for exactly that time. */
    public Future<Void> unlockDue(Job job) {
        UUID id = UUID.fromString(job.payload().getString("chapterId"));
        OffsetDateTime at = OffsetDateTime.parse(job.payload().getString("at")).withOffsetSameInstant(ZoneOffset.UTC);
        return pool.withTransaction(tx -> tx.preparedQuery(ChapterSql.UNLOCK_DUE)
                .execute(Tuple.of(id, at))
                .compose(rows -> rows.size() == 0
                        ? Future.succeededFuture()
                        : ChapterService.event(
                                tx,
                                "chapter.access_changed",
                                new Chapter(rows.iterator().next()))));
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException.Validation(
                "request.invalid", "Some fields are invalid.", List.of(new ApiException.FieldError(field, message)));
    }
}
