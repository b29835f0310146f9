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
 * Owns analytics writes handed over by the HTTP verticle on the event bus. So far: chapter view counts, written
 * in one statement per batch ({@link ViewWriter}). Event ingestion (parsing, enrichment, micro-batching) joins here.
 */
public final class IngestVerticle extends VerticleBase {
  private final AppContext app;

  public IngestVerticle(AppContext app) {
    this.app = app;
  }

  @Override
  public Future<?> start() {
    Pool pool = PgPools.shared(vertx, app.config().pg(), "main");
    ViewWriter views = new ViewWriter(pool);
    return new Bus(vertx).reply(ViewBatch.ADDRESS, views::write).completion()
        .compose(v -> StatusReplies.register(vertx, "ingest", () -> new JsonObject().put("env", app.config().env())).completion());
  }
}
