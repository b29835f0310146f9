package io.quire.platform.jobs;

import io.vertx.core.Future;

/**
 * Does one job. A failed future (or one that outlives the lease) is retried with exponential backoff until
 * {@code maxAttempts}, then the job is dead. Handlers must be idempotent: a worker that dies after the work but
 * before recording it makes the job run again.
 */
@FunctionalInterface
public interface JobHandler {
    Future<Void> handle(Job job);
}
