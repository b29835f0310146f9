package io.quire.verticle;

import io.quire.platform.AppContext;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;

/**
 * Will own the inbound webhook inbox and outbound deliveries; until those land it only answers the
 * readiness check, so {@code QUIRE_VERTICLES=webhooks} pods already deploy and report.
 */
public final class WebhooksVerticle extends VerticleBase {
  private final AppContext app;

  public WebhooksVerticle(AppContext app) {
    this.app = app;
  }

  @Override
  public Future<?> start() {
    return StatusReplies.register(vertx, "webhooks", () -> new JsonObject().put("env", app.config().env())).completion();
  }
}
