package io.quire.analytics.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

/**
 * Which site a public ingest key opens, cached for 30 s. A key that does not match the cached site is checked
 * against Postgres once more before it is refused, so a key rotated on another instance works here at once.
 */
final class SiteKeys {
    private static final String COLUMNS =
            "id, owner_id, ingest_key, previous_ingest_key, previous_ingest_key_until, deleted_at IS NOT NULL AS deleted";
    static final String BY_ID = "SELECT " + COLUMNS + " FROM sites WHERE id = $1";
    static final String BY_KEY =
            "SELECT " + COLUMNS + " FROM sites WHERE ingest_key = $1 OR previous_ingest_key = $1 LIMIT 1";

    /** A site's ingest credentials. */
    record SiteAuth(
            UUID siteId, UUID ownerId, String key, String previousKey, OffsetDateTime previousUntil, boolean deleted) {
        boolean accepts(String presented, Instant now) {
            return presented.equals(key)
                    || presented.equals(previousKey)
                            && previousUntil != null
                            && previousUntil.toInstant().isAfter(now);
        }
    }

    private final Pool pool;
    private final Cache<UUID, Optional<SiteAuth>> byId = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build();
    private final Cache<String, Optional<SiteAuth>> byKey = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofSeconds(30))
            .build();

    SiteKeys(Pool pool) {
        this.pool = pool;
    }

    /** The site, or null if there is none with this id. */
    Future<SiteAuth> site(UUID siteId, boolean fresh) {
        Optional<SiteAuth> cached = fresh ? null : byId.getIfPresent(siteId);
        if (cached != null) {
            return Future.succeededFuture(cached.orElse(null));
        }
        return pool.preparedQuery(BY_ID).execute(Tuple.of(siteId)).map(rows -> {
            SiteAuth auth = first(rows);
            byId.put(siteId, Optional.ofNullable(auth));
            return auth;
        });
    }

    /** The site this key opens (current, or previous within its grace period), or null. */
    Future<SiteAuth> forKey(String key, Instant now) {
        Optional<SiteAuth> cached = byKey.getIfPresent(key);
        if (cached != null) {
            return Future.succeededFuture(
                    cached.filter(s -> s.accepts(key, now)).orElse(null));
        }
        return pool.preparedQuery(BY_KEY).execute(Tuple.of(key)).map(rows -> {
            SiteAuth auth = first(rows);
            byKey.put(key, Optional.ofNullable(auth));
            return auth != null && auth.accepts(key, now) ? auth : null;
        });
    }

    /** After a rotation here: the next request reads the keys again. */
    void forget(UUID siteId) {
        byId.invalidate(siteId);
        byKey.asMap().values().removeIf(s -> s.isPresent() && s.get().siteId().equals(siteId));
    }

    private static SiteAuth first(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return null;
        }
        Row r = rows.iterator().next();
        return new SiteAuth(
                r.getUUID("id"),
                r.getUUID("owner_id"),
                r.getString("ingest_key"),
                r.getString("previous_ingest_key"),
                r.getOffsetDateTime("previous_ingest_key_until"),
                r.getBoolean("deleted"));
    }
}
