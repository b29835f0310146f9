package io.quire.platform.jobs;

import static io.quire.platform.jobs.JobFixtures.aJob;
import static io.quire.testing.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.platform.config.QuireConfig;
import io.quire.platform.db.PgListener;
import io.quire.testing.TestApp;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job queue against the real PostgreSQL: claiming, retries with backoff, dead jobs, lost wake-ups, leases. */
class JobQueueTest {
    static TestApp app;
    final List<JobWorker> workers = new ArrayList<>();
    final List<Context> contexts = new ArrayList<>();
    JobQueue queue;

    @BeforeAll
    static void start() {
        // workers of its own only: the app's workers verticle would compete for nothing, but keep it out
        app = TestApp.builder().env("QUIRE_VERTICLES", "http").start();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @BeforeEach
    void clean() throws Exception {
        app.db.query("DELETE FROM jobs").execute().await(5, TimeUnit.SECONDS);
        queue = new JobQueue(jobs(50, 4));
    }

    @AfterEach
    void stopWorkers() throws Exception {
        for (int i = 0; i < workers.size(); i++) {
            JobWorker worker = workers.get(i);
            Context context = contexts.get(i);
            Future.<Void>future(p -> context.runOnContext(v -> worker.stop(2000).onComplete(p)))
                    .await(5, TimeUnit.SECONDS);
        }
    }

    static QuireConfig.Jobs jobs(int pollMs, int concurrency) {
        return new QuireConfig.Jobs(pollMs, 10, concurrency, 30, 3, 200, 5000, 7);
    }

    /** Starts a worker on a context of its own, as a verticle would. */
    JobWorker worker(String id, QuireConfig.Jobs config, Map<String, JobHandler> handlers) {
        Context context = app.vertx.getOrCreateContext();
        JobWorker worker = new JobWorker(app.vertx, app.db, handlers, config, id);
        context.runOnContext(v -> worker.start());
        workers.add(worker);
        contexts.add(context);
        return worker;
    }

    Row row(UUID id) throws Exception {
        return app.db
                .preparedQuery("SELECT * FROM jobs WHERE id = $1")
                .execute(Tuple.of(id))
                .await(5, TimeUnit.SECONDS)
                .iterator()
                .next();
    }

    @Test
    void eachJobIsClaimedOnceUnderThreeCompetingWorkers() throws Exception {
        int total = 150;
        for (int i = 0; i < total; i++) {
            queue.enqueue(app.db, JobRequest.of("test.count", new JsonObject().put("n", i)))
                    .await(5, TimeUnit.SECONDS);
        }
        Map<Integer, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> byWorker = new ConcurrentHashMap<>();
        for (String name : List.of("w1", "w2", "w3")) {
            worker(name, jobs(20, 4), Map.of("test.count", job -> {
                runs.computeIfAbsent(job.payload().getInteger("n"), k -> new AtomicInteger())
                        .incrementAndGet();
                byWorker.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                return app.vertx.timer(2).mapEmpty();
            }));
        }
        await(() -> runs.size() == total, 20_000, "all jobs to run");
        await(() -> count("status = 'done'") == total, 5_000, "all jobs to be marked done");
        Thread.sleep(200);
        assertTrue(runs.values().stream().allMatch(n -> n.get() == 1), "no job ran twice: " + runs);
        assertTrue(byWorker.size() >= 2, "the work was shared: " + byWorker);
    }

    @Test
    void aFailingJobIsRetriedWithGrowingBackoffThenSucceeds() throws Exception {
        List<Instant> attempts = new CopyOnWriteArrayList<>();
        UUID id = queue.enqueue(
                        app.db, JobRequest.of("test.flaky", new JsonObject()).maxAttempts(5))
                .await(5, TimeUnit.SECONDS)
                .orElseThrow();
        worker("w", jobs(20, 1), Map.of("test.flaky", job -> {
            attempts.add(Instant.now());
            return job.attempts() < 3
                    ? Future.failedFuture("not yet (" + job.attempts() + ")")
                    : Future.succeededFuture();
        }));
        await(() -> attempts.size() == 3, 10_000, "three attempts");
        await(() -> status(id).equals("done"), 5_000, "done");
        long firstGap = attempts.get(1).toEpochMilli() - attempts.get(0).toEpochMilli();
        long secondGap = attempts.get(2).toEpochMilli() - attempts.get(1).toEpochMilli();
        assertTrue(firstGap >= 200, "first retry waits the base delay: " + firstGap);
        assertTrue(secondGap >= 400, "second retry waits twice as long: " + secondGap);
        Row row = row(id);
        assertEquals(3, row.getInteger("attempts"));
        assertEquals(null, row.getString("last_error"), "cleared on success");
    }

    @Test
    void aJobThatAlwaysFailsIsDeadAfterMaxAttempts() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        UUID id = queue.enqueue(
                        app.db, JobRequest.of("test.broken", new JsonObject()).maxAttempts(3))
                .await(5, TimeUnit.SECONDS)
                .orElseThrow();
        worker("w", jobs(20, 1), Map.of("test.broken", job -> {
            runs.incrementAndGet();
            return Future.failedFuture(new IllegalStateException("always broken"));
        }));
        await(() -> status(id).equals("dead"), 10_000, "dead");
        Thread.sleep(500);
        assertEquals(3, runs.get(), "not run again once dead");
        Row row = row(id);
        assertEquals(3, row.getInteger("attempts"));
        assertEquals("IllegalStateException: always broken", row.getString("last_error"));
        assertTrue(row.getValue("finished_at") != null);
    }

    @Test
    void aJobWhoseWakeUpWasLostIsFoundByPolling() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        worker("w", jobs(300, 1), Map.of("test.quiet", job -> {
            runs.incrementAndGet();
            return Future.succeededFuture();
        }));
        Thread.sleep(100);
        UUID id = aJob().ofType("test.quiet").insert(app.db); // no NOTIFY
        await(() -> runs.get() == 1, 3_000, "polling to find the job");
        await(() -> status(id).equals("done"), 3_000, "done");
    }

    @Test
    void notifyWakesAWorkerLongBeforeItsNextPoll() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        JobWorker worker = worker("w", jobs(60_000, 1), Map.of("test.prompt", job -> {
            runs.incrementAndGet();
            return Future.succeededFuture();
        }));
        Context context = contexts.get(0);
        PgListener listener = new PgListener(app.vertx, app.database);
        Future.<Void>future(p -> context.runOnContext(v -> listener.on("quire_jobs", payload -> worker.wake())
                        .start()
                        .onComplete(p)))
                .await(5, TimeUnit.SECONDS);
        try {
            Thread.sleep(300); // the first poll (at start) has found nothing; the next is a minute away
            long enqueued = System.currentTimeMillis();
            queue.enqueue(app.db, JobRequest.of("test.prompt", new JsonObject()))
                    .await(5, TimeUnit.SECONDS);
            await(() -> runs.get() == 1, 5_000, "the NOTIFY wake-up");
            assertTrue(System.currentTimeMillis() - enqueued < 5_000);
        } finally {
            listener.close().await(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aJobAbandonedByADeadWorkerIsRunAgainAfterItsLease() throws Exception {
        UUID id = aJob().ofType("test.orphan").abandonedBy("crashed-worker", 1).insert(app.db);
        List<Integer> attemptsSeen = new CopyOnWriteArrayList<>();
        worker("w", jobs(50, 1), Map.of("test.orphan", job -> {
            attemptsSeen.add(job.attempts());
            return Future.succeededFuture();
        }));
        await(() -> status(id).equals("done"), 5_000, "the orphan to be finished");
        assertEquals(List.of(2), attemptsSeen);
    }

    @Test
    void aDedupeKeyKeepsOnePendingJob() throws Exception {
        Optional<UUID> first = queue.enqueue(
                        app.db, JobRequest.of("test.once", new JsonObject()).dedupedBy("k1"))
                .await();
        Optional<UUID> second = queue.enqueue(
                        app.db, JobRequest.of("test.once", new JsonObject()).dedupedBy("k1"))
                .await();
        assertTrue(first.isPresent());
        assertTrue(second.isEmpty());
        assertEquals(1, count("dedupe_key = 'k1'"));
    }

    @Test
    void aJobEnqueuedInARolledBackTransactionNeverExists() throws Exception {
        try {
            app.db
                    .withTransaction(tx -> queue.enqueue(tx, JobRequest.of("test.tx", new JsonObject()))
                            .compose(id -> Future.failedFuture("the change failed")))
                    .await(5, TimeUnit.SECONDS);
        } catch (Exception expected) {
            // the surrounding change failed, so the job must not exist
        }
        assertEquals(0, count("type = 'test.tx'"));
    }

    @Test
    void aFutureJobWaitsForItsTime() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        queue.enqueue(
                        app.db,
                        JobRequest.of("test.later", new JsonObject())
                                .at(Instant.now().plusMillis(800)))
                .await();
        worker("w", jobs(50, 1), Map.of("test.later", job -> {
            runs.incrementAndGet();
            return Future.succeededFuture();
        }));
        Thread.sleep(400);
        assertEquals(0, runs.get(), "not before run_at");
        await(() -> runs.get() == 1, 3_000, "after run_at");
    }

    private String status(UUID id) {
        try {
            return row(id).getString("status");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String where) {
        try {
            return app.db
                    .query("SELECT count(*) FROM jobs WHERE " + where)
                    .execute()
                    .await(5, TimeUnit.SECONDS)
                    .iterator()
                    .next()
                    .getLong(0);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
