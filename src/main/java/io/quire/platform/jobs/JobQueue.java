package io.quire.platform.jobs;

import io.quire.platform.config.QuireConfig;
import io.quire.platform.ids.Ids;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

/**
 * Enqueues jobs. Pass the transaction's connection so the job commits (or rolls back) with the change that
 * caused it; the {@code NOTIFY} that wakes the workers is delivered only on commit.
 */
public final class JobQueue {
    private final int defaultMaxAttempts;

    public JobQueue(QuireConfig.Jobs config) {
        this.defaultMaxAttempts = config.maxAttempts();
    }

    /** The new job's id, or empty when a job with the same dedupe key is already pending. */
    public Future<Optional<UUID>> enqueue(SqlClient client, JobRequest request) {
        Tuple params = Tuple.of(
                Ids.newId(),
                request.type(),
                request.payload() == null ? new io.vertx.core.json.JsonObject() : request.payload(),
                request.runAt() == null ? null : request.runAt().atOffset(ZoneOffset.UTC),
                request.maxAttempts() == null ? defaultMaxAttempts : request.maxAttempts(),
                request.dedupeKey());
        return client.preparedQuery(JobSql.ENQUEUE)
                .execute(params)
                .map(rows -> rows.size() == 0
                        ? Optional.<UUID>empty()
                        : Optional.of(rows.iterator().next().getUUID("id")));
    }
}
