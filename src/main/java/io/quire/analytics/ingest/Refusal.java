package io.quire.analytics.ingest;

/** Ends an ingest request early with a refusal reply; thrown and caught inside the ingest verticle only. */
final class Refusal extends RuntimeException {
    final IngestReply reply;

    Refusal(int status, String code, String detail) {
        super(code, null, false, false);
        this.reply = IngestReply.refused(status, code, detail);
    }

    Refusal(IngestReply reply) {
        super(reply.code(), null, false, false);
        this.reply = reply;
    }
}
