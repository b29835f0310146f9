package io.quire.engagement;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reviews: only after reading, one per reader, the series average, the author's one response, helpful votes, hiding. */
class ReviewsTest extends SharedApp {
    static Authoring.User author;

    @BeforeAll
    static void author() {
        author = fixtures.author();
    }

    /** A published series with one published chapter: {seriesId, chapterId}. */
    private static String[] series() {
        String site = fixtures.site(author).getString("id");
        String series = fixtures.series(author, site).getString("id");
        ok(api.post("/api/v1/series/" + series + "/publish", null, author.token()), 200);
        String chapter = fixtures.chapter(author, series, "One", "Text.").getString("id");
        ok(api.post("/api/v1/chapters/" + chapter + "/publish", null, author.token()), 200);
        return new String[] {series, chapter};
    }

    private static Authoring.User readerOf(String[] s) {
        Authoring.User r = fixtures.reader();
        ok(
                api.post(
                        "/api/v1/reading-progress/" + s[0],
                        new JsonObject().put("chapterId", s[1]).put("percent", 100),
                        r.token()),
                200);
        return r;
    }

    private static JsonObject review(String series, Authoring.User who, int rating) {
        return ok(
                api.post(
                        "/api/v1/series/" + series + "/reviews",
                        new JsonObject()
                                .put("rating", rating)
                                .put("content", "Thoughts " + rating)
                                .put("subRatings", new JsonObject().put("story", rating)),
                        who.token()),
                201);
    }

    @Test
    void readersReviewOnceAndTheAverageFollows() {
        String[] s = series();
        Authoring.User a = readerOf(s);
        Authoring.User b = readerOf(s);
        JsonObject first = review(s[0], a, 4);
        assertEquals(4, first.getInteger("rating"));
        assertEquals(4, first.getJsonObject("subRatings").getInteger("story"));
        review(s[0], b, 2);
        JsonObject list = ok(api.get("/api/v1/series/" + s[0] + "/reviews", null), 200);
        assertEquals(2, list.getInteger("ratingCount"));
        assertEquals(3.0, list.getDouble("ratingAverage"));
        problem(
                api.post(
                        "/api/v1/series/" + s[0] + "/reviews",
                        new JsonObject().put("rating", 5).put("content", "again"),
                        a.token()),
                409,
                "review.exists");
        problem(
                api.post(
                        "/api/v1/series/" + s[0] + "/reviews",
                        new JsonObject().put("rating", 5).put("content", "unread"),
                        fixtures.reader().token()),
                403,
                "review.not_a_reader");
        problem(
                api.post(
                        "/api/v1/series/" + s[0] + "/reviews",
                        new JsonObject().put("rating", 5).put("content", "mine"),
                        author.token()),
                403,
                "review.own_series");

        JsonObject edited = ok(
                api.patch("/api/v1/reviews/" + first.getString("id"), new JsonObject().put("rating", 5), a.token()),
                200);
        assertTrue(edited.getBoolean("isEdited"));
        assertEquals(
                3.5,
                ok(api.get("/api/v1/series/" + s[0] + "/reviews", null), 200).getDouble("ratingAverage"));
        problem(
                api.patch("/api/v1/reviews/" + first.getString("id"), new JsonObject().put("rating", 1), b.token()),
                403,
                "review.forbidden");
    }

    @Test
    void theAuthorRespondsOnceAndTheReviewerIsTold() {
        String[] s = series();
        Authoring.User a = readerOf(s);
        String id = review(s[0], a, 5).getString("id");
        problem(
                api.post("/api/v1/reviews/" + id + "/respond", new JsonObject().put("content", "not mine"), a.token()),
                403,
                "review.forbidden");
        assertEquals(
                "Thank you!",
                ok(
                                api.post(
                                        "/api/v1/reviews/" + id + "/respond",
                                        new JsonObject().put("content", "Thank you!"),
                                        author.token()),
                                200)
                        .getString("authorResponse"));
        problem(
                api.post(
                        "/api/v1/reviews/" + id + "/respond",
                        new JsonObject().put("content", "And again"),
                        author.token()),
                409,
                "review.already_responded");
        assertEquals(
                1,
                ok(api.get("/api/v1/notifications?type=REVIEW_RESPONSE", a.token()), 200)
                        .getJsonArray("data")
                        .size());
    }

    @Test
    void helpfulVotesAreOnePerReaderAndNeverOnYourOwn() {
        String[] s = series();
        Authoring.User a = readerOf(s);
        Authoring.User voter = fixtures.reader();
        String id = review(s[0], a, 3).getString("id");
        String vote = "/api/v1/reviews/" + id + "/vote";
        assertEquals(
                1,
                ok(api.post(vote, new JsonObject().put("helpful", true), voter.token()), 200)
                        .getInteger("helpfulCount"));
        assertEquals(
                1,
                ok(api.post(vote, new JsonObject().put("helpful", true), voter.token()), 200)
                        .getInteger("helpfulCount"));
        JsonObject changed = ok(api.post(vote, new JsonObject().put("helpful", false), voter.token()), 200);
        assertEquals(0, changed.getInteger("helpfulCount"));
        assertEquals(1, changed.getInteger("unhelpfulCount"));
        assertEquals(0, ok(api.delete(vote, voter.token()), 200).getInteger("unhelpfulCount"));
        problem(api.post(vote, new JsonObject().put("helpful", true), a.token()), 403, "review.own_vote");
        fieldError(problem(api.post(vote, new JsonObject(), voter.token()), 422, "request.invalid"), "helpful");
    }

    @Test
    void moderatorsHideReviewsAndTheAverageLeavesThemOut() {
        String[] s = series();
        String low = review(s[0], readerOf(s), 1).getString("id");
        review(s[0], readerOf(s), 5);
        problem(
                api.post(
                        "/api/v1/reviews/" + low + "/hide",
                        null,
                        fixtures.reader().token()),
                403,
                "review.forbidden");
        assertTrue(ok(api.post("/api/v1/reviews/" + low + "/hide", null, author.token()), 200)
                .getBoolean("isHidden"));
        JsonObject list = ok(api.get("/api/v1/series/" + s[0] + "/reviews", null), 200);
        assertEquals(1, list.getJsonArray("data").size());
        assertEquals(5.0, list.getDouble("ratingAverage"));
        problem(api.get("/api/v1/reviews/" + low, fixtures.reader().token()), 404, "review.not_found");
        ok(api.post("/api/v1/reviews/" + low + "/unhide", null, author.token()), 200);
        assertEquals(
                3.0,
                ok(api.get("/api/v1/series/" + s[0] + "/reviews", null), 200).getDouble("ratingAverage"));
    }

    @Test
    void badReviewsAreRefused() {
        String[] s = series();
        Authoring.User a = readerOf(s);
        String path = "/api/v1/series/" + s[0] + "/reviews";
        problem(
                api.post(path, new JsonObject().put("rating", 5).put("content", "x"), null),
                401,
                "auth.unauthenticated");
        fieldError(
                problem(
                        api.post(path, new JsonObject().put("rating", 6).put("content", "x"), a.token()),
                        422,
                        "request.invalid"),
                "rating");
        fieldError(
                problem(api.post(path, new JsonObject().put("content", "x"), a.token()), 422, "request.invalid"),
                "rating");
        fieldError(
                problem(api.post(path, new JsonObject().put("rating", 3), a.token()), 422, "request.invalid"),
                "content");
        fieldError(
                problem(
                        api.post(
                                path,
                                new JsonObject()
                                        .put("rating", 3)
                                        .put("content", "x")
                                        .put("subRatings", new JsonObject().put("plot", 3)),
                                a.token()),
                        422,
                        "request.invalid"),
                "subRatings.plot");
        problem(api.get("/api/v1/series/" + UUID.randomUUID() + "/reviews", null), 404, "series.not_found");
        problem(api.get("/api/v1/reviews/" + UUID.randomUUID(), null), 404, "review.not_found");
        String id = review(s[0], a, 4).getString("id");
        ok(api.delete("/api/v1/reviews/" + id, a.token()), 204);
        assertEquals(0, ok(api.get(path, null), 200).getInteger("ratingCount"));
    }
}
