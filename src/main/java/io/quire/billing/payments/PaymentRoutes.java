package io.quire.billing.payments;

import static io.quire.platform.api.Schema.anyObject;
import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.billing.gateway.GatewayException;
import io.quire.billing.gateway.Gateways;
import io.quire.billing.ledger.Payments;
import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Role;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.Csv;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.quire.platform.http.TimeCursor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * §8.2 payments. Authors see the payments they received ({@code /payments}: list with filters, get with its event
 * history, CSV export, refund and refund status, dispute and evidence); readers see what they paid
 * ({@code /my/payments}: list, get, receipt). Anyone else's payment is a 404. A refund is asked of the gateway here
 * and recorded when its event arrives.
 */
public final class PaymentRoutes {
    private static final Set<String> TYPES = Set.of("SUBSCRIPTION", "ONE_TIME_PURCHASE", "TIP", "GIFT");
    private static final Set<String> STATUSES = Set.of(
            "PENDING",
            "PROCESSING",
            "SUCCEEDED",
            "FAILED",
            "REFUNDED",
            "PARTIALLY_REFUNDED",
            "DISPUTED",
            "CANCELLED",
            "EXPIRED");
    private final Pool pool;
    private final Gateways gateways;
    private final io.quire.billing.ledger.Ledger ledger;

    public PaymentRoutes(Pool pool, Gateways gateways, io.quire.billing.ledger.Ledger ledger) {
        this.pool = pool;
        this.gateways = gateways;
        this.ledger = ledger;
    }

    public void mount(Api api) {
        components(api);
        api.raw(
                Endpoint.get("/api/v1/payments/export")
                        .id("exportPayments")
                        .tag("billing")
                        .summary("Payments I received as CSV, oldest first")
                        .access(Access.signedIn())
                        .query("from", string(), "ISO-8601 time")
                        .query("to", string(), "ISO-8601 time")
                        .ok(200, string(), "OK")
                        .problems(422),
                this::export);
        api.raw(
                Endpoint.get("/api/v1/payments")
                        .id("listPayments")
                        .tag("billing")
                        .summary("Payments I received, newest first (keyset cursor)")
                        .access(Access.signedIn())
                        .paged()
                        .query("siteId", string(), "one site")
                        .query("seriesId", string(), "one series")
                        .query("type", string(), "SUBSCRIPTION, ONE_TIME_PURCHASE, TIP or GIFT")
                        .query("status", string(), "a payment status")
                        .query("from", string(), "ISO-8601 time")
                        .query("to", string(), "ISO-8601 time")
                        .ok(200, Schema.list(ref("Payment")), "OK")
                        .problems(400, 422),
                ctx -> list(ctx, PaymentSql.AUTHOR_LIST));
        api.raw(
                Endpoint.get("/api/v1/my/payments")
                        .id("listMyPayments")
                        .tag("billing")
                        .summary("What I paid, newest first")
                        .access(Access.signedIn())
                        .paged()
                        .query("siteId", string(), "one site")
                        .query("seriesId", string(), "one series")
                        .query("type", string(), "SUBSCRIPTION, ONE_TIME_PURCHASE, TIP or GIFT")
                        .query("status", string(), "a payment status")
                        .query("from", string(), "ISO-8601 time")
                        .query("to", string(), "ISO-8601 time")
                        .ok(200, Schema.list(ref("Payment")), "OK")
                        .problems(400, 422),
                ctx -> list(ctx, PaymentSql.READER_LIST));
        api.raw(
                Endpoint.get("/api/v1/payments/{paymentId}")
                        .id("getPayment")
                        .tag("billing")
                        .summary("A payment I received, with its event history")
                        .access(Access.signedIn())
                        .ok(200, ref("Payment2"), "OK"),
                ctx -> received(ctx)
                        .compose(p -> withEvents(p))
                        .onSuccess(j -> Responses.json(ctx, 200, j))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.get("/api/v1/my/payments/{paymentId}")
                        .id("getMyPayment")
                        .tag("billing")
                        .summary("One of my payments, with its history")
                        .access(Access.signedIn())
                        .ok(200, ref("Payment2"), "OK"),
                ctx -> paid(ctx)
                        .compose(p -> withEvents(p))
                        .onSuccess(j -> Responses.json(ctx, 200, j))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.get("/api/v1/my/payments/{paymentId}/receipt")
                        .id("getMyPaymentReceipt")
                        .tag("billing")
                        .summary("A plain-text receipt (409 payment.not_paid)")
                        .access(Access.signedIn())
                        .ok(200, string(), "OK")
                        .problems(409),
                ctx -> paid(ctx)
                        .onSuccess(p -> {
                            if (!List.of("SUCCEEDED", "REFUNDED", "PARTIALLY_REFUNDED", "DISPUTED")
                                    .contains(p.getString("status"))) {
                                ctx.fail(ApiException.Conflict.status(
                                        "payment.not_paid",
                                        "There is no receipt for a payment that was not made.",
                                        p.getString("status")));
                                return;
                            }
                            ctx.response()
                                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                                    .putHeader(
                                            "Content-Disposition",
                                            "attachment; filename=\"receipt-" + p.getUUID("id") + ".txt\"")
                                    .end(Payments.receipt(p));
                        })
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.post("/api/v1/payments/{paymentId}/refund")
                        .id("refundPayment")
                        .tag("billing")
                        .summary(
                                "Refund all (no amount) or part of a payment; the gateway is asked now and the refund recorded when its event arrives")
                        .access(Access.session())
                        .body(object().optional("amount", integer()).optional("reason", string().length(1, 500)))
                        .ok(
                                202,
                                object().optional("paymentId", string())
                                        .optional("refundId", string())
                                        .optional("amount", integer())
                                        .optional("refundStatus", nullable(string())),
                                "OK")
                        .problems(409, 502),
                this::refund);
        api.raw(
                Endpoint.get("/api/v1/payments/{paymentId}/refund-status")
                        .id("getPaymentRefundStatus")
                        .tag("billing")
                        .summary("Where a refund stands")
                        .access(Access.signedIn())
                        .ok(
                                200,
                                object().optional("paymentId", string())
                                        .optional("refundStatus", nullable(string()))
                                        .optional("refundedAmount", integer())
                                        .optional("grossAmount", integer())
                                        .optional("status", string())
                                        .optional("refundedAt", nullable(string()))
                                        .optional("refundId", string()),
                                "OK"),
                ctx -> received(ctx)
                        .onSuccess(p -> Responses.json(
                                ctx,
                                200,
                                new JsonObject()
                                        .put("paymentId", p.getUUID("id").toString())
                                        .put("refundStatus", p.getString("refund_status"))
                                        .put("refundedAmount", p.getLong("refunded_amount"))
                                        .put("grossAmount", p.getLong("gross_amount"))
                                        .put("status", p.getString("status"))
                                        .put("refundedAt", Times.iso(p.getOffsetDateTime("refunded_at")))
                                        .put("refundId", p.getString("refund_gateway_id"))))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.get("/api/v1/payments/{paymentId}/dispute")
                        .id("getPaymentDispute")
                        .tag("billing")
                        .summary("The payment's dispute (404 dispute.not_found when none)")
                        .access(Access.signedIn())
                        .ok(200, ref("Payment4"), "OK"),
                ctx -> received(ctx)
                        .onSuccess(p -> {
                            if (p.getOffsetDateTime("disputed_at") == null) {
                                ctx.fail(
                                        new ApiException.NotFound("dispute.not_found", "This payment has no dispute."));
                                return;
                            }
                            Responses.json(ctx, 200, dispute(p));
                        })
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.post("/api/v1/payments/{paymentId}/dispute/mark")
                        .id("markDispute")
                        .tag("billing")
                        .summary("Admin: record a dispute's outcome (lost takes back what was bought)")
                        .access(Access.atLeast(Role.ADMIN).sessionOnly())
                        .body(object().required("outcome", string().oneOf("won", "lost")))
                        .ok(200, ref("Payment4"), "OK")
                        .problems(409),
                this::mark);
        api.raw(
                Endpoint.post("/api/v1/payments/{paymentId}/dispute/evidence")
                        .id("addDisputeEvidence")
                        .tag("billing")
                        .summary("Add evidence to an open dispute")
                        .access(Access.session())
                        .body(object().required("text", string().length(1, 20000))
                                .optional("fileUrls", array(string()).size(0, 10)))
                        .ok(201, ref("Payment4"), "OK")
                        .problems(409),
                ctx -> {
                    RequestBody body = RequestBody.of(ctx);
                    String text = body.requiredString("text", 1, 20_000);
                    List<String> files = body.optionalStrings("fileUrls", 10, 2048);
                    body.validate();
                    received(ctx)
                            .compose(p -> {
                                if (p.getOffsetDateTime("disputed_at") == null
                                        || p.getString("dispute_outcome") != null) {
                                    return Future.failedFuture(new ApiException.Conflict(
                                            "dispute.not_open", "This payment has no open dispute.", List.of()));
                                }
                                JsonObject evidence = new JsonObject()
                                        .put("text", text)
                                        .put("fileUrls", new JsonArray(files == null ? List.of() : files))
                                        .put("by", Authz.require(ctx).userId().toString())
                                        .put("at", Times.iso(OffsetDateTime.now()));
                                return pool.preparedQuery(PaymentSql.EVIDENCE)
                                        .execute(Tuple.of(p.getUUID("id"), evidence.encode()));
                            })
                            .onSuccess(rows -> Responses.json(
                                    ctx, 201, dispute(rows.iterator().next())))
                            .onFailure(ctx::fail);
                });
    }

    /**
     * An admin records a dispute's outcome the gateway decided but did not tell us of (a lost event, a dispute settled
     * by hand): the same transition as the gateway's own event, so a lost dispute takes back what was bought.
     */
    private void mark(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        String outcome = body.requiredString("outcome", 3, 4);
        if (outcome != null && !outcome.equals("won") && !outcome.equals("lost")) {
            body.error("outcome", "must be won or lost");
        }
        body.validate();
        UUID id = PathParams.uuid(ctx, "paymentId", "payment.not_found");
        pool.preparedQuery("SELECT * FROM payments WHERE id = $1")
                .execute(Tuple.of(id))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(new ApiException.NotFound("payment.not_found", "Not found."));
                    }
                    Row p = rows.iterator().next();
                    if (p.getOffsetDateTime("disputed_at") == null || p.getString("dispute_outcome") != null) {
                        return Future.failedFuture(new ApiException.Conflict(
                                "dispute.not_open", "This payment has no open dispute.", List.of()));
                    }
                    String key = p.getString("gateway_payment_id") != null
                            ? p.getString("gateway_payment_id")
                            : p.getString("gateway_invoice_id") != null
                                    ? p.getString("gateway_invoice_id")
                                    : p.getString("checkout_session_id");
                    return pool.withTransaction(tx -> ledger.disputed(
                                    tx,
                                    new io.quire.billing.ledger.Ledger.Ref(
                                            p.getString("gateway"),
                                            "admin:" + Authz.require(ctx).userId(),
                                            OffsetDateTime.now()),
                                    key,
                                    outcome,
                                    null,
                                    outcome))
                            .compose(v -> pool.preparedQuery("SELECT * FROM payments WHERE id = $1")
                                    .execute(Tuple.of(id)));
                })
                .onSuccess(
                        rows -> Responses.json(ctx, 200, dispute(rows.iterator().next())))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx, String sql) {
        var q = ctx.queryParams();
        List<ApiException.FieldError> errors = new ArrayList<>();
        UUID site = id(q.get("siteId"), "siteId", errors);
        UUID series = id(q.get("seriesId"), "seriesId", errors);
        String type = q.get("type");
        if (type != null && !TYPES.contains(type)) {
            errors.add(new ApiException.FieldError("type", "must be one of " + TYPES));
        }
        String status = q.get("status");
        if (status != null && !STATUSES.contains(status)) {
            errors.add(new ApiException.FieldError("status", "must be one of " + STATUSES));
        }
        OffsetDateTime from = time(q.get("from"), "from", errors);
        OffsetDateTime to = time(q.get("to"), "to", errors);
        int limit = QueryParams.limit(ctx);
        if (!errors.isEmpty()) {
            throw new ApiException.Validation("request.invalid", "The request is invalid.", errors);
        }
        TimeCursor after = TimeCursor.decode(q.get("cursor"));
        pool.preparedQuery(sql)
                .execute(Tuple.tuple()
                        .addUUID(Authz.require(ctx).userId())
                        .addUUID(site)
                        .addString(type)
                        .addString(status)
                        .addOffsetDateTime(from)
                        .addOffsetDateTime(to)
                        .addUUID(series)
                        .addOffsetDateTime(after.at())
                        .addUUID(after.id())
                        .addInteger(limit + 1))
                .onSuccess(rows ->
                        Responses.json(ctx, 200, TimeCursor.page(rows, limit, Payments::json, "created_at", "id")))
                .onFailure(ctx::fail);
    }

    /** CSV, one payment a line, oldest first: what an accountant imports. */
    private void export(RoutingContext ctx) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        OffsetDateTime from = time(ctx.queryParams().get("from"), "from", errors);
        OffsetDateTime to = time(ctx.queryParams().get("to"), "to", errors);
        if (!errors.isEmpty()) {
            throw new ApiException.Validation("request.invalid", "The request is invalid.", errors);
        }
        pool.preparedQuery(PaymentSql.EXPORT)
                .execute(Tuple.of(Authz.require(ctx).userId(), from, to))
                .onSuccess(rows -> {
                    StringBuilder csv = new StringBuilder(Csv.line(
                            "id",
                            "created_at",
                            "type",
                            "status",
                            "gross_amount",
                            "gateway_fee",
                            "platform_fee",
                            "net_amount",
                            "refunded_amount",
                            "currency",
                            "gateway",
                            "site_id",
                            "subscription_id",
                            "chapter_id"));
                    for (Row r : rows) {
                        csv.append(Csv.line(
                                r.getUUID("id"),
                                Times.iso(r.getOffsetDateTime("created_at")),
                                r.getString("type"),
                                r.getString("status"),
                                r.getLong("gross_amount"),
                                r.getLong("gateway_fee"),
                                r.getLong("platform_fee"),
                                r.getLong("net_amount"),
                                r.getLong("refunded_amount"),
                                r.getString("currency"),
                                r.getString("gateway"),
                                r.getUUID("site_id"),
                                r.getUUID("subscription_id"),
                                r.getUUID("chapter_id")));
                    }
                    ctx.response()
                            .putHeader("Content-Type", "text/csv; charset=utf-8")
                            .putHeader("Content-Disposition", "attachment; filename=\"payments.csv\"")
                            .end(csv.toString());
                })
                .onFailure(ctx::fail);
    }

    private void refund(RoutingContext ctx) {
        RequestBody body = ctx.body() != null && ctx.body().length() > 0 ? RequestBody.of(ctx) : null;
        Integer amount = body == null ? null : body.optionalInteger("amount", 1, Integer.MAX_VALUE);
        String reason = body == null ? null : body.optionalString("reason", 1, 500);
        if (body != null) {
            body.validate();
        }
        received(ctx)
                .compose(p -> {
                    String status = p.getString("status");
                    if (!status.equals("SUCCEEDED") && !status.equals("PARTIALLY_REFUNDED")) {
                        return Future.failedFuture(ApiException.Conflict.status(
                                "payment.not_refundable", "Only a succeeded payment can be refunded.", status));
                    }
                    long left = p.getLong("gross_amount") - p.getLong("refunded_amount");
                    long asked = amount == null ? left : amount;
                    if (asked > left) {
                        return Future.failedFuture(new ApiException.Validation(
                                "request.invalid",
                                "The request is invalid.",
                                List.of(new ApiException.FieldError(
                                        "amount", "must be at most " + left + ", what is left to refund"))));
                    }
                    String key = p.getString("gateway").equals("xendit")
                            ? p.getString("gateway_invoice_id")
                            : p.getString("gateway_payment_id");
                    if (key == null) {
                        return Future.failedFuture(new ApiException.Conflict(
                                "payment.not_refundable",
                                "The gateway has not told us this payment's id yet.",
                                List.of()));
                    }
                    return gateways.connection(pool, p.getUUID("author_id"), p.getString("gateway"))
                            .compose(gw -> gw.gateway().refund(gw.credentials(), key, asked))
                            .recover(e -> Future.failedFuture(GatewayException.asProblem(e, "refund")))
                            .compose(refund -> pool.withTransaction(tx -> tx.preparedQuery(PaymentSql.REFUND_REQUESTED)
                                    .execute(Tuple.of(p.getUUID("id"), refund.id(), reason))
                                    .compose(v -> tx.preparedQuery(PaymentSql.REFUND_EVENT)
                                            .execute(Tuple.of(
                                                    p.getUUID("id"),
                                                    p.getUUID("subscription_id"),
                                                    status,
                                                    new JsonObject()
                                                            .put("amount", asked)
                                                            .put("refundId", refund.id())
                                                            .put("reason", reason))))
                                    .map(v -> new JsonObject()
                                            .put("paymentId", p.getUUID("id").toString())
                                            .put("refundId", refund.id())
                                            .put("amount", asked)
                                            .put("refundStatus", "PENDING"))));
                })
                .onSuccess(j -> Responses.json(ctx, 202, j))
                .onFailure(ctx::fail);
    }

    private Future<JsonObject> withEvents(Row p) {
        return pool.preparedQuery(PaymentSql.EVENTS)
                .execute(Tuple.of(p.getUUID("id")))
                .map(rows -> {
                    JsonArray events = new JsonArray();
                    rows.forEach(e -> events.add(new JsonObject()
                            .put("type", e.getString("event_type"))
                            .put("from", e.getString("previous_status"))
                            .put("to", e.getString("new_status"))
                            .put("gatewayEventId", e.getString("gateway_event_id"))
                            .put("metadata", e.getJsonObject("metadata"))
                            .put("at", Times.iso(e.getOffsetDateTime("created_at")))));
                    return Payments.json(p).put("events", events);
                });
    }

    /** A payment the caller received (their author view); anyone else's is not found. */
    private Future<Row> received(RoutingContext ctx) {
        return one(ctx, PaymentSql.AUTHOR_ONE);
    }

    private Future<Row> paid(RoutingContext ctx) {
        return one(ctx, PaymentSql.READER_ONE);
    }

    private Future<Row> one(RoutingContext ctx, String sql) {
        UUID id = PathParams.uuid(ctx, "paymentId", "payment.not_found");
        return pool.preparedQuery(sql)
                .execute(Tuple.of(id, Authz.require(ctx).userId()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ApiException.NotFound("payment.not_found", "Not found.");
                    }
                    return rows.iterator().next();
                });
    }

    private static JsonObject dispute(Row p) {
        return new JsonObject()
                .put("paymentId", p.getUUID("id").toString())
                .put("status", p.getString("dispute_status"))
                .put("reason", p.getString("dispute_reason"))
                .put("outcome", p.getString("dispute_outcome"))
                .put("openedAt", Times.iso(p.getOffsetDateTime("disputed_at")))
                .put("resolvedAt", Times.iso(p.getOffsetDateTime("dispute_resolved_at")))
                .put(
                        "evidence",
                        p.getValue("dispute_evidence") == null
                                ? new JsonArray()
                                : new JsonArray(String.valueOf(p.getValue("dispute_evidence"))));
    }

    private static UUID id(String s, String field, List<ApiException.FieldError> errors) {
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            errors.add(new ApiException.FieldError(field, "must be an id"));
            return null;
        }
    }

    private static OffsetDateTime time(String s, String field, List<ApiException.FieldError> errors) {
        try {
            return s == null ? null : OffsetDateTime.parse(s);
        } catch (DateTimeParseException e) {
            errors.add(new ApiException.FieldError(field, "must be an ISO-8601 time with an offset"));
            return null;
        }
    }

    /** The shapes this feature's answers share, as {@code #/components/schemas}. */
    private static void components(Api api) {
        api.component(
                "Payment",
                object().optional("id", string())
                        .optional("type", string().oneOf("SUBSCRIPTION", "ONE_TIME_PURCHASE", "TIP", "GIFT"))
                        .optional("status", string())
                        .optional("readerId", string())
                        .optional("authorId", string())
                        .optional("siteId", nullable(string()))
                        .optional("grossAmount", integer())
                        .optional("gatewayFee", nullable(integer()))
                        .optional("platformFee", nullable(integer()))
                        .optional("netAmount", nullable(integer()))
                        .optional("currency", nullable(string()))
                        .optional("refundedAmount", integer())
                        .optional("gateway", string())
                        .optional("subscriptionId", nullable(string()))
                        .optional("tierId", nullable(string()))
                        .optional("chapterId", nullable(string()))
                        .optional("seriesId", nullable(string()))
                        .optional("giftId", nullable(string()))
                        .optional("message", nullable(string()))
                        .optional("checkoutSessionId", nullable(string()))
                        .optional("gatewayPaymentId", nullable(string()))
                        .optional("gatewayInvoiceId", nullable(string()))
                        .optional("failureCode", nullable(string()))
                        .optional("failureMessage", nullable(string()))
                        .optional("refundStatus", nullable(string()))
                        .optional("refundedAt", nullable(string()))
                        .optional("disputeStatus", nullable(string()))
                        .optional("disputeOutcome", nullable(string()))
                        .optional("processedAt", nullable(string()))
                        .optional("createdAt", string()));
        api.component(
                "Payment3",
                object().optional("type", string())
                        .optional("to", string())
                        .optional("gatewayEventId", nullable(string()))
                        .optional("metadata", anyObject())
                        .optional("at", string()));
        api.component(
                "Payment2",
                object().optional("id", string())
                        .optional("type", string().oneOf("SUBSCRIPTION", "ONE_TIME_PURCHASE", "TIP", "GIFT"))
                        .optional("status", string())
                        .optional("readerId", string())
                        .optional("authorId", string())
                        .optional("siteId", nullable(string()))
                        .optional("grossAmount", integer())
                        .optional("gatewayFee", nullable(integer()))
                        .optional("platformFee", nullable(integer()))
                        .optional("netAmount", nullable(integer()))
                        .optional("currency", nullable(string()))
                        .optional("refundedAmount", integer())
                        .optional("gateway", string())
                        .optional("subscriptionId", nullable(string()))
                        .optional("tierId", nullable(string()))
                        .optional("chapterId", nullable(string()))
                        .optional("seriesId", nullable(string()))
                        .optional("giftId", nullable(string()))
                        .optional("message", nullable(string()))
                        .optional("checkoutSessionId", nullable(string()))
                        .optional("gatewayPaymentId", nullable(string()))
                        .optional("gatewayInvoiceId", nullable(string()))
                        .optional("failureCode", nullable(string()))
                        .optional("failureMessage", nullable(string()))
                        .optional("refundStatus", nullable(string()))
                        .optional("refundedAt", nullable(string()))
                        .optional("disputeStatus", nullable(string()))
                        .optional("disputeOutcome", nullable(string()))
                        .optional("processedAt", nullable(string()))
                        .optional("createdAt", string())
                        .optional("events", array(ref("Payment3"))));
        api.component(
                "Payment4",
                object().optional("paymentId", string())
                        .optional("status", string())
                        .optional("reason", string())
                        .optional("outcome", nullable(string()))
                        .optional("openedAt", string())
                        .optional("resolvedAt", nullable(string()))
                        .optional("evidence", array(string())));
    }
}
