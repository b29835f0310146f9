package io.quire.identity;

import io.quire.platform.auth.AccessTokens;
import io.quire.platform.auth.Role;
import io.quire.platform.crypto.SecretTokens;
import io.quire.platform.ids.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import java.util.UUID;

/** Starts sessions and shapes every token response: {@code {user, accessToken, refreshToken, expiresIn}}. */
final class SessionIssuer {
    private final SessionRepository sessions;
    private final AccessTokens tokens;
    private final int refreshDays;

    SessionIssuer(SessionRepository sessions, AccessTokens tokens, int refreshDays) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.refreshDays = refreshDays;
    }

    Future<JsonObject> start(SqlClient tx, User user, ClientInfo client) {
        UUID sessionId = Ids.newId();
        String refresh = SecretTokens.random();
        return sessions.insertSession(tx, sessionId, user.id(), client, refreshDays)
                .compose(v -> sessions.insertRefresh(tx, SecretTokens.sha256(refresh), sessionId))
                .map(v -> response(user, sessionId, refresh));
    }

    /** Rotates: the presented token is already marked rotated by the caller. */
    Future<JsonObject> rotate(SqlClient tx, User user, UUID sessionId, ClientInfo client) {
        String refresh = SecretTokens.random();
        return sessions.insertRefresh(tx, SecretTokens.sha256(refresh), sessionId)
                .compose(v -> sessions.touch(tx, sessionId, refreshDays, client.ip()))
                .map(v -> response(user, sessionId, refresh));
    }

    /** A fresh access token for a session that continues (after a password change). */
    JsonObject accessOnly(User user, UUID sessionId) {
        return access(user.id(), user.role(), sessionId);
    }

    /** A fresh access token carrying {@code role} (after the role changed: an access token states it until it expires). */
    JsonObject access(UUID userId, Role role, UUID sessionId) {
        return new JsonObject()
                .put("accessToken", tokens.issue(userId, role, sessionId))
                .put("expiresIn", tokens.lifetimeSeconds())
                .put("tokenType", "Bearer");
    }

    private JsonObject response(User user, UUID sessionId, String refresh) {
        return accessOnly(user, sessionId).put("user", user.toOwnJson()).put("refreshToken", refresh);
    }
}
