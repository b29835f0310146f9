package io.quire.platform.db;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import liquibase.Scope;
import liquibase.UpdateSummaryOutputEnum;
import liquibase.command.CommandScope;
import liquibase.command.core.UpdateCommandStep;
import liquibase.command.core.helpers.DbUrlConnectionArgumentsCommandStep;
import liquibase.command.core.helpers.ShowSummaryArgument;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.ui.LoggerUIService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code liquibase/changelog.xml} (packaged in the jar, so the schema always matches the code) before
 * any verticle serves. A session advisory lock wraps the run: Liquibase's own lock table is itself created
 * without a lock, so instances starting at the same moment on an empty database could otherwise collide.
 */
public final class Migrations {
    public static final String CHANGELOG = "liquibase/changelog.xml";
    private static final Logger log = LoggerFactory.getLogger(Migrations.class);
    /** Arbitrary, fixed: every Quire instance takes the same lock. */
    private static final long MIGRATION_LOCK = 0x5175697265L;

    static {
        // Liquibase 4.30+ phones home by default; never from here
        System.setProperty("liquibase.analytics.enabled", "false");
    }

    private Migrations() {}

    /** Blocking: migrates the target database and returns how many changesets it has applied in all. */
    public static int run(PgTarget target) {
        try (Connection c = target.jdbc()) {
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
            }
            try {
                update(c);
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
                }
            }
            return appliedCount(c);
        } catch (Exception e) {
            throw new StartupException("migrations failed on " + target.database() + ": " + rootMessage(e));
        }
    }

    /** How many changesets the database records as applied. */
    public static int appliedCount(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM databasechangelog")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static void update(Connection c) throws Exception {
        Map<String, Object> scope =
                Map.of("liquibase.analytics.enabled", false, Scope.Attr.ui.name(), new LoggerUIService());
        Scope.child(scope, () -> {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            new CommandScope(UpdateCommandStep.COMMAND_NAME)
                    .addArgumentValue(DbUrlConnectionArgumentsCommandStep.DATABASE_ARG, database)
                    .addArgumentValue(UpdateCommandStep.CHANGELOG_FILE_ARG, CHANGELOG)
                    .addArgumentValue(ShowSummaryArgument.SHOW_SUMMARY_OUTPUT, UpdateSummaryOutputEnum.LOG)
                    .setOutput(new LogOutputStream())
                    .execute();
        });
        log.info("migrations up to date");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** Liquibase's command output goes to the log, not stdout. */
    private static final class LogOutputStream extends java.io.OutputStream {
        private final StringBuilder line = new StringBuilder();

        @Override
        public void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.append((char) b);
            }
        }

        @Override
        public void flush() {
            flushLine();
        }

        private void flushLine() {
            if (!line.isEmpty()) {
                log.info("liquibase: {}", line.toString().strip());
                line.setLength(0);
            }
        }
    }
}
