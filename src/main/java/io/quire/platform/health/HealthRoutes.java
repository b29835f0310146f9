package io.quire.platform.health;

import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code /health/live} and {@code /health/ready}, for load balancers and orchestrators. */
public final class HealthRoutes {
    private final ReadinessChecks readiness;

    public HealthRoutes(ReadinessChecks readiness) {
        this.readiness = readiness;
    }

    public void mount(Api api) {
        api.component(
                "Readiness",
                Schema.object()
                        .required("status", Schema.string().oneOf("UP", "DOWN"))
                        .required(
                                "checks",
                                Schema.array(Schema.object()
                                        .required("name", Schema.string())
                                        .required("status", Schema.string().oneOf("UP", "DOWN"))
                                        .optional("detail", Schema.anyObject()))));
        api.raw(
                Endpoint.get("/health/live")
                        .id("checkLiveness")
                        .tag("operations")
                        .summary("Liveness: 200 while the process runs")
                        .access(Access.anyone())
                        .ok(200, object().optional("status", string().oneOf("UP")), "Alive"),
                this::live);
        api.raw(
                Endpoint.get("/health/ready")
                        .id("checkReadiness")
                        .tag("operations")
                        .summary(
                                "Readiness: PostgreSQL, migrations, Redis, the other verticles of this process, not draining")
                        .access(Access.anyone())
                        .ok(200, ref("Readiness"), "Ready"),
                this::ready);
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
