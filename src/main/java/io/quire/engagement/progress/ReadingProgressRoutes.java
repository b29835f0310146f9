package io.quire.engagement.progress;

import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.number;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Authz;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.quire.platform.http.TimeCursor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * Where a reader is in each series, across devices: {@code GET|POST|DELETE /reading-progress/:seriesId} and the
 * "continue reading" list {@code GET /reading-progress}. Each update carries the device's own time
 * ({@code updatedAt}); the newest wins, so a phone that was offline cannot pull a reader back a chapter.
 */
public final class ReadingProgressRoutes {
    /** A device clock ahead by more than this is taken as now: a wrong clock must not pin progress forever. */
    static final long MAX_CLOCK_SKEW_SECONDS = 300;

    private final Pool pool;

    public ReadingProgressRoutes(Pool pool) {
        this.pool = pool;
    }

    public void mount(Api api) {
        components(api);
        api.raw(
                Endpoint.get("/api/v1/reading-progress")
                        .id("listReadingProgress")
                        .tag("engagement")
                        .summary("Continue reading: my series with progress, most recently read first")
                        .access(Access.session())
                        .paged()
                        .ok(200, Schema.list(ref("ReadingProgress")), "OK")
                        .problems(400, 422),
                this::recent);
        api.raw(
                Endpoint.get("/api/v1/reading-progress/{seriesId}")
                        .id("getReadingProgress")
                        .tag("engagement")
                        .summary("My place in a series")
                        .access(Access.session())
                        .ok(200, ref("ReadingProgress"), "OK"),
                ctx -> {
                    UUID series = PathParams.uuid(ctx, "seriesId", "series.not_found");
                    one(Authz.require(ctx).userId(), series)
                            .onSuccess(p -> {
                                if (p == null) {
                                    ctx.fail(new ApiException.NotFound(
                                            "progress.not_found", "No progress recorded in this series."));
                                } else {
                                    Responses.json(ctx, 200, p);
                                }
                            })
                            .onFailure(ctx::fail);
                });
        api.raw(
                Endpoint.post("/api/v1/reading-progress/{seriesId}")
                        .id("saveReadingProgress")
                        .tag("engagement")
                        .summary(
                                "Record my place: the newest device time (updatedAt) wins across devices; a clock more than 5 min ahead counts as now")
                        .access(Access.session())
                        .body(object().required("chapterId", string().length(36, 36))
                                .required("percent", number().range(0, 100))
                                .optional("updatedAt", string().length(10, 40)))
                        .ok(200, ref("ReadingProgress"), "OK"),
                this::save);
        api.raw(
                Endpoint.delete("/api/v1/reading-progress/{seriesId}")
                        .id("deleteReadingProgress")
                        .tag("engagement")
                        .summary("Forget my place in a series")
                        .access(Access.session())
                        .noContent(),
                ctx -> pool.preparedQuery(ProgressSql.CLEAR)
                        .execute(Tuple.of(
                                Authz.require(ctx).userId(), PathParams.uuid(ctx, "seriesId", "series.not_found")))
                        .onSuccess(rows -> Responses.noContent(ctx))
                        .onFailure(ctx::fail));
    }

    private void save(RoutingContext ctx) {
        UUID series = PathParams.uuid(ctx, "seriesId", "series.not_found");
        RequestBody body = RequestBody.of(ctx);
        String chapterText = body.requiredString("chapterId", 36, 36);
        UUID chapter = null;
        try {
            chapter = chapterText == null ? null : UUID.fromString(chapterText);
        } catch (IllegalArgumentException e) {
            body.error("chapterId", "must be a UUID");
        }
        Double percent = body.optionalNumber("percent", 0, 100);
        if (percent == null && !body.has("percent")) {
            body.error("percent", "is required");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        OffsetDateTime at = now;
        String updatedAt = body.optionalString("updatedAt", 10, 40);
        if (updatedAt != null) {
            try {
                at = OffsetDateTime.parse(updatedAt);
                if (at.isAfter(now.plusSeconds(MAX_CLOCK_SKEW_SECONDS))) {
                    at = now;
                }
            } catch (DateTimeParseException e) {
                body.error("updatedAt", "must be an ISO-8601 time with an offset");
            }
        }
        body.validate();
        UUID user = Authz.require(ctx).userId();
        UUID chapterId = chapter;
        OffsetDateTime clientAt = at;
        pool.preparedQuery(ProgressSql.READABLE_CHAPTER)
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
                            .execute(Tuple.of(user, series, chapterId, percent.floatValue(), clientAt));
                })
                .compose(saved -> one(user, series).map(p -> p.put("applied", saved.size() > 0)))
                .onSuccess(p -> Responses.json(ctx, 200, p))
                .onFailure(ctx::fail);
    }

    private Future<JsonObject> one(UUID user, UUID series) {
        return pool.preparedQuery(ProgressSql.ONE)
                .execute(Tuple.of(user, series))
                .map(rows -> rows.size() == 0 ? null : json(rows.iterator().next()));
    }

    private void recent(RoutingContext ctx) {
        int limit = QueryParams.limit(ctx);
        TimeCursor after = TimeCursor.decode(ctx.request().getParam("cursor"));
        pool.preparedQuery(ProgressSql.RECENT)
                .execute(Tuple.of(Authz.require(ctx).userId(), after.at(), after.id(), limit + 1))
                .onSuccess(rows -> {
                    Responses.json(
                            ctx,
                            200,
                            TimeCursor.page(
                                    rows, limit, ReadingProgressRoutes::json, "client_updated_at", "series_id"));
                })
                .onFailure(ctx::fail);
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

    /** The shapes this feature's answers share, as {@code #/components/schemas}. */
    private static void components(Api api) {
        api.component(
                "ReadingProgress",
                object().optional("seriesId", nullable(string()))
                        .optional("seriesTitle", string())
                        .optional("chapterId", nullable(string()))
                        .optional("chapterTitle", string())
                        .optional("chapterNumber", number())
                        .optional("percent", nullable(number()))
                        .optional("updatedAt", string())
                        .optional("applied", Schema.bool()));
    }
}
