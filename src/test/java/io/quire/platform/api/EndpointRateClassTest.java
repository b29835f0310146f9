package io.quire.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quire.platform.ratelimit.RouteClass;
import org.junit.jupiter.api.Test;

/**
 * An endpoint that declares no rate class spends the budget its path names: declaring a route must not move
 * ingestion onto the write budget or put the gateway webhooks under a limit (the limiter consults a declared class
 * only where it differs from the path's).
 */
class EndpointRateClassTest {
    @Test
    void anUndeclaredRateClassIsThePathsOwn() {
        assertEquals(
                RouteClass.INGEST, Endpoint.post("/api/v1/analytics/events").routeClass());
        assertEquals(RouteClass.AUTH, Endpoint.post("/api/v1/auth/login").routeClass());
        assertEquals(
                RouteClass.EXEMPT,
                Endpoint.post("/api/v1/webhooks/inbound/{sourceId}").routeClass());
        assertEquals(RouteClass.READ, Endpoint.get("/api/v1/sites/{siteId}").routeClass());
        assertEquals(RouteClass.WRITE, Endpoint.post("/api/v1/sites").routeClass());
        assertEquals(
                RouteClass.AUTH,
                Endpoint.post("/api/v1/sites").rateClass(RouteClass.AUTH).routeClass(),
                "a declared class wins");
    }
}
