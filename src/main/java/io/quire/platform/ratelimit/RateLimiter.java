package io.quire.platform.ratelimit;

import io.quire.platform.config.QuireConfig;
import io.quire.platform.http.ApiException;
import io.quire.platform.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fixed-window rate limits kept in Redis with one atomic script per check, so N instances enforce one limit.
 * With Redis down, {@code rateLimit.failOpen} decides: let the call through (the default: a limiter must not
 * take the site down) or answer 503.
 */
public final class RateLimiter {
    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    private static final String SCRIPT = """
      local n = redis.call('INCR', KEYS[1])
      if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
      local ttl = redis.call('PTTL', KEYS[1])
      if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
      return {n, ttl}
      """;

    private final Redis redis;
    private final QuireConfig.Redis redisConfig;
    private final boolean failOpen;

    /** The outcome of one check; {@code resetSeconds} is when the window ends. */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds) {}

    public RateLimiter(Redis redis, QuireConfig config) {
        this.redis = redis;
        this.redisConfig = config.redis();
        this.failOpen = config.rateLimit().failOpen();
    }

    /** Counts one hit on {@code name}/{@code subject} against {@code limit} per {@code window}. */
    public Future<Decision> hit(String name, String subject, int limit, Duration window) {
        String key = RedisClients.key(redisConfig, "ratelimit", name, subject);
        Request eval = Request.cmd(Command.EVAL).arg(SCRIPT).arg(1).arg(key).arg(window.toMillis());
        return redis.send(eval)
                .map(reply -> {
                    long count = reply.get(0).toLong();
                    long ttlMs = reply.get(1).toLong();
                    return new Decision(
                            count <= limit, limit, (int) Math.max(0, limit - count), Math.max(1, (ttlMs + 999) / 1000));
                })
                .recover(e -> {
                    if (!failOpen) {
                        return Future.failedFuture(new ApiException.Unavailable(
                                "ratelimit.unavailable", "Rate limiting is unavailable; try again shortly."));
                    }
                    log.warn("rate limiter unavailable, letting the call through: {}", e.getMessage());
                    return Future.succeededFuture(new Decision(true, limit, limit, window.toSeconds()));
                });
    }

    /** Like {@link #hit}, adding the {@code RateLimit-*} headers and failing with 429 when over the limit. */
    public Future<Void> enforce(RoutingContext ctx, String name, String subject, int limit, Duration window) {
        return hit(name, subject, limit, window).compose(d -> {
            ctx.response()
                    .putHeader("RateLimit-Limit", Integer.toString(d.limit()))
                    .putHeader("RateLimit-Remaining", Integer.toString(d.remaining()))
                    .putHeader("RateLimit-Reset", Long.toString(d.resetSeconds()));
            return d.allowed()
                    ? Future.succeededFuture()
                    : Future.failedFuture(new ApiException.RateLimited(
                            "ratelimit.exceeded",
                            "Too many requests; try again in " + d.resetSeconds() + " seconds.",
                            d.resetSeconds()));
        });
    }
}
