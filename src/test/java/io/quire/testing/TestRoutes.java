package io.quire.testing;

import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Principal;
import io.quire.platform.http.ApiException;
import io.quire.platform.redis.RedisClients;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.util.List;

/**
 * Routes that exist only in tests, to drive the platform's failure paths and its database and shutdown
 * behaviour through real HTTP. Mounted with {@code TestApp.builder().routes(TestRoutes::mount)}; {@code /test/db} and
 * {@code /test/redis} use the app's own clients, so they fail the way a feature route would.
 */
public final class TestRoutes {
    private TestRoutes() {}

    public static void mount(Router router, Pool pool, Redis redis) {
        router.post("/test/echo").consumes("application/json").handler(ctx -> {
            var body = ctx.body().asJsonObject();
            ctx.response()
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(body.encode());
        });
        router.get("/test/invalid")
                .handler(ctx -> ctx.fail(new ApiException.Validation(
                        "test.invalid",
                        "Title is required.",
                        List.of(new ApiException.FieldError("title", "must not be blank")))));
        router.get("/test/limited")
                .handler(ctx -> ctx.fail(new ApiException.RateLimited("test.rate_limited", "Slow down.", 42)));
        router.get("/test/unavailable")
                .handler(ctx -> ctx.fail(new ApiException.Unavailable("test.unavailable", "Down.")));
        router.get("/test/boom").handler(ctx -> {
            throw new IllegalStateException("secret internal detail");
        });
        router.get("/test/slow")
                .handler(ctx -> ctx.vertx()
                        .setTimer(
                                Long.parseLong(ctx.queryParam("ms").get(0)),
                                id -> ctx.response().end("slow done")));
        router.get("/test/db")
                .handler(ctx -> pool.query("SELECT 1 AS one")
                        .execute()
                        .onSuccess(rows -> ctx.response().end("db ok"))
                        .onFailure(ctx::fail));
        router.get("/api/v1/test/scoped").handler(Authz.scope("content:write")).handler(ctx -> {
            Principal p = Authz.require(ctx);
            ctx.json(new io.vertx.core.json.JsonObject()
                    .put("userId", p.userId().toString())
                    .put("apiKey", p.isApiKey())
                    .put(
                            "scopes",
                            new io.vertx.core.json.JsonArray(
                                    p.scopes().stream().sorted().toList())));
        });
        router.get("/test/redis")
                .handler(ctx -> RedisClients.ping(redis, 1000)
                        .onSuccess(v -> ctx.response().end("redis ok"))
                        .onFailure(ctx::fail));
    }
}
