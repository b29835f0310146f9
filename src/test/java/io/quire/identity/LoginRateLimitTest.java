package io.quire.identity;

import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Sign-in attempts are limited per IP across instances (Redis), with RateLimit-* and Retry-After headers. */
class LoginRateLimitTest {

    @Test
    void theSixthAttemptInAMinuteFromOneAddressIs429() throws Exception {
        try (TestApp app = TestApp.builder()
                .env("QUIRE_AUTH_LOGIN_ATTEMPTS_PER_IP_PER_MINUTE", "5")
                .start()) {
            Api api = new Api(app);
            JsonObject attempt =
                    new JsonObject().put("email", "someone@example.com").put("password", "guess-number-one");
            for (int i = 0; i < 5; i++) {
                var r = api.post("/api/v1/auth/login", attempt, null);
                problem(r, 401, "auth.invalid_credentials");
                assertEquals("5", r.getHeader("RateLimit-Limit"));
                assertEquals(String.valueOf(4 - i), r.getHeader("RateLimit-Remaining"));
            }
            var limited = api.post("/api/v1/auth/login", attempt, null);
            problem(limited, 429, "ratelimit.exceeded");
            long retryAfter = Long.parseLong(limited.getHeader("Retry-After"));
            assertTrue(retryAfter >= 1 && retryAfter <= 60, "within the window: " + retryAfter);
            // other endpoints count separately
            problem(
                    api.post("/api/v1/auth/refresh", new JsonObject().put("refreshToken", "x".repeat(43)), null),
                    401,
                    "auth.invalid_refresh_token");
        }
    }
}
