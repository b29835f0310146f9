package io.quire.platform.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.VertxException;
import org.junit.jupiter.api.Test;

/**
 * The SQL client's own failures for a connection that closed under a request, with the words it uses (read off
 * vertx-sql-client 5.0's {@code SocketConnectionBase}): each is an outage (503), not a bug (500). The race that
 * produces the first one (a pooled connection handed out as PostgreSQL goes) is too narrow to hit on demand
 * through HTTP; {@code PostgresCutMidRequestTest} cuts PostgreSQL under real requests.
 */
class DependenciesTest {
    @Test
    void aConnectionClosedUnderACommandIsAnOutage() {
        assertTrue(Dependencies.isUnavailable(
                VertxException.noStackTrace("Connection is not active now, current status: CLOSED")));
        assertTrue(Dependencies.isUnavailable(
                VertxException.noStackTrace("Pending requests failed to be sent due to connection has been closed.")));
        // a query written to a connection the server already closed (seen under the cut in PostgresCutMidRequestTest)
        assertTrue(Dependencies.isUnavailable(new java.io.IOException("Broken pipe")));
        assertTrue(
                Dependencies.isUnavailable(new RuntimeException(
                        "wrapped",
                        VertxException.noStackTrace("Connection is not active now, current status: CLOSED"))),
                "found in the cause chain");
    }

    @Test
    void aBugIsNot() {
        assertFalse(Dependencies.isUnavailable(new IllegalStateException("Can not execute batch query with 0 sets")));
        assertFalse(Dependencies.isUnavailable(new NullPointerException()));
    }
}
