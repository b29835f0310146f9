package io.quire.analytics.realtime;

import io.quire.platform.config.QuireConfig;
import io.quire.platform.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Live counters in Redis, per site per minute: page views (a counter), visitors (a HyperLogLog) and chapter views
 * (a sorted set). The ingest verticle adds one committed batch at a time in one pipelined round trip; keys expire
 * after 31 minutes, so nothing needs cleaning. The realtime report reads the last 5 and 30 minutes back.
 */
public final class Realtime {
    static final int KEEP_SECONDS = 31 * 60;

    /** What one site saw in one minute of one batch. */
    public static final class SiteMinute {
        public long views;
        public final Set<String> visitors = new HashSet<>();
        public final Map<String, Long> chapters = new HashMap<>();
    }

    private final Redis redis;
    private final QuireConfig.Redis config;

    public Realtime(Redis redis, QuireConfig.Redis config) {
        this.redis = redis;
        this.config = config;
    }

    private String key(UUID site, long minute, String kind) {
        return RedisClients.key(config, "rt", site.toString(), Long.toString(minute), kind);
    }

    /** Adds a batch's counts for {@code minute} (epoch minutes). */
    public Future<Void> record(long minute, Map<UUID, SiteMinute> sites) {
        List<Request> writes = new ArrayList<>();
        sites.forEach((site, m) -> {
            if (m.views > 0) {
                String k = key(site, minute, "v");
                writes.add(Request.cmd(Command.INCRBY).arg(k).arg(m.views));
                writes.add(Request.cmd(Command.EXPIRE).arg(k).arg(KEEP_SECONDS));
            }
            if (!m.visitors.isEmpty()) {
                String k = key(site, minute, "u");
                Request add = Request.cmd(Command.PFADD).arg(k);
                m.visitors.forEach(add::arg);
                writes.add(add);
                writes.add(Request.cmd(Command.EXPIRE).arg(k).arg(KEEP_SECONDS));
            }
            if (!m.chapters.isEmpty()) {
                String k = key(site, minute, "c");
                m.chapters.forEach((chapter, n) ->
                        writes.add(Request.cmd(Command.ZINCRBY).arg(k).arg(n).arg(chapter)));
                writes.add(Request.cmd(Command.EXPIRE).arg(k).arg(KEEP_SECONDS));
            }
        });
        return writes.isEmpty() ? Future.succeededFuture() : redis.batch(writes).mapEmpty();
    }

    /** Active visitors in the last 5 minutes, views per minute for the last 30, and the top chapters of the last 5. */
    public Future<JsonObject> report(UUID site, Instant now, int topChapters) {
        long minute = now.getEpochSecond() / 60;
        Request visitors = Request.cmd(Command.PFCOUNT);
        Request chapters = Request.cmd(Command.ZUNION).arg(5);
        for (long m = minute - 4; m <= minute; m++) {
            visitors.arg(key(site, m, "u"));
            chapters.arg(key(site, m, "c"));
        }
        chapters.arg("WITHSCORES");
        Request views = Request.cmd(Command.MGET);
        for (long m = minute - 29; m <= minute; m++) {
            views.arg(key(site, m, "v"));
        }
        return redis.batch(List.of(visitors, views, chapters)).map(replies -> {
            JsonArray perMinute = new JsonArray();
            Response counts = replies.get(1);
            for (int i = 0; i < 30; i++) {
                Response v = counts.get(i);
                perMinute.add(new JsonObject()
                        .put(
                                "minute",
                                Instant.ofEpochSecond((minute - 29 + i) * 60).toString())
                        .put("views", v == null ? 0 : v.toLong()));
            }
            List<JsonObject> top = new ArrayList<>();
            Response zs = replies.get(2);
            // RESP2 answers a flat [member, score, …]; RESP3 answers [[member, score], …]
            boolean nested = zs.size() > 0
                    && zs.get(0).size() == 2
                    && zs.get(0).type() == io.vertx.redis.client.ResponseType.MULTI;
            int entries = nested ? zs.size() : zs.size() / 2;
            for (int i = 0; i < entries; i++) {
                String member =
                        nested ? zs.get(i).get(0).toString() : zs.get(2 * i).toString();
                double score =
                        nested ? zs.get(i).get(1).toDouble() : zs.get(2 * i + 1).toDouble();
                top.add(new JsonObject().put("chapterId", member).put("views", (long) score));
            }
            top.sort((a, b) -> Long.compare(b.getLong("views"), a.getLong("views")));
            long recent = 0;
            for (int i = 25; i < 30; i++) {
                recent += perMinute.getJsonObject(i).getLong("views");
            }
            return new JsonObject()
                    .put("activeVisitors", replies.get(0).toLong())
                    .put("viewsLast5Minutes", recent)
                    .put("viewsPerMinute", perMinute)
                    .put("topChapters", new JsonArray(top.subList(0, Math.min(topChapters, top.size()))));
        });
    }
}
