package io.quire.platform.jobs;

import io.quire.platform.config.QuireConfig;
import io.quire.platform.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes finished jobs and dispatched outbox rows past their retention ({@code *.retentionDays}). */
public final class PruneJob implements JobHandler {
    public static final String TYPE = "platform.prune";
    private static final Logger log = LoggerFactory.getLogger(PruneJob.class);

    private final Pool pool;
    private final QuireConfig config;

    public PruneJob(Pool pool, QuireConfig config) {
        this.pool = pool;
        this.config = config;
    }

    @Override
    public Future<Void> handle(Job job) {
        Future<Integer> jobs = pool.preparedQuery(JobSql.PRUNE_DONE)
                .execute(Tuple.of(config.jobs().retentionDays()))
                .map(rows -> rows.rowCount());
        Future<Integer> outbox = Outbox.prune(pool, config.outbox().retentionDays());
        return Future.all(jobs, outbox).map(all -> {
            log.info("pruned {} finished jobs and {} dispatched outbox rows", jobs.result(), outbox.result());
            return null;
        });
    }
}
