package io.quire.platform.auth;

import io.quire.platform.config.QuireConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.util.Map;
import java.util.UUID;

/**
 * Short-lived access tokens (HS256 JWTs via vertx-auth-jwt) carrying user id, role and session id. Signed with
 * the current key under its {@code kid}; verified with the current and every previous key, so a key rotation
 * doesn't sign anyone out. {@code iatMs} gives revocation millisecond precision.
 */
public final class AccessTokens {
    private final JWTAuth signer;
    private final JWTAuth verifier;
    private final JWTOptions options;
    private final int lifetimeSeconds;

    /** What a valid token says. */
    public record Claims(UUID userId, Role role, UUID sessionId, long issuedAtMs) {}

    public AccessTokens(Vertx vertx, QuireConfig.Jwt jwt) {
        this.signer = JWTAuth.create(vertx, new JWTAuthOptions().addPubSecKey(key(jwt.keyId(), jwt.secret())));
        JWTAuthOptions all = new JWTAuthOptions().addPubSecKey(key(jwt.keyId(), jwt.secret()));
        for (Map.Entry<String, String> previous : jwt.previousKeys().entrySet()) {
            all.addPubSecKey(key(previous.getKey(), previous.getValue()));
        }
        this.verifier = JWTAuth.create(vertx, all);
        this.lifetimeSeconds = jwt.accessTokenMinutes() * 60;
        this.options = new JWTOptions()
                .setAlgorithm("HS256")
                .setIssuer("quire")
                .setExpiresInSeconds(lifetimeSeconds)
                .setHeader(new JsonObject().put("kid", jwt.keyId()));
    }

    private static PubSecKeyOptions key(String kid, String secret) {
        return new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret).setId(kid);
    }

    public int lifetimeSeconds() {
        return lifetimeSeconds;
    }

    public String issue(UUID userId, Role role, UUID sessionId) {
        JsonObject claims = new JsonObject()
                .put("sub", userId.toString())
                .put("role", role.name())
                .put("sid", sessionId.toString())
                .put("iatMs", System.currentTimeMillis());
        return signer.generateToken(claims, options);
    }

    /** Fails for a bad signature, an unknown key id, an expired token or missing claims. */
    public Future<Claims> verify(String token) {
        return verifier.authenticate(new TokenCredentials(token)).map(user -> {
            JsonObject p = user.principal();
            return new Claims(
                    UUID.fromString(p.getString("sub")),
                    Role.valueOf(p.getString("role")),
                    UUID.fromString(p.getString("sid")),
                    p.getLong("iatMs"));
        });
    }
}
