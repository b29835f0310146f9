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
 * checks in one round trip. Redis keeps nothing on disk, so a sentinel key says "the markers are complete": when
 * it is missing (Redis restarted or was flushed) or Redis is down, the check asks PostgreSQL instead, and the
 * instance rewrites the recent markers from PostgreSQL before restoring the sentinel. Slower then, never wrong.
 */
public final class Revocations {
    private static final Logger log = LoggerFactory.getLogger(Revocations.class);

    /** The PostgreSQL side, implemented by the identity feature. */
    public interface Store {
        Future<Boolean> isRevoked(UUID userId, UUID sessionId, long issuedAtMs);

        /** Revocations since {@code sinceEpochMs}: what Redis must hold for the markers to be complete. */
        Future<Recent> recent(long sinceEpochMs);
    }

    /** Sessions revoked, and users whose older tokens died ({@code userId → epochMs}), in a recent window. */
    public record Recent(java.util.List<UUID> sessions, java.util.Map<UUID, Long> usersNotBefore) {}

    private final Redis redis;
    private final QuireConfig.Redis config;
    private final Store store;
    private final long markerSeconds;
    private final String sentinel;
    private final java.util.concurrent.atomic.AtomicBoolean rebuilding =
            new java.util.concurrent.atomic.AtomicBoolean();

    public Revocations(Redis redis, QuireConfig config, Store store) {
        this.redis = redis;
        this.config = config.redis();
        this.store = store;
        // a marker must outlive every token it revokes
        this.markerSeconds = config.jwt().accessTokenMinutes() * 60L + 60;
        this.sentinel = RedisClients.key(this.config, "auth", "markers-complete");
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
                .arg(RedisClients.key(
                        config, "auth", "revoked-session", claims.sessionId().toString()))
                .arg(RedisClients.key(
                        config, "auth", "not-before", claims.userId().toString()))
                .arg(sentinel);
        return redis.send(mget)
                .compose(
                        reply -> {
                            if (reply.get(2) == null) {
                                rebuildMarkers();
                                return store.isRevoked(claims.userId(), claims.sessionId(), claims.issuedAtMs());
                            }
                            return Future.succeededFuture(revoked(reply, claims));
                        },
                        e -> {
                            log.debug("revocation check falls back to PostgreSQL: {}", e.getMessage());
                            return store.isRevoked(claims.userId(), claims.sessionId(), claims.issuedAtMs());
                        });
    }

    /** Rewrites every marker still needed, then the sentinel; one rebuild at a time per instance. */
    public Future<Void> rebuildMarkers() {
        if (!rebuilding.compareAndSet(false, true)) {
            return Future.succeededFuture();
        }
        long since = System.currentTimeMillis() - markerSeconds * 1000;
        return store.recent(since)
                .compose(recent -> {
                    java.util.List<Request> writes = new java.util.ArrayList<>();
                    for (UUID session : recent.sessions()) {
                        writes.add(setEx(RedisClients.key(config, "auth", "revoked-session", session.toString()), "1"));
                    }
                    recent.usersNotBefore()
                            .forEach((user, ms) -> writes.add(setEx(
                                    RedisClients.key(config, "auth", "not-before", user.toString()),
                                    Long.toString(ms))));
                    writes.add(Request.cmd(Command.SET).arg(sentinel).arg(Long.toString(System.currentTimeMillis())));
                    return redis.batch(writes);
                })
                .<Void>mapEmpty()
                .onSuccess(v -> log.info("revocation markers rebuilt in Redis from PostgreSQL"))
                .onFailure(e -> log.debug("revocation markers not rebuilt yet: {}", e.getMessage()))
                .eventually(() -> {
                    rebuilding.set(false);
                    return Future.succeededFuture();
                });
    }

    private Request setEx(String key, String value) {
        return Request.cmd(Command.SET).arg(key).arg(value).arg("EX").arg(markerSeconds);
    }

    private static boolean revoked(Response reply, AccessTokens.Claims claims) {
        if (reply.get(0) != null) {
            return true;
        }
        Response notBefore = reply.get(1);
        return notBefore != null && claims.issuedAtMs() < notBefore.toLong();
    }

    private Future<Void> set(String key, String value) {
        return redis.send(setEx(key, value)).<Void>mapEmpty().recover(e -> {
            // PostgreSQL already has it, and checks fall back to it while Redis is unreachable
            log.warn("revocation marker not written to Redis ({}); PostgreSQL remains authoritative", e.getMessage());
            return Future.succeededFuture();
        });
    }
}
