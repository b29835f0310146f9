package io.quire.engagement;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Chapter comments: threads, two levels per page, moderation modes, tombstones, edits, locked chapters. */
class CommentsTest extends SharedApp {
    static Authoring.User owner;
    static String site;
    static String series;

    @BeforeAll
    static void site() {
        owner = fixtures.author();
        site = fixtures.site(owner).getString("id");
        series = fixtures.series(owner, site).getString("id");
        ok(api.post("/api/v1/series/" + series + "/publish", null, owner.token()), 200);
    }

    private static String chapter() {
        String id = fixtures.chapter(
                        owner, series, "Chapter " + UUID.randomUUID().toString().substring(0, 6), "Text.")
                .getString("id");
        ok(api.post("/api/v1/chapters/" + id + "/publish", null, owner.token()), 200);
        return id;
    }

    private static JsonObject comment(String chapter, Authoring.User who, String text) {
        return ok(
                api.post(
                        "/api/v1/chapters/" + chapter + "/comments",
                        new JsonObject().put("content", text),
                        who.token()),
                201);
    }

    private static JsonObject reply(String comment, Authoring.User who, String text) {
        return ok(
                api.post("/api/v1/comments/" + comment + "/reply", new JsonObject().put("content", text), who.token()),
                201);
    }

    private static JsonObject list(String chapter, String query, Authoring.User who) {
        return ok(api.get("/api/v1/chapters/" + chapter + "/comments" + query, who == null ? null : who.token()), 200);
    }

    private static List<String> ids(JsonArray list) {
        return list.stream().map(c -> ((JsonObject) c).getString("id")).toList();
    }

    @Test
    void threadsAreListedTwoLevelsAtATimeAndPagedEachWay() {
        String chapter = chapter();
        Authoring.User a = fixtures.reader();
        Authoring.User b = fixtures.reader();
        JsonObject first = comment(chapter, a, "First! *Loved* it, see https://example.com");
        JsonObject second = comment(chapter, b, "Second, with `code`.");
        assertEquals("VISIBLE", first.getString("status"));
        assertTrue(first.getString("contentHtml").contains("<em>Loved</em>"));
        assertTrue(
                first.getString("contentHtml").matches("(?s).*rel=\"[^\"]*nofollow[^\"]*\".*"),
                first.getString("contentHtml"));
        JsonObject r1 = reply(first.getString("id"), b, "a reply");
        reply(first.getString("id"), a, "another");
        JsonObject deep = reply(r1.getString("id"), a, "deeper");
        assertEquals(2, deep.getInteger("depth"));

        JsonObject newest = list(chapter, "", null);
        assertEquals(List.of(second.getString("id"), first.getString("id")), ids(newest.getJsonArray("data")));
        JsonObject top = newest.getJsonArray("data").getJsonObject(1);
        assertEquals(2, top.getInteger("replyCount"));
        assertEquals(2, top.getJsonArray("replies").size());
        assertEquals(
                1,
                top.getJsonArray("replies").getJsonObject(0).getInteger("replyCount"),
                "the third level is fetched on demand");
        assertEquals(
                List.of(deep.getString("id")),
                ids(ok(api.get("/api/v1/comments/" + r1.getString("id") + "/replies", null), 200)
                        .getJsonArray("data")));

        JsonObject oldestPage = list(chapter, "?sort=oldest&limit=1", null);
        assertEquals(List.of(first.getString("id")), ids(oldestPage.getJsonArray("data")));
        assertEquals(
                List.of(second.getString("id")),
                ids(list(chapter, "?sort=oldest&limit=1&cursor=" + oldestPage.getString("nextCursor"), null)
                        .getJsonArray("data")));
        problem(
                api.get(
                        "/api/v1/chapters/" + chapter + "/comments?sort=newest&cursor="
                                + oldestPage.getString("nextCursor"),
                        null),
                400,
                "request.bad_cursor");
        assertEquals(2, list(chapter, "?sort=top", null).getJsonArray("data").size());

        // a reply notifies the comment's writer, not the replier
        assertTrue(ok(api.get("/api/v1/notifications?type=COMMENT_REPLY", a.token()), 200)
                        .getJsonArray("data")
                        .size()
                >= 1);
    }

    @Test
    void preModerationHoldsCommentsUntilApproved() {
        String chapter = chapter();
        app.count("UPDATE sites SET comments_moderation_mode = 'pre' WHERE id = '" + site + "' RETURNING 1");
        try {
            Authoring.User writer = fixtures.reader();
            JsonObject held = comment(chapter, writer, "Hold me");
            assertEquals("PENDING", held.getString("status"));
            assertEquals(
                    0, list(chapter, "", fixtures.reader()).getJsonArray("data").size(), "others do not see it");
            assertEquals(1, list(chapter, "", writer).getJsonArray("data").size(), "its writer does");
            JsonObject asOwner = list(chapter, "", owner).getJsonArray("data").getJsonObject(0);
            assertEquals("pre_moderation", asOwner.getString("heldReason"));
            problem(
                    api.get(
                            "/api/v1/comments/" + held.getString("id"),
                            fixtures.reader().token()),
                    404,
                    "comment.not_found");
            problem(
                    api.post(
                            "/api/v1/comments/" + held.getString("id") + "/reply",
                            new JsonObject().put("content", "me too"),
                            writer.token()),
                    409,
                    "comment.not_replyable");
            assertEquals(
                    "VISIBLE",
                    ok(api.post("/api/v1/comments/" + held.getString("id") + "/unhide", null, owner.token()), 200)
                            .getString("status"));
            assertEquals(1, list(chapter, "", null).getJsonArray("data").size());
            assertEquals(
                    "VISIBLE",
                    comment(chapter, owner, "Moderators are not held").getString("status"));
        } finally {
            app.count("UPDATE sites SET comments_moderation_mode = 'post' WHERE id = '" + site + "' RETURNING 1");
        }
    }

    @Test
    void linkHeavyAndRepeatedCommentsAreHeld() {
        String chapter = chapter();
        Authoring.User spammer = fixtures.reader();
        JsonObject links =
                comment(chapter, spammer, "http://a.example http://b.example http://c.example http://d.example");
        assertEquals("PENDING", links.getString("status"));
        assertEquals("VISIBLE", comment(chapter, spammer, "same words").getString("status"));
        assertEquals("PENDING", comment(chapter, spammer, "same words").getString("status"));
        assertEquals(
                "duplicate",
                list(chapter, "", owner).getJsonArray("data").getJsonObject(0).getString("heldReason"));
    }

    @Test
    void deletingACommentWithRepliesLeavesATombstone() {
        String chapter = chapter();
        Authoring.User a = fixtures.reader();
        JsonObject parent = comment(chapter, a, "parent");
        JsonObject child = reply(parent.getString("id"), fixtures.reader(), "child");
        JsonObject lonely = comment(chapter, a, "lonely");
        ok(api.delete("/api/v1/comments/" + parent.getString("id"), a.token()), 204);
        ok(api.delete("/api/v1/comments/" + lonely.getString("id"), a.token()), 204);
        JsonArray data = list(chapter, "", null).getJsonArray("data");
        assertEquals(
                List.of(parent.getString("id")), ids(data), "the lonely comment is gone, the parent is a tombstone");
        JsonObject tomb = data.getJsonObject(0);
        assertTrue(tomb.getBoolean("deleted"));
        assertNull(tomb.getString("content"));
        assertNull(tomb.getJsonObject("author"));
        assertEquals(List.of(child.getString("id")), ids(tomb.getJsonArray("replies")));
        problem(api.get("/api/v1/comments/" + lonely.getString("id"), null), 404, "comment.not_found");
        problem(
                api.patch(
                        "/api/v1/comments/" + parent.getString("id"),
                        new JsonObject().put("content", "back"),
                        a.token()),
                409,
                "comment.deleted");
    }

    @Test
    void editsAreMarkedAfterFifteenMinutesAndOnlyByTheWriter() {
        String chapter = chapter();
        Authoring.User a = fixtures.reader();
        JsonObject c = comment(chapter, a, "tpyo");
        JsonObject quick = ok(
                api.patch("/api/v1/comments/" + c.getString("id"), new JsonObject().put("content", "typo"), a.token()),
                200);
        assertEquals("typo", quick.getString("content"));
        assertFalse(quick.getBoolean("isEdited"), "a fix within 15 minutes is not marked");
        app.count("UPDATE comments SET created_at = now() - interval '20 minutes' WHERE id = '" + c.getString("id")
                + "' RETURNING 1");
        JsonObject late = ok(
                api.patch(
                        "/api/v1/comments/" + c.getString("id"),
                        new JsonObject().put("content", "second thoughts"),
                        a.token()),
                200);
        assertTrue(late.getBoolean("isEdited"));
        problem(
                api.patch(
                        "/api/v1/comments/" + c.getString("id"),
                        new JsonObject().put("content", "mine now"),
                        fixtures.reader().token()),
                403,
                "comment.forbidden");
        problem(
                api.delete(
                        "/api/v1/comments/" + c.getString("id"),
                        fixtures.reader().token()),
                403,
                "comment.forbidden");
    }

    @Test
    void aLockedChaptersCommentsAreForItsReaders() {
        String chapter = chapter();
        app.count("UPDATE chapters SET access_level = 'SUBSCRIBERS' WHERE id = '" + chapter + "' RETURNING 1");
        Authoring.User reader = fixtures.reader();
        problem(api.get("/api/v1/chapters/" + chapter + "/comments", reader.token()), 403, "comments.locked");
        problem(api.get("/api/v1/chapters/" + chapter + "/comments", null), 403, "comments.locked");
        problem(
                api.post(
                        "/api/v1/chapters/" + chapter + "/comments",
                        new JsonObject().put("content", "let me in"),
                        reader.token()),
                403,
                "comments.locked");
        comment(chapter, owner, "Members only");
        assertEquals(1, list(chapter, "", owner).getJsonArray("data").size());
    }

    @Test
    void moderatorsHideAndPin() {
        String chapter = chapter();
        Authoring.User a = fixtures.reader();
        JsonObject c = comment(chapter, a, "pin me");
        JsonObject r = reply(c.getString("id"), a, "a reply");
        problem(api.post("/api/v1/comments/" + c.getString("id") + "/pin", null, a.token()), 403, "comment.forbidden");
        assertTrue(ok(api.post("/api/v1/comments/" + c.getString("id") + "/pin", null, owner.token()), 200)
                .getBoolean("isPinned"));
        assertEquals(List.of(c.getString("id")), ids(list(chapter, "", null).getJsonArray("pinned")));
        problem(
                api.post("/api/v1/comments/" + r.getString("id") + "/pin", null, owner.token()),
                422,
                "comment.pin_top_level_only");
        assertEquals(
                "HIDDEN",
                ok(api.post("/api/v1/comments/" + r.getString("id") + "/hide", null, owner.token()), 200)
                        .getString("status"));
        assertEquals(
                0,
                list(chapter, "", null).getJsonArray("data").getJsonObject(0).getInteger("replyCount"),
                "a hidden reply is not counted");
        problem(api.get("/api/v1/comments/" + r.getString("id"), a.token()), 404, "comment.not_found");
        ok(api.post("/api/v1/comments/" + r.getString("id") + "/unhide", null, owner.token()), 200);
        ok(api.post("/api/v1/comments/" + c.getString("id") + "/unpin", null, owner.token()), 200);
        assertEquals(0, list(chapter, "", null).getJsonArray("pinned").size());
    }

    @Test
    void badCommentsAreRefused() {
        String chapter = chapter();
        Authoring.User a = fixtures.reader();
        String path = "/api/v1/chapters/" + chapter + "/comments";
        problem(api.post(path, new JsonObject().put("content", "hi"), null), 401, "auth.unauthenticated");
        fieldError(
                problem(api.post(path, new JsonObject().put("content", "   "), a.token()), 422, "request.invalid"),
                "content");
        fieldError(
                problem(
                        api.post(path, new JsonObject().put("content", "x".repeat(10_001)), a.token()),
                        422,
                        "request.invalid"),
                "content");
        fieldError(problem(api.post(path, new JsonObject(), a.token()), 422, "request.invalid"), "content");
        fieldError(problem(api.get(path + "?sort=best", null), 422, "request.invalid"), "sort");
        problem(
                api.post(
                        "/api/v1/chapters/" + UUID.randomUUID() + "/comments",
                        new JsonObject().put("content", "hi"),
                        a.token()),
                404,
                "chapter.not_found");
        problem(
                api.post(
                        "/api/v1/comments/" + UUID.randomUUID() + "/reply",
                        new JsonObject().put("content", "hi"),
                        a.token()),
                404,
                "comment.not_found");
        String script = comment(chapter, a, "<script>alert(1)</script> [x](javascript:alert(1))")
                .getString("contentHtml");
        assertFalse(script.contains("<script"), script);
        assertFalse(script.contains("href=\"javascript"), script);
        app.count("UPDATE sites SET comments_enabled = false WHERE id = '" + site + "' RETURNING 1");
        try {
            problem(api.post(path, new JsonObject().put("content", "hi"), a.token()), 403, "comments.disabled");
        } finally {
            app.count("UPDATE sites SET comments_enabled = true WHERE id = '" + site + "' RETURNING 1");
        }
    }
}
