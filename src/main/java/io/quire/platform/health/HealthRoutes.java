package io.quire.platform.health;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /health/live} and {@code /health/ready}, for load balancers and orchestrators. */
public final class HealthRoutes {
    private final ReadinessChecks readiness;

    public HealthRoutes(ReadinessChecks readiness) {
        this.readiness = readiness;
    }

    public void mount(Router router) {
        router.get("/health/live").handler(this::live);
        router.get("/health/ready").handler(this::ready);
    }

    private void live(RoutingContext ctx) {
        send(ctx, 200, new JsonObject().put("status", "UP"));
    }

    private void ready(RoutingContext ctx) {
        readiness
                .run()
                .onSuccess(report -> send(ctx, report.ok() ? 200 : 503, report.toJson()))
                .onFailure(ctx::fail);
    }

    private static void send(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(body.toBuffer());
    }
}
