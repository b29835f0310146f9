package io.quire.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blocking start-up steps against PostgreSQL, run on the main thread before Vert.x serves: wait until the
 * server answers, then create the configured database if it is missing and the role may create it.
 */
public final class DatabaseBootstrap {
    private static final Logger log = LoggerFactory.getLogger(DatabaseBootstrap.class);
    private static final String DUPLICATE_DATABASE = "42P04";
    private static final String UNIQUE_VIOLATION = "23505";

    private DatabaseBootstrap() {}

    /** Creates {@code target}'s database when it doesn't exist; safe when several instances race to do it. */
    public static void ensureDatabase(PgTarget target, Duration wait) {
        PgTarget maintenance = target.withDatabase("postgres");
        try (Connection c = Retry.until(
                wait,
                "PostgreSQL at " + target.options().getHost() + ":"
                        + target.options().getPort(),
                maintenance::jdbc)) {
            if (exists(c, target.database())) {
                return;
            }
            try (Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE " + quoteIdentifier(target.database()));
                log.info("created database {}", target.database());
            } catch (SQLException e) {
                // another instance created it between our check and our CREATE
                if (!DUPLICATE_DATABASE.equals(e.getSQLState()) && !UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new StartupException("cannot create database " + target.database() + ": " + e.getMessage());
        }
    }

    private static boolean exists(Connection c, String database) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            ps.setString(1, database);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Database names come from config, not users, but are still quoted rather than trusted. */
    static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Calls a blocking action until it succeeds or {@code wait} is spent, backing off and logging each failure. */
    public static final class Retry {
        private Retry() {}

        public interface Attempt<T> {
            T call() throws Exception;
        }

        public static <T> T until(Duration wait, String what, Attempt<T> attempt) {
            Instant deadline = Instant.now().plus(wait);
            long delayMs = 250;
            for (int n = 1; ; n++) {
                try {
                    return attempt.call();
                } catch (Exception e) {
                    if (refusedCredentials(e)) {
                        // waiting does not change a password: stop at once, and say what to change
                        throw new StartupException(what + " refused the login (" + e.getMessage() + "). Put the role"
                                + " and its password in QUIRE_PG_URL (postgresql://user:password@host:5432/quire), or"
                                + " let that role in from this host in the server's pg_hba.conf.");
                    }
                    if (Instant.now().plusMillis(delayMs).isAfter(deadline)) {
                        throw new StartupException(what + " is unreachable after " + wait.toSeconds() + "s (" + n
                                + " attempts): " + e.getMessage());
                    }
                    log.warn("waiting for {} (attempt {}): {}", what, n, e.getMessage());
                    sleep(delayMs);
                    delayMs = Math.min(delayMs * 2, 4000);
                }
            }
        }

        /**
         * PostgreSQL's "invalid authorization" class (28000: no pg_hba.conf entry, no such role; 28P01: a wrong
         * password), and the driver's 08004 when the server asks for a password and the URL has none.
         */
        private static boolean refusedCredentials(Exception e) {
            return e instanceof SQLException sql
                    && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("28") || sql.getSQLState().equals("08004"));
        }

        private static void sleep(long ms) {
            try {
                Thread.sleep(ms);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("interrupted while waiting");
            }
        }
    }
}
