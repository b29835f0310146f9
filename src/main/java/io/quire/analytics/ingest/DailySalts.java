package io.quire.analytics.ingest;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One random salt per UTC day, shared by every instance through Postgres (the first to ask creates it), kept in
 * memory once read. Salts older than 48 hours are deleted by the workers ({@code analytics.maintain}), after which
 * no one — us included — can link a hashed visitor to an address again.
 */
public final class DailySalts {
    static final String CREATE_OR_READ = """
      WITH created AS (
        INSERT INTO analytics_salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING RETURNING salt)
      SELECT salt FROM created UNION ALL SELECT salt FROM analytics_salts WHERE day = $1
      """;
    public static final String PRUNE = "DELETE FROM analytics_salts WHERE day < (now() AT TIME ZONE 'UTC')::date - 1";

    private final Pool pool;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<LocalDate, byte[]> known = new ConcurrentHashMap<>();

    public DailySalts(Pool pool) {
        this.pool = pool;
    }

    /** The salt in memory for {@code day}, or null: the caller then asks {@link #load}. */
    byte[] cached(LocalDate day) {
        return known.get(day);
    }

    /** The day's salt, creating it if no instance has yet. */
    public Future<byte[]> load(LocalDate day) {
        byte[] have = known.get(day);
        if (have != null) {
            return Future.succeededFuture(have);
        }
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        return pool.preparedQuery(CREATE_OR_READ)
                .execute(Tuple.of(day, Buffer.buffer(fresh)))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        // another instance's insert committed after this statement's snapshot: it is visible to the
                        // next one
                        return pool.preparedQuery("SELECT salt FROM analytics_salts WHERE day = $1")
                                .execute(Tuple.of(day))
                                .map(again -> again.iterator().next());
                    }
                    return Future.succeededFuture(rows.iterator().next());
                })
                .map(row -> remember(day, row));
    }

    private byte[] remember(LocalDate day, Row row) {
        byte[] salt = row.getBuffer("salt").getBytes();
        known.keySet().removeIf(d -> d.isBefore(day.minusDays(1)));
        known.put(day, salt);
        return salt;
    }
}
