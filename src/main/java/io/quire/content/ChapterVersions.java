package io.quire.content;

import io.quire.platform.auth.Principal;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.text.TextDiff;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/** A chapter's history: list (newest first, paged), one version, diffs, and restore as a new version. */
public final class ChapterVersions {
    private final Pool pool;
    private final ChapterService chapters;

    public ChapterVersions(Pool pool, ChapterService chapters) {
        this.pool = pool;
        this.chapters = chapters;
    }

    /** A page of versions older than {@code before} (null: from the newest). */
    public record Page(JsonArray data, Integer nextBefore) {}

    public Future<Page> list(Principal p, UUID chapterId, Integer before, int limit) {
        return ChapterService.load(pool, chapterId, p, false, false)
                .compose(l ->
                        pool.preparedQuery(ChapterSql.LIST_VERSIONS).execute(Tuple.of(chapterId, before, limit + 1)))
                .map(rows -> {
                    JsonArray data = new JsonArray();
                    Integer next = null;
                    int i = 0;
                    for (Row r : rows) {
                        if (i++ == limit) {
                            next = data.getJsonObject(limit - 1).getInteger("versionNumber");
                            break;
                        }
                        data.add(summary(r));
                    }
                    return new Page(data, next);
                });
    }

    public Future<JsonObject> get(Principal p, UUID chapterId, int number) {
        return ChapterService.load(pool, chapterId, p, false, false)
                .compose(l -> version(pool, chapterId, number))
                .map(v -> summary(v)
                        .put("content", v.getString("content"))
                        .put("authorNote", v.getString("author_note")));
    }

    /** From version {@code from} to {@code to}; {@code to} null means the current chapter. */
    public Future<JsonObject> diff(Principal p, UUID chapterId, int from, Integer to) {
        return ChapterService.load(pool, chapterId, p, false, false)
                .compose(l -> version(pool, chapterId, from).compose(a -> {
                    Future<Text> target = to == null
                            ? Future.succeededFuture(new Text(
                                    "current (v" + l.row().getInteger("current_version") + ")",
                                    l.row().getString("title"),
                                    l.row().getString("content")))
                            : version(pool, chapterId, to)
                                    .map(b -> new Text("v" + to, b.getString("title"), b.getString("content")));
                    return target.map(b -> {
                        String before = a.getString("content");
                        return new JsonObject()
                                .put("from", from)
                                .put("to", to == null ? "current" : to)
                                .put("titleChanged", !a.getString("title").equals(b.title()))
                                .put(
                                        "stats",
                                        TextDiff.stats(before, b.content()).toJson())
                                .put("unifiedDiff", TextDiff.unified(before, b.content(), "v" + from, b.label()));
                    });
                }));
    }

    private record Text(String label, String title, String content) {}

    /** Makes version {@code number} current again, as a new version: history is never rewritten. */
    public Future<Chapter> restore(Principal p, UUID chapterId, int number, long expected) {
        return pool.preparedQuery(ChapterSql.GET_VERSION)
                .execute(Tuple.of(chapterId, number))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        // still 404 the same way for a chapter the caller can't see
                        return ChapterService.load(pool, chapterId, p, false, false)
                                .compose(l -> Future.failedFuture(notFound()));
                    }
                    Row v = rows.iterator().next();
                    return chapters.updateContent(
                            p,
                            chapterId,
                            new ChapterService.ContentUpdate(
                                    v.getString("title"),
                                    v.getString("content"),
                                    true,
                                    v.getString("author_note"),
                                    "Restored version " + number),
                            expected);
                });
    }

    private static Future<Row> version(SqlClient c, UUID chapterId, int number) {
        return c.preparedQuery(ChapterSql.GET_VERSION)
                .execute(Tuple.of(chapterId, number))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(notFound())
                        : Future.succeededFuture(rows.iterator().next()));
    }

    private static JsonObject summary(Row r) {
        UUID by = r.getUUID("changed_by");
        return new JsonObject()
                .put("versionNumber", r.getInteger("version_number"))
                .put("title", r.getString("title"))
                .put("wordCount", r.getInteger("word_count"))
                .put("changeNote", r.getString("change_note"))
                .put(
                        "changedBy",
                        by == null
                                ? null
                                : new JsonObject()
                                        .put("id", by.toString())
                                        .put("displayName", r.getString("changed_by_name")))
                .put("diffStats", r.getJsonObject("diff_stats"))
                .put("createdAt", Times.iso(r.getOffsetDateTime("created_at")));
    }

    private static ApiException notFound() {
        return new ApiException.NotFound("version.not_found", "No such version of this chapter.");
    }
}
