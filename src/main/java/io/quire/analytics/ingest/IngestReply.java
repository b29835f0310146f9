package io.quire.analytics.ingest;

import io.quire.platform.ratelimit.LeasedLimiter;
import io.vertx.core.json.JsonArray;

/**
 * The ingest verticle's answer: 202 with counts and per-event errors once the accepted events are committed, or
 * a refusal ({@code status}, stable {@code code}, {@code detail}, and per-event {@code errors} when every event
 * was bad), and how many events were {@code dropped} as bot traffic. {@code limit} carries the per-site rate limit state for the standard headers, when one was taken.
 */
public record IngestReply(
        int status,
        String code,
        String detail,
        int accepted,
        int rejected,
        JsonArray errors,
        long retryAfterSeconds,
        LeasedLimiter.Decision limit,
        int dropped) {

    IngestReply(
            int status,
            String code,
            String detail,
            int accepted,
            int rejected,
            JsonArray errors,
            long retryAfterSeconds,
            LeasedLimiter.Decision limit) {
        this(status, code, detail, accepted, rejected, errors, retryAfterSeconds, limit, 0);
    }

    static IngestReply accepted(int accepted, JsonArray errors, LeasedLimiter.Decision limit) {
        return new IngestReply(202, null, null, accepted, errors.size(), errors, 0, limit);
    }

    static IngestReply refused(int status, String code, String detail) {
        return new IngestReply(status, code, detail, 0, 0, null, 0, null);
    }

    IngestReply withLimit(LeasedLimiter.Decision decision) {
        return new IngestReply(status, code, detail, accepted, rejected, errors, retryAfterSeconds, decision, dropped);
    }

    IngestReply retryAfter(long seconds) {
        return new IngestReply(status, code, detail, accepted, rejected, errors, seconds, limit, dropped);
    }

    /** With the number of events dropped as coming from bots. */
    IngestReply dropped(int n) {
        return new IngestReply(status, code, detail, accepted, rejected, errors, retryAfterSeconds, limit, n);
    }
}
