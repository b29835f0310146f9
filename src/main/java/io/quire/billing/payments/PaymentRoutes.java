package io.quire.billing.payments;

import static io.quire.platform.api.Schema.anyObject;
import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.billing.ledger.PaymentStatus;
import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Role;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
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
    private final PaymentService payments;

    public PaymentRoutes(PaymentService payments) {
        this.payments = payments;
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
                ctx -> list(ctx, PaymentService.Side.RECEIVED));
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
                ctx -> list(ctx, PaymentService.Side.PAID));
        api.raw(
                Endpoint.get("/api/v1/payments/{paymentId}")
                        .id("getPayment")
                        .tag("billing")
                        .summary("A payment I received, with its event history")
                        .access(Access.signedIn())
                        .ok(200, ref("Payment2"), "OK"),
                ctx -> answer(ctx, 200, payments.withHistory(me(ctx), PaymentService.Side.RECEIVED, paymentId(ctx))));
        api.raw(
                Endpoint.get("/api/v1/my/payments/{paymentId}")
                        .id("getMyPayment")
                        .tag("billing")
                        .summary("One of my payments, with its history")
                        .access(Access.signedIn())
                        .ok(200, ref("Payment2"), "OK"),
                ctx -> answer(ctx, 200, payments.withHistory(me(ctx), PaymentService.Side.PAID, paymentId(ctx))));
        api.raw(
                Endpoint.get("/api/v1/my/payments/{paymentId}/receipt")
                        .id("getMyPaymentReceipt")
                        .tag("billing")
                        .summary("A plain-text receipt (409 payment.not_paid)")
                        .access(Access.signedIn())
                        .ok(200, string(), "OK")
                        .problems(409),
                ctx -> {
                    UUID id = paymentId(ctx);
                    payments.receipt(me(ctx), id)
                            .onSuccess(text -> ctx.response()
                                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                                    .putHeader("Content-Disposition", "attachment; filename=\"receipt-" + id + ".txt\"")
                                    .end(text))
                            .onFailure(ctx::fail);
                });
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
                ctx -> answer(ctx, 200, payments.refundStatus(me(ctx), paymentId(ctx))));
        api.raw(
                Endpoint.get("/api/v1/payments/{paymentId}/dispute")
                        .id("getPaymentDispute")
                        .tag("billing")
                        .summary("The payment's dispute (404 dispute.not_found when none)")
                        .access(Access.signedIn())
                        .ok(200, ref("Payment4"), "OK"),
                ctx -> answer(ctx, 200, payments.dispute(me(ctx), paymentId(ctx))));
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
                    answer(ctx, 201, payments.addEvidence(me(ctx), paymentId(ctx), text, files));
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
        answer(
                ctx,
                200,
                payments.markDispute(
                        me(ctx),
                        paymentId(ctx),
                        PaymentService.Outcome.valueOf(outcome.toUpperCase(java.util.Locale.ROOT))));
    }

    private void list(RoutingContext ctx, PaymentService.Side side) {
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
        answer(
                ctx,
                200,
                payments.list(
                        me(ctx),
                        side,
                        new PaymentService.Filter(
                                site, series, type, status == null ? null : PaymentStatus.valueOf(status), from, to),
                        q.get("cursor"),
                        limit));
    }

    /** CSV, one payment a line, oldest first: what an accountant imports. */
    private void export(RoutingContext ctx) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        OffsetDateTime from = time(ctx.queryParams().get("from"), "from", errors);
        OffsetDateTime to = time(ctx.queryParams().get("to"), "to", errors);
        if (!errors.isEmpty()) {
            throw new ApiException.Validation("request.invalid", "The request is invalid.", errors);
        }
        payments.csv(me(ctx), from, to)
                .onSuccess(csv -> ctx.response()
                        .putHeader("Content-Type", "text/csv; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"payments.csv\"")
                        .end(csv))
                .onFailure(ctx::fail);
    }

    private void refund(RoutingContext ctx) {
        RequestBody body = ctx.body() != null && ctx.body().length() > 0 ? RequestBody.of(ctx) : null;
        Integer amount = body == null ? null : body.optionalInteger("amount", 1, Integer.MAX_VALUE);
        String reason = body == null ? null : body.optionalString("reason", 1, 500);
        if (body != null) {
            body.validate();
        }
        answer(ctx, 202, payments.refund(me(ctx), paymentId(ctx), amount, reason));
    }

    private static io.quire.platform.auth.Principal me(RoutingContext ctx) {
        return Authz.require(ctx);
    }

    private static UUID paymentId(RoutingContext ctx) {
        return PathParams.uuid(ctx, "paymentId", "payment.not_found");
    }

    private static void answer(RoutingContext ctx, int status, Future<JsonObject> result) {
        result.onSuccess(j -> Responses.json(ctx, status, j)).onFailure(ctx::fail);
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
