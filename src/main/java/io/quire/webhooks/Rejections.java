package io.quire.webhooks;

import io.micrometer.core.instrument.MeterRegistry;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.time.Instant;

/**
 * Refused webhook attempts: counted in {@code quire_webhook_rejections_total} by gateway and code, and kept in a
 * capped Redis list (the newest {@code webhooks.rejectionLogSize}) for the admin view. Nothing of a refused body
 * is kept. Recording never fails the answer.
 */
public final class Rejections {
    private static final String PUSH = """
      redis.call('LPUSH', KEYS[1], ARGV[1])
      redis.call('LTRIM', KEYS[1], 0, tonumber(ARGV[2]) - 1)
      return 1
      """;

    private final Redis redis;
    private final MeterRegistry metrics;
    private final String key;
    private final int size;

    public Rejections(Redis redis, MeterRegistry metrics, QuireConfig config) {
        this.redis = redis;
        this.metrics = metrics;
        this.key = RedisClients.key(config.redis(), "webhooks", "rejections");
        this.size = config.webhooks().rejectionLogSize();
    }

    public void record(String gateway, String pathId, int status, String code) {
        metrics.counter("quire_webhook_rejections", "gateway", gateway, "code", code)
                .increment();
        JsonObject entry = new JsonObject()
                .put("at", Instant.now().toString())
                .put("gateway", gateway)
                .put("pathId", pathId.length() > 64 ? pathId.substring(0, 64) : pathId)
                .put("status", status)
                .put("code", code);
        redis.send(Request.cmd(Command.EVAL)
                .arg(PUSH)
                .arg(1)
                .arg(key)
                .arg(entry.encode())
                .arg(size));
    }

    /** The newest first. */
    public Future<JsonArray> recent(int limit) {
        return redis.send(Request.cmd(Command.LRANGE).arg(key).arg(0).arg(limit - 1))
                .map(reply -> {
                    JsonArray out = new JsonArray();
                    reply.forEach(item -> out.add(new JsonObject(item.toString())));
                    return out;
                });
    }
}
