package io.quire.content;

import io.quire.platform.auth.Principal;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.quire.platform.outbox.Outbox;
import io.quire.platform.text.Markdown;
import io.quire.platform.text.Slugs;
import io.quire.platform.text.TextDiff;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Chapters: create, read, metadata and content edits with revision checks (two editors can never silently
 * overwrite each other), a version for every change of title, content or author note, autosave slots, soft
 * delete and restore. Markdown renders on a worker thread. Every change writes a {@code chapter.*} outbox row.
 */
public final class ChapterService {
    private final Vertx vertx;
    private final Pool pool;
    private final int retentionDays;

    public ChapterService(Vertx vertx, Pool pool, int retentionDays) {
        this.vertx = vertx;
        this.pool = pool;
        this.retentionDays = retentionDays;
    }

    /** A new chapter; nulls take defaults (next number, slug from the title, the series' access level). */
    public record NewChapter(
            String title,
            String content,
            String authorNote,
            BigDecimal chapterNumber,
            Integer volumeNumber,
            String slug,
            String accessLevel) {}

    /** Metadata PATCH; null = unchanged, except {@code volumeNumberSet}. */
    public record MetaUpdate(
            String title,
            BigDecimal chapterNumber,
            boolean volumeNumberSet,
            Integer volumeNumber,
            String slug,
            String authorNotePosition) {}

    /** New words for the chapter (title null keeps it; {@code authorNoteSet} false keeps the note). */
    public record ContentUpdate(
            String title, String content, boolean authorNoteSet, String authorNote, String changeNote) {}

    static Future<Loaded> load(SqlClient c, UUID chapterId, Principal p, boolean forUpdate, boolean allowDeleted) {
        return c.preparedQuery(forUpdate ? ChapterSql.FIND_WITH_ROLE_FOR_UPDATE : ChapterSql.FIND_WITH_ROLE)
                .execute(Tuple.of(chapterId, p.userId()))
                .map(rows -> {
                    if (rows.size() == 1 && rows.iterator().next().getValue("series_deleted_at") != null) {
                        throw new ApiException.NotFound("chapter.not_found", "Not found.");
                    }
                    return Loaded.of(rows, p, "chapter.not_found", allowDeleted);
                });
    }

    /** 412 unless {@code expected} (when given) is the row's current revision. */
    static void checkRevision(Row row, Long expected) {
        if (expected != null && expected.longValue() != row.getInteger("revision")) {
            throw new ApiException.PreconditionFailed(
                    "chapter.revision_stale",
                    "The chapter changed since you read it (now revision " + row.getInteger("revision")
                            + "); reload and merge.",
                    row.getInteger("revision"));
        }
    }

    // ---- create, read

    public Future<Chapter> create(Principal p, UUID seriesId, NewChapter in) {
        return render(in.content(), in.authorNote())
                .compose(r -> pool.withTransaction(tx -> SeriesService.load(tx, seriesId, p, false)
                        .compose(series -> {
                            series.membership().requireCreate();
                            return createIn(tx, p, series.row(), in, r, "Created");
                        })))
                .recover(ChapterService::uniqueAsConflict);
    }

    /**
     * Creates a chapter inside the caller's transaction (import creates many in one): number and order under
     * the series lock, a free slug, version 1, and the event. The caller checked permission and rendered.
     */
    Future<Chapter> createIn(SqlClient tx, Principal p, Row series, NewChapter in, Rendering r, String changeNote) {
        UUID seriesId = series.getUUID("id");
        return tx.preparedQuery(ChapterSql.LOCK_SERIES)
                .execute(Tuple.of(seriesId))
                .compose(locked ->
                        tx.preparedQuery(ChapterSql.NEXT_NUMBER_AND_ORDER).execute(Tuple.of(seriesId)))
                .compose(next -> {
                    Row n = next.iterator().next();
                    BigDecimal number = in.chapterNumber() != null
                            ? in.chapterNumber()
                            : n.get(Numeric.class, "next_number")
                                    .bigDecimalValue()
                                    .setScale(0, java.math.RoundingMode.FLOOR);
                    return slug(tx, seriesId, in.slug(), in.title(), number)
                            .compose(slug -> tx.preparedQuery(ChapterSql.INSERT)
                                    .execute(Tuple.tuple()
                                            .addUUID(Ids.newId())
                                            .addUUID(seriesId)
                                            .addUUID(series.getUUID("site_id"))
                                            .addUUID(p.userId())
                                            .addString(slug)
                                            .addValue(Numeric.create(number))
                                            .addValue(
                                                    in.volumeNumber() == null
                                                            ? null
                                                            : in.volumeNumber().shortValue())
                                            .addInteger(n.getInteger("next_order"))
                                            .addString(in.title())
                                            .addString(orEmpty(in.content()))
                                            .addString(r.content().html())
                                            .addInteger(r.content().wordCount())
                                            .addInteger(r.content().readingMinutes())
                                            .addString(in.authorNote())
                                            .addString(r.noteHtml())
                                            .addString(
                                                    in.accessLevel() != null
                                                            ? in.accessLevel()
                                                            : series.getString("default_access_level"))));
                })
                .map(rows -> new Chapter(rows.iterator().next()))
                .compose(ch -> insertVersion(
                                tx,
                                ch,
                                changeNote,
                                p.userId(),
                                new TextDiff.Stats(ch.row().getInteger("word_count"), 0, lineCount(in.content()), 0))
                        .map(v -> ch))
                .compose(ch -> event(tx, "chapter.created", ch).map(v -> ch));
    }

    private static Future<String> slug(SqlClient tx, UUID seriesId, String explicit, String title, BigDecimal number) {
        if (explicit != null) {
            return Future.succeededFuture(explicit);
        }
        String base = Slugs.from(
                title, "chapter-" + number.stripTrailingZeros().toPlainString().replace('.', '-'));
        return tx.preparedQuery(ChapterSql.SLUGS_LIKE)
                .execute(Tuple.of(seriesId, base))
                .map(rows -> {
                    Set<String> taken = new HashSet<>();
                    rows.forEach(r -> taken.add(r.getString("slug")));
                    return Slugs.unique(base, taken);
                });
    }

    public Future<JsonArray> list(Principal p, UUID seriesId, boolean includeDeleted) {
        return SeriesService.load(pool, seriesId, p, false)
                .compose(s -> pool.preparedQuery(ChapterSql.LIST_BY_SERIES).execute(Tuple.of(seriesId, includeDeleted)))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> out.add(new Chapter(r).toJson()));
                    return out;
                });
    }

    public Future<Chapter> get(Principal p, UUID chapterId) {
        return load(pool, chapterId, p, false, false).map(l -> new Chapter(l.row()));
    }

    // ---- edits

    public Future<Chapter> updateMeta(Principal p, UUID chapterId, MetaUpdate u, Long expected) {
        return pool.withTransaction(tx -> load(tx, chapterId, p, true, false).compose(l -> {
                    l.membership().requireEdit(l.row().getUUID("author_id"));
                    checkRevision(l.row(), expected);
                    boolean titleChanges =
                            u.title() != null && !u.title().equals(l.row().getString("title"));
                    Tuple t = Tuple.tuple()
                            .addUUID(chapterId)
                            .addString(u.title())
                            .addValue(u.chapterNumber() == null ? null : Numeric.create(u.chapterNumber()))
                            .addBoolean(u.volumeNumberSet())
                            .addValue(
                                    u.volumeNumber() == null
                                            ? null
                                            : u.volumeNumber().shortValue())
                            .addString(u.slug())
                            .addString(u.authorNotePosition())
                            .addBoolean(titleChanges);
                    return tx.preparedQuery(ChapterSql.UPDATE_META)
                            .execute(t)
                            .map(rows -> new Chapter(rows.iterator().next()))
                            .compose(ch -> titleChanges
                                    ? insertVersion(tx, ch, "Title changed", p.userId(), new TextDiff.Stats(0, 0, 0, 0))
                                            .map(v -> ch)
                                    : Future.succeededFuture(ch))
                            .compose(ch -> event(tx, "chapter.updated", ch).map(v -> ch));
                }))
                .recover(ChapterService::uniqueAsConflict);
    }

    /** New content: rendered, revision-checked under the row lock, versioned, and the editor's autosave cleared. */
    public Future<Chapter> updateContent(Principal p, UUID chapterId, ContentUpdate u, long expected) {
        return render(u.content(), u.authorNote())
                .compose(r -> pool.withTransaction(tx -> load(tx, chapterId, p, true, false)
                        .compose(l -> {
                            Row old = l.row();
                            l.membership().requireEdit(old.getUUID("author_id"));
                            checkRevision(old, expected);
                            String title = u.title() != null ? u.title() : old.getString("title");
                            String note = u.authorNoteSet() ? u.authorNote() : old.getString("author_note");
                            String noteHtml = u.authorNoteSet() ? r.noteHtml() : old.getString("author_note_html");
                            TextDiff.Stats stats = TextDiff.stats(old.getString("content"), u.content());
                            return tx.preparedQuery(ChapterSql.UPDATE_CONTENT)
                                    .execute(Tuple.tuple()
                                            .addUUID(chapterId)
                                            .addString(title)
                                            .addString(u.content())
                                            .addString(r.content().html())
                                            .addInteger(r.content().wordCount())
                                            .addInteger(r.content().readingMinutes())
                                            .addString(note)
                                            .addString(noteHtml))
                                    .map(rows -> new Chapter(rows.iterator().next()))
                                    .compose(ch -> insertVersion(tx, ch, u.changeNote(), p.userId(), stats)
                                            .map(v -> ch))
                                    .compose(ch -> tx.preparedQuery(ChapterSql.DELETE_AUTOSAVE)
                                            .execute(Tuple.of(chapterId, p.userId()))
                                            .map(v -> ch))
                                    .compose(ch ->
                                            event(tx, "chapter.updated", ch).map(v -> ch));
                        })));
    }

    public Future<Void> delete(Principal p, UUID chapterId) {
        return pool.withTransaction(tx -> load(tx, chapterId, p, true, false).compose(l -> {
            l.membership().requireEdit(l.row().getUUID("author_id"));
            return tx.preparedQuery(ChapterSql.SOFT_DELETE)
                    .execute(Tuple.of(chapterId))
                    .compose(rows -> event(
                            tx, "chapter.deleted", new Chapter(rows.iterator().next())));
        }));
    }

    public Future<Chapter> restore(Principal p, UUID chapterId) {
        return pool.withTransaction(tx -> load(tx, chapterId, p, true, true).compose(l -> {
                    l.membership().requireEdit(l.row().getUUID("author_id"));
                    if (l.row().getValue("deleted_at") == null) {
                        return Future.failedFuture(new ApiException.Conflict(
                                "chapter.not_deleted", "The chapter is not deleted.", List.of()));
                    }
                    return tx.preparedQuery(ChapterSql.RESTORE)
                            .execute(Tuple.of(chapterId, retentionDays))
                            .compose(rows -> rows.size() == 0
                                    ? Future.failedFuture(new ApiException.NotFound(
                                            "chapter.not_found", "Not found (deleted too long ago)."))
                                    : Future.succeededFuture(
                                            new Chapter(rows.iterator().next())))
                            .compose(ch -> event(tx, "chapter.restored", ch).map(v -> ch));
                }))
                .recover(ChapterService::uniqueAsConflict);
    }

    // ---- autosave: one slot per chapter per user, in PostgreSQL, no versions

    public Future<JsonObject> autosave(
            Principal p, UUID chapterId, String title, String content, String authorNote, long baseRevision) {
        return load(pool, chapterId, p, false, false).compose(l -> {
            l.membership().requireEdit(l.row().getUUID("author_id"));
            return pool.preparedQuery(ChapterSql.UPSERT_AUTOSAVE)
                    .execute(Tuple.of(chapterId, p.userId(), title, content, authorNote, (int) baseRevision))
                    .map(rows -> new JsonObject()
                            .put("chapterId", chapterId.toString())
                            .put("baseRevision", baseRevision)
                            .put("savedAt", Times.iso(rows.iterator().next().getOffsetDateTime("saved_at")))
                            .put("stale", baseRevision != l.row().getInteger("revision")));
        });
    }

    /** The caller's autosave, {@code stale} when the chapter moved on since its base revision. */
    public Future<JsonObject> getAutosave(Principal p, UUID chapterId) {
        return load(pool, chapterId, p, false, false)
                .compose(l -> pool.preparedQuery(ChapterSql.GET_AUTOSAVE)
                        .execute(Tuple.of(chapterId, p.userId()))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                return Future.failedFuture(new ApiException.NotFound(
                                        "autosave.not_found", "Nothing autosaved for this chapter."));
                            }
                            Row a = rows.iterator().next();
                            int current = l.row().getInteger("revision");
                            return Future.succeededFuture(new JsonObject()
                                    .put("chapterId", chapterId.toString())
                                    .put("title", a.getString("title"))
                                    .put("content", a.getString("content"))
                                    .put("authorNote", a.getString("author_note"))
                                    .put("baseRevision", a.getInteger("base_revision"))
                                    .put("currentRevision", current)
                                    .put("stale", a.getInteger("base_revision") != current)
                                    .put("savedAt", Times.iso(a.getOffsetDateTime("saved_at"))));
                        }));
    }

    public Future<Void> deleteAutosave(Principal p, UUID chapterId) {
        return load(pool, chapterId, p, false, false)
                .compose(l -> pool.preparedQuery(ChapterSql.DELETE_AUTOSAVE).execute(Tuple.of(chapterId, p.userId())))
                .compose(rows -> rows.rowCount() == 0
                        ? Future.failedFuture(
                                new ApiException.NotFound("autosave.not_found", "Nothing autosaved for this chapter."))
                        : Future.succeededFuture());
    }

    // ---- shared steps

    /** Rendered content and author note. */
    record Rendering(Markdown.Rendered content, String noteHtml) {}

    Future<Rendering> render(String content, String authorNote) {
        return vertx.executeBlocking(
                () -> new Rendering(
                        Markdown.render(orEmpty(content)),
                        authorNote == null ? null : Markdown.render(authorNote).html()),
                false);
    }

    static Future<Void> insertVersion(SqlClient tx, Chapter ch, String changeNote, UUID by, TextDiff.Stats stats) {
        Row r = ch.row();
        return tx.preparedQuery(ChapterSql.INSERT_VERSION)
                .execute(Tuple.tuple()
                        .addUUID(ch.id())
                        .addInteger(r.getInteger("current_version"))
                        .addString(r.getString("title"))
                        .addString(r.getString("content"))
                        .addString(r.getString("author_note"))
                        .addInteger(r.getInteger("word_count"))
                        .addString(changeNote)
                        .addUUID(by)
                        .addValue(stats.toJson()))
                .mapEmpty();
    }

    static Future<Void> event(SqlClient tx, String topic, Chapter ch) {
        return Outbox.append(
                        tx,
                        topic,
                        ch.id().toString(),
                        new JsonObject()
                                .put("chapterId", ch.id().toString())
                                .put("seriesId", ch.seriesId().toString())
                                .put("siteId", ch.siteId().toString())
                                .put("revision", ch.revision())
                                .put("status", ch.status()))
                .mapEmpty();
    }

    static <T> Future<T> uniqueAsConflict(Throwable e) {
        if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            boolean number = String.valueOf(pg.getMessage()).contains("number");
            return Future.failedFuture(new ApiException.Conflict(
                    number ? "chapter.number_taken" : "chapter.slug_taken",
                    number
                            ? "Another chapter of this series has that number in that volume."
                            : "Another chapter of this series has that slug.",
                    List.of(new ApiException.FieldError(number ? "chapterNumber" : "slug", "is already taken"))));
        }
        return Future.failedFuture(e);
    }

    static String orEmpty(String s) {
        return Objects.requireNonNullElse(s, "");
    }

    static int lineCount(String s) {
        return s == null || s.isEmpty() ? 0 : s.split("\r?\n", -1).length;
    }
}
