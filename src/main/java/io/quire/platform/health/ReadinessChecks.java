package io.quire.platform.health;

import io.quire.platform.AppContext;
import io.quire.platform.bus.Bus;
import io.quire.platform.cache.ReadCache;
import io.quire.platform.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Answers "may this instance take traffic": PostgreSQL answers, its schema has every changeset this build
 * expects, Redis answers, every other verticle deployed here replies on the bus, and the instance is not
 * draining. Each check has its own deadline, so a hung dependency makes the answer 503 rather than slow.
 */
public final class ReadinessChecks {
    private final AppContext app;
    private final Pool pool;
    private final Redis redis;
    private final Bus bus;
    private final ReadCache cache;
    private final long timeoutMs;

    public ReadinessChecks(AppContext app, Pool pool, Redis redis, Bus bus, ReadCache cache) {
        this.app = app;
        this.cache = cache;
        this.pool = pool;
        this.redis = redis;
        this.bus = bus;
        this.timeoutMs = app.config().health().checkTimeoutMs();
    }

    /** One named result. */
    public record Check(String name, boolean ok, JsonObject detail) {
        JsonObject toJson() {
            return new JsonObject()
                    .put("name", name)
                    .put("status", ok ? "UP" : "DOWN")
                    .put("detail", detail);
        }
    }

    /** The overall result: ok only when every check is. */
    public record Report(boolean ok, List<Check> checks) {
        public JsonObject toJson() {
            return new JsonObject()
                    .put("status", ok ? "UP" : "DOWN")
                    .put(
                            "checks",
                            new io.vertx.core.json.JsonArray(
                                    checks.stream().map(Check::toJson).toList()));
        }
    }

    public Future<Report> run() {
        List<Future<Check>> checks = new ArrayList<>();
        checks.add(timed("postgres+migrations", postgres()));
        checks.add(timed("redis", RedisClients.ping(redis, timeoutMs).map(v -> new JsonObject())));
        for (String name : app.config().verticles()) {
            if (!name.equals("http")) {
                checks.add(timed("verticle:" + name, verticle(name)));
            }
        }
        // informational: a missing cache or feed never stops reads, so it never fails readiness
        checks.add(Future.succeededFuture(new Check("readCache", true, cache.status())));
        checks.add(Future.succeededFuture(new Check(
                "lifecycle",
                !app.draining().get(),
                new JsonObject().put("draining", app.draining().get()))));
        return Future.join(checks).transform(ar -> {
            List<Check> results = checks.stream().map(Future::result).toList();
            return Future.succeededFuture(new Report(results.stream().allMatch(Check::ok), results));
        });
    }

    private Future<JsonObject> postgres() {
        return pool.query("SELECT count(*) AS applied FROM databasechangelog")
                .execute()
                .compose(rows -> {
                    long applied = rows.iterator().next().getLong("applied");
                    JsonObject detail = new JsonObject()
                            .put("changesetsApplied", applied)
                            .put("changesetsExpected", app.expectedChangesets());
                    return applied >= app.expectedChangesets()
                            ? Future.succeededFuture(detail)
                            : Future.failedFuture(
                                    "schema is behind: " + applied + " of " + app.expectedChangesets() + " changesets");
                });
    }

    private Future<JsonObject> verticle(String name) {
        return bus.request(VerticleStatus.address(name), new VerticleStatus.Request(), timeoutMs)
                .compose(status -> status.ok()
                        ? Future.succeededFuture(status.detail())
                        : Future.failedFuture(name + " reports not ok"));
    }

    private Future<Check> timed(String name, Future<JsonObject> check) {
        long started = System.nanoTime();
        return check.timeout(timeoutMs, TimeUnit.MILLISECONDS).transform(ar -> {
            double ms = (System.nanoTime() - started) / 1e6;
            JsonObject detail = ar.succeeded()
                    ? ar.result().copy()
                    : new JsonObject().put("error", String.valueOf(ar.cause().getMessage()));
            return Future.succeededFuture(
                    new Check(name, ar.succeeded(), detail.put("latencyMs", Math.round(ms * 10) / 10.0)));
        });
    }
}
