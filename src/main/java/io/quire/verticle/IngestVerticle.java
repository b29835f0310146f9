package io.quire.verticle;

import io.quire.analytics.ingest.IngestRequest;
import io.quire.analytics.ingest.IngestService;
import io.quire.analytics.ingest.UserAgents;
import io.quire.analytics.storage.Partitions;
import io.quire.media.Bandwidth;
import io.quire.platform.AppContext;
import io.quire.platform.bus.Bus;
import io.quire.platform.db.PgPools;
import io.quire.platform.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Owns analytics writes handed over by the HTTP verticle on the event bus: event batches (parsed, checked,
 * enriched and micro-batched by {@link IngestService}) and the bytes media downloads served ({@link Bandwidth}).
 */
public final class IngestVerticle extends VerticleBase {
    private final AppContext app;

    public IngestVerticle(AppContext app) {
        this.app = app;
    }

    private Pool pool;
    private Redis redis;
    private IngestService events;
    private Bandwidth bandwidth;

    @Override
    public Future<?> start() {
        // its own pool: event writes neither wait behind API traffic nor lose their connections when another verticle
        // stops
        pool = PgPools.shared(vertx, app.config().pg(), "ingest");
        redis = RedisClients.create(vertx, app.config().redis());
        Bus bus = new Bus(vertx);
        // the User-Agent regexes take a moment to compile: off the event loop
        return vertx.executeBlocking(UserAgents::new)
                .compose(agents -> {
                    events = new IngestService(vertx, pool, redis, app.config(), agents, app.metrics());
                    return Partitions.ensure(
                            pool,
                            LocalDate.now(ZoneOffset.UTC),
                            app.config().analytics().partitionsAhead());
                })
                .compose(created ->
                        bus.reply(IngestRequest.ADDRESS, events::ingest).completion())
                .onSuccess(v -> bandwidth = Bandwidth.start(vertx, pool))
                .compose(v -> StatusReplies.register(
                                vertx,
                                "ingest",
                                () -> new JsonObject()
                                        .put("env", app.config().env())
                                        .put("queuedEvents", events.queued()))
                        .completion());
    }

    /** The HTTP verticles stop first; what they handed over is written before the connections close. */
    @Override
    public Future<?> stop() {
        Future<Void> drained = (events == null ? Future.<Void>succeededFuture() : events.drain())
                .eventually(() -> bandwidth == null ? Future.succeededFuture() : bandwidth.stop());
        return drained.eventually(() -> redis.close()).eventually(() -> pool.close());
    }
}
