package io.quire.testing;

import io.quire.App;
import io.quire.platform.RouteMount;
import io.quire.platform.config.ConfigLoader;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.db.PgTarget;
import io.quire.platform.files.AppFiles;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The whole Quire app, started for a test class on a free port against its own database clone and its own
 * Redis key prefix, plus a test-side {@link WebClient} and a {@link Pool} for arranging and checking rows.
 * Tests call it from the JUnit thread, so the blocking {@code await()}s here never touch an event loop.
 */
public final class TestApp implements AutoCloseable {
    public final App app;
    public final QuireConfig config;
    public final PgTarget database;
    public final int port;
    /** Test-side Vert.x: survives the app's shutdown, so a test can watch the app stop. */
    public final Vertx vertx;

    public final WebClient client;
    public final Pool db;
    private final boolean ownsDatabase;

    private TestApp(App app, QuireConfig config, PgTarget database, boolean ownsDatabase) {
        this.app = app;
        this.config = config;
        this.database = database;
        this.port = config.http().port();
        this.ownsDatabase = ownsDatabase;
        this.vertx = Vertx.vertx();
        WebClientOptions options =
                new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port);
        this.client = WebClient.create(vertx, options);
        // every answer a test receives through this client is held to the served OpenAPI document
        ((io.vertx.ext.web.client.impl.WebClientInternal) client)
                .addInterceptor(conformance(WebClient.create(vertx, options)).interceptor());
        this.db = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(4))
                .connectingTo(database.options())
                .using(vertx)
                .build();
    }

    private static volatile ResponseConformance conformance;

    /** Read once per test run: every app of a run serves the same document (only its server URL differs). */
    private static ResponseConformance conformance(WebClient plain) {
        if (conformance == null) {
            try {
                conformance = new ResponseConformance(plain.get("/openapi.json")
                        .send()
                        .await(10, TimeUnit.SECONDS)
                        .bodyAsJsonObject());
            } catch (Exception e) {
                throw new IllegalStateException("could not read /openapi.json", e);
            }
        }
        plain.close();
        return conformance;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static TestApp start() {
        return builder().start();
    }

    /** Everything a test may vary: env overrides, extra routes, an existing database. */
    public static final class Builder {
        private final Map<String, String> env = new HashMap<>();
        private final Map<String, io.quire.platform.inbox.WebhookHandler> webhookHandlers = new HashMap<>();
        private final List<RouteMount> routes = new ArrayList<>();
        private PgTarget database;

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder routes(RouteMount mount) {
            routes.add(mount);
            return this;
        }

        /** An incoming-webhook handler for {@code gateway:type}, as a feature would register it. */
        public Builder webhookHandler(String gateway, String type, io.quire.platform.inbox.WebhookHandler handler) {
            webhookHandlers.put(io.quire.platform.inbox.WebhookHandler.key(gateway, type), handler);
            return this;
        }

        public Builder database(PgTarget existing) {
            this.database = existing;
            return this;
        }

        public QuireConfig config(PgTarget target) {
            Map<String, String> all = new HashMap<>(System.getenv());
            all.put("QUIRE_ENV", "test");
            all.put("QUIRE_HTTP_PORT", String.valueOf(FreePorts.next()));
            all.put("QUIRE_HTTP_HOST", "127.0.0.1");
            all.put(
                    "QUIRE_REDIS_KEY_PREFIX",
                    "quire:test:" + UUID.randomUUID().toString().substring(0, 8) + ":");
            all.put(
                    "QUIRE_PG_URL",
                    "postgresql://" + target.options().getUser() + "@"
                            + target.options().getHost() + ":"
                            + target.options().getPort() + "/" + target.database());
            all.put("QUIRE_REDIS_URL", TestServices.redisUrl());
            // each app its own data directory (uploaded media): nothing lands in the working copy
            try {
                all.put(
                        "QUIRE_DATA_DIR",
                        java.nio.file.Files.createTempDirectory("quire-test-data")
                                .toString());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            // route-class limits would trip over the many requests one test makes from 127.0.0.1; RouteRateLimitTest
            // turns them back on
            all.put("QUIRE_RATE_LIMIT_ENABLED", "false");
            all.putAll(env);
            return new ConfigLoader(new AppFiles(Path.of("."))).load(all);
        }

        public TestApp start() {
            boolean owns = database == null;
            PgTarget target = owns ? TestDatabases.fresh() : database;
            QuireConfig config = config(target);
            App app = App.start(config, new AppFiles(Path.of(".")), routes, webhookHandlers);
            return new TestApp(app, config, target, owns);
        }
    }

    /** {@code SELECT count(*) …} (or any one-number query) against the app's database. */
    public long count(String sql) {
        try {
            return db.query(sql)
                    .execute()
                    .await(5, TimeUnit.SECONDS)
                    .iterator()
                    .next()
                    .getLong(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the app (idempotent with a test that already stopped it), drops its database and Redis keys. */
    @Override
    public void close() throws Exception {
        if (app.vertx().deploymentIDs().size() > 0) {
            app.stop();
        }
        db.close().await(5, TimeUnit.SECONDS);
        deleteRedisKeys();
        vertx.close().await(10, TimeUnit.SECONDS);
        if (ownsDatabase) {
            TestDatabases.drop(database.database());
        }
    }

    private void deleteRedisKeys() throws Exception {
        Redis redis = Redis.createClient(vertx, config.redis().url());
        try {
            String cursor = "0";
            do {
                Response page = redis.send(Request.cmd(Command.SCAN)
                                .arg(cursor)
                                .arg("MATCH")
                                .arg(config.redis().keyPrefix() + "*")
                                .arg("COUNT")
                                .arg(1000))
                        .await(5, TimeUnit.SECONDS);
                cursor = page.get(0).toString();
                for (Response key : page.get(1)) {
                    redis.send(Request.cmd(Command.DEL).arg(key.toString())).await(5, TimeUnit.SECONDS);
                }
            } while (!cursor.equals("0"));
        } finally {
            redis.close();
        }
    }
}
