package io.quire.webhooks;

import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.TimeCursor;
import io.quire.platform.jobs.JobQueue;
import io.quire.platform.jobs.JobRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The inbox as platform admins see it: events filtered by gateway, status, type and time (newest first, keyset
 * paged), one event whole, and a replay (processed again from the start, through the same ordering check).
 */
public final class InboxAdmin {
    /** A list's filters; null for any. */
    public record Filter(String gateway, String status, String type, OffsetDateTime from, OffsetDateTime to) {}

    private static final String LIST = """
      SELECT id, gateway, author_id, source_id, event_type, gateway_event_id, object_id, event_created_at, status,
             retry_count, next_retry_at, last_error, received_at, processed_at
        FROM webhook_events
       WHERE ($1::text IS NULL OR gateway = $1) AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR event_type = $3)
         AND ($4::timestamptz IS NULL OR received_at >= $4) AND ($5::timestamptz IS NULL OR received_at < $5)
         AND ($6::timestamptz IS NULL OR (received_at, id) < ($6, $7))
       ORDER BY received_at DESC, id DESC
       LIMIT $8
      """;
    private static final String ONE = "SELECT * FROM webhook_events WHERE id = $1";
    private static final String RESET = """
      UPDATE webhook_events SET status = 'RECEIVED', retry_count = 0, next_retry_at = NULL, last_error = NULL, processed_at = NULL
       WHERE id = $1 RETURNING id
      """;

    private final Pool pool;
    private final JobQueue jobs;
    private final int maxAttempts;

    public InboxAdmin(Pool pool, JobQueue jobs, int maxAttempts) {
        this.pool = pool;
        this.jobs = jobs;
        this.maxAttempts = maxAttempts;
    }

    public Future<JsonObject> list(Filter f, String cursor, int limit) {
        TimeCursor after = TimeCursor.decode(cursor);
        Tuple args = Tuple.tuple()
                .addString(f.gateway())
                .addString(f.status())
                .addString(f.type())
                .addOffsetDateTime(f.from())
                .addOffsetDateTime(f.to())
                .addOffsetDateTime(after.at())
                .addUUID(after.id())
                .addInteger(limit + 1);
        return pool.preparedQuery(LIST).execute(args).map(rows -> {
            JsonArray data = new JsonArray();
            String next = null;
            int n = 0;
            for (Row r : rows) {
                if (++n > limit) {
                    break;
                }
                data.add(summary(r));
                if (n == limit) {
                    next = new TimeCursor(r.getOffsetDateTime("received_at"), r.getUUID("id")).encode();
                }
            }
            return new JsonObject().put("data", data).put("nextCursor", rows.size() > limit ? next : null);
        });
    }

    /** One event with its payload and headers. */
    public Future<JsonObject> one(UUID id) {
        return pool.preparedQuery(ONE).execute(Tuple.of(id)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(notFound());
            }
            Row r = rows.iterator().next();
            return Future.succeededFuture(
                    summary(r).put("payload", r.getJsonObject("payload")).put("headers", r.getJsonObject("headers")));
        });
    }

    /** Back to RECEIVED and queued for processing, in one transaction. */
    public Future<Void> replay(UUID id) {
        return pool.withTransaction(tx -> tx.preparedQuery(RESET)
                .execute(Tuple.of(id))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(notFound())
                        : jobs.enqueue(
                                tx,
                                JobRequest.of(
                                                Inbox.PROCESS_JOB,
                                                new JsonObject()
                                                        .put("eventId", id.toString())
                                                        .put("replay", true))
                                        .maxAttempts(maxAttempts)))
                .mapEmpty());
    }

    private static JsonObject summary(Row r) {
        return new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("gateway", r.getString("gateway"))
                .put(
                        "authorId",
                        r.getUUID("author_id") == null
                                ? null
                                : r.getUUID("author_id").toString())
                .put(
                        "sourceId",
                        r.getUUID("source_id") == null
                                ? null
                                : r.getUUID("source_id").toString())
                .put("eventType", r.getString("event_type"))
                .put("gatewayEventId", r.getString("gateway_event_id"))
                .put("objectId", r.getString("object_id"))
                .put("eventCreatedAt", Times.iso(r.getOffsetDateTime("event_created_at")))
                .put("status", r.getString("status"))
                .put("retryCount", r.getInteger("retry_count"))
                .put("nextRetryAt", Times.iso(r.getOffsetDateTime("next_retry_at")))
                .put("lastError", r.getString("last_error"))
                .put("receivedAt", Times.iso(r.getOffsetDateTime("received_at")))
                .put("processedAt", Times.iso(r.getOffsetDateTime("processed_at")));
    }

    private static ApiException notFound() {
        return new ApiException.NotFound("webhook_event.not_found", "No such webhook event.");
    }
}
