package io.quire.engagement;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reports and moderation: who sees which reports, what each may do, the log, and the reporter told the outcome. */
class ModerationTest extends SharedApp {
    static Authoring.User owner;
    static String site;
    static String chapter;

    @BeforeAll
    static void content() {
        owner = fixtures.author();
        site = fixtures.site(owner).getString("id");
        String series = fixtures.series(owner, site).getString("id");
        ok(api.post("/api/v1/series/" + series + "/publish", null, owner.token()), 200);
        chapter = fixtures.chapter(owner, series, "One", "Text.").getString("id");
        ok(api.post("/api/v1/chapters/" + chapter + "/publish", null, owner.token()), 200);
    }

    private static String comment(Authoring.User who, String text) {
        return ok(
                        api.post(
                                "/api/v1/chapters/" + chapter + "/comments",
                                new JsonObject().put("content", text),
                                who.token()),
                        201)
                .getString("id");
    }

    private static JsonObject report(Authoring.User who, String type, String id, String reason) {
        return ok(
                api.post(
                        "/api/v1/reports",
                        new JsonObject()
                                .put("targetType", type)
                                .put("targetId", id)
                                .put("reason", reason)
                                .put("description", "please look"),
                        who.token()),
                201);
    }

    @Test
    void reportsReachTheRightPeopleOnly() {
        Authoring.User troll = fixtures.reader();
        Authoring.User reporter = fixtures.reader();
        JsonObject r = report(reporter, "comment", comment(troll, "rude words"), "HARASSMENT");
        assertEquals("PENDING", r.getString("status"));
        assertEquals(
                1,
                ok(api.get("/api/v1/my/reports", reporter.token()), 200)
                        .getJsonArray("data")
                        .size());
        assertEquals(
                0,
                ok(api.get("/api/v1/my/reports", troll.token()), 200)
                        .getJsonArray("data")
                        .size());
        List<String> queue = ok(api.get("/api/v1/sites/" + site + "/moderation/queue", owner.token()), 200)
                .getJsonArray("data")
                .stream()
                .map(x -> ((JsonObject) x).getString("id"))
                .toList();
        assertTrue(queue.contains(r.getString("id")));
        // another author's site moderators do not see it; readers cannot look at the queue at all
        Authoring.User otherOwner = fixtures.author();
        String otherSite = fixtures.site(otherOwner).getString("id");
        assertEquals(
                0,
                ok(api.get("/api/v1/sites/" + otherSite + "/reports", otherOwner.token()), 200)
                        .getJsonArray("data")
                        .size());
        problem(api.get("/api/v1/sites/" + site + "/reports", reporter.token()), 404, "site.not_found");
        problem(api.get("/api/v1/admin/reports", owner.token()), 403, "auth.forbidden");
        assertTrue(
                ok(
                                api.get(
                                        "/api/v1/admin/reports?status=PENDING",
                                        fixtures.admin().token()),
                                200)
                        .getJsonArray("data")
                        .stream()
                        .anyMatch(x -> ((JsonObject) x).getString("id").equals(r.getString("id"))));
        problem(
                api.post(
                        "/api/v1/reports",
                        new JsonObject()
                                .put("targetType", "comment")
                                .put("targetId", r.getString("targetId"))
                                .put("reason", "SPAM"),
                        reporter.token()),
                409,
                "report.duplicate");
    }

    @Test
    void aSiteModeratorHidesAReportedCommentAndTheReporterIsTold() {
        Authoring.User troll = fixtures.reader();
        Authoring.User reporter = fixtures.reader();
        String c = comment(troll, "spam spam");
        String id = report(reporter, "comment", c, "SPAM").getString("id");
        JsonObject done = ok(
                api.post(
                        "/api/v1/sites/" + site + "/moderation/" + id + "/action",
                        new JsonObject().put("action", "CONTENT_HIDDEN").put("notes", "spam"),
                        owner.token()),
                200);
        assertEquals("RESOLVED_ACTION_TAKEN", done.getString("status"));
        problem(api.get("/api/v1/comments/" + c, reporter.token()), 404, "comment.not_found");
        JsonObject told = ok(api.get("/api/v1/notifications?type=REPORT_OUTCOME", reporter.token()), 200)
                .getJsonArray("data")
                .getJsonObject(0);
        assertEquals("CONTENT_HIDDEN", told.getJsonObject("data").getString("outcome"));
        problem(
                api.post(
                        "/api/v1/sites/" + site + "/moderation/" + id + "/action",
                        new JsonObject().put("action", "NO_ACTION"),
                        owner.token()),
                409,
                "report.closed");

        JsonArray log = ok(
                        api.get(
                                "/api/v1/admin/moderation/log?targetId=" + c,
                                fixtures.admin().token()),
                        200)
                .getJsonArray("data");
        assertEquals("CONTENT_HIDDEN", log.getJsonObject(0).getString("action"));
        assertEquals(owner.id().toString(), log.getJsonObject(0).getString("moderatorId"));
        assertEquals(
                "spam spam",
                log.getJsonObject(0).getJsonObject("contentSnapshot").getString("content"),
                "what it said is kept");
    }

    @Test
    void accountsAreSuspendedByAdminsOnlyAfterEscalation() {
        Authoring.User troll = fixtures.reader();
        Authoring.User reporter = fixtures.reader();
        String id =
                report(reporter, "user", troll.id().toString(), "HARASSMENT").getString("id");
        problem(
                api.post(
                        "/api/v1/sites/" + site + "/moderation/" + id + "/action",
                        new JsonObject().put("action", "USER_BANNED"),
                        owner.token()),
                404,
                "report.not_found");
        String onComment = report(reporter, "comment", comment(troll, "threats"), "HARASSMENT")
                .getString("id");
        problem(
                api.post(
                        "/api/v1/sites/" + site + "/moderation/" + onComment + "/action",
                        new JsonObject().put("action", "USER_SUSPENDED_7_DAYS"),
                        owner.token()),
                403,
                "report.action_forbidden");
        assertEquals(
                "ESCALATED",
                ok(
                                api.post(
                                        "/api/v1/sites/" + site + "/moderation/" + onComment + "/escalate",
                                        null,
                                        owner.token()),
                                200)
                        .getString("status"));
        Authoring.User admin = fixtures.admin();
        JsonObject suspended = ok(
                api.post(
                        "/api/v1/admin/reports/" + onComment + "/action",
                        new JsonObject().put("action", "USER_SUSPENDED_7_DAYS").put("notes", "repeated threats"),
                        admin.token()),
                200);
        assertEquals("USER_SUSPENDED_7_DAYS", suspended.getString("resolution"));
        assertEquals(
                1, app.count("SELECT count(*) FROM users WHERE id = '" + troll.id() + "' AND status = 'SUSPENDED'"));
        assertEquals(
                401, api.get("/api/v1/auth/me", troll.token()).statusCode(), "the suspended account's sessions ended");
        ok(
                api.post(
                        "/api/v1/admin/reports/" + id + "/action",
                        new JsonObject().put("action", "NO_ACTION"),
                        admin.token()),
                200);
    }

    @Test
    void actionsThatDoNotFitTheTargetAreRefused() {
        Authoring.User reporter = fixtures.reader();
        String onChapter =
                report(reporter, "chapter", chapter, "COPYRIGHT_INFRINGEMENT").getString("id");
        problem(
                api.post(
                        "/api/v1/sites/" + site + "/moderation/" + onChapter + "/action",
                        new JsonObject().put("action", "CONTENT_HIDDEN"),
                        owner.token()),
                422,
                "report.action_unsupported");
        // the reported account is gone (its reports keep no account to act on)
        String onComment = report(reporter, "comment", comment(fixtures.reader(), "gone soon"), "SPAM")
                .getString("id");
        app.count("UPDATE reports SET target_user_id = NULL WHERE id = '" + onComment + "' RETURNING 1");
        problem(
                api.post(
                        "/api/v1/admin/reports/" + onComment + "/action",
                        new JsonObject().put("action", "USER_BANNED"),
                        fixtures.admin().token()),
                422,
                "report.no_account");
    }

    @Test
    void badReportsAreRefused() {
        Authoring.User reader = fixtures.reader();
        problem(
                api.post(
                        "/api/v1/reports",
                        new JsonObject()
                                .put("targetType", "comment")
                                .put("targetId", UUID.randomUUID().toString())
                                .put("reason", "SPAM"),
                        null),
                401,
                "auth.unauthenticated");
        JsonObject bad = problem(
                api.post(
                        "/api/v1/reports",
                        new JsonObject()
                                .put("targetType", "planet")
                                .put("targetId", "x")
                                .put("reason", "BORING"),
                        reader.token()),
                422,
                "request.invalid");
        fieldError(bad, "targetType");
        fieldError(bad, "targetId");
        fieldError(bad, "reason");
        problem(
                api.post(
                        "/api/v1/reports",
                        new JsonObject()
                                .put("targetType", "comment")
                                .put("targetId", UUID.randomUUID().toString())
                                .put("reason", "SPAM"),
                        reader.token()),
                404,
                "report.target_not_found");
        problem(
                api.post(
                        "/api/v1/reports",
                        new JsonObject()
                                .put("targetType", "comment")
                                .put("targetId", comment(reader, "my own"))
                                .put("reason", "SPAM"),
                        reader.token()),
                422,
                "report.own_content");
        fieldError(
                problem(
                        api.post(
                                "/api/v1/reports",
                                new JsonObject()
                                        .put("targetType", "user")
                                        .put("targetId", owner.id().toString())
                                        .put("reason", "SPAM")
                                        .put("evidenceUrls", new JsonArray().add("ftp://x")),
                                reader.token()),
                        422,
                        "request.invalid"),
                "evidenceUrls");
        problem(
                api.post(
                        "/api/v1/admin/reports/" + UUID.randomUUID() + "/action",
                        new JsonObject().put("action", "NO_ACTION"),
                        fixtures.admin().token()),
                404,
                "report.not_found");
        fieldError(
                problem(
                        api.get(
                                "/api/v1/admin/reports?status=OPEN",
                                fixtures.admin().token()),
                        422,
                        "request.invalid"),
                "status");
    }
}
