package io.quire.analytics.rollup;

import io.quire.platform.jobs.Job;
import io.quire.platform.jobs.JobHandler;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rolls raw events into daily rollups, every {@code analytics.rollupIntervalSeconds}. The ingest writer marks each
 * (site, UTC day) it wrote to; this job takes the marks and recomputes the local days (in the site's
 * {@code settings.timezone}, UTC by default) those UTC days overlap, from the raw events, replacing what was
 * there. So today is redone every run that has new events, a closed day once, and a late event re-opens its day.
 * The mark is deleted in the same transaction that recomputes: an event committed meanwhile marks the day again.
 */
public final class RollupJob implements JobHandler {
    public static final String TYPE = "analytics.rollup";
    private static final Logger log = LoggerFactory.getLogger(RollupJob.class);
    private static final int MARKS_PER_ROUND = 100;
    private static final long BUDGET_MS = 60_000;

    private static final ZoneId UTC = ZoneId.of("UTC");
    private final Pool pool;

    public RollupJob(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Void> handle(Job job) {
        return round(System.currentTimeMillis(), 0);
    }

    private Future<Void> round(long started, int done) {
        return pool.preparedQuery(RollupSql.DIRTY)
                .execute(Tuple.of(MARKS_PER_ROUND))
                .compose(rows -> {
                    List<Row> marks = new ArrayList<>();
                    rows.forEach(marks::add);
                    Future<Void> chain = Future.succeededFuture();
                    for (Row mark : marks) {
                        chain = chain.compose(v -> rollUp(mark));
                    }
                    int total = done + marks.size();
                    return chain.compose(
                            v -> marks.size() == MARKS_PER_ROUND && System.currentTimeMillis() - started < BUDGET_MS
                                    ? round(started, total)
                                    : finish(total));
                });
    }

    private Future<Void> finish(int total) {
        if (total > 0) {
            log.info("analytics rollup: {} site-days recomputed", total);
        }
        return Future.succeededFuture();
    }

    private Future<Void> rollUp(Row mark) {
        return refresh(pool, mark.getUUID("site_id"), mark.getLocalDate("day"), zone(mark.getString("timezone")));
    }

    /**
     * Recomputes the local days that UTC day {@code utcDay} overlaps, and clears its mark; also what a report
     * covering today calls first, so today's partial numbers are current without reading raw events.
     */
    public static Future<Void> refresh(Pool pool, java.util.UUID site, LocalDate utcDay, ZoneId zone) {
        LocalDate first =
                utcDay.atStartOfDay(ZoneOffset.UTC).withZoneSameInstant(zone).toLocalDate();
        LocalDate last = utcDay.plusDays(1)
                .atStartOfDay(ZoneOffset.UTC)
                .minusNanos(1)
                .withZoneSameInstant(zone)
                .toLocalDate();
        return pool.withTransaction(tx -> {
            Future<Void> chain = tx.preparedQuery(RollupSql.CLAIM)
                    .execute(Tuple.of(site, utcDay))
                    .mapEmpty();
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                LocalDate local = day;
                chain = chain.compose(v -> day(tx, site, local, zone));
            }
            return chain;
        });
    }

    /** Recomputes one local day of one site. */
    static Future<Void> day(SqlConnection tx, java.util.UUID site, LocalDate day, ZoneId zone) {
        OffsetDateTime from = day.atStartOfDay(zone).toOffsetDateTime();
        OffsetDateTime to = day.plusDays(1).atStartOfDay(zone).toOffsetDateTime();
        Tuple args = Tuple.of(site, from, to, day);
        Future<Void> chain = Future.succeededFuture();
        for (String sql : new String[] {
            RollupSql.CLEAR,
            RollupSql.COUNTS,
            RollupSql.PROGRESS,
            RollupSql.SITE_DETAIL,
            RollupSql.CLEAR_VISITORS,
            RollupSql.VISITORS,
            RollupSql.READERS,
            RollupSql.SERIES_VIEWS,
            RollupSql.CHAPTER_VIEWS
        }) {
            chain = chain.compose(v -> tx.preparedQuery(sql).execute(args).mapEmpty());
        }
        return chain;
    }

    /** The site's reporting zone; an unknown name falls back to UTC rather than stopping the rollup. */
    public static ZoneId zone(String name) {
        if (name == null || name.isBlank()) {
            return UTC;
        }
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            return UTC;
        }
    }
}
