package io.quire.platform.jobs;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A job to enqueue. {@code runAt} null means now; {@code maxAttempts} null means {@code jobs.maxAttempts};
 * with a {@code dedupeKey}, a second request while one with that key is queued or running is dropped.
 */
public record JobRequest(String type, JsonObject payload, Instant runAt, Integer maxAttempts, String dedupeKey) {
    public static JobRequest of(String type, JsonObject payload) {
        return new JobRequest(type, payload, null, null, null);
    }

    public JobRequest at(Instant when) {
        return new JobRequest(type, payload, when, maxAttempts, dedupeKey);
    }

    public JobRequest maxAttempts(int attempts) {
        return new JobRequest(type, payload, runAt, attempts, dedupeKey);
    }

    public JobRequest dedupedBy(String key) {
        return new JobRequest(type, payload, runAt, maxAttempts, key);
    }
}
