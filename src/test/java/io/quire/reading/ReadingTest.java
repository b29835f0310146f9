package io.quire.reading;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.platform.cache.InvalidationBridge;
import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Public reads: visibility, the paywall on each path, ETag/304 and cache headers. */
class ReadingTest extends SharedApp {
    static final String SECRET = "ZEBRAQUARTZ";

    record Book(Authoring.User author, String site, String series, String free, String paid) {}

    /** A published series with a free chapter and a subscribers-only one whose later paragraphs hold a secret. */
    static Book book() {
        Authoring.User author = fixtures.author();
        String site = fixtures.site(author).getString("id");
        String series = fixtures.series(author, site).getString("id");
        ok(api.post("/api/v1/series/" + series + "/publish", null, author.token()), 200);
        String free = fixtures.chapter(author, series, "Free", "Open words.").getString("id");
        String paid = fixtures.chapter(
                        author, series, "Paid", "One.\n\nTwo.\n\n" + SECRET + " three.\n\nFour " + SECRET + ".")
                .getString("id");
        ok(
                api.patch(
                        "/api/v1/chapters/" + paid + "/access",
                        new JsonObject()
                                .put("accessLevel", "SUBSCRIBERS")
                                .put("previewParagraphs", 2)
                                .put("paywallMessage", "Subscribe to continue"),
                        author.token()),
                200);
        for (String id : List.of(free, paid)) {
            ok(api.post("/api/v1/chapters/" + id + "/publish", null, author.token()), 200);
        }
        return new Book(author, site, series, free, paid);
    }

    static HttpResponse<Buffer> get(String path, String token, String ifNoneMatch) throws Exception {
        var request = app.client.get(path);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        if (ifNoneMatch != null) {
            request.putHeader("If-None-Match", ifNoneMatch);
        }
        return request.send().await(10, TimeUnit.SECONDS);
    }

    /**
     * A read after a write: the change reaches the read cache through the outbox and Redis within a second, so the
     * read is repeated until {@code ready} holds (or 2 s pass) and the last answer is returned for the assertions.
     */
    static HttpResponse<Buffer> settled(String path, String token, Predicate<HttpResponse<Buffer>> ready)
            throws Exception {
        // generous: an invalidation rides the outbox (a poll or a NOTIFY away), and a loaded 2-core CI runner once took
        // longer than 5 s; the test asserts the change arrives, not how fast
        long deadline = System.currentTimeMillis() + 20_000;
        HttpResponse<Buffer> r = get(path, token, null);
        while (!ready.test(r) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            r = get(path, token, null);
        }
        return r;
    }

    /** What the outbox would publish, for rows a test changed with SQL (which bypasses the outbox). */
    static void invalidate(String scope) throws Exception {
        Redis redis = Redis.createClient(app.vertx, app.config.redis().url());
        try {
            InvalidationBridge.publish(
                            redis,
                            app.config.redis(),
                            app.config.reading().cache().ttlSeconds(),
                            new JsonObject().put("scopes", new JsonArray().add(scope)))
                    .await(5, TimeUnit.SECONDS);
        } finally {
            redis.close();
        }
    }

    @Test
    void anonymousReadersGetFreeChaptersWholeAndPaidOnesAsAPreview() throws Exception {
        Book b = book();
        var free = get("/api/v1/chapters/" + b.free() + "/read", null, null);
        JsonObject freeBody = ok(free, 200);
        assertFalse(freeBody.getBoolean("locked"));
        assertEquals("<p>Open words.</p>\n", freeBody.getString("contentHtml"));
        assertEquals(b.paid(), freeBody.getString("nextId"));
        assertTrue(free.getHeader("Cache-Control").startsWith("public, max-age=60"));
        assertEquals("Authorization, X-API-Key", free.getHeader("Vary"));

        var paid = get("/api/v1/chapters/" + b.paid() + "/read", null, null);
        JsonObject locked = ok(paid, 200);
        assertTrue(locked.getBoolean("locked"));
        assertEquals("<p>One.</p>\n<p>Two.</p>\n", locked.getString("previewHtml"));
        assertEquals("Subscribe to continue", locked.getString("paywallMessage"));
        assertEquals("SUBSCRIBERS", locked.getJsonObject("requiredAccess").getString("level"));
        assertFalse(locked.containsKey("contentHtml"));
        assertTrue(paid.getHeader("Cache-Control").startsWith("private"));
        assertEquals(b.free(), locked.getString("previousId"));
    }

    @Test
    void noPublicPathLeaksLockedText() throws Exception {
        Book b = book();
        List<String> paths = List.of(
                "/api/v1/chapters/" + b.paid() + "/read",
                "/api/v1/chapters/" + b.paid() + "/public",
                "/api/v1/series/" + b.series() + "/chapters/public",
                "/api/v1/series/" + b.series() + "/public",
                "/api/v1/sites/" + b.site() + "/series/public",
                "/api/v1/sites/" + b.site() + "/public");
        Authoring.User stranger = fixtures.reader();
        for (String path : paths) {
            for (String token : new String[] {null, stranger.token()}) {
                var response = get(path, token, null);
                assertEquals(200, response.statusCode(), path);
                assertFalse(response.bodyAsString().contains(SECRET), "locked text leaked on " + path);
                var again = get(path, token, response.getHeader("ETag"));
                if (again.statusCode() == 304) {
                    assertEquals(0, again.body() == null ? 0 : again.body().length(), "a 304 has no body");
                }
            }
        }
        JsonObject toc = ok(get("/api/v1/series/" + b.series() + "/chapters/public", null, null), 200);
        assertEquals(
                List.of(false, true),
                toc.getJsonArray("data").stream()
                        .map(c -> ((JsonObject) c).getBoolean("locked"))
                        .toList());
    }

    @Test
    void theSitesOwnPeopleAdminsAndTimeUnlockTheText() throws Exception {
        Book b = book();
        assertTrue(ok(get("/api/v1/chapters/" + b.paid() + "/read", b.author().token(), null), 200)
                .getString("contentHtml")
                .contains(SECRET));
        Authoring.User editor = fixtures.reader();
        fixtures.collaborator(b.site(), editor, "VIEWER", new JsonObject());
        assertFalse(ok(get("/api/v1/chapters/" + b.paid() + "/read", editor.token(), null), 200)
                .getBoolean("locked"));
        assertFalse(ok(
                        get(
                                "/api/v1/chapters/" + b.paid() + "/read",
                                fixtures.admin().token(),
                                null),
                        200)
                .getBoolean("locked"));
        // membership is cached for the read path; removing the collaborator evicts it (through the outbox)
        ok(get("/api/v1/chapters/" + b.paid() + "/read", editor.token(), null), 200);
        assertEquals(
                204,
                api.delete(
                                "/api/v1/sites/" + b.site() + "/collaborators/" + editor.id(),
                                b.author().token())
                        .statusCode());
        JsonObject removed = ok(
                settled(
                        "/api/v1/chapters/" + b.paid() + "/read",
                        editor.token(),
                        r -> r.bodyAsJsonObject().getBoolean("locked")),
                200);
        assertTrue(removed.getBoolean("locked"), "a removed collaborator reads the preview again");
        assertFalse(removed.encode().contains(SECRET));
        JsonObject tocForOwner = ok(
                get(
                        "/api/v1/series/" + b.series() + "/chapters/public",
                        b.author().token(),
                        null),
                200);
        assertTrue(tocForOwner.getJsonArray("data").stream().noneMatch(c -> ((JsonObject) c).getBoolean("locked")));

        app.db
                .preparedQuery(
                        "UPDATE chapters SET access_level = 'SCHEDULED_FREE', scheduled_free_at = now() - interval '1 minute' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(b.paid())))
                .await(5, TimeUnit.SECONDS);
        invalidate("series:" + b.series());
        JsonObject unlocked = ok(
                settled(
                        "/api/v1/chapters/" + b.paid() + "/read",
                        null,
                        r -> !r.bodyAsJsonObject().getBoolean("locked")),
                200);
        assertFalse(unlocked.getBoolean("locked"), "free once its time has come");
    }

    @Test
    void onlyPublishedContentOfActivePublicSitesIsVisible() throws Exception {
        Book b = book();
        String draft = fixtures.chapter(b.author(), b.series(), "Draft", "x").getString("id");
        String scheduled =
                fixtures.chapter(b.author(), b.series(), "Later", "x").getString("id");
        ok(
                api.post(
                        "/api/v1/chapters/" + scheduled + "/schedule",
                        new JsonObject()
                                .put("scheduledAt", "2099-01-01T00:00:00Z")
                                .put("timezone", "UTC"),
                        b.author().token()),
                200);
        String archived = fixtures.chapter(b.author(), b.series(), "Old", "x").getString("id");
        ok(
                api.post(
                        "/api/v1/chapters/" + archived + "/publish",
                        null,
                        b.author().token()),
                200);
        ok(
                api.post(
                        "/api/v1/chapters/" + archived + "/archive",
                        null,
                        b.author().token()),
                200);
        String deleted = fixtures.chapter(b.author(), b.series(), "Gone", "x").getString("id");
        ok(api.post("/api/v1/chapters/" + deleted + "/publish", null, b.author().token()), 200);
        ok(api.delete("/api/v1/chapters/" + deleted, b.author().token()), 204);
        for (String id :
                List.of(draft, scheduled, archived, deleted, UUID.randomUUID().toString())) {
            problem(get("/api/v1/chapters/" + id + "/read", null, null), 404, "chapter.not_found");
            // its author is told why (a deleted one, or an id that is not theirs, stays a plain not-found)
            boolean told = id.equals(draft) || id.equals(scheduled) || id.equals(archived);
            problem(
                    get("/api/v1/chapters/" + id + "/public", b.author().token(), null),
                    404,
                    told ? "chapter.not_published" : "chapter.not_found");
        }
        assertEquals(
                2,
                ok(get("/api/v1/series/" + b.series() + "/chapters/public", null, null), 200)
                        .getJsonArray("data")
                        .size());

        ok(
                api.patch(
                        "/api/v1/sites/" + b.site(),
                        new JsonObject().put("isPublic", false),
                        b.author().token()),
                200);
        problem(
                settled("/api/v1/chapters/" + b.free() + "/read", null, r -> r.statusCode() == 404),
                404,
                "chapter.not_found");
        problem(
                settled("/api/v1/series/" + b.series() + "/chapters/public", null, r -> r.statusCode() == 404),
                404,
                "series.not_found");
        ok(
                api.patch(
                        "/api/v1/sites/" + b.site(),
                        new JsonObject().put("isPublic", true),
                        b.author().token()),
                200);
        app.db
                .preparedQuery("UPDATE sites SET status = 'SUSPENDED' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(b.site())))
                .await(5, TimeUnit.SECONDS);
        invalidate("site:" + b.site());
        problem(
                settled("/api/v1/chapters/" + b.free() + "/read", null, r -> r.statusCode() == 404),
                404,
                "chapter.not_found");

        Book other = book();
        ok(
                api.post(
                        "/api/v1/series/" + other.series() + "/unpublish",
                        null,
                        other.author().token()),
                200);
        problem(
                settled("/api/v1/chapters/" + other.free() + "/read", null, r -> r.statusCode() == 404),
                404,
                "chapter.not_found");
        problem(get("/api/v1/chapters/not-an-id/read", null, null), 404, "chapter.not_found");
    }

    @Test
    void etagsGive304UntilTheChapterChanges() throws Exception {
        Book b = book();
        var first = get("/api/v1/chapters/" + b.free() + "/read", null, null);
        String etag = first.getHeader("ETag");
        assertNotNull(etag);
        var same = get("/api/v1/chapters/" + b.free() + "/read", null, etag);
        assertEquals(304, same.statusCode());
        assertEquals(etag, same.getHeader("ETag"));
        ok(
                api.call(
                        io.vertx.core.http.HttpMethod.PUT,
                        "/api/v1/chapters/" + b.free() + "/content",
                        new JsonObject().put("content", "New words.").put("baseRevision", 2),
                        b.author().token()),
                200);
        settled("/api/v1/chapters/" + b.free() + "/read", null, r -> !etag.equals(r.getHeader("ETag")));
        var changed = get("/api/v1/chapters/" + b.free() + "/read", null, etag);
        assertEquals(200, changed.statusCode());
        assertEquals("<p>New words.</p>\n", changed.bodyAsJsonObject().getString("contentHtml"));
        var tocEtag = get("/api/v1/series/" + b.series() + "/chapters/public", null, null)
                .getHeader("ETag");
        assertEquals(
                304,
                get("/api/v1/series/" + b.series() + "/chapters/public", null, tocEtag)
                        .statusCode());
        assertFalse(
                tocEtag.equals(get(
                                "/api/v1/series/" + b.series() + "/chapters/public",
                                b.author().token(),
                                null)
                        .getHeader("ETag")),
                "a different caller's view has its own ETag");
    }

    @Test
    void aChapterInAnUnpublishedSeriesTellsItsAuthorWhyAndStrangersNothing() throws Exception {
        Authoring.User author = fixtures.author();
        String site = fixtures.site(author).getString("id");
        String series = fixtures.series(author, site).getString("id");
        String chapter = fixtures.chapter(author, series, "Early", "Not yet.").getString("id");
        JsonObject draft = problem(
                get("/api/v1/chapters/" + chapter + "/read", author.token(), null), 404, "chapter.not_published");
        assertTrue(draft.getString("detail").contains("/api/v1/chapters/" + chapter + "/publish"), draft.encode());
        ok(api.post("/api/v1/chapters/" + chapter + "/publish", null, author.token()), 200);

        for (String path :
                List.of("/api/v1/chapters/" + chapter + "/read", "/api/v1/chapters/" + chapter + "/public")) {
            JsonObject why = problem(get(path, author.token(), null), 404, "chapter.series_unpublished");
            assertTrue(why.getString("detail").contains("/api/v1/series/" + series + "/publish"), why.encode());
            problem(get(path, null, null), 404, "chapter.not_found");
            JsonObject stranger = problem(get(path, fixtures.reader().token(), null), 404, "chapter.not_found");
            assertEquals("Not found.", stranger.getString("detail"));
        }
        ok(api.post("/api/v1/series/" + series + "/publish", null, author.token()), 200);
        assertTrue(ok(get("/api/v1/chapters/" + chapter + "/read", null, null), 200)
                .getString("contentHtml")
                .contains("Not yet."));
    }
}
