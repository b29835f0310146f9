package io.quire.identity;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;

import io.quire.testing.Api;
import io.quire.testing.TestApp;
import org.junit.jupiter.api.Test;

/** Rotating the JWT signing key: tokens signed with the old key verify while it is listed, then stop. */
class KeyRotationTest {
    static final String OLD = "old-signing-secret-0123456789-abcdefghij";
    static final String NEW = "new-signing-secret-9876543210-zyxwvutsrq";

    @Test
    void anOldKeyVerifiesUntilItIsRemoved() throws Exception {
        try (TestApp before = TestApp.builder()
                .env("QUIRE_JWT_SECRET", OLD)
                .env("QUIRE_JWT_KEY_ID", "2026-a")
                .start()) {
            Accounts.Account ada = Accounts.in(before).register();
            String shared = before.config.redis().keyPrefix();
            try (TestApp rotated = TestApp.builder()
                    .database(before.database)
                    .env("QUIRE_REDIS_KEY_PREFIX", shared)
                    .env("QUIRE_VERTICLES", "http")
                    .env("QUIRE_JWT_SECRET", NEW)
                    .env("QUIRE_JWT_KEY_ID", "2026-b")
                    .env("QUIRE_JWT_PREVIOUS_KEYS", "2026-a:" + OLD)
                    .start()) {
                Api api = new Api(rotated);
                ok(api.get("/api/v1/auth/me", ada.accessToken()), 200);
                String fresh = Accounts.in(rotated).login(ada).accessToken();
                ok(api.get("/api/v1/auth/me", fresh), 200);
                problem(new Api(before).get("/api/v1/auth/me", fresh), 401, "auth.invalid_token");
            }
            try (TestApp removed = TestApp.builder()
                    .database(before.database)
                    .env("QUIRE_REDIS_KEY_PREFIX", shared)
                    .env("QUIRE_VERTICLES", "http")
                    .env("QUIRE_JWT_SECRET", NEW)
                    .env("QUIRE_JWT_KEY_ID", "2026-b")
                    .start()) {
                problem(new Api(removed).get("/api/v1/auth/me", ada.accessToken()), 401, "auth.invalid_token");
            }
        }
    }
}
