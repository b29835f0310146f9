package io.quire.verticle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.TestApp;
import io.quire.testing.TestRoutes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Stopping (what SIGTERM triggers) lets a request already in flight finish, then refuses new connections. */
class GracefulShutdownTest {

    @Test
    void anInFlightSlowRequestFinishesBeforeTheServerStops() throws Exception {
        try (TestApp app = TestApp.builder().routes(TestRoutes::mount).start()) {
            var slow = app.client.get("/test/slow?ms=1500").send();
            Thread.sleep(300); // the request is now inside the server
            long stopStarted = System.currentTimeMillis();
            CompletableFuture<Void> stopping = CompletableFuture.runAsync(app.app::stop);

            var response = slow.await(10, TimeUnit.SECONDS);
            assertEquals(200, response.statusCode());
            assertEquals("slow done", response.bodyAsString());

            stopping.get(20, TimeUnit.SECONDS);
            long stopTook = System.currentTimeMillis() - stopStarted;
            assertTrue(stopTook >= 1000, "stop waited for the request: " + stopTook + " ms");
            assertTrue(stopTook < 10_000, "and no longer than needed: " + stopTook + " ms");
            assertThrows(
                    Exception.class,
                    () -> app.client.get("/health/live").send().await(5, TimeUnit.SECONDS),
                    "the port is closed after stop");
        }
    }
}
