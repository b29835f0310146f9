package io.quire.platform.jobs;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with a little jitter: {@code base × 2^(attempt-1)}, capped at {@code max}, plus up to
 * 10% so a burst of failures doesn't retry in lock-step.
 */
public record Backoff(long baseMs, long maxMs) {
    public long delayMs(int attempt) {
        int exponent = Math.min(Math.max(attempt - 1, 0), 40);
        long delay = Math.min(maxMs, baseMs * (1L << Math.min(exponent, 30)));
        return delay + ThreadLocalRandom.current().nextLong(delay / 10 + 1);
    }
}
