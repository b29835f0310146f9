package io.quire.platform.jobs;

import io.quire.platform.config.QuireConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims and runs jobs of the types it has handlers for: on a poll timer, and at once when {@link #wake()} is
 * called (the {@code quire_jobs} NOTIFY). Runs at most {@code jobs.concurrency} jobs at a time; every state
 * change is guarded by {@code locked_by}, so a worker whose lease expired cannot overwrite a newer claim.
 */
public final class JobWorker {
    private static final Logger log = LoggerFactory.getLogger(JobWorker.class);

    private final Vertx vertx;
    private final Pool pool;
    private final Map<String, JobHandler> handlers;
    private final QuireConfig.Jobs config;
    private final String workerId;
    private final Backoff backoff;
    private final String[] types;
    private final Stats stats = new Stats();
    private int inFlight;
    private boolean polling;
    private boolean pollAgain;
    private boolean stopped;
    private long timerId = -1;
    private Promise<Void> drained;

    /** Counters for the status reply and tests. */
    public static final class Stats {
        public final AtomicLong claimed = new AtomicLong();
        public final AtomicLong succeeded = new AtomicLong();
        public final AtomicLong retried = new AtomicLong();
        public final AtomicLong dead = new AtomicLong();
    }

    public JobWorker(
            Vertx vertx, Pool pool, Map<String, JobHandler> handlers, QuireConfig.Jobs config, String workerId) {
        this.vertx = vertx;
        this.pool = pool;
        this.handlers = Map.copyOf(handlers);
        this.config = config;
        this.workerId = workerId;
        this.backoff = new Backoff(config.backoffBaseMs(), config.backoffMaxMs());
        this.types = this.handlers.keySet().toArray(String[]::new);
    }

    /** Starts polling; call on the owning verticle's context. */
    public void start() {
        if (types.length == 0) {
            return;
        }
        timerId = vertx.setPeriodic(0, config.pollIntervalMs(), id -> wake());
    }

    public Stats stats() {
        return stats;
    }

    /** Looks for due jobs now; coalesces with a poll already under way. */
    public void wake() {
        if (stopped || types.length == 0) {
            return;
        }
        if (polling) {
            pollAgain = true;
            return;
        }
        int free = config.concurrency() - inFlight;
        if (free <= 0) {
            return;
        }
        polling = true;
        pool.query(JobSql.RELEASE_EXPIRED)
                .execute()
                .compose(v -> pool.preparedQuery(JobSql.CLAIM)
                        .execute(Tuple.of(types, Math.min(free, config.batchSize()), workerId, config.leaseSeconds())))
                .onSuccess(rows -> rows.forEach(this::run))
                .onFailure(e -> log.warn("job claim failed: {}", e.getMessage()))
                .onComplete(ar -> {
                    polling = false;
                    if (pollAgain || (ar.succeeded() && ar.result().size() == Math.min(free, config.batchSize()))) {
                        pollAgain = false;
                        vertx.runOnContext(v -> wake());
                    }
                });
    }

    private void run(Row row) {
        Job job = new Job(
                row.getUUID("id"),
                row.getString("type"),
                row.getJsonObject("payload"),
                row.getInteger("attempts"),
                row.getInteger("max_attempts"));
        inFlight++;
        stats.claimed.incrementAndGet();
        Future<Void> work;
        try {
            work = handlers.get(job.type()).handle(job).timeout(config.leaseSeconds(), TimeUnit.SECONDS);
        } catch (RuntimeException e) {
            work = Future.failedFuture(e);
        }
        work.transform(ar -> ar.succeeded() ? complete(job) : fail(job, ar.cause()))
                .onFailure(e -> log.warn(
                        "could not record the outcome of job {} ({}): {}", job.id(), job.type(), e.getMessage()))
                .onComplete(ar -> finished());
    }

    private Future<Void> complete(Job job) {
        stats.succeeded.incrementAndGet();
        return pool.preparedQuery(JobSql.COMPLETE)
                .execute(Tuple.of(job.id(), workerId))
                .mapEmpty();
    }

    private Future<Void> fail(Job job, Throwable cause) {
        long delay = backoff.delayMs(job.attempts());
        String error = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return pool.preparedQuery(JobSql.FAIL)
                .execute(Tuple.of(job.id(), workerId, delay, error))
                .map(rows -> {
                    String status =
                            rows.size() == 0 ? "lost" : rows.iterator().next().getString("status");
                    if ("dead".equals(status)) {
                        stats.dead.incrementAndGet();
                        log.error(
                                "job {} ({}) is dead after {} attempts: {}",
                                job.id(),
                                job.type(),
                                job.attempts(),
                                error);
                    } else {
                        stats.retried.incrementAndGet();
                        log.warn(
                                "job {} ({}) failed attempt {}, retry in {} ms: {}",
                                job.id(),
                                job.type(),
                                job.attempts(),
                                delay,
                                error);
                    }
                    return null;
                });
    }

    private void finished() {
        inFlight--;
        if (stopped && inFlight == 0 && drained != null) {
            drained.tryComplete();
        } else {
            wake();
        }
    }

    /** Stops claiming and waits for running jobs, at most {@code timeoutMs}; unfinished ones are re-run later. */
    public Future<Void> stop(long timeoutMs) {
        stopped = true;
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        if (inFlight == 0) {
            return Future.succeededFuture();
        }
        drained = Promise.promise();
        return drained.future().timeout(timeoutMs, TimeUnit.MILLISECONDS).recover(e -> Future.succeededFuture());
    }
}
