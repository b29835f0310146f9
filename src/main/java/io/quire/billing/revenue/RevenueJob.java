package io.quire.billing.revenue;

import io.quire.platform.jobs.Job;
import io.quire.platform.jobs.JobHandler;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * {@code billing.revenue}, every few minutes on the workers: recomputes today's and yesterday's snapshots (late
 * events land on the day they happened) and this and last month's summaries. Each statement replaces its rows
 * with what the payments say now, so a run repeated gives the same figures. A {@code day} in the payload
 * recomputes that day and its month only.
 */
public final class RevenueJob implements JobHandler {
    public static final String TYPE = "billing.revenue";
    private final Pool pool;

    public RevenueJob(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Void> handle(Job job) {
        String asked = job.payload().getString("day");
        LocalDate today = asked != null ? LocalDate.parse(asked) : LocalDate.now(ZoneOffset.UTC);
        LocalDate yesterday = asked != null ? today : today.minusDays(1);
        return pool.withTransaction(tx -> tx.preparedQuery(RevenueSql.DAY)
                .execute(Tuple.of(yesterday))
                .compose(v -> tx.preparedQuery(RevenueSql.DAY).execute(Tuple.of(today)))
                .compose(v -> tx.preparedQuery(RevenueSql.MONTH).execute(Tuple.of(yesterday.withDayOfMonth(1))))
                .compose(v -> tx.preparedQuery(RevenueSql.MONTH).execute(Tuple.of(today.withDayOfMonth(1))))
                .mapEmpty());
    }
}
