package io.quire.analytics.storage;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The monthly partitions of {@code analytics_events}. There is no default partition on purpose: an event with no
 * month to go to fails its batch (the collector is told to retry) instead of piling up where no index or
 * retention reaches it. So the months an event can land in — last month (events may be 7 days old), this month
 * and {@code ahead} more — are made sure of at ingest start and daily by the workers.
 */
public final class Partitions {
    private Partitions() {}

    /** Creates the missing months around {@code today}; answers how many it created. */
    public static Future<Integer> ensure(Pool pool, LocalDate today, int ahead) {
        LocalDate first = today.withDayOfMonth(1).minusMonths(1);
        Future<Integer> chain = Future.succeededFuture(0);
        for (int i = 0; i <= ahead + 1; i++) {
            LocalDate month = first.plusMonths(i);
            chain = chain.compose(n -> create(pool, month).map(created -> created ? n + 1 : n));
        }
        return chain;
    }

    /** One month; another instance creating it at the same moment is not an error. */
    private static Future<Boolean> create(Pool pool, LocalDate month) {
        return pool.preparedQuery("SELECT analytics_ensure_partition($1) AS created")
                .execute(Tuple.of(month))
                .map(rows -> rows.iterator().next().getBoolean("created"))
                .recover(e -> e instanceof PgException pg
                                && ("42P07".equals(pg.getSqlState()) || "23505".equals(pg.getSqlState()))
                        ? Future.succeededFuture(false)
                        : Future.failedFuture(e));
    }

    /** Drops the months wholly older than {@code retentionDays}; answers how many. */
    public static Future<Integer> dropExpired(Pool pool, int retentionDays) {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minusDays(retentionDays);
        return pool.preparedQuery("SELECT analytics_drop_partitions_before($1) AS dropped")
                .execute(Tuple.of(cutoff))
                .map(rows -> rows.iterator().next().getInteger("dropped"));
    }
}
