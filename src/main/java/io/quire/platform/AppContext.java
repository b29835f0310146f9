package io.quire.platform;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.quire.platform.config.QuireConfig;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What every verticle of one process is given: the configuration, the metrics registry, the process's
 * lifecycle flags, and (tests only) extra routes to mount and extra incoming-webhook handlers.
 *
 * @param expectedChangesets how many changesets this build's migrations applied; readiness fails if the
 *     database reports fewer (restored from an old dump, or migrated by nobody)
 */
public record AppContext(
        QuireConfig config,
        PrometheusMeterRegistry metrics,
        int expectedChangesets,
        AtomicBoolean draining,
        List<RouteMount> extraRoutes,
        java.util.Map<String, io.quire.platform.inbox.WebhookHandler> extraWebhookHandlers) {}
