package io.quire.platform.db;

import io.quire.platform.config.QuireConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
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
    PoolOptions options = new PoolOptions()
        .setShared(true)
        .setName("quire-" + name)
        .setMaxSize(pg.poolSize())
        .setMaxWaitQueueSize(pg.poolSize() * 64)
        .setConnectionTimeout(pg.acquireTimeoutMs())
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
        .setIdleTimeout(60)
        .setIdleTimeoutUnit(TimeUnit.SECONDS)
        .setPoolCleanerPeriod(5000);
    // without a connect timeout a black-holed host would hold requests until the acquire timeout
    NetClientOptions net = new NetClientOptions().setConnectTimeout(pg.connectTimeoutMs());
    return PgBuilder.pool().with(options).with(net).connectingTo(PgTarget.of(pg).options()).using(vertx).build();
  }
}
