package io.quire.platform.db;

import io.quire.platform.config.QuireConfig;
import io.vertx.pgclient.PgConnectOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where PostgreSQL is, derived once from {@code pg.url}: connect options for the reactive client and plain JDBC
 * connections for the blocking start-up steps (database creation, Liquibase).
 */
public record PgTarget(PgConnectOptions options, int connectTimeoutMs) {

    public static PgTarget of(QuireConfig.Pg pg) {
        PgConnectOptions options = PgConnectOptions.fromUri(pg.url())
                // halves latency per statement; off by default in Vert.x 5 (see VERTX5-NOTES)
                .setCachePreparedStatements(true)
                .setPreparedStatementCacheMaxSize(512)
                .setReconnectAttempts(0);
        if (options.getUser() == null) {
            options.setUser("postgres");
        }
        return new PgTarget(options, pg.connectTimeoutMs());
    }

    public String database() {
        return options.getDatabase();
    }

    /** Same server and credentials, another database. */
    public PgTarget withDatabase(String database) {
        return new PgTarget(new PgConnectOptions(options).setDatabase(database), connectTimeoutMs);
    }

    /** A blocking JDBC connection; call it only off the event loop. */
    public Connection jdbc() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", options.getUser());
        if (options.getPassword() != null) {
            props.setProperty("password", options.getPassword());
        }
        props.setProperty("connectTimeout", String.valueOf(Math.max(1, connectTimeoutMs / 1000)));
        props.setProperty("ApplicationName", "quire-startup");
        String url = "jdbc:postgresql://" + options.getHost() + ":" + options.getPort() + "/" + options.getDatabase();
        return DriverManager.getConnection(url, props);
    }
}
