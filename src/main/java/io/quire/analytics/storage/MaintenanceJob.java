package io.quire.analytics.storage;

import io.quire.analytics.ingest.DailySalts;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.jobs.Job;
import io.quire.platform.jobs.JobHandler;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily upkeep of the raw events: months created ahead, months past {@code analytics.retentionDays} dropped, and
 * visitor salts older than 48 hours deleted (after which yesterday's visitors cannot be re-identified by anyone).
 */
public final class MaintenanceJob implements JobHandler {
    public static final String TYPE = "analytics.maintain";
    private static final Logger log = LoggerFactory.getLogger(MaintenanceJob.class);

    private final Pool pool;
    private final QuireConfig.Analytics config;

    public MaintenanceJob(Pool pool, QuireConfig.Analytics config) {
        this.pool = pool;
        this.config = config;
    }

    @Override
    public Future<Void> handle(Job job) {
        return Partitions.ensure(pool, LocalDate.now(ZoneOffset.UTC), config.partitionsAhead())
                .compose(created -> Partitions.dropExpired(pool, config.retentionDays())
                        .compose(dropped -> pool.query(DailySalts.PRUNE)
                                .execute()
                                .map(salts -> {
                                    log.info(
                                            "analytics upkeep: {} months created, {} dropped, {} salts deleted",
                                            created,
                                            dropped,
                                            salts.rowCount());
                                    return null;
                                })));
    }
}
