package io.quire.testing;

import io.quire.platform.config.ConfigLoader;
import io.quire.platform.db.Migrations;
import io.quire.platform.db.PgTarget;
import io.quire.platform.files.AppFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Test databases on the real local PostgreSQL: one template migrated once per test run, and a fresh clone of it
 * per test class ({@code CREATE DATABASE … TEMPLATE}, a file copy: tens of milliseconds), so classes never see
 * each other's rows. The server is {@link TestServices}' (an embedded one unless {@code QUIRE_TEST_PG_URL} names
 * another).
 */
public final class TestDatabases {
    static final String TEMPLATE = "quire_test_template";
    private static final String CLONE_PREFIX = "quire_t_";
    private static boolean templateReady;

    private TestDatabases() {}

    /** The server tests use, pointed at its maintenance database. */
    public static PgTarget server() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("QUIRE_ENV", "test");
        env.put("QUIRE_PG_URL", TestServices.pgUrl());
        env.put("QUIRE_REDIS_URL", TestServices.redisUrl());
        return PgTarget.of(
                        new ConfigLoader(new AppFiles(Path.of("."))).load(env).pg())
                .withDatabase("postgres");
    }

    /** A new database cloned from the migrated template. */
    public static synchronized PgTarget fresh() {
        ensureTemplate();
        String name =
                CLONE_PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        exec("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return server().withDatabase(name);
    }

    /** A name for a database that does not exist yet (start-up must create it). */
    public static String unusedName() {
        return CLONE_PREFIX + "empty_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static void drop(String database) {
        exec("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static void ensureTemplate() {
        if (templateReady) {
            return;
        }
        dropLeftoverClones();
        exec("DROP DATABASE IF EXISTS " + TEMPLATE + " WITH (FORCE)");
        exec("CREATE DATABASE " + TEMPLATE);
        Migrations.run(server().withDatabase(TEMPLATE));
        templateReady = true;
    }

    /** Clones of earlier, interrupted runs; ones still in use (another build) are left alone. */
    private static void dropLeftoverClones() {
        List<String> names = new ArrayList<>();
        try (Connection c = server().jdbc();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE '" + CLONE_PREFIX + "%'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL for tests is not reachable: " + e.getMessage(), e);
        }
        for (String name : names) {
            try {
                exec("DROP DATABASE IF EXISTS " + name);
            } catch (IllegalStateException inUse) {
                // another build's database; not ours to drop
            }
        }
    }

    /** Runs one statement on the maintenance database. */
    public static void exec(String sql) {
        try (Connection c = server().jdbc();
                Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
