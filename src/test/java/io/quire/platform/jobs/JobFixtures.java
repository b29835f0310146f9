package io.quire.platform.jobs;

import io.quire.platform.ids.Ids;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Job rows written straight into the table, for states the queue API can't produce on demand. */
final class JobFixtures {
    private String type = "test.job";
    private JsonObject payload = new JsonObject();
    private String status = "queued";
    private int attempts;
    private int maxAttempts = 5;
    private String lockedBy;
    private int leaseExpiredSecondsAgo = -1;

    static JobFixtures aJob() {
        return new JobFixtures();
    }

    JobFixtures ofType(String type) {
        this.type = type;
        return this;
    }

    JobFixtures withPayload(JsonObject payload) {
        this.payload = payload;
        return this;
    }

    /** Claimed by a worker that then died: running, lease already expired. */
    JobFixtures abandonedBy(String worker, int attemptsSoFar) {
        this.status = "running";
        this.lockedBy = worker;
        this.attempts = attemptsSoFar;
        this.leaseExpiredSecondsAgo = 5;
        return this;
    }

    JobFixtures maxAttempts(int max) {
        this.maxAttempts = max;
        return this;
    }

    /** Inserts without NOTIFY: the wake-up is "lost", only polling can find it. */
    UUID insert(Pool db) throws Exception {
        UUID id = Ids.newId();
        db.preparedQuery("""
        INSERT INTO jobs (id, type, payload, status, attempts, max_attempts, locked_by, locked_until)
        VALUES ($1, $2, $3, $4, $5, $6, $7, CASE WHEN $8 >= 0 THEN now() - make_interval(secs => $8) END)
        """)
                .execute(Tuple.of(id, type, payload, status, attempts, maxAttempts, lockedBy, leaseExpiredSecondsAgo))
                .await(5, TimeUnit.SECONDS);
        return id;
    }
}
