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
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Following authors: follow (idempotent), settings, unfollow, my following list, and the author's followers. */
class FollowsTest extends SharedApp {

    private static String follow(Authoring.User author) {
        return "/api/v1/authors/" + author.id() + "/follow";
    }

    @Test
    void aReaderFollowsAdjustsAndUnfollows() {
        Authoring.User author = fixtures.author();
        Authoring.User reader = fixtures.reader();
        JsonObject first = ok(api.post(follow(author), null, reader.token()), 201);
        assertTrue(first.getBoolean("notifyNewChapters"));
        assertEquals(List.of("follow.created"), fixtures.events(author.id().toString()));
        JsonObject again = ok(api.post(follow(author), null, reader.token()), 200);
        assertFalse(again.getBoolean("created"));
        assertEquals(1, fixtures.events(author.id().toString()).size(), "following again is not a new event");

        JsonObject quiet = ok(
                api.patch(
                        "/api/v1/authors/" + author.id() + "/follow-settings",
                        new JsonObject().put("notifyNewChapters", false),
                        reader.token()),
                200);
        assertFalse(quiet.getBoolean("notifyNewChapters"));
        assertTrue(quiet.getBoolean("notifyNewSeries"));

        JsonObject following = ok(api.get("/api/v1/me/following", reader.token()), 200);
        assertEquals(
                author.id().toString(),
                following.getJsonArray("data").getJsonObject(0).getString("authorId"));
        assertFalse(following.getJsonArray("data").getJsonObject(0).getBoolean("notifyNewChapters"));

        ok(api.post("/api/v1/authors/" + author.id() + "/unfollow", null, reader.token()), 204);
        assertEquals(
                0,
                ok(api.get("/api/v1/me/following", reader.token()), 200)
                        .getJsonArray("data")
                        .size());
        problem(
                api.patch(
                        "/api/v1/authors/" + author.id() + "/follow-settings",
                        new JsonObject().put("notifyNewSeries", true),
                        reader.token()),
                404,
                "follow.not_found");
    }

    @Test
    void aNewFollowerReachesTheAuthorsWebhookEndpoints() throws Exception {
        Authoring.User author = fixtures.author();
        String site = fixtures.site(author).getString("id");
        // an endpoint row as the endpoint API stores it (the delivery itself is the webhooks tests' business)
        app.count(
                "INSERT INTO outgoing_webhooks (id, site_id, name, url, events, secret_encrypted) VALUES (gen_random_uuid(), '"
                        + site + "', 'followers', 'https://hooks.example/f', ARRAY['follow.*'], 'x') RETURNING 1");
        ok(api.post(follow(author), null, fixtures.reader().token()), 201);
        io.quire.testing.Eventually.await(
                () -> app.count("SELECT count(*) FROM webhook_deliveries d JOIN outgoing_webhooks w "
                                + "ON w.id = d.webhook_id WHERE w.site_id = '" + site
                                + "' AND d.event_type = 'follow.created'")
                        == 1,
                10_000,
                "the follow.created delivery");
    }

    @Test
    void onlyTheAuthorSeesTheirFollowersPageByPage() {
        Authoring.User author = fixtures.author();
        Authoring.User a = fixtures.reader();
        Authoring.User b = fixtures.reader();
        ok(api.post(follow(author), null, a.token()), 201);
        ok(api.post(follow(author), null, b.token()), 201);
        String path = "/api/v1/authors/" + author.id() + "/followers";
        JsonObject page = ok(api.get(path + "?limit=1", author.token()), 200);
        assertEquals(2, page.getLong("followerCount"));
        assertEquals(
                b.id().toString(), page.getJsonArray("data").getJsonObject(0).getString("userId"));
        JsonObject next = ok(api.get(path + "?limit=1&cursor=" + page.getString("nextCursor"), author.token()), 200);
        assertEquals(
                a.id().toString(), next.getJsonArray("data").getJsonObject(0).getString("userId"));
        assertNull(next.getString("nextCursor"));
        problem(api.get(path, a.token()), 403, "follow.forbidden");
        ok(api.get(path, fixtures.admin().token()), 200);
    }

    @Test
    void badFollowsAreRefused() {
        Authoring.User author = fixtures.author();
        Authoring.User reader = fixtures.reader();
        problem(api.post(follow(author), null, null), 401, "auth.unauthenticated");
        problem(api.post(follow(author), null, author.token()), 422, "follow.self");
        problem(api.post(follow(reader), null, fixtures.reader().token()), 404, "author.not_found");
        problem(
                api.post("/api/v1/authors/" + UUID.randomUUID() + "/follow", null, reader.token()),
                404,
                "author.not_found");
        problem(api.post("/api/v1/authors/nope/follow", null, reader.token()), 404, "author.not_found");
        ok(api.post(follow(author), null, reader.token()), 201);
        fieldError(
                problem(
                        api.patch(
                                "/api/v1/authors/" + author.id() + "/follow-settings",
                                new JsonObject().put("notifyNewSeries", "yes"),
                                reader.token()),
                        422,
                        "request.invalid"),
                "notifyNewSeries");
    }
}
