package io.quire.webhooks;

import static io.quire.platform.api.Schema.anyObject;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Role;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.Responses;
import io.quire.platform.http.TimeCursor;
import io.quire.platform.jobs.JobQueue;
import io.quire.platform.jobs.JobRequest;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Platform admins look into the inbox: events filtered by gateway, status, type and time (newest first, keyset
 * paged), one event whole, a replay (processed again from the start, through the same ordering check), and the
 * newest refused attempts.
 */
public final class AdminInboxRoutes {
    private static final String BASE = "/api/v1/admin/webhook-events";
    private static final Set<String> STATUSES =
            Set.of("RECEIVED", "PROCESSED", "IGNORED", "SUPERSEDED", "FAILED", "DEAD_LETTER");
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
    private final Rejections rejections;
    private final int maxAttempts;

    public AdminInboxRoutes(Pool pool, JobQueue jobs, Rejections rejections, int maxAttempts) {
        this.pool = pool;
        this.jobs = jobs;
        this.rejections = rejections;
        this.maxAttempts = maxAttempts;
    }

    public void mount(Api api) {
        api.raw(
                Endpoint.get("/api/v1/admin/webhook-events")
                        .id("listAdminWebhookEvents")
                        .tag("webhooks")
                        .summary("The inbox, newest first (admin)")
                        .access(Access.atLeast(Role.ADMIN).sessionOnly())
                        .paged()
                        .query("gateway", string().oneOf("stripe", "razorpay", "xendit", "standard"), "gateway")
                        .query(
                                "status",
                                string().oneOf(
                                                "RECEIVED",
                                                "PROCESSED",
                                                "IGNORED",
                                                "SUPERSEDED",
                                                "FAILED",
                                                "DEAD_LETTER"),
                                "status")
                        .query("type", string(), "event type")
                        .query("from", string(), "received at or after (ISO-8601)")
                        .query("to", string(), "received before (ISO-8601)")
                        .ok(200, Schema.list(ref("WebhookEvent")), "OK")
                        .problems(400, 422),
                this::list);
        api.raw(
                Endpoint.get("/api/v1/admin/webhook-events/{eventId}")
                        .id("getAdminWebhookEvent")
                        .tag("webhooks")
                        .summary("One event with its payload and headers (admin)")
                        .access(Access.atLeast(Role.ADMIN).sessionOnly())
                        .ok(
                                200,
                                Schema.allOf(
                                        ref("WebhookEvent"),
                                        object().optional("payload", anyObject())
                                                .optional("headers", anyObject())),
                                "OK"),
                ctx -> pool.preparedQuery(ONE)
                        .execute(Tuple.of(eventId(ctx)))
                        .onSuccess(rows -> {
                            if (rows.size() == 0) {
                                ctx.fail(notFound());
                            } else {
                                Row r = rows.iterator().next();
                                Responses.json(
                                        ctx,
                                        200,
                                        summary(r)
                                                .put("payload", r.getJsonObject("payload"))
                                                .put("headers", r.getJsonObject("headers")));
                            }
                        })
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.post("/api/v1/admin/webhook-events/{eventId}/replay")
                        .id("replayAdminWebhookEvent")
                        .tag("webhooks")
                        .summary("Process the event again from the start (admin)")
                        .access(Access.atLeast(Role.ADMIN).sessionOnly())
                        .ok(202, object().optional("id", string()).optional("status", string()), "OK"),
                ctx -> {
                    UUID id = eventId(ctx);
                    pool.withTransaction(tx -> tx.preparedQuery(RESET)
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
                                                            .maxAttempts(maxAttempts))))
                            .onSuccess(v -> Responses.json(
                                    ctx,
                                    202,
                                    new JsonObject().put("id", id.toString()).put("status", "RECEIVED")))
                            .onFailure(ctx::fail);
                });
        api.raw(
                Endpoint.get("/api/v1/admin/webhook-rejections")
                        .id("listAdminWebhookRejections")
                        .tag("webhooks")
                        .summary("The newest refused webhook attempts (admin)")
                        .access(Access.atLeast(Role.ADMIN).sessionOnly())
                        .query("limit", integer(), "1–100")
                        .ok(
                                200,
                                Schema.list(object().optional("at", string())
                                        .optional("gateway", string())
                                        .optional("pathId", string())
                                        .optional("status", integer())
                                        .optional("code", string())),
                                "OK"),
                ctx -> rejections
                        .recent(QueryParams.limit(ctx))
                        .onSuccess(list -> Responses.list(ctx, list, null))
                        .onFailure(ctx::fail));
    }

    private void list(RoutingContext ctx) {
        String status = param(ctx, "status");
        if (status != null && !STATUSES.contains(status)) {
            throw invalid(
                    "status", "must be one of " + STATUSES.stream().sorted().toList());
        }
        OffsetDateTime from = time(ctx, "from");
        OffsetDateTime to = time(ctx, "to");
        int limit = QueryParams.limit(ctx);
        TimeCursor after = TimeCursor.decode(param(ctx, "cursor"));
        Tuple args = Tuple.tuple()
                .addString(param(ctx, "gateway"))
                .addString(status)
                .addString(param(ctx, "type"))
                .addOffsetDateTime(from)
                .addOffsetDateTime(to)
                .addOffsetDateTime(after.at())
                .addUUID(after.id())
                .addInteger(limit + 1);
        pool.preparedQuery(LIST)
                .execute(args)
                .onSuccess(rows -> {
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
                    Responses.list(ctx, data, rows.size() > limit ? next : null);
                })
                .onFailure(ctx::fail);
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

    private static UUID eventId(RoutingContext ctx) {
        return PathParams.uuid(ctx, "eventId", "webhook_event.not_found");
    }

    private static ApiException notFound() {
        return new ApiException.NotFound("webhook_event.not_found", "No such webhook event.");
    }

    private static String param(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static OffsetDateTime time(RoutingContext ctx, String name) {
        String v = param(ctx, name);
        try {
            return v == null ? null : OffsetDateTime.parse(v);
        } catch (RuntimeException e) {
            throw invalid(name, "must be an ISO-8601 time with an offset");
        }
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException.Validation(
                "request.invalid",
                "Some query parameters are invalid.",
                List.of(new ApiException.FieldError(field, message)));
    }
}
