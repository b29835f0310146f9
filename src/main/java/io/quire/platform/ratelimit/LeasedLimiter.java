package io.quire.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.http.ApiException;
import io.quire.platform.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A GCRA limit shared by every instance through Redis, taken in leases so the hot path rarely waits on Redis.
 *
 * <p>One script call grants this instance up to a lease of requests at once (and gives back what the previous
 * lease left unused); the instance spends them locally for at most {@code leaseMillis}. The shared limit is never
 * exceeded: a lease is charged in Redis before it is spent. The price is that an instance holding unspent tokens
 * may see another instance refused up to {@code maxLease} requests early, so the lease is also capped at 1/50 of
 * the limit — small limits (auth, writes, tests) lease one request at a time and are exact. A refusal is
 * remembered locally until the caller may retry, so a client hammering past its limit costs no Redis calls.
 *
 * <p>Not thread-safe on purpose: each HTTP verticle instance owns one and uses it on its event loop.
 */
public final class LeasedLimiter {
    private static final Logger log = LoggerFactory.getLogger(LeasedLimiter.class);
    /**
     * KEYS[1] holds the theoretical arrival time (µs, Redis clock). ARGV: emission interval µs, burst window µs,
     * tokens wanted, tokens given back. Returns granted, remaining after the grant, ms until the bucket is full
     * again, ms until one more request would be allowed (0 when granted).
     */
    private static final String SCRIPT = """
      local t = redis.call('TIME')
      local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
      local interval = tonumber(ARGV[1])
      local window = tonumber(ARGV[2])
      local want = tonumber(ARGV[3])
      local tat = tonumber(redis.call('GET', KEYS[1]) or '0') - tonumber(ARGV[4]) * interval
      if tat < now then tat = now end
      local room = math.floor((now + window - tat) / interval)
      local grant = math.max(0, math.min(want, room))
      tat = tat + grant * interval
      redis.call('SET', KEYS[1], string.format('%.0f', tat), 'PX', math.max(1, math.ceil((tat - now) / 1000)))
      local retry = 0
      if grant == 0 then retry = math.max(1, math.ceil((tat + interval - window - now) / 1000)) end
      return {grant, math.max(0, room - grant), math.ceil((tat - now) / 1000), retry}
      """;

    private static final String SCRIPT_SHA = sha1Hex(SCRIPT);

    /** Whose budget: a route class and a subject ({@code ip:<address>}, {@code user:<id>}). */
    public record Subject(String routeClass, String id) {}

    /** The outcome for one request. */
    public record Decision(boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {}

    /** What this instance holds for one subject. */
    private static final class Lease {
        int left;
        int remainingElsewhere;
        long expiresAtNanos;
        long resetAtNanos;
        long deniedUntilNanos;
        Future<Void> refill;
    }

    private final Redis redis;
    private final QuireConfig.Redis redisConfig;
    private final QuireConfig.RateLimit config;
    private final Cache<Subject, Lease> leases;

    public LeasedLimiter(Redis redis, QuireConfig.Redis redisConfig, QuireConfig.RateLimit config) {
        this.redis = redis;
        this.redisConfig = redisConfig;
        this.config = config;
        // bounded: an attacker rotating addresses must not grow the map; an evicted lease only costs one Redis call
        this.leases = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterAccess(Duration.ofMinutes(2))
                .build();
    }

    /** Takes one request from {@code key}'s budget of {@code perMinute}. */
    public Future<Decision> take(Subject key, int perMinute) {
        Lease lease = leases.get(key, k -> new Lease());
        long now = System.nanoTime();
        if (now < lease.deniedUntilNanos) {
            return Future.succeededFuture(denied(lease, perMinute, now));
        }
        if (lease.left > 0 && now < lease.expiresAtNanos) {
            lease.left--;
            return Future.succeededFuture(allowed(lease, perMinute, now));
        }
        Future<Void> refill = lease.refill;
        if (refill == null) {
            Future<Void> started = refill(key, lease, perMinute);
            lease.refill = started;
            refill = started;
            // cleared after assignment, so a call that completes at once cannot leave a finished refill behind
            started.onComplete(done -> {
                if (lease.refill == started) {
                    lease.refill = null;
                }
            });
        }
        // everyone who arrives while the lease is being refilled waits for that one call
        return refill.compose(v -> {
            long after = System.nanoTime();
            if (lease.left > 0 && after < lease.expiresAtNanos) {
                lease.left--;
                return Future.succeededFuture(allowed(lease, perMinute, after));
            }
            if (after < lease.deniedUntilNanos) {
                return Future.succeededFuture(denied(lease, perMinute, after));
            }
            return take(key, perMinute);
        });
    }

    private Future<Void> refill(Subject subject, Lease lease, int perMinute) {
        String key = RedisClients.key(redisConfig, "ratelimit", "route", subject.routeClass(), subject.id());
        long now = System.nanoTime();
        int giveBack = now >= lease.expiresAtNanos ? lease.left : 0;
        int want = Math.max(1, Math.min(config.maxLease(), perMinute / 50));
        double intervalMicros = 60_000_000.0 / perMinute;
        String interval = Double.toString(intervalMicros);
        // EVALSHA: the script's text travels once per Redis restart, not with every lease
        Future<io.vertx.redis.client.Response> answer = redis.send(Request.cmd(Command.EVALSHA)
                        .arg(SCRIPT_SHA)
                        .arg(1)
                        .arg(key)
                        .arg(interval)
                        .arg(60_000_000L)
                        .arg(want)
                        .arg(giveBack))
                .recover(e -> String.valueOf(e.getMessage()).startsWith("NOSCRIPT")
                        ? redis.send(Request.cmd(Command.EVAL)
                                .arg(SCRIPT)
                                .arg(1)
                                .arg(key)
                                .arg(interval)
                                .arg(60_000_000L)
                                .arg(want)
                                .arg(giveBack))
                        : Future.failedFuture(e));
        return answer.timeout(config.redisTimeoutMs(), TimeUnit.MILLISECONDS)
                .map(reply -> {
                    long at = System.nanoTime();
                    int granted = reply.get(0).toInteger();
                    lease.left = granted;
                    lease.remainingElsewhere = reply.get(1).toInteger();
                    lease.expiresAtNanos = at + TimeUnit.MILLISECONDS.toNanos(config.leaseMillis());
                    lease.resetAtNanos =
                            at + TimeUnit.MILLISECONDS.toNanos(reply.get(2).toLong());
                    lease.deniedUntilNanos = granted > 0
                            ? 0
                            : at + TimeUnit.MILLISECONDS.toNanos(reply.get(3).toLong());
                    return (Void) null;
                })
                .recover(e -> {
                    if (!config.failOpen()) {
                        return Future.failedFuture(new ApiException.Unavailable(
                                "ratelimit.unavailable", "Rate limiting is unavailable; try again shortly."));
                    }
                    // fail open, but only ask Redis again after a lease's time, not on every request while it is down
                    log.warn("rate limiter unavailable, letting calls through: {}", e.getMessage());
                    long at = System.nanoTime();
                    lease.left = want;
                    lease.remainingElsewhere = perMinute;
                    lease.expiresAtNanos = at + TimeUnit.MILLISECONDS.toNanos(config.leaseMillis());
                    lease.resetAtNanos = at;
                    lease.deniedUntilNanos = 0;
                    return Future.succeededFuture();
                });
    }

    private static Decision allowed(Lease lease, int limit, long now) {
        return new Decision(
                true,
                limit,
                Math.min(limit, lease.remainingElsewhere + lease.left),
                seconds(lease.resetAtNanos - now),
                0);
    }

    private static Decision denied(Lease lease, int limit, long now) {
        long retry = Math.max(1, seconds(lease.deniedUntilNanos - now));
        return new Decision(false, limit, 0, Math.max(retry, seconds(lease.resetAtNanos - now)), retry);
    }

    private static String sha1Hex(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-1")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long seconds(long nanos) {
        return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
    }
}
