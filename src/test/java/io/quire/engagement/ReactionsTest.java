package io.quire.engagement;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.engagement.reactions.ReactionCountJob;
import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reactions: one per user, target and type; counts under concurrent clicks; the comments' top sort. */
class ReactionsTest extends SharedApp {
    static Authoring.User owner;
    static String series;

    @BeforeAll
    static void content() {
        owner = fixtures.author();
        String site = fixtures.site(owner).getString("id");
        series = fixtures.series(owner, site).getString("id");
        ok(api.post("/api/v1/series/" + series + "/publish", null, owner.token()), 200);
    }

    private static String chapter() {
        String id = fixtures.chapter(
                        owner, series, "C " + UUID.randomUUID().toString().substring(0, 6), "Text.")
                .getString("id");
        ok(api.post("/api/v1/chapters/" + id + "/publish", null, owner.token()), 200);
        return id;
    }

    @Test
    void fiftyConcurrentClicksCountFifty() throws Exception {
        String chapter = chapter();
        List<Authoring.User> readers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            readers.add(fixtures.reader());
        }
        List<Future<HttpResponse<Buffer>>> clicks = new ArrayList<>();
        for (Authoring.User r : readers) {
            clicks.add(app.client
                    .post("/api/v1/chapters/" + chapter + "/reactions")
                    .putHeader("Authorization", "Bearer " + r.token())
                    .sendJsonObject(new JsonObject().put("type", "LIKE")));
        }
        Future.all(new ArrayList<>(clicks)).await(30, TimeUnit.SECONDS);
        clicks.forEach(
                c -> assertEquals(201, c.result().statusCode(), c.result().bodyAsString()));
        Eventually.await(
                () -> ok(api.get("/api/v1/chapters/" + chapter + "/reactions", null), 200)
                                .getJsonObject("counts")
                                .getLong("LIKE")
                        == 50,
                5_000,
                "50 likes");
        // clicking again changes nothing
        JsonObject again = ok(
                api.post(
                        "/api/v1/chapters/" + chapter + "/reactions",
                        new JsonObject().put("type", "LIKE"),
                        readers.get(0).token()),
                200);
        assertFalse(again.getBoolean("added"));
        assertEquals(50, again.getJsonObject("counts").getLong("LIKE"));
        assertEquals(50, app.count("SELECT count(*) FROM reactions WHERE target_id = '" + chapter + "'"));
    }

    @Test
    void aReaderAddsKindsAndTakesThemBack() {
        String chapter = chapter();
        Authoring.User reader = fixtures.reader();
        String path = "/api/v1/chapters/" + chapter + "/reactions";
        assertTrue(ok(api.post(path, new JsonObject().put("type", "LOVE"), reader.token()), 201)
                .getBoolean("added"));
        JsonObject both = ok(api.post(path, new JsonObject().put("type", "WOW"), reader.token()), 201);
        assertEquals(2, both.getLong("total"));
        JsonObject mine = ok(api.get(path, reader.token()), 200);
        assertEquals(
                new JsonArray().add("LOVE").add("WOW"),
                new JsonArray(mine.getJsonArray("mine").stream().sorted().toList()));
        JsonObject removed =
                ok(api.call(io.vertx.core.http.HttpMethod.DELETE, path + "?type=LOVE", null, reader.token()), 200);
        assertTrue(removed.getBoolean("removed"));
        assertEquals(0, removed.getJsonObject("counts").getLong("LOVE"));
        assertEquals(1, removed.getLong("total"));
    }

    @Test
    void commentReactionsRankTheTopSortOnceCounted() throws Exception {
        String chapter = chapter();
        Authoring.User a = fixtures.reader();
        Authoring.User b = fixtures.reader();
        String quiet = ok(
                        api.post(
                                "/api/v1/chapters/" + chapter + "/comments",
                                new JsonObject().put("content", "quiet"),
                                a.token()),
                        201)
                .getString("id");
        String loved = ok(
                        api.post(
                                "/api/v1/chapters/" + chapter + "/comments",
                                new JsonObject().put("content", "loved"),
                                a.token()),
                        201)
                .getString("id");
        String older = ok(
                        api.post(
                                "/api/v1/chapters/" + chapter + "/comments",
                                new JsonObject().put("content", "liked once"),
                                b.token()),
                        201)
                .getString("id");
        for (Authoring.User u : List.of(a, b)) {
            ok(
                    api.post(
                            "/api/v1/comments/" + loved + "/reactions",
                            new JsonObject().put("type", "LAUGH"),
                            u.token()),
                    201);
        }
        ok(api.post("/api/v1/comments/" + older + "/reactions", new JsonObject().put("type", "LIKE"), a.token()), 201);
        new ReactionCountJob(app.db).handle(null).await(10, TimeUnit.SECONDS);
        JsonArray top = ok(api.get("/api/v1/chapters/" + chapter + "/comments?sort=top", null), 200)
                .getJsonArray("data");
        assertEquals(
                List.of(loved, older, quiet),
                top.stream().map(c -> ((JsonObject) c).getString("id")).toList());
        assertEquals(2, top.getJsonObject(0).getInteger("reactionCount"));
        assertEquals(0, app.count("SELECT count(*) FROM reaction_dirty"), "the marks were taken");
    }

    @Test
    void aCommentPassingTenReactionsTellsItsWriterOnce() throws Exception {
        String chapter = chapter();
        Authoring.User writer = fixtures.reader();
        String c = ok(
                        api.post(
                                "/api/v1/chapters/" + chapter + "/comments",
                                new JsonObject().put("content", "popular"),
                                writer.token()),
                        201)
                .getString("id");
        for (int i = 0; i < 10; i++) {
            ok(
                    api.post(
                            "/api/v1/comments/" + c + "/reactions",
                            new JsonObject().put("type", "LOVE"),
                            fixtures.reader().token()),
                    201);
        }
        new ReactionCountJob(app.db).handle(null).await(10, TimeUnit.SECONDS);
        JsonArray told = ok(api.get("/api/v1/notifications?type=REACTION_MILESTONE", writer.token()), 200)
                .getJsonArray("data");
        assertEquals(1, told.size());
        assertEquals(10, told.getJsonObject(0).getJsonObject("data").getInteger("milestone"));
        ok(
                api.post(
                        "/api/v1/comments/" + c + "/reactions",
                        new JsonObject().put("type", "WOW"),
                        fixtures.reader().token()),
                201);
        new ReactionCountJob(app.db).handle(null).await(10, TimeUnit.SECONDS);
        assertEquals(
                1,
                ok(api.get("/api/v1/notifications?type=REACTION_MILESTONE", writer.token()), 200)
                        .getJsonArray("data")
                        .size());
    }

    @Test
    void badReactionsAreRefused() {
        String chapter = chapter();
        Authoring.User reader = fixtures.reader();
        String path = "/api/v1/chapters/" + chapter + "/reactions";
        problem(api.post(path, new JsonObject().put("type", "LIKE"), null), 401, "auth.unauthenticated");
        fieldError(
                problem(api.post(path, new JsonObject().put("type", "MEH"), reader.token()), 422, "request.invalid"),
                "type");
        fieldError(
                problem(
                        api.call(io.vertx.core.http.HttpMethod.DELETE, path, null, reader.token()),
                        422,
                        "request.invalid"),
                "type");
        problem(
                api.post(
                        "/api/v1/chapters/" + UUID.randomUUID() + "/reactions",
                        new JsonObject().put("type", "LIKE"),
                        reader.token()),
                404,
                "chapter.not_found");
        problem(api.get("/api/v1/comments/" + UUID.randomUUID() + "/reactions", null), 404, "comment.not_found");
        app.count("UPDATE chapters SET access_level = 'SUBSCRIBERS' WHERE id = '" + chapter + "' RETURNING 1");
        problem(api.post(path, new JsonObject().put("type", "LIKE"), reader.token()), 403, "comments.locked");
    }
}
