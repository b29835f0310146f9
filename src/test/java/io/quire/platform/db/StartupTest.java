package io.quire.platform.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.App;
import io.quire.platform.files.AppFiles;
import io.quire.testing.TestApp;
import io.quire.testing.TestDatabases;
import io.quire.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Database creation, migrations and their safety when instances start together or restart. */
class StartupTest {

    private static int count(PgTarget target, String sql) throws Exception {
        try (Connection c = target.jdbc();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void migrationsAreIdempotentAcrossRestarts() throws Exception {
        PgTarget database = TestDatabases.fresh();
        int changesets = count(database, "SELECT count(*) FROM databasechangelog");
        assertTrue(changesets >= 2);
        try {
            for (int restart = 0; restart < 2; restart++) {
                try (TestApp app = TestApp.builder().database(database).start()) {
                    assertEquals(
                            200,
                            app.client
                                    .get("/health/ready")
                                    .send()
                                    .await(10, TimeUnit.SECONDS)
                                    .statusCode());
                }
            }
            assertEquals(changesets, count(database, "SELECT count(*) FROM databasechangelog"), "nothing re-applied");
            assertEquals(changesets, Migrations.run(database), "a direct re-run applies nothing either");
        } finally {
            TestDatabases.drop(database.database());
        }
    }

    @Test
    void threeInstancesStartingTogetherOnAnEmptyDatabaseAllComeUp() throws Exception {
        String name = TestDatabases.unusedName();
        PgTarget database = TestDatabases.server().withDatabase(name);
        CyclicBarrier together = new CyclicBarrier(3);
        // one thread each: the common pool has a single thread on a 2-core machine
        ExecutorService threads = Executors.newFixedThreadPool(3);
        List<CompletableFuture<App>> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            var config = TestApp.builder().database(database).config(database);
            starts.add(CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            together.await(10, TimeUnit.SECONDS);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        return App.start(config, new AppFiles(Path.of(".")));
                    },
                    threads));
        }
        List<App> apps = new ArrayList<>();
        Vertx client = Vertx.vertx();
        try {
            for (var start : starts) {
                apps.add(start.get(90, TimeUnit.SECONDS));
            }
            WebClient web = WebClient.create(client);
            for (App app : apps) {
                var response = web.get(app.config().http().port(), "127.0.0.1", "/health/ready")
                        .send()
                        .await(10, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode(), response.bodyAsString());
            }
            assertEquals(1, count(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'jobs'"));
            assertEquals(
                    count(database, "SELECT count(DISTINCT id) FROM databasechangelog"),
                    count(database, "SELECT count(*) FROM databasechangelog"),
                    "each changeset recorded once");
        } finally {
            apps.forEach(App::stop);
            threads.shutdownNow();
            client.close().await(5, TimeUnit.SECONDS);
            TestDatabases.drop(name);
        }
    }

    @Test
    void anUnreachableDatabaseStopsStartupWithAClearMessage() {
        var database = TestDatabases.server().withDatabase("quire_never");
        var config = TestApp.builder()
                .env("QUIRE_PG_URL", "postgresql://postgres@127.0.0.1:1/quire_never")
                .env("QUIRE_STARTUP_WAIT_SECONDS", "1")
                .config(database);
        long started = System.currentTimeMillis();
        StartupException e = assertThrows(StartupException.class, () -> App.start(config, new AppFiles(Path.of("."))));
        assertTrue(e.getMessage().startsWith("PostgreSQL at 127.0.0.1:1 is unreachable after 1s"), e.getMessage());
        assertTrue(System.currentTimeMillis() - started < 10_000);
    }

    @Test
    void aTakenHttpPortStopsStartupNamingThePortAndTheSetting() throws Exception {
        var database = TestDatabases.fresh();
        try (var taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            var config = TestApp.builder()
                    .env("QUIRE_HTTP_PORT", String.valueOf(taken.getLocalPort()))
                    .config(database);
            StartupException e =
                    assertThrows(StartupException.class, () -> App.start(config, new AppFiles(Path.of("."))));
            assertTrue(
                    e.getMessage().startsWith("port 127.0.0.1:" + taken.getLocalPort() + " is in use"), e.getMessage());
            assertTrue(e.getMessage().contains("QUIRE_HTTP_PORT=<port>"), e.getMessage());
        } finally {
            TestDatabases.drop(database.database());
        }
    }

    @Test
    void aRefusedLoginStopsStartupAtOnceNamingTheUrlAndPgHba() {
        var database = TestDatabases.server().withDatabase("quire_never");
        var config = TestApp.builder()
                .env(
                        "QUIRE_PG_URL",
                        "postgresql://no_such_role@" + TestServices.pgHost() + ":" + TestServices.pgPort()
                                + "/quire_never")
                .env("QUIRE_STARTUP_WAIT_SECONDS", "30")
                .config(database);
        long started = System.currentTimeMillis();
        StartupException e = assertThrows(StartupException.class, () -> App.start(config, new AppFiles(Path.of("."))));
        assertTrue(e.getMessage().contains("refused the login"), e.getMessage());
        assertTrue(e.getMessage().contains("QUIRE_PG_URL") && e.getMessage().contains("pg_hba.conf"), e.getMessage());
        assertTrue(System.currentTimeMillis() - started < 5_000, "no 30 s of retries for a refused login");
    }
}
