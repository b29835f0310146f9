package io.quire.platform.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * Prometheus metrics through vertx-micrometer-metrics: HTTP server requests labelled by route template (not
 * raw path, which would explode cardinality) and status, pools (PostgreSQL, Redis), event bus, and the JVM.
 */
public final class Metrics {
    private Metrics() {}

    public static PrometheusMeterRegistry newRegistry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** Turns Vert.x metrics on in {@code options}, reporting to the registry given to the metrics factory. */
    public static VertxOptions enable(VertxOptions options) {
        return options.setMetricsOptions(new MicrometerMetricsOptions()
                .setEnabled(true)
                .setJvmMetricsEnabled(true)
                .addLabels(
                        Label.HTTP_ROUTE,
                        Label.HTTP_METHOD,
                        Label.HTTP_CODE,
                        Label.POOL_TYPE,
                        Label.POOL_NAME,
                        Label.EB_ADDRESS,
                        Label.EB_FAILURE,
                        Label.NAMESPACE));
    }

    public static void mount(Api api, PrometheusMeterRegistry registry) {
        api.raw(
                Endpoint.get("/metrics")
                        .id("getMetrics")
                        .tag("operations")
                        .summary("Prometheus metrics (HTTP by route and status, pools, event bus, JVM)")
                        .access(Access.anyone())
                        .okAs(200, "text/plain", "Prometheus text exposition"),
                PrometheusScrapingHandler.create(registry));
    }
}
