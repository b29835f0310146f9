package io.quire.verticle;

import io.quire.analytics.ViewBatch;
import io.quire.analytics.ViewWriter;
import io.quire.platform.AppContext;
import io.quire.platform.bus.Bus;
import io.quire.platform.db.PgPools;
import io.vertx.sqlclient.Pool;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

/**
 * Owns analytics writes handed over by the HTTP verticle on the event bus. So far: chapter view counts, merged
 * and written in one statement per interval ({@link ViewWriter}). Event ingestion (parsing, enrichment, micro-batching) joins here.
 */
public final class IngestVerticle extends VerticleBase {
  private final AppContext app;

  public IngestVerticle(AppContext app) {
    this.app = app;
  }

  private Pool pool;
  private ViewWriter views;

  @Override
  public Future<?> start() {
    pool = PgPools.shared(vertx, app.config().pg(), "main");
    views = new ViewWriter(pool).start(vertx, app.config().reading().viewFlushMillis());
    return new Bus(vertx).reply(ViewBatch.ADDRESS, views::accept).completion()
        .compose(v -> StatusReplies.register(vertx, "ingest", () -> new JsonObject().put("env", app.config().env())).completion());
  }

  /** The HTTP verticles stop first and hand over their last counts; they are written before the pool closes. */
  @Override
  public Future<?> stop() {
    return views.write().eventually(() -> pool.close());
  }
}
