package io.quire.platform.cache;

import io.quire.platform.config.QuireConfig;
import io.quire.platform.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The Redis tier between each process's in-memory cache and PostgreSQL: a local miss asks here before the
 * database, so a new or restarted instance (or one whose entry was evicted) fills from one Redis round trip rather
 * than a query. Exactness across the two tiers comes from a sequence number:
 *
 * <ul>
 *   <li>an invalidation ({@link #invalidate}) atomically takes the next number, stamps it on each named scope,
 *       deletes the entries stored under those scopes and publishes the message to every instance;
 *   <li>a miss reads the current number before the database, and stores what it loaded only if none of the entry's
 *       scopes was stamped after that number — so a load that raced a change is served once but never stored.
 * </ul>
 *
 * An invalidation is published after its commit, so a load that began after the stamp reads the new rows. With
 * Redis slow or gone, a fetch gives up after {@code reading.cache.redisTimeoutMs} and the database answers.
 */
public final class SharedTier {
    /**
     * {1, value} on a hit; {0, sequence, generation} on a miss. KEYS: entry (without its generation), sequence,
     * generation. Entries live under {@code <entry>#<generation>}: a new generation makes every older entry a miss.
     */
    private static final String FETCH = """
      local g = redis.call('GET', KEYS[3]) or '0'
      local v = redis.call('GET', KEYS[1] .. '#' .. g)
      if v then return {1, v} end
      return {0, redis.call('GET', KEYS[2]) or '0', g}
      """;
    /**
     * Stores unless a scope changed since the miss. KEYS: entry, then n scope stamps, then n scope key sets.
     * ARGV: sequence at the miss, TTL seconds, value, n, generation at the miss (a store into a generation that has
     * since been replaced is never read).
     */
    private static final String STORE = """
      local n = tonumber(ARGV[4])
      for i = 1, n do
        if tonumber(redis.call('GET', KEYS[1 + i]) or '0') > tonumber(ARGV[1]) then return 0 end
      end
      local key = KEYS[1] .. '#' .. ARGV[5]
      redis.call('SET', key, ARGV[3], 'EX', ARGV[2])
      for i = 1, n do
        redis.call('SADD', KEYS[1 + n + i], key)
        redis.call('EXPIRE', KEYS[1 + n + i], ARGV[2])
      end
      return 1
      """;
    /**
     * KEYS: sequence, then n scope stamps, then n scope key sets. ARGV: n, stamp TTL seconds, channel, message.
     * The stamps outlive any load that could have started before them (twice the entry TTL).
     */
    private static final String INVALIDATE = """
      local n = tonumber(ARGV[1])
      local seq = redis.call('INCR', KEYS[1])
      for i = 1, n do
        redis.call('SET', KEYS[1 + i], seq, 'EX', ARGV[2])
        local keys = redis.call('SMEMBERS', KEYS[1 + n + i])
        for _, k in ipairs(keys) do redis.call('DEL', k) end
        redis.call('DEL', KEYS[1 + n + i])
      end
      redis.call('PUBLISH', ARGV[3], ARGV[4])
      return seq
      """;

    /** What Redis had: the stored bytes, or the sequence number and generation a later store must check against. */
    public record Fetched(Buffer value, long sequence, String generation) {
        static final Fetched UNAVAILABLE = new Fetched(null, -1, null);
    }

    private final Redis redis;
    private final QuireConfig.Redis redisConfig;
    private final QuireConfig.Cache config;

    public SharedTier(Redis redis, QuireConfig.Redis redisConfig, QuireConfig.Cache config) {
        this.redis = redis;
        this.redisConfig = redisConfig;
        this.config = config;
    }

    /** Never fails: a Redis problem is a miss that must not be stored ({@code sequence} -1). */
    public Future<Fetched> fetch(String key) {
        Request request = Request.cmd(Command.EVAL)
                .arg(FETCH)
                .arg(3)
                .arg(entryKey(key))
                .arg(sequenceKey(redisConfig))
                .arg(generationKey(redisConfig));
        return redis.send(request)
                .timeout(config.redisTimeoutMs(), TimeUnit.MILLISECONDS)
                .map(r -> r.get(0).toInteger() == 1
                        ? new Fetched(r.get(1).toBuffer(), 0, null)
                        : new Fetched(null, r.get(1).toLong(), r.get(2).toString()))
                .otherwise(Fetched.UNAVAILABLE);
    }

    /** Stores {@code value} under {@code scopes} unless one of them changed after the miss; never fails. */
    public Future<Void> store(String key, Buffer value, Set<String> scopes, Fetched miss) {
        if (miss.sequence() < 0) {
            return Future.succeededFuture();
        }
        List<String> names = List.copyOf(scopes);
        Request request =
                Request.cmd(Command.EVAL).arg(STORE).arg(1 + 2 * names.size()).arg(entryKey(key));
        names.forEach(s -> request.arg(stampKey(redisConfig, s)));
        names.forEach(s -> request.arg(keysKey(redisConfig, s)));
        request.arg(miss.sequence())
                .arg(config.ttlSeconds())
                .arg(value)
                .arg(names.size())
                .arg(miss.generation());
        return redis.send(request)
                .timeout(config.redisTimeoutMs(), TimeUnit.MILLISECONDS)
                .<Void>mapEmpty()
                .otherwiseEmpty();
    }

    /**
     * Stamps and clears {@code message.scopes} in Redis and publishes the message on {@code channel}, in one step:
     * no instance can store an entry of those scopes loaded before this call.
     */
    static Future<Void> invalidate(
            Redis redis, QuireConfig.Redis redisConfig, int ttlSeconds, String channel, JsonObject message) {
        JsonArray scopes = message.getJsonArray("scopes", new JsonArray());
        Request request = Request.cmd(Command.EVAL)
                .arg(INVALIDATE)
                .arg(1 + 2 * scopes.size())
                .arg(sequenceKey(redisConfig));
        scopes.forEach(s -> request.arg(stampKey(redisConfig, String.valueOf(s))));
        scopes.forEach(s -> request.arg(keysKey(redisConfig, String.valueOf(s))));
        request.arg(scopes.size()).arg(2L * ttlSeconds).arg(channel).arg(message.encode());
        // bounded: a black-holed Redis must not hold the outbox transaction that waits for this
        return redis.send(request)
                .timeout(redisConfig.commandTimeoutMs(), TimeUnit.MILLISECONDS)
                .mapEmpty();
    }

    /**
     * Starts a new generation: every entry stored so far becomes unreachable (and expires with its TTL). Called when
     * invalidations may have been lost (the feed was down, or a publish failed), since any entry may then be stale.
     */
    static Future<Void> newGeneration(Redis redis, QuireConfig.Redis redisConfig) {
        return redis.send(Request.cmd(Command.INCR).arg(generationKey(redisConfig)))
                .mapEmpty();
    }

    private String entryKey(String key) {
        return RedisClients.key(redisConfig, "read", key);
    }

    private static String sequenceKey(QuireConfig.Redis config) {
        return RedisClients.key(config, "read-seq");
    }

    private static String generationKey(QuireConfig.Redis config) {
        return RedisClients.key(config, "read-gen");
    }

    private static String stampKey(QuireConfig.Redis config, String scope) {
        return RedisClients.key(config, "read-stamp", scope);
    }

    private static String keysKey(QuireConfig.Redis config, String scope) {
        return RedisClients.key(config, "read-keys", scope);
    }
}
