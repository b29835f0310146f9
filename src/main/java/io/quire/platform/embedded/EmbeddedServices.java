package io.quire.platform.embedded;

import io.quire.platform.config.QuireConfig;
import io.quire.platform.db.StartupException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.embedded.RedisServer;

/**
 * PostgreSQL and Redis for a development instance that names none: started from the binaries in the jar before
 * the app, on free loopback ports, and stopped after it. PostgreSQL keeps its data in {@code data.dir}/postgres, so
 * a restart keeps the user's content; Redis keeps nothing, which Quire already survives (its revocation markers
 * are rebuilt from PostgreSQL after a Redis restart). Never in {@code prod}: there a missing URL stops the start.
 */
public final class EmbeddedServices implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedServices.class);

    private final EmbeddedPostgres postgres;
    private final RedisServer redis;
    private final DataDirLock lock;
    private final QuireConfig config;

    private EmbeddedServices(EmbeddedPostgres postgres, RedisServer redis, DataDirLock lock, QuireConfig config) {
        this.postgres = postgres;
        this.redis = redis;
        this.lock = lock;
        this.config = config;
    }

    /** Starts what {@code config} leaves unnamed (blocking: before Vert.x, on the main thread). */
    public static EmbeddedServices start(QuireConfig config) {
        return start(config, true);
    }

    /** The same, without Redis when the caller needs only the database ({@code migrate}, {@code create-admin}). */
    public static EmbeddedServices start(QuireConfig config, boolean withRedis) {
        boolean startsRedis = withRedis && config.embedsRedis();
        if (!config.embedsPg() && !startsRedis) {
            return new EmbeddedServices(null, null, null, config);
        }
        Path dataDir = Path.of(config.data().dir()).toAbsolutePath().normalize();
        DataDirLock lock = DataDirLock.take(dataDir);
        EmbeddedPostgres pg = null;
        RedisServer redis = null;
        String pgUrl = config.pg().url();
        String redisUrl = config.redis().url();
        try {
            if (config.embedsPg()) {
                Path dir = dataDir.resolve("postgres");
                Leftovers.stop(dir.resolve("postmaster.pid"), "postgres");
                pg = startPostgres(dir);
                pgUrl = "postgresql://postgres@127.0.0.1:" + pg.getPort() + "/quire";
                log.info("embedded PostgreSQL {} on port {}, data in {}", "17", pg.getPort(), dir);
            }
            if (startsRedis) {
                Path pidFile = dataDir.resolve("redis.pid");
                Leftovers.stop(pidFile, "redis-server");
                int port = freePort();
                redis = RedisServer.newRedisServer()
                        .port(port)
                        .bind("127.0.0.1")
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .setting("maxmemory-policy noeviction")
                        // written even though it does not daemonize: how the next run finds it if this one is killed
                        .setting("pidfile " + pidFile)
                        .build();
                redis.start();
                redisUrl = "redis://127.0.0.1:" + port + "/0";
                log.info("embedded Redis on port {}", port);
            }
        } catch (StartupException e) {
            stopQuietly(pg, redis);
            lock.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            stopQuietly(pg, redis);
            lock.close();
            throw new StartupException(explain(e, pg == null && config.embedsPg()));
        }
        return new EmbeddedServices(pg, redis, lock, config.withServices(pgUrl, redisUrl));
    }

    /** The configuration pointed at the services actually running. */
    public QuireConfig config() {
        return config;
    }

    public boolean any() {
        return postgres != null || redis != null;
    }

    public boolean postgres() {
        return postgres != null;
    }

    public boolean redis() {
        return redis != null;
    }

    /** Stops both; called after the app has stopped using them. */
    @Override
    public void close() {
        stopQuietly(postgres, redis);
        if (lock != null) {
            lock.close();
        }
    }

    private static EmbeddedPostgres startPostgres(Path dir) throws IOException {
        Files.createDirectories(dir);
        return EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(freePort())
                .setServerConfig("listen_addresses", "127.0.0.1")
                // the library runs PostgreSQL with fsync and synchronous commits off, fit for throwaway test data;
                // this directory holds the user's content, so an OS crash must not lose or corrupt it
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
    }

    private static void stopQuietly(EmbeddedPostgres pg, RedisServer redis) {
        try {
            if (redis != null) {
                redis.stop();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("embedded Redis did not stop cleanly: {}", e.getMessage());
        }
        try {
            if (pg != null) {
                pg.close();
            }
        } catch (IOException | RuntimeException e) {
            log.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    /** What went wrong, and the fix: another instance on the data directory, or none of these binaries here. */
    private static String explain(Exception e, boolean postgres) {
        String what = postgres ? "the embedded PostgreSQL" : "the embedded Redis";
        String cause = String.valueOf(e.getMessage());
        String fix = postgres
                ? "Its log is above." + (asRoot() ? ROOT_HINT : "")
                        + " Set QUIRE_PG_URL to a PostgreSQL of your own to run without it."
                : "Set QUIRE_REDIS_URL to a Redis of your own.";
        return what + " could not start (" + cause + "). " + fix;
    }

    /**
     * PostgreSQL refuses to run as root; the library then runs it in a user namespace ({@code unshare -U}), which
     * containers often forbid (Docker's default seccomp profile, no CAP_SYS_ADMIN). Quire's image runs as a user.
     */
    private static final String ROOT_HINT = " Quire runs as root, so PostgreSQL must start through `unshare -U` (a"
            + " user namespace); where that is not allowed (most containers), run Quire as a non-root user.";

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
