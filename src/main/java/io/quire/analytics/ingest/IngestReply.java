package io.quire.analytics.ingest;

import io.quire.platform.http.ApiException;
import io.quire.platform.ratelimit.LeasedLimiter;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The ingest verticle's answer: counts and per-event errors once the accepted events are committed, or the refusal
 * itself (an {@link ApiException}, answered as any other), and how many events were {@code dropped} as bot traffic.
 * {@code limit} carries the per-site rate limit state for the standard headers, when one was taken.
 */
public record IngestReply(
        ApiException refusal, int accepted, int rejected, JsonArray errors, LeasedLimiter.Decision limit, int dropped) {

    static IngestReply accepted(int accepted, JsonArray errors, LeasedLimiter.Decision limit) {
        return new IngestReply(null, accepted, errors.size(), errors, limit, 0);
    }

    static IngestReply refused(ApiException refusal) {
        return new IngestReply(refusal, 0, 0, null, null, 0);
    }

    /** Every event of the batch was bad: a 422 naming each by index (also as {@code eventErrors}). */
    static IngestReply allInvalid(JsonArray errors) {
        List<ApiException.FieldError> fields = new ArrayList<>();
        errors.forEach(e -> {
            JsonObject error = (JsonObject) e;
            fields.add(new ApiException.FieldError(
                    "events[" + error.getInteger("index") + "]", error.getString("message")));
        });
        return new IngestReply(
                new ApiException.Relayed(
                        422,
                        "analytics.batch_invalid",
                        "No event in the batch is valid; see eventErrors.",
                        fields,
                        new JsonObject().put("eventErrors", errors)),
                0,
                errors.size(),
                errors,
                null,
                0);
    }

    boolean isAccepted() {
        return refusal == null;
    }

    IngestReply withLimit(LeasedLimiter.Decision decision) {
        return new IngestReply(refusal, accepted, rejected, errors, decision, dropped);
    }

    /** With the number of events dropped as coming from bots. */
    IngestReply dropped(int n) {
        return new IngestReply(refusal, accepted, rejected, errors, limit, n);
    }
}
