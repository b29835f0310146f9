package io.quire.engagement.progress;

import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.number;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

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
import io.quire.platform.ids.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * A reader's bookmarks: a published chapter and a place in it (paragraph and/or percent), with an optional note.
 * {@code GET /bookmarks} (newest first, optionally one series or chapter), {@code POST /bookmarks},
 * {@code DELETE /bookmarks/:bookmarkId} (someone else's is 404).
 */
public final class BookmarkRoutes {
    private final Pool pool;

    public BookmarkRoutes(Pool pool) {
        this.pool = pool;
    }

    public void mount(Api api) {
        components(api);
        api.raw(
                Endpoint.get("/api/v1/bookmarks")
                        .id("listBookmarks")
                        .tag("engagement")
                        .summary("My bookmarks, newest first")
                        .access(Access.session())
                        .paged()
                        .query("seriesId", string(), "only this series")
                        .query("chapterId", string(), "only this chapter")
                        .ok(200, Schema.list(ref("Bookmark")), "OK")
                        .problems(400, 422),
                this::list);
        api.raw(
                Endpoint.post("/api/v1/bookmarks")
                        .id("createBookmark")
                        .tag("engagement")
                        .summary("Bookmark a place in a published chapter")
                        .access(Access.session())
                        .body(object().required("chapterId", string())
                                .optional("paragraph", integer().range(0, 1000000))
                                .optional("percent", number().range(0, 100))
                                .optional("note", string().length(0, 500)))
                        .ok(201, ref("Bookmark"), "OK")
                        .problems(404),
                this::add);
        api.raw(
                Endpoint.delete("/api/v1/bookmarks/{bookmarkId}")
                        .id("deleteBookmark")
                        .tag("engagement")
                        .summary("Delete one of my bookmarks")
                        .access(Access.session())
                        .noContent(),
                ctx -> pool.preparedQuery(ProgressSql.DELETE_BOOKMARK)
                        .execute(Tuple.of(
                                PathParams.uuid(ctx, "bookmarkId", "bookmark.not_found"),
                                Authz.require(ctx).userId()))
                        .onSuccess(rows -> {
                            if (rows.rowCount() == 0) {
                                ctx.fail(new ApiException.NotFound("bookmark.not_found", "Not found."));
                            } else {
                                Responses.noContent(ctx);
                            }
                        })
                        .onFailure(ctx::fail));
    }

    private void add(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        UUID chapter = uuid(body, "chapterId", true);
        Integer paragraph = body.optionalInteger("paragraph", 0, 1_000_000);
        Double percent = body.optionalNumber("percent", 0, 100);
        String note = body.optionalString("note", 0, 500);
        body.validate();
        UUID user = Authz.require(ctx).userId();
        pool.preparedQuery(ProgressSql.READABLE_CHAPTER)
                .execute(Tuple.of(chapter))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(
                                new ApiException.NotFound("chapter.not_found", "No such published chapter."));
                    }
                    UUID series = rows.iterator().next().getUUID("series_id");
                    return pool.preparedQuery(ProgressSql.ADD_BOOKMARK)
                            .execute(Tuple.tuple()
                                    .addUUID(Ids.newId())
                                    .addUUID(user)
                                    .addUUID(chapter)
                                    .addUUID(series)
                                    .addInteger(paragraph)
                                    .addFloat(percent == null ? null : percent.floatValue())
                                    .addString(note));
                })
                .onSuccess(rows -> Responses.json(ctx, 201, json(rows.iterator().next())))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        int limit = QueryParams.limit(ctx);
        UUID series = queryUuid(ctx, "seriesId");
        UUID chapter = queryUuid(ctx, "chapterId");
        TimeCursor after = TimeCursor.decode(ctx.request().getParam("cursor"));
        pool.preparedQuery(ProgressSql.BOOKMARKS)
                .execute(Tuple.of(Authz.require(ctx).userId(), series, chapter, after.at(), after.id(), limit + 1))
                .onSuccess(rows -> {
                    Responses.json(
                            ctx,
                            200,
                            TimeCursor.page(
                                    rows,
                                    limit,
                                    r -> json(r).put("chapterTitle", r.getString("chapter_title")),
                                    "created_at",
                                    "id"));
                })
                .onFailure(ctx::fail);
    }

    private static UUID uuid(RequestBody body, String field, boolean required) {
        String text = required ? body.requiredString(field, 36, 36) : body.optionalString(field, 36, 36);
        try {
            return text == null ? null : UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return body.error(field, "must be a UUID");
        }
    }

    private static UUID queryUuid(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ApiException.Validation(
                    "request.invalid",
                    "Some query parameters are invalid.",
                    List.of(new ApiException.FieldError(name, "must be a UUID")));
        }
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

    /** The shapes this feature's answers share, as {@code #/components/schemas}. */
    private static void components(Api api) {
        api.component(
                "Bookmark",
                object().optional("id", string())
                        .optional("chapterId", nullable(string()))
                        .optional("seriesId", nullable(string()))
                        .optional("chapterTitle", string())
                        .optional("paragraph", nullable(integer()))
                        .optional("percent", nullable(number()))
                        .optional("note", nullable(string()))
                        .optional("createdAt", string()));
    }
}
