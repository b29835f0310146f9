package io.quire.content;

import io.quire.platform.auth.Principal;
import io.quire.platform.db.Batches;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.quire.platform.jobs.Job;
import io.quire.platform.jobs.JobQueue;
import io.quire.platform.jobs.JobRequest;
import io.quire.platform.outbox.Outbox;
import io.quire.platform.text.Slugs;
import io.quire.sites.SiteService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Series in a site: create (slug unique per site), list, read, update with revision checks, soft delete and
 * restore, and the status machine DRAFT → ONGOING ⇄ HIATUS → COMPLETED (unpublish back to DRAFT).
 */
public final class SeriesService {
    /** Each action, the states it may start from, and where it leads. */
    static final Map<String, Transition> TRANSITIONS = Map.of(
            "publish", new Transition(List.of("DRAFT"), "ONGOING", "series.published"),
            "unpublish", new Transition(List.of("ONGOING", "HIATUS", "COMPLETED"), "DRAFT", "series.unpublished"),
            "complete", new Transition(List.of("ONGOING", "HIATUS"), "COMPLETED", "series.completed"),
            "hiatus", new Transition(List.of("ONGOING"), "HIATUS", "series.on_hiatus"),
            "resume", new Transition(List.of("HIATUS"), "ONGOING", "series.resumed"));

    record Transition(List<String> from, String to, String event) {}

    private final Pool pool;
    private final int retentionDays;
    private final JobQueue jobs;

    public SeriesService(Pool pool, int retentionDays, JobQueue jobs) {
        this.pool = pool;
        this.retentionDays = retentionDays;
        this.jobs = jobs;
    }

    /** Fields of a create or update; null = not given (or unchanged). */
    public record SeriesInput(
            String title,
            String slug,
            String synopsis,
            String contentType,
            String contentRating,
            String language,
            String defaultAccessLevel,
            Integer earlyAccessDays,
            Integer previewParagraphs,
            boolean paywallMessageSet,
            String paywallMessage) {}

    static Future<Loaded> load(SqlClient c, UUID seriesId, Principal p, boolean allowDeleted) {
        return c.preparedQuery(SeriesSql.FIND_WITH_ROLE)
                .execute(Tuple.of(seriesId, p.userId()))
                .map(rows -> Loaded.of(rows, p, "series.not_found", allowDeleted));
    }

    public Future<Series> create(Principal p, UUID siteId, SeriesInput in) {
        UUID id = Ids.newId();
        return pool.withTransaction(tx -> SiteService.membership(tx, siteId, p)
                        .compose(m -> {
                            m.requireManage();
                            return allocateSlug(tx, siteId, in.slug(), in.title());
                        })
                        .compose(slug -> tx.preparedQuery(SeriesSql.INSERT)
                                .execute(Tuple.tuple()
                                        .addUUID(id)
                                        .addUUID(siteId)
                                        .addUUID(p.userId())
                                        .addString(slug)
                                        .addString(in.title())
                                        .addString(in.synopsis())
                                        .addString(in.contentType())
                                        .addString(in.contentRating())
                                        .addString(in.language())
                                        .addString(in.defaultAccessLevel())
                                        .addValue(shortOrNull(in.earlyAccessDays()))
                                        .addValue(shortOrNull(in.previewParagraphs()))
                                        .addString(in.paywallMessage())))
                        .map(rows -> new Series(rows.iterator().next()))
                        .compose(s -> event(tx, "series.created", s).map(v -> s)))
                .recover(SeriesService::slugTaken);
    }

    private static Future<String> allocateSlug(SqlClient tx, UUID siteId, String explicit, String title) {
        if (explicit != null) {
            return Future.succeededFuture(explicit);
        }
        String base = Slugs.from(title, "series");
        return tx.preparedQuery(SeriesSql.SLUGS_LIKE)
                .execute(Tuple.of(siteId, base))
                .map(rows -> {
                    Set<String> taken = new HashSet<>();
                    rows.forEach(r -> taken.add(r.getString("slug")));
                    return Slugs.unique(base, taken);
                });
    }

    public Future<JsonArray> list(Principal p, UUID siteId, boolean includeDeleted) {
        return SiteService.membership(pool, siteId, p)
                .compose(m -> pool.preparedQuery(SeriesSql.LIST_BY_SITE).execute(Tuple.of(siteId, includeDeleted)))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> out.add(new Series(r).toJson()));
                    return out;
                });
    }

    public Future<Series> get(Principal p, UUID seriesId) {
        return load(pool, seriesId, p, false).map(l -> new Series(l.row()));
    }

    public Future<Series> update(Principal p, UUID seriesId, SeriesInput in, Long expected) {
        return pool.withTransaction(tx -> load(tx, seriesId, p, false).compose(l -> {
                    l.membership().requireManage();
                    Tuple t = Tuple.tuple()
                            .addUUID(seriesId)
                            .addValue(expected == null ? null : expected.intValue())
                            .addString(in.title())
                            .addString(in.synopsis())
                            .addString(in.contentType())
                            .addString(in.contentRating())
                            .addString(in.language())
                            .addString(in.defaultAccessLevel())
                            .addValue(shortOrNull(in.earlyAccessDays()))
                            .addValue(shortOrNull(in.previewParagraphs()))
                            .addBoolean(in.paywallMessageSet())
                            .addString(in.paywallMessage())
                            .addString(in.slug());
                    return tx.preparedQuery(SeriesSql.UPDATE)
                            .execute(t)
                            .compose(rows -> changed(tx, rows, seriesId))
                            .compose(s -> event(tx, "series.updated", s).map(v -> s));
                }))
                .recover(SeriesService::slugTaken);
    }

    /** Merges {@code changes} into the settings document (the update schedule, extra keys). */
    public Future<Series> mergeSettings(Principal p, UUID seriesId, JsonObject changes, Long expected) {
        return pool.withTransaction(tx -> load(tx, seriesId, p, false).compose(l -> {
            l.membership().requireManage();
            return tx.preparedQuery(SeriesSql.MERGE_SETTINGS)
                    .execute(Tuple.of(seriesId, expected == null ? null : expected.intValue(), changes))
                    .compose(rows -> changed(tx, rows, seriesId))
                    .compose(s -> event(tx, "series.updated", s).map(v -> s));
        }));
    }

    /** A DRAFT copy of the series with its genres, tags, warnings and chapters (as drafts, each with a fresh history). */
    public Future<Series> duplicate(Principal p, UUID seriesId) {
        UUID copyId = Ids.newId();
        return pool.withTransaction(tx -> load(tx, seriesId, p, false).compose(l -> {
            l.membership().requireManage();
            Row s = l.row();
            return allocateSlug(tx, s.getUUID("site_id"), null, s.getString("title") + " copy")
                    .compose(slug ->
                            tx.preparedQuery(SeriesSql.DUPLICATE).execute(Tuple.of(seriesId, copyId, slug, p.userId())))
                    .compose(v -> tx.preparedQuery(SeriesSql.COPY_TAXONOMY).execute(Tuple.of(seriesId, copyId)))
                    .compose(v -> tx.preparedQuery(SeriesSql.CHAPTERS_TO_COPY).execute(Tuple.of(seriesId)))
                    .compose(chapters -> {
                        List<Tuple> copies = new java.util.ArrayList<>();
                        chapters.forEach(c -> copies.add(Tuple.of(Ids.newId(), c.getUUID("id"), copyId)));
                        return Batches.execute(tx, SeriesSql.COPY_CHAPTER, copies)
                                .compose(v -> tx.preparedQuery(SeriesSql.FIRST_VERSIONS)
                                        .execute(Tuple.of(copyId, p.userId())))
                                .mapEmpty();
                    })
                    .compose(v -> tx.preparedQuery(SeriesSql.FIND_WITH_ROLE).execute(Tuple.of(copyId, p.userId())))
                    .map(rows -> new Series(rows.iterator().next()))
                    .compose(copy -> event(tx, "series.created", copy).map(v -> copy));
        }));
    }

    // ---- public metadata

    public Future<JsonObject> publicBySlug(UUID siteId, String slug) {
        return pool.preparedQuery(SeriesSql.PUBLIC_BY_SLUG)
                .execute(Tuple.of(siteId, slug))
                .map(SeriesService::publicOne);
    }

    public Future<JsonObject> publicById(UUID seriesId) {
        return pool.preparedQuery(SeriesSql.PUBLIC_BY_ID)
                .execute(Tuple.of(seriesId))
                .map(SeriesService::publicOne);
    }

    private static JsonObject publicOne(RowSet<Row> rows) {
        if (rows.size() == 0) {
            throw new ApiException.NotFound("series.not_found", "Not found.");
        }
        return new Series(rows.iterator().next()).toPublicJson();
    }

    public static final String STATUS_DUE_JOB = "content.series_status_due";

    /**
     * Schedules {@code action} for {@code at}: legal now (409 otherwise) and checked again when due. A new
     * schedule replaces the old one, whose job then finds nothing to do.
     */
    public Future<Series> scheduleTransition(Principal p, UUID seriesId, String action, OffsetDateTime at) {
        Transition t = TRANSITIONS.get(action);
        if (!at.isAfter(OffsetDateTime.now())) {
            return Future.failedFuture(new ApiException.Validation(
                    "request.invalid",
                    "Some fields are invalid.",
                    List.of(new ApiException.FieldError("at", "must be in the future"))));
        }
        return pool.withTransaction(tx -> load(tx, seriesId, p, false).compose(l -> {
            l.membership().requireManage();
            String status = l.row().getString("status");
            if (!t.from().contains(status)) {
                return Future.failedFuture(ApiException.Conflict.status(
                        "series.illegal_transition", "Cannot " + action + " a series that is " + status + ".", status));
            }
            return tx.preparedQuery(SeriesSql.SCHEDULE_ACTION)
                    .execute(Tuple.of(seriesId, action, at))
                    .map(rows -> new Series(rows.iterator().next()))
                    .compose(s -> jobs.enqueue(
                                    tx,
                                    JobRequest.of(
                                                    STATUS_DUE_JOB,
                                                    new JsonObject()
                                                            .put("seriesId", seriesId.toString())
                                                            .put("action", action)
                                                            .put(
                                                                    "at",
                                                                    at.toInstant()
                                                                            .toString()))
                                            .at(at.toInstant())
                                            .dedupedBy(STATUS_DUE_JOB + ":" + seriesId + ":"
                                                    + at.toInstant().toEpochMilli()))
                            .map(v -> s))
                    .compose(s -> event(tx, "series.status_scheduled", s).map(v -> s));
        }));
    }

    public Future<Series> cancelScheduledTransition(Principal p, UUID seriesId) {
        return pool.withTransaction(tx -> load(tx, seriesId, p, false).compose(l -> {
            l.membership().requireManage();
            if (l.row().getString("scheduled_action") == null) {
                return Future.failedFuture(ApiException.Conflict.status(
                        "series.nothing_scheduled",
                        "No status change is scheduled.",
                        l.row().getString("status")));
            }
            return tx.preparedQuery(SeriesSql.SCHEDULE_ACTION)
                    .execute(Tuple.of(seriesId, null, null))
                    .map(rows -> new Series(rows.iterator().next()))
                    .compose(s -> event(tx, "series.status_unscheduled", s).map(v -> s));
        }));
    }

    /** The due job. */
    public Future<Void> applyScheduledTransition(Job job) {
        String action = job.payload().getString("action");
        Transition t = TRANSITIONS.get(action);
        UUID id = UUID.fromString(job.payload().getString("seriesId"));
        OffsetDateTime at =
                OffsetDateTime.parse(job.payload().getString("at")).withOffsetSameInstant(java.time.ZoneOffset.UTC);
        return pool.withTransaction(tx -> tx.preparedQuery(SeriesSql.APPLY_SCHEDULED)
                .execute(Tuple.of(id, action, at, t.to(), t.from().toArray(String[]::new)))
                .compose(rows -> rows.size() == 0
                        ? Future.succeededFuture()
                        : event(tx, t.event(), new Series(rows.iterator().next()))));
    }

    /** publish, unpublish, complete, hiatus or resume; 409 with the current status when not allowed from it. */
    public Future<Series> transition(Principal p, UUID seriesId, String action) {
        Transition t = TRANSITIONS.get(action);
        return pool.withTransaction(tx -> load(tx, seriesId, p, false).compose(l -> {
            l.membership().requireManage();
            return tx.preparedQuery(SeriesSql.TRANSITION)
                    .execute(Tuple.of(seriesId, t.from().toArray(String[]::new), t.to()))
                    .compose(rows -> rows.size() == 1
                            ? Future.succeededFuture(new Series(rows.iterator().next()))
                            : Future.failedFuture(ApiException.Conflict.status(
                                    "series.illegal_transition",
                                    "Cannot " + action + " a series that is "
                                            + l.row().getString("status") + ".",
                                    l.row().getString("status"))))
                    .compose(s -> event(tx, t.event(), s).map(v -> s));
        }));
    }

    public Future<Void> delete(Principal p, UUID seriesId) {
        return pool.withTransaction(tx -> load(tx, seriesId, p, false).compose(l -> {
            l.membership().requireManage();
            return tx.preparedQuery(SeriesSql.SOFT_DELETE)
                    .execute(Tuple.of(seriesId))
                    .compose(rows -> event(
                            tx, "series.deleted", new Series(rows.iterator().next())));
        }));
    }

    public Future<Series> restore(Principal p, UUID seriesId) {
        return pool.withTransaction(tx -> load(tx, seriesId, p, true).compose(l -> {
            l.membership().requireManage();
            if (l.row().getValue("deleted_at") == null) {
                return Future.failedFuture(
                        new ApiException.Conflict("series.not_deleted", "The series is not deleted.", List.of()));
            }
            return tx.preparedQuery(SeriesSql.RESTORE)
                    .execute(Tuple.of(seriesId, retentionDays))
                    .compose(rows -> rows.size() == 0
                            ? Future.failedFuture(
                                    new ApiException.NotFound("series.not_found", "Not found (deleted too long ago)."))
                            : Future.succeededFuture(new Series(rows.iterator().next())))
                    .compose(s -> event(tx, "series.restored", s).map(v -> s));
        }));
    }

    private static Future<Series> changed(SqlClient tx, RowSet<Row> rows, UUID id) {
        if (rows.size() == 1) {
            return Future.succeededFuture(new Series(rows.iterator().next()));
        }
        return tx.preparedQuery(SeriesSql.CURRENT)
                .execute(Tuple.of(id))
                .compose(current -> Future.failedFuture(new ApiException.PreconditionFailed(
                        "series.revision_stale",
                        "The series changed since you read it; reload and try again.",
                        current.iterator().next().getInteger("revision"))));
    }

    static Future<Void> event(SqlClient tx, String topic, Series s) {
        return Outbox.append(
                        tx,
                        topic,
                        s.id().toString(),
                        new JsonObject()
                                .put("seriesId", s.id().toString())
                                .put("siteId", s.siteId().toString())
                                .put("revision", s.revision())
                                .put("status", s.row().getString("status")))
                .mapEmpty();
    }

    private static <T> Future<T> slugTaken(Throwable e) {
        if (e instanceof PgException pg
                && "23505".equals(pg.getSqlState())
                && String.valueOf(pg.getMessage()).contains("slug")) {
            return Future.failedFuture(new ApiException.Conflict(
                    "series.slug_taken",
                    "Another series of this site has that slug.",
                    List.of(new ApiException.FieldError("slug", "is already taken"))));
        }
        return Future.failedFuture(e);
    }

    private static Short shortOrNull(Integer value) {
        return value == null ? null : value.shortValue();
    }
}
