package io.quire.analytics.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Which site and series a chapter or series id belongs to, so an event naming another site's content is rejected
 * and a chapter event gets its series filled in. Cached: ids repeat across every batch; one query per batch for
 * the ids not yet known. Unknown ids are remembered for a minute (a chapter created since is found after that).
 */
final class ContentIndex {
    static final String LOOKUP = """
      SELECT id, site_id, series_id FROM chapters WHERE id = ANY($1) AND deleted_at IS NULL
      UNION ALL
      SELECT id, site_id, id FROM series WHERE id = ANY($1) AND deleted_at IS NULL
      """;

    /** A chapter's (or series') site and series; {@link #NONE} when there is no such content. */
    record Ref(UUID siteId, UUID seriesId) {}

    static final Ref NONE = new Ref(null, null);

    private final Pool pool;
    private final Cache<UUID, Ref> known = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();
    private final Cache<UUID, Ref> missing = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    ContentIndex(Pool pool) {
        this.pool = pool;
    }

    Ref get(UUID id) {
        Ref ref = known.getIfPresent(id);
        return ref != null ? ref : NONE;
    }

    /** Makes every id in {@code ids} answerable by {@link #get}. */
    Future<Void> load(Collection<UUID> ids) {
        List<UUID> unknown = new ArrayList<>();
        for (UUID id : ids) {
            if (known.getIfPresent(id) == null && missing.getIfPresent(id) == null) {
                unknown.add(id);
            }
        }
        if (unknown.isEmpty()) {
            return Future.succeededFuture();
        }
        return pool.preparedQuery(LOOKUP)
                .execute(Tuple.of(unknown.toArray(UUID[]::new)))
                .map(rows -> {
                    for (Row r : rows) {
                        known.put(r.getUUID("id"), new Ref(r.getUUID("site_id"), r.getUUID("series_id")));
                    }
                    for (UUID id : unknown) {
                        if (known.getIfPresent(id) == null) {
                            missing.put(id, NONE);
                        }
                    }
                    return null;
                });
    }
}
