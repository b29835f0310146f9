package io.quire.platform.db;

import io.quire.platform.config.QuireConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlClient;
import java.util.concurrent.TimeUnit;

/** Builds the PostgreSQL pool every verticle uses; one shared pool per process, whatever the instance count. */
public final class PgPools {
    private PgPools() {}

    /**
     * A pool shared by name across verticle instances, so {@code pg.poolSize} is the process's total. The
     * acquire timeout bounds how long a request waits for a connection when PostgreSQL is slow or gone, so
     * callers fail fast with a 503 instead of hanging.
     */
    public static Pool shared(Vertx vertx, QuireConfig.Pg pg, String name) {
        return PgBuilder.pool()
                .with(options("quire-" + name, pg.poolSize(), pg.poolSize() * 64, pg))
                .with(net(pg))
                .connectingTo(PgTarget.of(pg).options())
                .using(vertx)
                .build();
    }

    /**
     * A pipelined client for the public read path, shared by name like the pool. Reads need no transaction, and
     * pipelining sends several queries down one connection without waiting for each answer: fewer connections and
     * round trips, less database CPU per query than the pool (see VERTX5-NOTES). At most 4 connections, as that is
     * where pipelining stops gaining.
     */
    public static SqlClient sharedReads(Vertx vertx, QuireConfig.Pg pg) {
        return PgBuilder.client()
                .with(options("quire-reads", Math.min(4, pg.poolSize()), pg.poolSize() * 256, pg))
                .with(net(pg))
                .connectingTo(PgTarget.of(pg).options().setPipeliningLimit(64))
                .using(vertx)
                .build();
    }

    private static PoolOptions options(String name, int size, int waiters, QuireConfig.Pg pg) {
        return new PoolOptions()
                .setShared(true)
                .setName(name)
                .setMaxSize(size)
                .setMaxWaitQueueSize(waiters)
                .setConnectionTimeout(pg.acquireTimeoutMs())
                .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
                .setIdleTimeout(60)
                .setIdleTimeoutUnit(TimeUnit.SECONDS)
                .setPoolCleanerPeriod(5000);
    }

    /** Without a connect timeout a black-holed host would hold requests until the acquire timeout. */
    private static NetClientOptions net(QuireConfig.Pg pg) {
        return new NetClientOptions().setConnectTimeout(pg.connectTimeoutMs());
    }
}
