package io.quire.verticle;

import io.quire.platform.AppContext;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.db.PgPools;
import io.quire.platform.http.InvalidRequests;
import io.quire.platform.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.concurrent.TimeUnit;

/**
 * The public HTTP port. One instance per core (Vert.x spreads connections across instances bound to the same
 * port); each builds the same router over the process's shared pool.
 */
public final class HttpVerticle extends VerticleBase {
    private final AppContext app;
    private Pool pool;
    private Redis redis;
    private HttpServer server;
    private SqlClient reads;

    public HttpVerticle(AppContext app) {
        this.app = app;
    }

    @Override
    public Future<?> start() {
        QuireConfig.Http http = app.config().http();
        pool = PgPools.shared(vertx, app.config().pg(), "main");
        redis = RedisClients.create(vertx, app.config().redis());
        server = vertx.createHttpServer(new HttpServerOptions()
                .setCompressionSupported(http.compression())
                .setCompressionContentSizeThreshold(1024)
                .setDecompressionSupported(true)
                .setIdleTimeout(120)
                .setIdleTimeoutUnit(TimeUnit.SECONDS));
        reads = PgPools.sharedReads(vertx, app.config().pg());
        return server.requestHandler(ApiRouter.create(vertx, app, pool, redis, reads))
                .invalidRequestHandler(new InvalidRequests())
                .listen(http.port(), http.host());
    }

    /** Stops accepting, lets in-flight requests finish within {@code http.shutdownTimeoutSeconds}, then closes. */
    @Override
    public Future<?> stop() {
        return server.shutdown(app.config().http().shutdownTimeoutSeconds(), TimeUnit.SECONDS)
                .eventually(() -> redis.close())
                .eventually(() -> reads.close())
                .eventually(() -> pool.close());
    }
}
