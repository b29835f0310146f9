package io.quire.platform.auth;

import io.quire.platform.config.QuireConfig;
import io.quire.platform.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes revocation reach every instance before access tokens expire. PostgreSQL holds the truth (a session's
 * {@code revoked_at}, a user's {@code tokens_valid_after}); Redis holds short-lived markers that every request
 * checks in one round trip. If Redis is down the check asks PostgreSQL instead: slower, never wrong.
 */
public final class Revocations {
  private static final Logger log = LoggerFactory.getLogger(Revocations.class);

  /** The PostgreSQL side, implemented by the identity feature. */
  public interface Store {
    Future<Boolean> isRevoked(UUID userId, UUID sessionId, long issuedAtMs);
  }

  private final Redis redis;
  private final QuireConfig.Redis config;
  private final Store store;
  private final long markerSeconds;

  public Revocations(Redis redis, QuireConfig config, Store store) {
    this.redis = redis;
    this.config = config.redis();
    this.store = store;
    // a marker must outlive every token it revokes
    this.markerSeconds = config.jwt().accessTokenMinutes() * 60L + 60;
  }

  /** After the session row was revoked. */
  public Future<Void> sessionRevoked(UUID sessionId) {
    return set(RedisClients.key(config, "auth", "revoked-session", sessionId.toString()), "1");
  }

  /** After the user's {@code tokens_valid_after} moved to {@code epochMs}: older tokens die everywhere. */
  public Future<Void> userTokensBefore(UUID userId, long epochMs) {
    return set(RedisClients.key(config, "auth", "not-before", userId.toString()), Long.toString(epochMs));
  }

  public Future<Boolean> isRevoked(AccessTokens.Claims claims) {
    Request mget = Request.cmd(Command.MGET)
        .arg(RedisClients.key(config, "auth", "revoked-session", claims.sessionId().toString()))
        .arg(RedisClients.key(config, "auth", "not-before", claims.userId().toString()));
    return redis.send(mget)
        .map(reply -> revoked(reply, claims))
        .recover(e -> {
          log.debug("revocation check falls back to PostgreSQL: {}", e.getMessage());
          return store.isRevoked(claims.userId(), claims.sessionId(), claims.issuedAtMs());
        });
  }

  private static boolean revoked(Response reply, AccessTokens.Claims claims) {
    if (reply.get(0) != null) {
      return true;
    }
    Response notBefore = reply.get(1);
    return notBefore != null && claims.issuedAtMs() < notBefore.toLong();
  }

  private Future<Void> set(String key, String value) {
    return redis.send(Request.cmd(Command.SET).arg(key).arg(value).arg("EX").arg(markerSeconds))
        .<Void>mapEmpty()
        .recover(e -> {
          // PostgreSQL already has it, and checks fall back to it while Redis is unreachable
          log.warn("revocation marker not written to Redis ({}); PostgreSQL remains authoritative", e.getMessage());
          return Future.succeededFuture();
        });
  }
}
