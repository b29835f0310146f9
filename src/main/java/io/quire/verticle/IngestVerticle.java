package io.quire.verticle;

import io.quire.platform.AppContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

/**
 * Will own analytics ingestion (parsing, enrichment, micro-batched writes), handed over by the HTTP
 * verticle on the event bus; until that lands it only answers the readiness check, so deployments can already
 * be shaped per verticle ({@code QUIRE_VERTICLES=ingest}).
 */
public final class IngestVerticle extends VerticleBase {
  private final AppContext app;

  public IngestVerticle(AppContext app) {
    this.app = app;
  }

  @Override
  public Future<?> start() {
    return StatusReplies.register(vertx, "ingest", () -> new JsonObject().put("env", app.config().env())).completion();
  }
}
