package io.quire.engagement.reactions;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quire.engagement.comments.CommentService;
import io.quire.platform.auth.Principal;
import io.quire.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Reactions on chapters and comments: one per user, target and type from a fixed set. A click is one insert or
 * delete of the user's own row (plus a dirty mark that never locks an existing row) — no shared counter row is
 * updated per click. Counts are counted from the target's index range and cached for {@value #CACHE_SECONDS} s;
 * the reacting user's own answer is counted fresh. Comments' {@code reaction_count} (the "top" sort) is refreshed
 * in batches by {@link ReactionCountJob}.
 */
public final class ReactionService {
    public static final List<String> TYPES = List.of("LIKE", "LOVE", "LAUGH", "WOW", "SAD", "ANGRY");
    static final int CACHE_SECONDS = 2;
    static final String ADD = """
      WITH added AS (INSERT INTO reactions (user_id, target_type, target_id, type) VALUES ($1, $2, $3, $4)
                     ON CONFLICT DO NOTHING RETURNING 1),
           mark AS (INSERT INTO reaction_dirty (target_type, target_id) SELECT $2, $3 WHERE EXISTS (SELECT 1 FROM added)
                    ON CONFLICT DO NOTHING)
      SELECT count(*) AS added FROM added
      """;
    static final String REMOVE = """
      WITH removed AS (DELETE FROM reactions WHERE user_id = $1 AND target_type = $2 AND target_id = $3 AND type = $4 RETURNING 1),
           mark AS (INSERT INTO reaction_dirty (target_type, target_id) SELECT $2, $3 WHERE EXISTS (SELECT 1 FROM removed)
                    ON CONFLICT DO NOTHING)
      SELECT count(*) AS removed FROM removed
      """;
    static final String COUNTS =
            "SELECT type, count(*) AS n FROM reactions WHERE target_type = $1 AND target_id = $2 GROUP BY type";
    static final String MINE = "SELECT type FROM reactions WHERE user_id = $1 AND target_type = $2 AND target_id = $3";

    private final Pool pool;
    private final CommentService comments;
    private final AsyncCache<String, JsonObject> counts = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(CACHE_SECONDS))
            .buildAsync();

    public ReactionService(Pool pool, CommentService comments) {
        this.pool = pool;
        this.comments = comments;
    }

    /** 404 unless the caller can see the target; 403 when it is a locked chapter's. */
    private Future<Void> check(String targetType, UUID target, Principal p) {
        return (targetType.equals("chapter")
                        ? comments.context(target, p)
                        : comments.visible(target, p).map(f -> {
                            if (f.row().getString("status").equals("DELETED")) {
                                throw new ApiException.NotFound("comment.not_found", "Not found.");
                            }
                            return f;
                        }))
                .mapEmpty();
    }

    Future<JsonObject> add(Principal p, String targetType, UUID target, String type) {
        return check(targetType, target, p)
                .compose(v -> pool.preparedQuery(ADD).execute(Tuple.of(p.userId(), targetType, target, type)))
                .compose(rows -> fresh(targetType, target)
                        .map(c -> summary(c, null)
                                .put("added", rows.iterator().next().getLong("added") > 0)
                                .put("type", type)));
    }

    Future<JsonObject> remove(Principal p, String targetType, UUID target, String type) {
        return check(targetType, target, p)
                .compose(v -> pool.preparedQuery(REMOVE).execute(Tuple.of(p.userId(), targetType, target, type)))
                .compose(rows -> fresh(targetType, target)
                        .map(c -> summary(c, null)
                                .put("removed", rows.iterator().next().getLong("removed") > 0)));
    }

    Future<JsonObject> summary(Principal p, String targetType, UUID target) {
        return check(targetType, target, p).compose(v -> {
            String key = targetType + ":" + target;
            Future<JsonObject> cached = Future.fromCompletionStage(counts.get(
                    key,
                    (k, executor) ->
                            count(targetType, target).toCompletionStage().toCompletableFuture()));
            if (p == null) {
                return cached.map(c -> summary(c, null));
            }
            return cached.compose(c -> pool.preparedQuery(MINE)
                    .execute(Tuple.of(p.userId(), targetType, target))
                    .map(rows -> {
                        JsonArray mine = new JsonArray();
                        rows.forEach(r -> mine.add(r.getString("type")));
                        return summary(c, mine);
                    }));
        });
    }

    /** Counts read now, and put in the cache for the next readers. */
    private Future<JsonObject> fresh(String targetType, UUID target) {
        return count(targetType, target)
                .onSuccess(c -> counts.put(
                        targetType + ":" + target, java.util.concurrent.CompletableFuture.completedFuture(c)));
    }

    private Future<JsonObject> count(String targetType, UUID target) {
        return pool.preparedQuery(COUNTS).execute(Tuple.of(targetType, target)).map(rows -> {
            JsonObject byType = new JsonObject();
            TYPES.forEach(t -> byType.put(t, 0L));
            for (Row r : rows) {
                byType.put(r.getString("type"), r.getLong("n"));
            }
            return byType;
        });
    }

    private static JsonObject summary(JsonObject byType, JsonArray mine) {
        long total = byType.stream()
                .mapToLong(e -> ((Number) e.getValue()).longValue())
                .sum();
        JsonObject out = new JsonObject().put("counts", byType.copy()).put("total", total);
        if (mine != null) {
            out.put("mine", mine);
        }
        return out;
    }
}
