package io.quire.engagement;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.quire.testing.SharedApp;
import io.quire.testing.TestApp;
import io.quire.testing.TestDatabases;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** New-chapter notifications fanned out to followers off the publish request, and the notification endpoints. */
class NotificationsTest extends SharedApp {

    /** {@code n} followers of {@code author}, made in SQL (registering through the API hashes a password each). */
    static void followers(TestApp app, Authoring.User author, int n) {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        app.count("WITH u AS (INSERT INTO users (id, email, username, display_name, password_hash, status) "
                + "SELECT gen_random_uuid(), 'f' || g || '_" + tag + "@example.com', 'f' || g || '_" + tag
                + "', 'Follower', 'x', 'ACTIVE' "
                + "FROM generate_series(1, " + n + ") g RETURNING id) "
                + "INSERT INTO author_follows (follower_id, author_id) SELECT id, '" + author.id()
                + "' FROM u RETURNING 1");
    }

    static String publishedChapter(TestApp app, Api api, Authoring fixtures, Authoring.User author) {
        String site = fixtures.site(author).getString("id");
        String series = fixtures.series(author, site).getString("id");
        ok(api.post("/api/v1/series/" + series + "/publish", null, author.token()), 200);
        String chapter = fixtures.chapter(author, series, "The Return", "Text.").getString("id");
        ok(api.post("/api/v1/chapters/" + chapter + "/publish", null, author.token()), 200);
        return chapter;
    }

    static long notified(TestApp app, String chapter) {
        return app.count("SELECT count(*) FROM notifications WHERE dedupe_key = 'chapter:" + chapter + "'");
    }

    @Test
    void publishingNotifiesTenThousandFollowersExactlyOnceEach() throws Exception {
        Authoring.User author = fixtures.author();
        followers(app, author, 10_000);
        long started = System.currentTimeMillis();
        String chapter = publishedChapter(app, api, fixtures, author);
        assertTrue(System.currentTimeMillis() - started < 5_000, "the publish request does not wait for the fan-out");
        Eventually.await(() -> notified(app, chapter) == 10_000, 60_000, "10,000 notifications");
        assertEquals(
                10_000,
                app.count("SELECT count(DISTINCT user_id) FROM notifications WHERE dedupe_key = 'chapter:" + chapter
                        + "'"));
        // a figure for the notes, not a check: the spread between the first and the last notification written
        long ms = app.count(
                "SELECT (extract(epoch FROM max(created_at) - min(created_at)) * 1000)::bigint FROM notifications"
                        + " WHERE dedupe_key = 'chapter:" + chapter + "'");
        System.out.printf(
                "fan-out: 10000 notifications written in %d ms (%.0f/s)%n", ms, 10_000_000.0 / Math.max(1, ms));
        // publishing again (unpublish, publish) tells no one twice
        ok(api.post("/api/v1/chapters/" + chapter + "/unpublish", null, author.token()), 200);
        ok(api.post("/api/v1/chapters/" + chapter + "/publish", null, author.token()), 200);
        Thread.sleep(1500);
        assertEquals(10_000, notified(app, chapter));
    }

    @Test
    void aReaderSeesReadsAndDismissesTheirNotifications() {
        Authoring.User author = fixtures.author();
        Authoring.User reader = fixtures.reader();
        Authoring.User muted = fixtures.reader();
        ok(api.post("/api/v1/authors/" + author.id() + "/follow", null, reader.token()), 201);
        ok(api.post("/api/v1/authors/" + author.id() + "/follow", null, muted.token()), 201);
        ok(
                api.patch(
                        "/api/v1/notifications/settings",
                        new JsonObject()
                                .put(
                                        "types",
                                        new JsonObject().put("NEW_CHAPTER", new JsonObject().put("inApp", false))),
                        muted.token()),
                200);
        String chapter = publishedChapter(app, api, fixtures, author);
        try {
            Eventually.await(() -> notified(app, chapter) == 1, 10_000, "the follower's notification");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(
                0,
                ok(api.get("/api/v1/notifications", muted.token()), 200)
                        .getJsonArray("data")
                        .size(),
                "in-app off: none");

        assertEquals(
                1,
                ok(api.get("/api/v1/notifications/unread-count", reader.token()), 200)
                        .getLong("count"));
        JsonObject n = ok(api.get("/api/v1/notifications?status=unread&type=NEW_CHAPTER", reader.token()), 200)
                .getJsonArray("data")
                .getJsonObject(0);
        assertEquals("NEW_CHAPTER", n.getString("type"));
        assertEquals(chapter, n.getJsonObject("data").getString("chapterId"));
        assertFalse(n.getBoolean("read"));
        assertTrue(ok(
                        api.patch(
                                "/api/v1/notifications/" + n.getString("id") + "/read",
                                new JsonObject(),
                                reader.token()),
                        200)
                .getBoolean("read"));
        assertEquals(
                0,
                ok(api.get("/api/v1/notifications/unread-count", reader.token()), 200)
                        .getLong("count"));
        assertEquals(
                0,
                ok(api.get("/api/v1/notifications?status=unread", reader.token()), 200)
                        .getJsonArray("data")
                        .size());
        assertEquals(
                1,
                ok(api.get("/api/v1/notifications", reader.token()), 200)
                        .getJsonArray("data")
                        .size());
        problem(
                api.patch("/api/v1/notifications/" + n.getString("id") + "/read", new JsonObject(), muted.token()),
                404,
                "notification.not_found");
        ok(api.delete("/api/v1/notifications/" + n.getString("id"), reader.token()), 204);
        assertEquals(
                0,
                ok(api.get("/api/v1/notifications", reader.token()), 200)
                        .getJsonArray("data")
                        .size());
        problem(
                api.delete("/api/v1/notifications/" + n.getString("id"), reader.token()),
                404,
                "notification.not_found");
        assertEquals(
                0,
                ok(api.patch("/api/v1/notifications/read-all", new JsonObject(), reader.token()), 200)
                        .getInteger("marked"));

        JsonObject settings = ok(api.get("/api/v1/notifications/settings", muted.token()), 200)
                .getJsonObject("types");
        assertFalse(settings.getJsonObject("NEW_CHAPTER").getBoolean("inApp"));
        assertTrue(settings.getJsonObject("NEW_CHAPTER").getBoolean("email"));
    }

    @Test
    void followersWhoTakeEmailGetOneWithAOneClickUnsubscribe() throws Exception {
        Authoring.User author = fixtures.author();
        Authoring.User reader = fixtures.reader();
        Authoring.User unverified = fixtures.reader();
        app.count("UPDATE users SET email_verified_at = now(), status = 'ACTIVE' WHERE id = '" + reader.id()
                + "' RETURNING 1");
        ok(api.post("/api/v1/authors/" + author.id() + "/follow", null, reader.token()), 201);
        ok(api.post("/api/v1/authors/" + author.id() + "/follow", null, unverified.token()), 201);
        ok(
                api.patch(
                        "/api/v1/notifications/settings",
                        new JsonObject()
                                .put("types", new JsonObject().put("NEW_CHAPTER", new JsonObject().put("inApp", true))),
                        reader.token()),
                200);
        String chapter = publishedChapter(app, api, fixtures, author);
        String mine =
                "SELECT count(*) FROM outbound_emails WHERE template = 'new-chapter' AND dedupe_key = 'new-chapter:"
                        + chapter + ":";
        Eventually.await(
                () -> app.count(mine + reader.id() + "' AND status = 'logged'") == 1,
                10_000,
                "the email, sent (logged: no SMTP here)");
        assertEquals(0, app.count(mine + unverified.id() + "'"), "no email to an unverified address");
        var row = app.db
                .preparedQuery("SELECT headers, text_body FROM outbound_emails WHERE dedupe_key = $1")
                .execute(io.vertx.sqlclient.Tuple.of("new-chapter:" + chapter + ":" + reader.id()))
                .await()
                .iterator()
                .next();
        String header = row.getJsonObject("headers").getString("List-Unsubscribe");
        assertEquals("List-Unsubscribe=One-Click", row.getJsonObject("headers").getString("List-Unsubscribe-Post"));
        String link = header.substring(1, header.length() - 1);
        assertTrue(row.getString("text_body").contains(link), "the same link is in the body");
        String path = link.substring(link.indexOf("/api/v1/"));

        JsonObject done = ok(api.post(path, null, null), 200);
        assertEquals("NEW_CHAPTER", done.getString("type"));
        JsonObject choice = ok(api.get("/api/v1/notifications/settings", reader.token()), 200)
                .getJsonObject("types")
                .getJsonObject("NEW_CHAPTER");
        assertFalse(choice.getBoolean("email"));
        assertTrue(choice.getBoolean("inApp"), "unsubscribing from email leaves the in-app choice alone");
        String next = publishedChapter(app, api, fixtures, author);
        Eventually.await(() -> notified(app, next) == 2, 10_000, "both followers told in the app");
        assertEquals(0, app.count(mine.replace(chapter, next) + reader.id() + "'"), "but no email any more");

        problem(
                api.post("/api/v1/notifications/unsubscribe?token=forged.token", null, null),
                400,
                "unsubscribe.invalid_token");
        problem(api.post(path.substring(0, path.length() - 2) + "xx", null, null), 400, "unsubscribe.invalid_token");
        problem(api.post("/api/v1/notifications/unsubscribe", null, null), 400, "unsubscribe.invalid_token");
    }

    @Test
    void badNotificationRequestsAreRefused() {
        Authoring.User reader = fixtures.reader();
        problem(api.get("/api/v1/notifications", null), 401, "auth.unauthenticated");
        fieldError(
                problem(api.get("/api/v1/notifications?status=new", reader.token()), 422, "request.invalid"), "status");
        fieldError(problem(api.get("/api/v1/notifications?type=NOPE", reader.token()), 422, "request.invalid"), "type");
        problem(api.get("/api/v1/notifications?cursor=zzz", reader.token()), 400, "request.bad_cursor");
        fieldError(
                problem(
                        api.patch(
                                "/api/v1/notifications/settings",
                                new JsonObject()
                                        .put(
                                                "types",
                                                new JsonObject().put("NOPE", new JsonObject().put("inApp", true))),
                                reader.token()),
                        422,
                        "request.invalid"),
                "types.NOPE");
        fieldError(
                problem(
                        api.patch(
                                "/api/v1/notifications/settings",
                                new JsonObject()
                                        .put(
                                                "types",
                                                new JsonObject()
                                                        .put("NEW_CHAPTER", new JsonObject().put("inApp", "yes"))),
                                reader.token()),
                        422,
                        "request.invalid"),
                "types.NEW_CHAPTER");
        problem(
                api.patch("/api/v1/notifications/" + UUID.randomUUID() + "/read", new JsonObject(), reader.token()),
                404,
                "notification.not_found");
    }

    @Test
    void aFanOutStoppedMidwayResumesAfterARestartWithNoneTwiceAndNoneSkipped() throws Exception {
        var database = TestDatabases.fresh();
        try {
            String chapter;
            Authoring.User author;
            int total = 3_000;
            // a step cut off by the stop is claimed again once its lease ends: 2 s here instead of minutes
            try (TestApp first = TestApp.builder()
                    .database(database)
                    .env("QUIRE_ENGAGEMENT_FAN_OUT_BATCH_SIZE", "10")
                    .env("QUIRE_JOBS_LEASE_SECONDS", "2")
                    .start()) {
                Authoring f = Authoring.in(first);
                author = f.author();
                followers(first, author, total);
                chapter = publishedChapter(first, new Api(first), f, author);
                String c = chapter;
                Eventually.await(() -> notified(first, c) > 0, 10_000, "the fan-out to start");
                long before = notified(first, chapter);
                assertTrue(before < total, "stopped midway: " + before);
            }
            try (TestApp second = TestApp.builder()
                    .database(database)
                    .env("QUIRE_ENGAGEMENT_FAN_OUT_BATCH_SIZE", "10")
                    .env("QUIRE_JOBS_LEASE_SECONDS", "2")
                    .start()) {
                String c = chapter;
                Eventually.await(() -> notified(second, c) == total, 60_000, "the fan-out to finish after the restart");
                assertEquals(
                        total,
                        second.count("SELECT count(DISTINCT user_id) FROM notifications WHERE dedupe_key = 'chapter:"
                                + chapter + "'"));
            }
        } finally {
            TestDatabases.drop(database.database());
        }
    }
}
