package io.quire.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import redis.embedded.RedisServer;

/**
 * The PostgreSQL and Redis every test of this JVM talks to. {@code QUIRE_TEST_PG_URL} and {@code
 * QUIRE_TEST_REDIS_URL} name external ones; without them the first test to ask starts an embedded PostgreSQL 17
 * and Redis from the binaries the app ships (the same ones {@code dev} uses), once per JVM, and a shutdown hook
 * stops them. So {@code ./mvnw verify} needs nothing but a JDK. Tests are still real: a real server, real SQL,
 * real Redis commands; only who started the process differs.
 */
public final class TestServices {
    private static String pgUrl;
    private static String redisUrl;

    private TestServices() {}

    /** The PostgreSQL server as a URL naming its maintenance database. */
    public static synchronized String pgUrl() {
        if (pgUrl == null) {
            pgUrl = configured("QUIRE_TEST_PG_URL");
            if (pgUrl == null) {
                pgUrl = startPostgres();
            }
        }
        return pgUrl;
    }

    public static synchronized String redisUrl() {
        if (redisUrl == null) {
            redisUrl = configured("QUIRE_TEST_REDIS_URL");
            if (redisUrl == null) {
                redisUrl = startRedis();
            }
        }
        return redisUrl;
    }

    /** A URL for one database on the test PostgreSQL server. */
    public static String pgUrl(String database) {
        URI server = URI.create(pgUrl());
        String user = server.getRawUserInfo() == null ? "postgres" : server.getRawUserInfo();
        return "postgresql://" + user + "@" + server.getHost() + ":" + pgPort() + "/" + database;
    }

    /** Where PostgreSQL listens, for tests that put a proxy in front of it or speak JDBC to it. */
    public static String pgHost() {
        return URI.create(pgUrl()).getHost();
    }

    public static int pgPort() {
        int port = URI.create(pgUrl()).getPort();
        return port < 0 ? 5432 : port;
    }

    /** Where Redis listens, for tests that put a proxy in front of it. */
    public static String redisHost() {
        return URI.create(redisUrl()).getHost();
    }

    public static int redisPort() {
        int port = URI.create(redisUrl()).getPort();
        return port < 0 ? 6379 : port;
    }

    private static String configured(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static String startPostgres() {
        try {
            // a throwaway cluster in a temp directory: durability buys nothing here, so the test run does not pay
            // for it (CREATE DATABASE … TEMPLATE per class is most of what the suite asks of the disk)
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPort(freePort())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(pg), "test-postgres-stop"));
            return "postgresql://postgres@127.0.0.1:" + pg.getPort() + "/postgres";
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not start the embedded PostgreSQL for tests; set QUIRE_TEST_PG_URL to use another", e);
        }
    }

    private static String startRedis() {
        try {
            int port = freePort();
            RedisServer redis = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            redis.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(redis), "test-redis-stop"));
            return "redis://127.0.0.1:" + port + "/0";
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not start the embedded Redis for tests; set QUIRE_TEST_REDIS_URL to use another", e);
        }
    }

    private static void closeQuietly(EmbeddedPostgres pg) {
        try {
            pg.close();
        } catch (IOException e) {
            // the JVM is exiting; the temp directory goes with it
        }
    }

    private static void stopQuietly(RedisServer redis) {
        try {
            redis.stop();
        } catch (IOException e) {
            // the JVM is exiting
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
