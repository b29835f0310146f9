package io.quire.webhooks;

import io.quire.platform.auth.Principal;
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
import java.util.UUID;

/** An outgoing webhook's deliveries for the site's managers: newest first with their attempts, and a retry. */
public final class DeliveryLog {
    private static final String DELIVERIES = """
      SELECT id, event_type, status, attempts, next_attempt_at, last_status, last_error, created_at, completed_at,
             (SELECT coalesce(jsonb_agg(jsonb_build_object('attempt', a.attempt, 'at', a.attempted_at, 'statusCode', a.status_code,
                     'responseTimeMs', a.response_time_ms, 'responseBody', a.response_body, 'error', a.error) ORDER BY a.attempt), '[]')
                FROM webhook_delivery_attempts a WHERE a.delivery_id = d.id) AS attempt_log
        FROM webhook_deliveries d
       WHERE webhook_id = $1 AND ($2::boolean IS NULL OR (status = 'SUCCEEDED') = $2) AND ($3::text IS NULL OR event_type = $3)
         AND ($4::timestamptz IS NULL OR (created_at, id) < ($4, $5))
       ORDER BY created_at DESC, id DESC
       LIMIT $6
      """;
    private static final String RETRY = """
      UPDATE webhook_deliveries SET status = 'PENDING', next_attempt_at = NULL, completed_at = NULL
       WHERE id = $1 AND webhook_id = $2 AND status IN ('DEAD', 'RETRYING') RETURNING id
      """;

    private final Pool pool;
    private final JobQueue jobs;

    public DeliveryLog(Pool pool, JobQueue jobs) {
        this.pool = pool;
        this.jobs = jobs;
    }

    /** Newest first; {@code success} and {@code eventType} narrow it (null for all). */
    public Future<JsonObject> deliveries(
            Principal caller, UUID webhook, Boolean success, String eventType, String cursor, int limit) {
        TimeCursor after = TimeCursor.decode(cursor);
        return pool.withTransaction(tx -> Endpoints.managed(tx, caller, webhook))
                .compose(w -> pool.preparedQuery(DELIVERIES)
                        .execute(Tuple.tuple()
                                .addUUID(webhook)
                                .addBoolean(success)
                                .addString(eventType)
                                .addOffsetDateTime(after.at())
                                .addUUID(after.id())
                                .addInteger(limit + 1)))
                .map(rows -> {
                    JsonArray data = new JsonArray();
                    String next = null;
                    for (Row r : rows) {
                        if (data.size() == limit) {
                            break;
                        }
                        data.add(new JsonObject()
                                .put("id", r.getUUID("id").toString())
                                .put("eventType", r.getString("event_type"))
                                .put("status", r.getString("status"))
                                .put("success", r.getString("status").equals("SUCCEEDED"))
                                .put("attempts", r.getInteger("attempts"))
                                .put("nextAttemptAt", Times.iso(r.getOffsetDateTime("next_attempt_at")))
                                .put("lastStatusCode", r.getInteger("last_status"))
                                .put("lastError", r.getString("last_error"))
                                .put("createdAt", Times.iso(r.getOffsetDateTime("created_at")))
                                .put("completedAt", Times.iso(r.getOffsetDateTime("completed_at")))
                                .put("attemptLog", r.getJsonArray("attempt_log")));
                        next = new TimeCursor(r.getOffsetDateTime("created_at"), r.getUUID("id")).encode();
                    }
                    return new JsonObject().put("data", data).put("nextCursor", rows.size() > limit ? next : null);
                });
    }

    /** Queues a dead or retrying delivery again; a succeeded or pending one is not retried (404). */
    public Future<Void> retry(Principal caller, UUID webhook, UUID delivery) {
        return pool.withTransaction(tx -> Endpoints.managed(tx, caller, webhook)
                .compose(w -> tx.preparedQuery(RETRY).execute(Tuple.of(delivery, webhook)))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(
                                new ApiException.NotFound(
                                        "webhook_delivery.not_retryable",
                                        "No such delivery of this webhook waiting or dead; a succeeded or pending one is not retried."))
                        : jobs.enqueue(
                                        tx,
                                        JobRequest.of(
                                                        Deliveries.DELIVER_JOB,
                                                        new JsonObject().put("deliveryId", delivery.toString()))
                                                .maxAttempts(10))
                                .mapEmpty()));
    }
}
