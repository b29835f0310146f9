package io.quire.content;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Chapters: writing with revisions, versions, autosave, the status machine, access, permissions, deletion. */
class ChaptersTest extends SharedApp {
    /** An author with a site and a series. */
    record Setup(Authoring.User author, String siteId, String seriesId) {}

    static Setup setup() {
        Authoring.User author = fixtures.author();
        String site = fixtures.site(author).getString("id");
        return new Setup(author, site, fixtures.series(author, site).getString("id"));
    }

    static HttpResponse<Buffer> putContent(String id, String token, String ifMatch, JsonObject body) {
        var request =
                app.client.put("/api/v1/chapters/" + id + "/content").putHeader("Authorization", "Bearer " + token);
        if (ifMatch != null) {
            request.putHeader("If-Match", ifMatch);
        }
        try {
            return request.sendJsonObject(body).await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void createNumbersSlugsAndRendersMarkdown() {
        Setup s = setup();
        JsonObject first = fixtures.chapter(s.author(), s.seriesId(), "Prologue", "It was a *dark* night.");
        assertEquals(1.0, first.getDouble("chapterNumber"));
        assertEquals("prologue", first.getString("slug"));
        assertEquals(5, first.getInteger("wordCount"));
        assertEquals("DRAFT", first.getString("status"));
        assertEquals(1, first.getInteger("currentVersion"));
        JsonObject second = fixtures.chapter(s.author(), s.seriesId(), "Prologue", "");
        assertEquals(2.0, second.getDouble("chapterNumber"));
        assertEquals("prologue-2", second.getString("slug"));
        JsonObject interlude = ok(
                api.post(
                        "/api/v1/series/" + s.seriesId() + "/chapters",
                        new JsonObject().put("title", "Interlude").put("chapterNumber", 1.5),
                        s.author().token()),
                201);
        assertEquals(1.5, interlude.getDouble("chapterNumber"));
        problem(
                api.post(
                        "/api/v1/series/" + s.seriesId() + "/chapters",
                        new JsonObject().put("title", "Dup").put("chapterNumber", 2),
                        s.author().token()),
                409,
                "chapter.number_taken");
        problem(
                api.post(
                        "/api/v1/series/" + s.seriesId() + "/chapters",
                        new JsonObject().put("title", "Bad").put("chapterNumber", -1),
                        s.author().token()),
                422,
                "request.invalid");
        JsonArray list = ok(
                        api.get(
                                "/api/v1/series/" + s.seriesId() + "/chapters",
                                s.author().token()),
                        200)
                .getJsonArray("data");
        assertEquals(3, list.size());
        JsonObject content = ok(
                api.get(
                        "/api/v1/chapters/" + first.getString("id") + "/content",
                        s.author().token()),
                200);
        assertEquals("<p>It was a <em>dark</em> night.</p>\n", content.getString("contentHtml"));
        assertEquals(List.of("chapter.created"), fixtures.events(first.getString("id")));
    }

    @Test
    void concurrentCreatesInOneSeriesAllGetTheirOwnNumberAndSlug() throws Exception {
        Setup s = setup();
        List<Future<HttpResponse<Buffer>>> creates = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            creates.add(app.client
                    .post("/api/v1/series/" + s.seriesId() + "/chapters")
                    .putHeader("Authorization", "Bearer " + s.author().token())
                    .sendJsonObject(new JsonObject().put("title", "Same title")));
        }
        Future.join(creates).await(20, TimeUnit.SECONDS);
        for (var f : creates) {
            assertEquals(201, f.result().statusCode(), f.result().bodyAsString());
        }
        JsonArray list = ok(
                        api.get(
                                "/api/v1/series/" + s.seriesId() + "/chapters",
                                s.author().token()),
                        200)
                .getJsonArray("data");
        assertEquals(
                10,
                list.stream()
                        .map(c -> ((JsonObject) c).getDouble("chapterNumber"))
                        .distinct()
                        .count());
        assertEquals(
                10,
                list.stream()
                        .map(c -> ((JsonObject) c).getString("slug"))
                        .distinct()
                        .count());
    }

    @Test
    void contentChangesNeedTheBaseRevisionAndStaleOnesAre412() {
        Setup s = setup();
        String id = fixtures.chapter(s.author(), s.seriesId(), "One", "First draft.")
                .getString("id");
        problem(
                putContent(id, s.author().token(), null, new JsonObject().put("content", "x")),
                428,
                "precondition.required");
        var saved = putContent(
                id,
                s.author().token(),
                "\"r1\"",
                new JsonObject().put("content", "Second draft.").put("changeNote", "tighter"));
        assertEquals("\"r2\"", saved.getHeader("ETag"));
        assertEquals(2, ok(saved, 200).getInteger("currentVersion"));
        JsonObject stale = problem(
                putContent(id, s.author().token(), "\"r1\"", new JsonObject().put("content", "Lost edit.")),
                412,
                "chapter.revision_stale");
        assertEquals(2, stale.getInteger("currentRevision"));
        ok(
                putContent(
                        id,
                        s.author().token(),
                        null,
                        new JsonObject().put("content", "Third.").put("baseRevision", 2)),
                200);
        problem(
                api.patch(
                        "/api/v1/chapters/" + id,
                        new JsonObject().put("title", "Renamed"),
                        s.author().token()),
                428,
                "precondition.required");
        ok(
                api.patch(
                        "/api/v1/chapters/" + id,
                        new JsonObject().put("volumeNumber", 2),
                        s.author().token()),
                200);
        JsonObject renamed = ok(
                api.patch(
                        "/api/v1/chapters/" + id,
                        new JsonObject().put("title", "Renamed").put("baseRevision", 4),
                        s.author().token()),
                200);
        assertEquals(4, renamed.getInteger("currentVersion"), "a title change is a version too");
        assertEquals(
                List.of("chapter.created", "chapter.updated", "chapter.updated", "chapter.updated", "chapter.updated"),
                fixtures.events(id));
    }

    @Test
    void twoConcurrentEditsOnTheSameRevisionExactlyOneWins() throws Exception {
        Setup s = setup();
        String id = fixtures.chapter(s.author(), s.seriesId(), "Race", "Base.").getString("id");
        List<Future<HttpResponse<Buffer>>> edits = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            edits.add(app.client
                    .put("/api/v1/chapters/" + id + "/content")
                    .putHeader("Authorization", "Bearer " + s.author().token())
                    .putHeader("If-Match", "\"r1\"")
                    .sendJsonObject(new JsonObject().put("content", "Edit " + i)));
        }
        Future.join(edits).await(20, TimeUnit.SECONDS);
        long won = edits.stream().filter(f -> f.result().statusCode() == 200).count();
        long lost = edits.stream().filter(f -> f.result().statusCode() == 412).count();
        assertEquals(1, won);
        assertEquals(5, lost);
        JsonObject content =
                ok(api.get("/api/v1/chapters/" + id + "/content", s.author().token()), 200);
        assertEquals(2, content.getInteger("revision"));
        String winner = edits.stream()
                .filter(f -> f.result().statusCode() == 200)
                .findFirst()
                .orElseThrow()
                .result()
                .bodyAsJsonObject()
                .getString("content");
        assertEquals(winner, content.getString("content"), "the stored words are the winner's, whole");
    }

    @Test
    void versionsListDiffCompareAndRestoreWithoutRewritingHistory() {
        Setup s = setup();
        String id = fixtures.chapter(s.author(), s.seriesId(), "V", "one two three\nfour")
                .getString("id");
        ok(
                putContent(
                        id,
                        s.author().token(),
                        "\"r1\"",
                        new JsonObject().put("content", "one two three\nfour five\nsix")),
                200);
        ok(putContent(id, s.author().token(), "\"r2\"", new JsonObject().put("content", "rewritten entirely")), 200);

        JsonArray versions = ok(
                        api.get(
                                "/api/v1/chapters/" + id + "/versions",
                                s.author().token()),
                        200)
                .getJsonArray("data");
        assertEquals(
                List.of(3, 2, 1),
                versions.stream()
                        .map(v -> ((JsonObject) v).getInteger("versionNumber"))
                        .toList());
        JsonObject v2stats = versions.getJsonObject(1).getJsonObject("diffStats");
        assertEquals(2, v2stats.getInteger("wordsAdded"));
        assertEquals(1, v2stats.getInteger("linesAdded") - v2stats.getInteger("linesRemoved"));
        JsonObject page = ok(
                api.get(
                        "/api/v1/chapters/" + id + "/versions?limit=2",
                        s.author().token()),
                200);
        assertEquals("2", page.getString("nextCursor"));
        assertEquals(
                1,
                ok(
                                api.get(
                                        "/api/v1/chapters/" + id + "/versions?before=2",
                                        s.author().token()),
                                200)
                        .getJsonArray("data")
                        .size());

        JsonObject diff = ok(
                api.get(
                        "/api/v1/chapters/" + id + "/versions/1/diff",
                        s.author().token()),
                200);
        assertEquals("current", diff.getString("to"));
        assertTrue(diff.getString("unifiedDiff").contains("-one two three")
                && diff.getString("unifiedDiff").contains("+rewritten entirely"));
        JsonObject compare = ok(
                api.get(
                        "/api/v1/chapters/" + id + "/versions/compare/1/2",
                        s.author().token()),
                200);
        assertTrue(compare.getString("unifiedDiff").contains("+four five"), compare.encode());
        assertEquals(
                "one two three\nfour",
                ok(api.get("/api/v1/chapters/" + id + "/versions/1", s.author().token()), 200)
                        .getString("content"));
        problem(api.get("/api/v1/chapters/" + id + "/versions/9", s.author().token()), 404, "version.not_found");

        problem(
                api.post(
                        "/api/v1/chapters/" + id + "/versions/1/restore",
                        null,
                        s.author().token()),
                428,
                "precondition.required");
        var restored = app.client
                .post("/api/v1/chapters/" + id + "/versions/1/restore")
                .putHeader("Authorization", "Bearer " + s.author().token())
                .putHeader("If-Match", "\"r3\"")
                .send();
        JsonObject after = ok(await(restored), 200);
        assertEquals("one two three\nfour", after.getString("content"));
        assertEquals(4, after.getInteger("currentVersion"), "restoring adds a version");
        JsonObject newest = ok(
                        api.get(
                                "/api/v1/chapters/" + id + "/versions?limit=1",
                                s.author().token()),
                        200)
                .getJsonArray("data")
                .getJsonObject(0);
        assertEquals("Restored version 1", newest.getString("changeNote"));
        assertEquals(
                4,
                ok(api.get("/api/v1/chapters/" + id + "/versions", s.author().token()), 200)
                        .getJsonArray("data")
                        .size());
    }

    @Test
    void autosaveIsPerUserAndFlagsStaleWhenTheChapterMovedOn() {
        Setup s = setup();
        String id = fixtures.chapter(s.author(), s.seriesId(), "A", "Start.").getString("id");
        problem(api.get("/api/v1/chapters/" + id + "/autosave", s.author().token()), 404, "autosave.not_found");
        problem(
                api.post(
                        "/api/v1/chapters/" + id + "/autosave",
                        new JsonObject().put("content", "draft"),
                        s.author().token()),
                428,
                "precondition.required");
        JsonObject saved = ok(
                api.post(
                        "/api/v1/chapters/" + id + "/autosave",
                        new JsonObject().put("content", "Start. And more").put("baseRevision", 1),
                        s.author().token()),
                200);
        assertFalse(saved.getBoolean("stale"));
        JsonObject fresh =
                ok(api.get("/api/v1/chapters/" + id + "/autosave", s.author().token()), 200);
        assertEquals("Start. And more", fresh.getString("content"));
        assertFalse(fresh.getBoolean("stale"));
        assertEquals(
                1,
                ok(api.get("/api/v1/chapters/" + id + "/versions", s.author().token()), 200)
                        .getJsonArray("data")
                        .size(),
                "autosave makes no version");

        Authoring.User editor = fixtures.reader();
        fixtures.collaborator(s.siteId(), editor, "EDITOR", new JsonObject());
        ok(putContent(id, editor.token(), "\"r1\"", new JsonObject().put("content", "The editor's version.")), 200);
        JsonObject stale =
                ok(api.get("/api/v1/chapters/" + id + "/autosave", s.author().token()), 200);
        assertTrue(stale.getBoolean("stale"));
        assertEquals(2, stale.getInteger("currentRevision"));

        ok(putContent(id, s.author().token(), "\"r2\"", new JsonObject().put("content", "Merged.")), 200);
        problem(api.get("/api/v1/chapters/" + id + "/autosave", s.author().token()), 404, "autosave.not_found");
        ok(
                api.post(
                        "/api/v1/chapters/" + id + "/autosave",
                        new JsonObject().put("content", "x").put("baseRevision", 3),
                        s.author().token()),
                200);
        ok(api.delete("/api/v1/chapters/" + id + "/autosave", s.author().token()), 204);
        problem(api.delete("/api/v1/chapters/" + id + "/autosave", s.author().token()), 404, "autosave.not_found");
    }

    @Test
    void theStatusMachine() {
        Setup s = setup();
        String id = fixtures.chapter(s.author(), s.seriesId(), "S", "x").getString("id");
        JsonObject illegal = problem(
                api.post("/api/v1/chapters/" + id + "/archive", null, s.author().token()),
                409,
                "chapter.illegal_transition");
        assertEquals("DRAFT", illegal.getString("currentStatus"));
        JsonObject published = ok(
                api.post("/api/v1/chapters/" + id + "/publish", null, s.author().token()), 200);
        assertEquals("PUBLISHED", published.getString("status"));
        assertNotNull(published.getString("publishedAt"));
        problem(
                api.post("/api/v1/chapters/" + id + "/publish", null, s.author().token()),
                409,
                "chapter.illegal_transition");
        assertEquals(
                "ARCHIVED",
                ok(
                                api.post(
                                        "/api/v1/chapters/" + id + "/archive",
                                        null,
                                        s.author().token()),
                                200)
                        .getString("status"));
        assertEquals(
                "PUBLISHED",
                ok(
                                api.post(
                                        "/api/v1/chapters/" + id + "/unarchive",
                                        null,
                                        s.author().token()),
                                200)
                        .getString("status"));
        JsonObject draft = ok(
                api.post(
                        "/api/v1/chapters/" + id + "/unpublish",
                        null,
                        s.author().token()),
                200);
        assertEquals("DRAFT", draft.getString("status"));
        assertEquals(null, draft.getString("publishedAt"));

        problem(
                api.post(
                        "/api/v1/chapters/" + id + "/schedule",
                        new JsonObject()
                                .put("scheduledAt", "2001-01-01T00:00:00Z")
                                .put("timezone", "UTC"),
                        s.author().token()),
                422,
                "request.invalid");
        problem(
                api.post(
                        "/api/v1/chapters/" + id + "/schedule",
                        new JsonObject().put("scheduledAt", "2099-01-01T09:00").put("timezone", "Mars/Olympus"),
                        s.author().token()),
                422,
                "request.invalid");
        JsonObject scheduled = ok(
                api.post(
                        "/api/v1/chapters/" + id + "/schedule",
                        new JsonObject().put("scheduledAt", "2099-01-01T09:00").put("timezone", "Asia/Kolkata"),
                        s.author().token()),
                200);
        assertEquals("SCHEDULED", scheduled.getString("status"));
        assertEquals("2099-01-01T03:30:00Z", scheduled.getString("scheduledAt"), "a local time read in its zone");
        assertEquals(
                "2099-01-01T04:30:00Z",
                ok(
                                api.patch(
                                        "/api/v1/chapters/" + id + "/schedule",
                                        new JsonObject()
                                                .put("scheduledAt", "2099-01-01T10:00")
                                                .put("timezone", "Asia/Kolkata"),
                                        s.author().token()),
                                200)
                        .getString("scheduledAt"));
        assertEquals(
                "DRAFT",
                ok(api.delete("/api/v1/chapters/" + id + "/schedule", s.author().token()), 200)
                        .getString("status"));
        problem(
                api.delete("/api/v1/chapters/" + id + "/schedule", s.author().token()),
                409,
                "chapter.illegal_transition");
    }

    @Test
    void accessLevelsAndScheduledFree() {
        Setup s = setup();
        String id = fixtures.chapter(s.author(), s.seriesId(), "Paid", "x").getString("id");
        problem(
                api.patch(
                        "/api/v1/chapters/" + id + "/access",
                        new JsonObject().put("accessLevel", "SPECIFIC_TIER"),
                        s.author().token()),
                422,
                "request.invalid");
        JsonObject paid = ok(
                api.patch(
                        "/api/v1/chapters/" + id + "/access",
                        new JsonObject()
                                .put("accessLevel", "SUBSCRIBERS")
                                .put("previewParagraphs", 2)
                                .put("paywallMessage", "Subscribe to read on"),
                        s.author().token()),
                200);
        assertEquals("SUBSCRIBERS", paid.getString("accessLevel"));
        JsonObject access =
                ok(api.get("/api/v1/chapters/" + id + "/access", s.author().token()), 200);
        assertEquals(2, access.getInteger("previewParagraphs"));
        problem(
                api.post(
                        "/api/v1/chapters/" + id + "/schedule-free",
                        null,
                        s.author().token()),
                422,
                "request.invalid");
        JsonObject free = ok(
                api.post(
                        "/api/v1/chapters/" + id + "/schedule-free",
                        new JsonObject().put("scheduledFreeAt", "2099-06-01T00:00:00Z"),
                        s.author().token()),
                200);
        assertEquals("SCHEDULED_FREE", free.getString("accessLevel"));
        assertEquals("2099-06-01T00:00:00Z", free.getString("scheduledFreeAt"));
        JsonObject cancelled = ok(
                api.delete(
                        "/api/v1/chapters/" + id + "/schedule-free", s.author().token()),
                200);
        assertEquals("SUBSCRIBERS", cancelled.getString("accessLevel"));
        problem(
                api.patch(
                        "/api/v1/chapters/" + id + "/schedule-free",
                        new JsonObject().put("scheduledFreeAt", "2099-07-01T00:00:00Z"),
                        s.author().token()),
                409,
                "chapter.no_free_schedule");
    }

    @Test
    void writersEditTheirOwnChaptersAndPublishOnlyWithPermission() {
        Setup s = setup();
        String ownersChapter =
                fixtures.chapter(s.author(), s.seriesId(), "Owner's", "x").getString("id");
        Authoring.User writer = fixtures.reader();
        fixtures.collaborator(s.siteId(), writer, "WRITER", new JsonObject());
        String writersChapter =
                fixtures.chapter(writer, s.seriesId(), "Writer's", "y").getString("id");
        ok(putContent(writersChapter, writer.token(), "\"r1\"", new JsonObject().put("content", "mine")), 200);
        problem(
                putContent(ownersChapter, writer.token(), "\"r1\"", new JsonObject().put("content", "hijack")),
                403,
                "site.forbidden");
        problem(
                api.post("/api/v1/chapters/" + writersChapter + "/publish", null, writer.token()),
                403,
                "site.forbidden");

        Authoring.User trusted = fixtures.reader();
        fixtures.collaborator(s.siteId(), trusted, "WRITER", new JsonObject().put("publish", true));
        String trustedChapter =
                fixtures.chapter(trusted, s.seriesId(), "Trusted", "z").getString("id");
        ok(api.post("/api/v1/chapters/" + trustedChapter + "/publish", null, trusted.token()), 200);

        Authoring.User viewer = fixtures.reader();
        fixtures.collaborator(s.siteId(), viewer, "VIEWER", new JsonObject());
        ok(api.get("/api/v1/chapters/" + ownersChapter + "/content", viewer.token()), 200);
        problem(
                api.post(
                        "/api/v1/series/" + s.seriesId() + "/chapters",
                        new JsonObject().put("title", "no"),
                        viewer.token()),
                403,
                "site.forbidden");
        problem(api.get("/api/v1/chapters/" + ownersChapter, fixtures.author().token()), 404, "chapter.not_found");
        problem(api.get("/api/v1/chapters/" + ownersChapter, null), 401, "auth.unauthenticated");
    }

    @Test
    void deleteAndRestore() {
        Setup s = setup();
        String id = fixtures.chapter(s.author(), s.seriesId(), "Gone", "x").getString("id");
        ok(api.delete("/api/v1/chapters/" + id, s.author().token()), 204);
        problem(api.get("/api/v1/chapters/" + id, s.author().token()), 404, "chapter.not_found");
        assertEquals(
                0,
                ok(
                                api.get(
                                        "/api/v1/series/" + s.seriesId() + "/chapters",
                                        s.author().token()),
                                200)
                        .getJsonArray("data")
                        .size());
        assertEquals(
                1,
                ok(
                                api.get(
                                        "/api/v1/series/" + s.seriesId() + "/chapters?includeDeleted=true",
                                        s.author().token()),
                                200)
                        .getJsonArray("data")
                        .size());
        ok(api.post("/api/v1/chapters/" + id + "/restore", null, s.author().token()), 200);
        problem(api.post("/api/v1/chapters/" + id + "/restore", null, s.author().token()), 409, "chapter.not_deleted");
        assertEquals(List.of("chapter.created", "chapter.deleted", "chapter.restored"), fixtures.events(id));
    }

    @Test
    void softDeletedChaptersArePurgedAfterTheRetention() throws Exception {
        Setup s = setup();
        String gone = fixtures.chapter(s.author(), s.seriesId(), "Old", "x").getString("id");
        String recent =
                fixtures.chapter(s.author(), s.seriesId(), "Recent", "y").getString("id");
        ok(api.delete("/api/v1/chapters/" + gone, s.author().token()), 204);
        ok(api.delete("/api/v1/chapters/" + recent, s.author().token()), 204);
        app.db
                .preparedQuery("UPDATE chapters SET deleted_at = now() - interval '31 days' WHERE id = $1")
                .execute(io.vertx.sqlclient.Tuple.of(UUID.fromString(gone)))
                .await(5, TimeUnit.SECONDS);
        app.db
                .query(
                        "INSERT INTO jobs (id, type, max_attempts) VALUES (gen_random_uuid(), 'content.purge_deleted', 3)")
                .execute()
                .await(5, TimeUnit.SECONDS);
        io.quire.testing.Eventually.await(
                () -> {
                    try {
                        return app.db
                                        .preparedQuery("SELECT count(*) FROM chapters WHERE id = $1")
                                        .execute(io.vertx.sqlclient.Tuple.of(UUID.fromString(gone)))
                                        .await(5, TimeUnit.SECONDS)
                                        .iterator()
                                        .next()
                                        .getLong(0)
                                == 0;
                    } catch (Exception e) {
                        return false;
                    }
                },
                5000,
                "the purge job");
        ok(api.post("/api/v1/chapters/" + recent + "/restore", null, s.author().token()), 200);
    }

    @Test
    void aFreeUnlockDefaultsToPublicationPlusTheSeriesEarlyAccessDays() {
        Setup s = setup();
        ok(
                api.patch(
                        "/api/v1/series/" + s.seriesId(),
                        new JsonObject().put("earlyAccessDays", 7),
                        s.author().token()),
                200);
        String id = fixtures.chapter(s.author(), s.seriesId(), "Early", "x").getString("id");
        ok(
                api.patch(
                        "/api/v1/chapters/" + id + "/access",
                        new JsonObject().put("accessLevel", "SUBSCRIBERS"),
                        s.author().token()),
                200);
        String publishedAt = ok(
                        api.post(
                                "/api/v1/chapters/" + id + "/publish",
                                null,
                                s.author().token()),
                        200)
                .getString("publishedAt");
        JsonObject free = ok(
                api.post(
                        "/api/v1/chapters/" + id + "/schedule-free",
                        null,
                        s.author().token()),
                200);
        assertEquals(
                java.time.Instant.parse(publishedAt).plus(java.time.Duration.ofDays(7)),
                java.time.Instant.parse(free.getString("scheduledFreeAt")));
    }

    private static HttpResponse<Buffer> await(Future<HttpResponse<Buffer>> f) {
        try {
            return f.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
