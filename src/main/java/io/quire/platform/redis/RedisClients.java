package io.quire.platform.redis;

import io.quire.platform.config.QuireConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.util.concurrent.TimeUnit;

/** Builds Redis clients from {@code redis.*} and names keys: {@code <prefix>v1:<feature>:<id>}. */
public final class RedisClients {
    private RedisClients() {}

    /**
     * A pooled client. The Vert.x defaults (6 connections, 24 waiters) overflow under load, so both are sized
     * from config; a pooled client reconnects by itself after Redis comes back.
     */
    public static Redis create(Vertx vertx, QuireConfig.Redis config) {
        RedisOptions options = new RedisOptions()
                .setConnectionString(config.url())
                .setMaxPoolSize(config.poolSize())
                .setMaxPoolWaiting(config.poolSize() * 64)
                .setMaxWaitingHandlers(4096)
                .setPoolRecycleTimeout(15_000)
                .setPoolName("quire-redis");
        options.getNetClientOptions().setConnectTimeout(config.commandTimeoutMs());
        return Redis.createClient(vertx, options);
    }

    /** PING with a deadline: the readiness check and the start-up wait. */
    public static Future<Void> ping(Redis redis, long timeoutMs) {
        return redis.send(Request.cmd(Command.PING))
                .timeout(timeoutMs, TimeUnit.MILLISECONDS)
                .mapEmpty();
    }

    /** {@code key("ratelimit", "login", ip)} → {@code quire:v1:ratelimit:login:<ip>}. */
    public static String key(QuireConfig.Redis config, String feature, String... parts) {
        StringBuilder key = new StringBuilder(config.keyPrefix()).append("v1:").append(feature);
        for (String part : parts) {
            key.append(':').append(part);
        }
        return key.toString();
    }
}
