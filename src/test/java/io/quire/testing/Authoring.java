package io.quire.testing;

import static io.quire.testing.Api.ok;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Authoring fixtures built through the real endpoints: users of a role, and sites, series and chapters with
 * defaults ({@code Authoring.in(app).author()}, {@code .site(author)}, {@code .series(author, siteId)}, …).
 */
public final class Authoring {
    public static final String PASSWORD = "velvet-orbit-71-canyon-drift";
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** A signed-in user. */
    public record User(UUID id, String token) {}

    private final TestApp app;
    private final Api api;

    private Authoring(TestApp app) {
        this.app = app;
        this.api = new Api(app);
    }

    public static Authoring in(TestApp app) {
        return new Authoring(app);
    }

    public User reader() {
        return user(null);
    }

    public User author() {
        return user("AUTHOR");
    }

    public User admin() {
        return user("ADMIN");
    }

    private User user(String role) {
        String name =
                "u" + SEQ.incrementAndGet() + "_" + UUID.randomUUID().toString().substring(0, 6);
        JsonObject reg = ok(
                api.post(
                        "/api/v1/auth/register",
                        new JsonObject()
                                .put("email", name + "@example.com")
                                .put("password", PASSWORD)
                                .put("username", name),
                        null),
                201);
        UUID id = UUID.fromString(reg.getJsonObject("user").getString("id"));
        if (role == null) {
            return new User(id, reg.getString("accessToken"));
        }
        try {
            app.db
                    .preparedQuery("UPDATE users SET role = $2 WHERE id = $1")
                    .execute(Tuple.of(id, role))
                    .await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        JsonObject login = ok(
                api.post(
                        "/api/v1/auth/login",
                        new JsonObject().put("email", name + "@example.com").put("password", PASSWORD),
                        null),
                200);
        return new User(id, login.getString("accessToken"));
    }

    public JsonObject site(User owner) {
        return site(owner, new JsonObject().put("name", "Site " + SEQ.incrementAndGet()));
    }

    public JsonObject site(User owner, JsonObject body) {
        return ok(api.post("/api/v1/sites", body, owner.token()), 201);
    }

    public JsonObject series(User author, String siteId) {
        return ok(
                api.post(
                        "/api/v1/sites/" + siteId + "/series",
                        new JsonObject().put("title", "Series " + SEQ.incrementAndGet()),
                        author.token()),
                201);
    }

    /** Puts a chapter behind the paywall: SUBSCRIBERS only. */
    public void forSubscribers(User author, String chapterId) {
        ok(
                api.patch(
                        "/api/v1/chapters/" + chapterId + "/access",
                        new JsonObject().put("accessLevel", "SUBSCRIBERS"),
                        author.token()),
                200);
    }

    /** A "Gold" tier at 5 USD a month; its id. */
    public String tier(User author, String siteId) {
        return ok(
                        api.post(
                                "/api/v1/sites/" + siteId + "/tiers",
                                new JsonObject()
                                        .put("name", "Gold")
                                        .put("monthlyPrice", 500)
                                        .put("currency", "USD"),
                                author.token()),
                        201)
                .getString("id");
    }

    public JsonObject chapter(User author, String seriesId, String title, String content) {
        return ok(
                api.post(
                        "/api/v1/series/" + seriesId + "/chapters",
                        new JsonObject().put("title", title).put("content", content),
                        author.token()),
                201);
    }

    /** Makes {@code user} a collaborator of the site, accepted, with a role and permission flags. */
    public void collaborator(String siteId, User user, String role, JsonObject permissions) {
        try {
            app.db
                    .preparedQuery("""
          INSERT INTO site_collaborators (site_id, user_id, role, permissions, accepted_at) VALUES ($1, $2, $3, $4, now())
          """)
                    .execute(Tuple.of(UUID.fromString(siteId), user.id(), role, permissions))
                    .await(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The outbox topics written for an aggregate, oldest first. */
    public java.util.List<String> events(String aggregateId) {
        try {
            var rows = app.db
                    .preparedQuery("SELECT topic FROM outbox WHERE aggregate_id = $1 ORDER BY id")
                    .execute(Tuple.of(aggregateId))
                    .await(5, TimeUnit.SECONDS);
            java.util.List<String> out = new java.util.ArrayList<>();
            rows.forEach(r -> out.add(r.getString("topic")));
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
