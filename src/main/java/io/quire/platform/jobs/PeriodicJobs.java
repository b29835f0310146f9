package io.quire.platform.jobs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enqueues recurring jobs. Every instance runs this; the job's dedupe key (type + period number) makes the
 * first enqueue of each period win and the others no-ops, so no leader election is needed and any instance
 * can disappear.
 */
public final class PeriodicJobs {
    private static final Logger log = LoggerFactory.getLogger(PeriodicJobs.class);

    private record Entry(String type, Duration period) {}

    private final Vertx vertx;
    private final Pool pool;
    private final JobQueue queue;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Long> timers = new ArrayList<>();

    public PeriodicJobs(Vertx vertx, Pool pool, JobQueue queue) {
        this.vertx = vertx;
        this.pool = pool;
        this.queue = queue;
    }

    public PeriodicJobs every(String type, Duration period) {
        entries.add(new Entry(type, period));
        return this;
    }

    public void start() {
        for (Entry e : entries) {
            long checkMs = Math.max(1000, Math.min(e.period.toMillis() / 4, 60_000));
            timers.add(vertx.setPeriodic(0, checkMs, id -> enqueue(e)));
        }
    }

    private void enqueue(Entry e) {
        long periodNumber = System.currentTimeMillis() / e.period.toMillis();
        JobRequest request = JobRequest.of(e.type, new JsonObject()).dedupedBy(e.type + ":" + periodNumber);
        // the dedupe index covers pending jobs only; the period check keeps a finished one from being redone
        pool.preparedQuery(JobSql.EXISTS_WITH_DEDUPE_KEY)
                .execute(Tuple.of(request.dedupeKey()))
                .compose(rows -> rows.size() > 0 ? Future.succeededFuture() : queue.enqueue(pool, request))
                .onFailure(err -> log.debug("periodic enqueue of {} skipped: {}", e.type, err.getMessage()));
    }

    public void stop() {
        timers.forEach(vertx::cancelTimer);
    }
}
