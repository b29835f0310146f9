package io.quire.analytics.ingest;

import io.quire.platform.http.ApiException;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Ends an ingest request early with a refusal reply; thrown and caught inside the ingest verticle only. */
final class Refusal extends RuntimeException {
    final IngestReply reply;

    /** A refusal with this status and code, as the collector will see it. */
    Refusal(int status, String code, String detail) {
        this(IngestReply.refused(new ApiException.Relayed(status, code, detail, List.of(), new JsonObject())));
    }

    Refusal(IngestReply reply) {
        super(reply.refusal().code(), null, false, false);
        this.reply = reply;
    }

    /** The batch should come again in {@code seconds}: a 429 with Retry-After. */
    static Refusal later(String code, String detail, long seconds) {
        return new Refusal(IngestReply.refused(new ApiException.RateLimited(code, detail, Math.max(1, seconds))));
    }
}
