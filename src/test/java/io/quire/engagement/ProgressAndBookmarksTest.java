package io.quire.engagement;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading progress across devices (the newest device time wins), "continue reading", and bookmarks. */
class ProgressAndBookmarksTest extends SharedApp {
    static Authoring.User author;
    static String series;
    static String other;
    static String one;
    static String two;
    static String draft;
    static String elsewhere;

    @BeforeAll
    static void content() {
        author = fixtures.author();
        String site = fixtures.site(author).getString("id");
        series = published(fixtures.series(author, site).getString("id"));
        one = chapter(series, "One", true);
        two = chapter(series, "Two", true);
        draft = chapter(series, "Draft", false);
        other = published(fixtures.series(author, site).getString("id"));
        elsewhere = chapter(other, "Elsewhere", true);
    }

    private static String published(String id) {
        ok(api.post("/api/v1/series/" + id + "/publish", null, author.token()), 200);
        return id;
    }

    private static String chapter(String seriesId, String title, boolean publish) {
        String id = fixtures.chapter(author, seriesId, title, "Text.").getString("id");
        if (publish) {
            ok(api.post("/api/v1/chapters/" + id + "/publish", null, author.token()), 200);
        }
        return id;
    }

    private static JsonObject save(
            Authoring.User reader, String seriesId, String chapterId, double percent, OffsetDateTime at) {
        JsonObject body = new JsonObject().put("chapterId", chapterId).put("percent", percent);
        if (at != null) {
            body.put("updatedAt", at.toString());
        }
        return ok(api.post("/api/v1/reading-progress/" + seriesId, body, reader.token()), 200);
    }

    @Test
    void theNewestDeviceTimeWins() {
        Authoring.User reader = fixtures.reader();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        JsonObject phone = save(reader, series, two, 40, now.minusMinutes(1));
        assertTrue(phone.getBoolean("applied"));
        assertEquals(two, phone.getString("chapterId"));
        // the laptop was offline and syncs an older place afterwards: ignored
        JsonObject laptop = save(reader, series, one, 90, now.minusMinutes(10));
        assertFalse(laptop.getBoolean("applied"));
        assertEquals(two, laptop.getString("chapterId"));
        assertEquals(40.0, laptop.getDouble("percent"));
        JsonObject later = save(reader, series, two, 75.5, now);
        assertTrue(later.getBoolean("applied"));
        JsonObject read = ok(api.get("/api/v1/reading-progress/" + series, reader.token()), 200);
        assertEquals(75.5, read.getDouble("percent"));
        assertEquals("Two", read.getString("chapterTitle"));
        // a clock far ahead is taken as now, so it cannot pin the progress
        save(reader, series, one, 10, now.plusDays(3));
        assertTrue(save(reader, series, two, 20, null).getBoolean("applied"));

        ok(api.delete("/api/v1/reading-progress/" + series, reader.token()), 204);
        problem(api.get("/api/v1/reading-progress/" + series, reader.token()), 404, "progress.not_found");
    }

    @Test
    void continueReadingListsSeriesMostRecentFirst() {
        Authoring.User reader = fixtures.reader();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        save(reader, series, one, 50, now.minusHours(2));
        save(reader, other, elsewhere, 5, now.minusHours(1));
        JsonObject first = ok(api.get("/api/v1/reading-progress?limit=1", reader.token()), 200);
        assertEquals(other, first.getJsonArray("data").getJsonObject(0).getString("seriesId"));
        assertNotNull(first.getString("nextCursor"));
        JsonObject second = ok(
                api.get("/api/v1/reading-progress?limit=1&cursor=" + first.getString("nextCursor"), reader.token()),
                200);
        assertEquals(series, second.getJsonArray("data").getJsonObject(0).getString("seriesId"));
        assertNull(second.getString("nextCursor"));
        assertEquals(
                0,
                ok(api.get("/api/v1/reading-progress", fixtures.reader().token()), 200)
                        .getJsonArray("data")
                        .size(),
                "one reader's progress is theirs alone");
    }

    @Test
    void badProgressIsRefused() {
        Authoring.User reader = fixtures.reader();
        String path = "/api/v1/reading-progress/" + series;
        problem(
                api.post(path, new JsonObject().put("chapterId", one).put("percent", 5), null),
                401,
                "auth.unauthenticated");
        fieldError(
                problem(
                        api.post(path, new JsonObject().put("chapterId", one).put("percent", 101), reader.token()),
                        422,
                        "request.invalid"),
                "percent");
        fieldError(
                problem(api.post(path, new JsonObject().put("chapterId", one), reader.token()), 422, "request.invalid"),
                "percent");
        fieldError(
                problem(
                        api.post(
                                path,
                                new JsonObject()
                                        .put("chapterId", one)
                                        .put("percent", 5)
                                        .put("updatedAt", "yesterday"),
                                reader.token()),
                        422,
                        "request.invalid"),
                "updatedAt");
        fieldError(
                problem(
                        api.post(
                                path,
                                new JsonObject().put("chapterId", elsewhere).put("percent", 5),
                                reader.token()),
                        422,
                        "progress.chapter_not_in_series"),
                "chapterId");
        problem(
                api.post(path, new JsonObject().put("chapterId", draft).put("percent", 5), reader.token()),
                404,
                "chapter.not_found");
        problem(
                api.post(
                        path,
                        new JsonObject()
                                .put("chapterId", UUID.randomUUID().toString())
                                .put("percent", 5),
                        reader.token()),
                404,
                "chapter.not_found");
        problem(api.get("/api/v1/reading-progress/not-a-uuid", reader.token()), 404, "series.not_found");
    }

    @Test
    void bookmarksAreAddedListedAndDeletedByTheirOwnerOnly() {
        Authoring.User reader = fixtures.reader();
        JsonObject a = ok(
                api.post(
                        "/api/v1/bookmarks",
                        new JsonObject()
                                .put("chapterId", one)
                                .put("paragraph", 12)
                                .put("note", "the twist"),
                        reader.token()),
                201);
        assertEquals(series, a.getString("seriesId"));
        assertEquals(12, a.getInteger("paragraph"));
        JsonObject b = ok(
                api.post(
                        "/api/v1/bookmarks",
                        new JsonObject().put("chapterId", elsewhere).put("percent", 33.5),
                        reader.token()),
                201);
        JsonObject all = ok(api.get("/api/v1/bookmarks", reader.token()), 200);
        assertEquals(
                List.of(b.getString("id"), a.getString("id")),
                all.getJsonArray("data").stream()
                        .map(x -> ((JsonObject) x).getString("id"))
                        .toList());
        JsonObject inSeries = ok(api.get("/api/v1/bookmarks?seriesId=" + series, reader.token()), 200);
        assertEquals(1, inSeries.getJsonArray("data").size());
        assertEquals("One", inSeries.getJsonArray("data").getJsonObject(0).getString("chapterTitle"));

        problem(
                api.delete(
                        "/api/v1/bookmarks/" + a.getString("id"),
                        fixtures.reader().token()),
                404,
                "bookmark.not_found");
        ok(api.delete("/api/v1/bookmarks/" + a.getString("id"), reader.token()), 204);
        problem(api.delete("/api/v1/bookmarks/" + a.getString("id"), reader.token()), 404, "bookmark.not_found");

        problem(
                api.post("/api/v1/bookmarks", new JsonObject().put("chapterId", draft), reader.token()),
                404,
                "chapter.not_found");
        fieldError(
                problem(
                        api.post("/api/v1/bookmarks", new JsonObject().put("chapterId", "nope"), reader.token()),
                        422,
                        "request.invalid"),
                "chapterId");
        fieldError(
                problem(
                        api.post(
                                "/api/v1/bookmarks",
                                new JsonObject().put("chapterId", one).put("note", "x".repeat(501)),
                                reader.token()),
                        422,
                        "request.invalid"),
                "note");
        fieldError(
                problem(api.get("/api/v1/bookmarks?seriesId=nope", reader.token()), 422, "request.invalid"),
                "seriesId");
        problem(api.get("/api/v1/bookmarks", null), 401, "auth.unauthenticated");
    }
}
