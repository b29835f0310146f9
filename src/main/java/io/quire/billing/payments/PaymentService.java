package io.quire.billing.payments;

import io.quire.billing.gateway.GatewayException;
import io.quire.billing.gateway.Gateways;
import io.quire.billing.ledger.Ledger;
import io.quire.billing.ledger.PaymentStatus;
import io.quire.billing.ledger.Payments;
import io.quire.platform.auth.Principal;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.Csv;
import io.quire.platform.http.TimeCursor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * §8.2 payments for the two people a payment concerns: the author who received it (list with filters, one with its
 * history, CSV, refund and its status, dispute and evidence) and the reader who paid (list, one, receipt). Anyone
 * else's payment is not found. A refund is asked of the gateway here and recorded when the gateway's event arrives.
 */
public final class PaymentService {
    /** Whose view: the author's (received) or the reader's (paid). */
    public enum Side {
        RECEIVED,
        PAID
    }

    /** A list's filters; null for any. */
    public record Filter(
            UUID siteId, UUID seriesId, String type, PaymentStatus status, OffsetDateTime from, OffsetDateTime to) {}

    /** A dispute's outcome as an admin records it. */
    public enum Outcome {
        WON,
        LOST
    }

    private final Pool pool;
    private final Gateways gateways;
    private final Ledger ledger;

    public PaymentService(Pool pool, Gateways gateways, Ledger ledger) {
        this.pool = pool;
        this.gateways = gateways;
        this.ledger = ledger;
    }

    /** Newest first. */
    public Future<JsonObject> list(Principal caller, Side side, Filter f, String cursor, int limit) {
        TimeCursor after = TimeCursor.decode(cursor);
        return pool.preparedQuery(side == Side.RECEIVED ? PaymentSql.AUTHOR_LIST : PaymentSql.READER_LIST)
                .execute(Tuple.tuple()
                        .addUUID(caller.userId())
                        .addUUID(f.siteId())
                        .addString(f.type())
                        .addString(f.status() == null ? null : f.status().name())
                        .addOffsetDateTime(f.from())
                        .addOffsetDateTime(f.to())
                        .addUUID(f.seriesId())
                        .addOffsetDateTime(after.at())
                        .addUUID(after.id())
                        .addInteger(limit + 1))
                .map(rows -> TimeCursor.page(rows, limit, Payments::json, "created_at", "id"));
    }

    /** CSV, one payment a line, oldest first: what an accountant imports. */
    public Future<String> csv(Principal caller, OffsetDateTime from, OffsetDateTime to) {
        return pool.preparedQuery(PaymentSql.EXPORT)
                .execute(Tuple.of(caller.userId(), from, to))
                .map(rows -> {
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
                    return csv.toString();
                });
    }

    /** One payment with its event history. */
    public Future<JsonObject> withHistory(Principal caller, Side side, UUID id) {
        return one(caller, side, id).compose(this::withEvents);
    }

    /** A plain-text receipt of a payment the caller made; 409 {@code payment.not_paid} for one never paid. */
    public Future<String> receipt(Principal caller, UUID id) {
        return one(caller, Side.PAID, id)
                .compose(p -> PaymentStatus.of(p).paid()
                        ? Future.succeededFuture(Payments.receipt(p))
                        : Future.failedFuture(ApiException.Conflict.status(
                                "payment.not_paid",
                                "There is no receipt for a payment that was not made.",
                                p.getString("status"))));
    }

    /** Where a refund of a payment the caller received stands. */
    public Future<JsonObject> refundStatus(Principal caller, UUID id) {
        return one(caller, Side.RECEIVED, id)
                .map(p -> new JsonObject()
                        .put("paymentId", p.getUUID("id").toString())
                        .put("refundStatus", p.getString("refund_status"))
                        .put("refundedAmount", p.getLong("refunded_amount"))
                        .put("grossAmount", p.getLong("gross_amount"))
                        .put("status", p.getString("status"))
                        .put("refundedAt", Times.iso(p.getOffsetDateTime("refunded_at")))
                        .put("refundId", p.getString("refund_gateway_id")));
    }

    /** Asks the gateway to refund {@code amount} (null: all that is left); answers what was asked. */
    public Future<JsonObject> refund(Principal caller, UUID id, Integer amount, String reason) {
        return one(caller, Side.RECEIVED, id).compose(p -> {
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
                        "payment.not_refundable", "The gateway has not told us this payment's id yet.", List.of()));
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
        });
    }

    /** The payment's dispute; 404 {@code dispute.not_found} when it has none. */
    public Future<JsonObject> dispute(Principal caller, UUID id) {
        return one(caller, Side.RECEIVED, id)
                .compose(p -> p.getOffsetDateTime("disputed_at") == null
                        ? Future.failedFuture(
                                new ApiException.NotFound("dispute.not_found", "This payment has no dispute."))
                        : Future.succeededFuture(dispute(p)));
    }

    /** Adds evidence to an open dispute (409 {@code dispute.not_open} otherwise). */
    public Future<JsonObject> addEvidence(Principal caller, UUID id, String text, List<String> files) {
        return one(caller, Side.RECEIVED, id)
                .compose(p -> {
                    if (p.getOffsetDateTime("disputed_at") == null || p.getString("dispute_outcome") != null) {
                        return Future.failedFuture(new ApiException.Conflict(
                                "dispute.not_open", "This payment has no open dispute.", List.of()));
                    }
                    JsonObject evidence = new JsonObject()
                            .put("text", text)
                            .put("fileUrls", new JsonArray(files == null ? List.of() : files))
                            .put("by", caller.userId().toString())
                            .put("at", Times.iso(OffsetDateTime.now()));
                    return pool.preparedQuery(PaymentSql.EVIDENCE)
                            .execute(Tuple.of(p.getUUID("id"), evidence.encode()));
                })
                .map(rows -> dispute(rows.iterator().next()));
    }

    /**
     * An admin records a dispute's outcome the gateway decided but did not tell us of (a lost event, a dispute settled
     * by hand): the same transition as the gateway's own event, so a lost dispute takes back what was bought.
     */
    public Future<JsonObject> markDispute(Principal admin, UUID id, Outcome result) {
        String outcome = result.name().toLowerCase(java.util.Locale.ROOT);
        return pool.preparedQuery(PaymentSql.BY_ID)
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
                                            p.getString("gateway"), "admin:" + admin.userId(), OffsetDateTime.now()),
                                    key,
                                    outcome,
                                    null,
                                    outcome))
                            .compose(v -> pool.preparedQuery(PaymentSql.BY_ID).execute(Tuple.of(id)));
                })
                .map(rows -> dispute(rows.iterator().next()));
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

    private Future<Row> one(Principal caller, Side side, UUID id) {
        return pool.preparedQuery(side == Side.RECEIVED ? PaymentSql.AUTHOR_ONE : PaymentSql.READER_ONE)
                .execute(Tuple.of(id, caller.userId()))
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
}
