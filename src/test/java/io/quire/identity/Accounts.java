package io.quire.identity;

import io.quire.testing.Api;
import io.quire.testing.TestApp;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Accounts for tests: registered through the real endpoint, with builder-style options. */
final class Accounts {
    static final String PASSWORD = "velvet-orbit-71-canyon-drift";
    private static final AtomicInteger SEQ = new AtomicInteger();

    /** A signed-in account: what the register (or login) response gave. */
    record Account(UUID id, String email, String username, String password, String accessToken, String refreshToken) {
        Account withTokens(JsonObject tokens) {
            return new Account(
                    id,
                    email,
                    username,
                    password,
                    tokens.getString("accessToken"),
                    tokens.getString("refreshToken", refreshToken));
        }
    }

    private final TestApp app;
    private final Api api;
    private String role;
    private String username;

    private Accounts(TestApp app) {
        this.app = app;
        this.api = new Api(app);
    }

    static Accounts in(TestApp app) {
        return new Accounts(app);
    }

    Accounts named(String username) {
        this.username = username;
        return this;
    }

    /** Sets the role directly in the database (there is no public way to become an admin but the bootstrap one). */
    Accounts withRole(String role) {
        this.role = role;
        return this;
    }

    Account register() {
        String name = username != null
                ? username
                : "user_" + SEQ.incrementAndGet() + "_"
                        + UUID.randomUUID().toString().substring(0, 6);
        String email = name + "@example.com";
        JsonObject tokens = Api.ok(
                api.post(
                        "/api/v1/auth/register",
                        new JsonObject()
                                .put("email", email)
                                .put("password", PASSWORD)
                                .put("username", name),
                        null),
                201);
        Account account = new Account(
                UUID.fromString(tokens.getJsonObject("user").getString("id")),
                email,
                name,
                PASSWORD,
                tokens.getString("accessToken"),
                tokens.getString("refreshToken"));
        if (role != null) {
            try {
                app.db
                        .preparedQuery("UPDATE users SET role = $2 WHERE id = $1")
                        .execute(Tuple.of(account.id(), role))
                        .await(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return login(account);
        }
        return account;
    }

    /** Signs in again (a new session, tokens carrying the current role). */
    Account login(Account account) {
        JsonObject tokens = Api.ok(
                api.post(
                        "/api/v1/auth/login",
                        new JsonObject().put("email", account.email()).put("password", account.password()),
                        null),
                200);
        return account.withTokens(tokens);
    }
}
