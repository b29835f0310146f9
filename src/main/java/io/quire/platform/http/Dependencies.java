package io.quire.platform.http;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a dependency outage (PostgreSQL or Redis refusing, closing or timing out) from a bug, so the first
 * becomes a 503 a client may retry and only the second a 500.
 */
public final class Dependencies {
    private Dependencies() {}

    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApiException) {
                return false;
            }
            if (t instanceof ConnectException
                    || t instanceof ClosedConnectionException
                    || t instanceof ClosedChannelException
                    || t instanceof TimeoutException
                    || t instanceof ConnectionPoolTooBusyException
                    || t instanceof io.netty.channel.ConnectTimeoutException
                    || t instanceof java.net.SocketException) {
                return true;
            }
            if (t instanceof PgException pg
                    && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("08") || pg.getSqlState().startsWith("57P"))) {
                return true;
            }
            String name = t.getClass().getSimpleName();
            String message = String.valueOf(t.getMessage());
            // the SQL client's (and the socket's) words for a connection that closed under a request (seen as 500s
            // under load: a pooled
            // connection handed out just as PostgreSQL went away, commands queued on it when it closed, a write to a
            // closed socket)
            if (name.contains("Timeout")
                    || message.contains("Connection refused")
                    || message.contains("Connection reset")
                    || message.contains("Connection is closed")
                    || message.contains("Client is closed")
                    || message.contains("Connection is not active now")
                    || message.contains("connection has been closed")
                    || message.contains("Broken pipe")
                    || message.contains("Cannot connect")
                    || message.contains("Pool closed")) {
                return true;
            }
        }
        return false;
    }

    /** A one-line description for the log: the outage is expected, its stack trace is noise. */
    public static String describe(Throwable failure) {
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
