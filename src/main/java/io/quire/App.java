package io.quire;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.quire.platform.AppContext;
import io.quire.platform.RouteMount;
import io.quire.platform.bus.Bus;
import io.quire.platform.cache.InvalidationBridge;
import io.quire.platform.cache.ReadCache;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.db.DatabaseBootstrap;
import io.quire.platform.db.Migrations;
import io.quire.platform.db.PgTarget;
import io.quire.platform.db.StartupException;
import io.quire.platform.files.AppFiles;
import io.quire.platform.metrics.Metrics;
import io.quire.platform.redis.RedisClients;
import io.quire.verticle.VerticleDescriptor;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Quire process: database ensured and migrated, Vert.x started, verticles deployed. Both
 * {@link #start} and {@link #stop} block the calling thread (the main thread, a shutdown thread, a test), never
 * an event loop.
 */
public final class App {
    private static final Logger log = LoggerFactory.getLogger(App.class);
    /** Background verticles deploy before HTTP, so the port opens only when they can answer. */
    private static final List<String> DEPLOY_ORDER = List.of("workers", "ingest", "webhooks", "http");

    private final QuireConfig config;
    private final Vertx vertx;
    private final AtomicBoolean draining;
    private final List<String> backgroundDeployments;
    private final String httpDeployment;
    private final InvalidationBridge invalidations;

    private App(
            QuireConfig config,
            Vertx vertx,
            AtomicBoolean draining,
            List<String> background,
            String http,
            InvalidationBridge invalidations) {
        this.invalidations = invalidations;
        this.config = config;
        this.vertx = vertx;
        this.draining = draining;
        this.backgroundDeployments = background;
        this.httpDeployment = http;
    }

    public static App start(QuireConfig config, AppFiles files) {
        return start(config, files, List.of());
    }

    /** Starts everything; {@code extraRoutes} lets tests mount routes of their own (empty in production). */
    public static App start(QuireConfig config, AppFiles files, List<RouteMount> extraRoutes) {
        return start(config, files, extraRoutes, java.util.Map.of());
    }

    /** Tests add incoming-webhook handlers here (the real ones come with the features that own the events). */
    public static App start(
            QuireConfig config,
            AppFiles files,
            List<RouteMount> extraRoutes,
            java.util.Map<String, io.quire.platform.inbox.WebhookHandler> webhookHandlers) {
        long started = System.nanoTime();
        if (config.jwt().generated()) {
            log.warn("jwt.secret (QUIRE_JWT_SECRET) is empty: using a random secret for this process only");
        }
        Duration wait = Duration.ofSeconds(config.startup().waitSeconds());
        PgTarget target = PgTarget.of(config.pg());
        DatabaseBootstrap.ensureDatabase(target, wait);
        int changesets = Migrations.run(target);

        PrometheusMeterRegistry registry = Metrics.newRegistry();
        Vertx vertx = Vertx.builder()
                .with(Metrics.enable(new VertxOptions()))
                .withMetrics(new MicrometerMetricsFactory(registry))
                .build();
        InvalidationBridge invalidations = null;
        try {
            Bus.registerCodec(vertx);
            waitForRedis(vertx, config, wait);
            // subscribed before the port opens, so no invalidation published after that is missed
            invalidations = new InvalidationBridge(
                    vertx,
                    config.redis(),
                    io.quire.platform.db.PgTarget.of(config.pg()),
                    ReadCache.shared(vertx, config));
            try {
                invalidations.start().await(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                log.warn("cache invalidation feed not subscribed yet; starting anyway (it keeps retrying)");
            }
            AtomicBoolean draining = new AtomicBoolean(false);
            AppContext context = new AppContext(
                    config,
                    registry,
                    changesets,
                    draining,
                    List.copyOf(extraRoutes),
                    java.util.Map.copyOf(webhookHandlers));
            List<String> background = new ArrayList<>();
            String http = null;
            for (String name : DEPLOY_ORDER) {
                if (!config.verticles().contains(name)) {
                    continue;
                }
                String id = deploy(vertx, VerticleDescriptor.load(files, name), context);
                if (name.equals("http")) {
                    http = id;
                } else {
                    background.add(id);
                }
            }
            log.info(
                    "Quire ready in {} ms: verticles {}, http {}:{}",
                    (System.nanoTime() - started) / 1_000_000,
                    config.verticles(),
                    config.http().host(),
                    config.http().port());
            return new App(config, vertx, draining, background, http, invalidations);
        } catch (RuntimeException e) {
            if (invalidations != null) {
                invalidations.close();
            }
            closeQuietly(vertx);
            throw e;
        }
    }

    private static void waitForRedis(Vertx vertx, QuireConfig config, Duration wait) {
        Redis redis = RedisClients.create(vertx, config.redis());
        try {
            DatabaseBootstrap.Retry.until(
                    wait,
                    "Redis at " + config.redis().url(),
                    () -> RedisClients.ping(redis, config.redis().commandTimeoutMs())
                            .await());
        } finally {
            redis.close();
        }
    }

    private static String deploy(Vertx vertx, VerticleDescriptor descriptor, AppContext context) {
        int configured = descriptor.name().equals("http") ? context.config().httpInstances() : 0;
        DeploymentOptions options = new DeploymentOptions().setInstances(descriptor.instanceCount(configured));
        try {
            Class<?> type = Class.forName(descriptor.className());
            var constructor = type.getConstructor(AppContext.class);
            return vertx.deployVerticle(
                            () -> {
                                try {
                                    return (Deployable) constructor.newInstance(context);
                                } catch (ReflectiveOperationException e) {
                                    throw new IllegalStateException(e);
                                }
                            },
                            options)
                    .await();
        } catch (ReflectiveOperationException e) {
            throw new StartupException("verticles/" + descriptor.name() + ".json names " + descriptor.className()
                    + ", which has no public constructor taking AppContext");
        } catch (Exception e) {
            if (!portInUse(e)) {
                throw new StartupException("verticle " + descriptor.name() + " failed to start: " + e.getMessage());
            }
            throw new StartupException("port " + context.config().http().host() + ":"
                    + context.config().http().port()
                    + " is in use (" + e.getMessage() + "): stop what holds it, or choose another with"
                    + " QUIRE_HTTP_PORT=<port>.");
        }
    }

    /** Netty's native transport reports a taken port as its own IOException, the JDK's as a BindException. */
    private static boolean portInUse(Exception e) {
        return e instanceof java.net.BindException
                || String.valueOf(e.getMessage()).contains("Address already in use");
    }

    /**
     * Graceful stop: readiness turns 503 and the HTTP port stops accepting; in-flight requests get
     * {@code http.shutdownTimeoutSeconds} to finish; then background work drains, pools close, Vert.x closes.
     */
    public void stop() {
        draining.set(true);
        long bound = config.http().shutdownTimeoutSeconds() + 5L;
        try {
            if (httpDeployment != null) {
                vertx.undeploy(httpDeployment).await(bound, TimeUnit.SECONDS);
            }
            // last deployed, first stopped: a shared pool belongs to the verticle that created it first (workers) and
            // closes with it, so the verticles that borrowed it must finish their drains before that one goes
            for (String id : backgroundDeployments.reversed()) {
                vertx.undeploy(id).await(bound, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            log.warn("shutdown did not finish cleanly: {}", e.getMessage());
        } finally {
            invalidations.close();
            closeQuietly(vertx);
        }
        log.info("Quire stopped");
    }

    private static void closeQuietly(Vertx vertx) {
        try {
            vertx.close().await(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.warn("closing Vert.x: {}", e.getMessage());
        }
    }

    public Vertx vertx() {
        return vertx;
    }

    public QuireConfig config() {
        return config;
    }
}
