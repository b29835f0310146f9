package io.quire.billing.payments;

import static io.quire.platform.api.Schema.anyObject;
import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.billing.ledger.PaymentStatus;
import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Call;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Role;
import io.vertx.core.json.JsonArray;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * §8.2 payments. Authors see the payments they received ({@code /payments}: list with filters, get with its event
 * history, CSV export, refund and refund status, dispute and evidence); readers see what they paid
 * ({@code /my/payments}: list, get, receipt). Anyone else's payment is a 404. A refund is asked of the gateway here
 * and recorded when its event arrives.
 */
public final class PaymentRoutes {
    private static final String TAG = "billing";
    private final PaymentService payments;

    public PaymentRoutes(PaymentService payments) {
        this.payments = payments;
    }

    public void mount(Api api) {
        components(api);
        api.on(
                Endpoint.get("/api/v1/payments/export")
                        .id("exportPayments")
                        .tag(TAG)
                        .summary("Payments I received as CSV, oldest first")
                        .access(Access.signedIn())
                        .query("from", string().format("date-time"), "Created at or after")
                        .query("to", string().format("date-time"), "Created before")
                        .okAs(200, "text/csv", "One line per payment (Content-Disposition: attachment)"),
                call -> payments.csv(call.user(), time(call, "from"), time(call, "to"))
                        .map(csv -> Reply.csv("payments.csv", csv)));
        list(
                api,
                "/api/v1/payments",
                "listPayments",
                "Payments I received, newest first",
                PaymentService.Side.RECEIVED);
        list(api, "/api/v1/my/payments", "listMyPayments", "What I paid, newest first", PaymentService.Side.PAID);
        api.on(
                Endpoint.get("/api/v1/payments/{paymentId}")
                        .id("getPayment")
                        .tag(TAG)
                        .summary("A payment I received, with its event history")
                        .access(Access.signedIn())
                        .ok(ref("PaymentWithHistory")),
                call -> payments.withHistory(call.user(), PaymentService.Side.RECEIVED, payment(call))
                        .map(Reply::ok));
        api.on(
                Endpoint.get("/api/v1/my/payments/{paymentId}")
                        .id("getMyPayment")
                        .tag(TAG)
                        .summary("One of my payments, with its history")
                        .access(Access.signedIn())
                        .ok(ref("PaymentWithHistory")),
                call -> payments.withHistory(call.user(), PaymentService.Side.PAID, payment(call))
                        .map(Reply::ok));
        api.on(
                Endpoint.get("/api/v1/my/payments/{paymentId}/receipt")
                        .id("getMyPaymentReceipt")
                        .tag(TAG)
                        .summary("A plain-text receipt (409 payment.not_paid)")
                        .access(Access.signedIn())
                        .okAs(200, "text/plain", "The receipt (Content-Disposition: attachment)")
                        .problems(409),
                call -> {
                    UUID id = payment(call);
                    return payments.receipt(call.user(), id)
                            .map(text -> Reply.file("text/plain; charset=utf-8", "receipt-" + id + ".txt", text));
                });
        api.on(
                Endpoint.post("/api/v1/payments/{paymentId}/refund")
                        .id("refundPayment")
                        .tag(TAG)
                        .summary("Refund all (no amount) or part of a payment")
                        .description("The gateway is asked now, and the refund recorded when its event arrives. 422 "
                                + "on `amount` for more than what is left to refund.")
                        .access(Access.session())
                        .optionalBody(object().optional(
                                        "amount",
                                        integer()
                                                .range(1, Integer.MAX_VALUE)
                                                .description("Minor units; default all that is left"))
                                .optional("reason", string().length(1, 500)))
                        .ok(
                                202,
                                object().required("paymentId", uuid())
                                        .required("refundId", string())
                                        .required("amount", integer())
                                        .required("refundStatus", string()),
                                "Asked of the gateway")
                        .problems(409, 502),
                call -> payments.refund(
                                call.user(),
                                payment(call),
                                call.body().getInteger("amount"),
                                call.body().getString("reason"))
                        .map(Reply::accepted));
        api.on(
                Endpoint.get("/api/v1/payments/{paymentId}/refund-status")
                        .id("getPaymentRefundStatus")
                        .tag(TAG)
                        .summary("Where a refund stands")
                        .access(Access.signedIn())
                        .ok(object().required("paymentId", uuid())
                                .required("refundStatus", nullable(string()))
                                .required("refundedAmount", integer())
                                .required("grossAmount", integer())
                                .required("status", string().oneOf(PaymentStatus.class))
                                .required("refundedAt", nullable(string().format("date-time")))
                                .required("refundId", nullable(string()))),
                call -> payments.refundStatus(call.user(), payment(call)).map(Reply::ok));
        api.on(
                Endpoint.get("/api/v1/payments/{paymentId}/dispute")
                        .id("getPaymentDispute")
                        .tag(TAG)
                        .summary("The payment's dispute (404 dispute.not_found when none)")
                        .access(Access.signedIn())
                        .ok(ref("Dispute")),
                call -> payments.dispute(call.user(), payment(call)).map(Reply::ok));
        api.on(
                Endpoint.post("/api/v1/payments/{paymentId}/dispute/mark")
                        .id("markDispute")
                        .tag(TAG)
                        .summary("Admin: record a dispute's outcome (lost takes back what was bought)")
                        .access(Access.atLeast(Role.ADMIN).sessionOnly())
                        .body(object().required("outcome", string().oneOf("won", "lost")))
                        .ok(ref("Dispute"))
                        .problems(409),
                call -> payments.markDispute(
                                call.user(),
                                payment(call),
                                PaymentService.Outcome.valueOf(
                                        call.body().getString("outcome").toUpperCase(java.util.Locale.ROOT)))
                        .map(Reply::ok));
        api.on(
                Endpoint.post("/api/v1/payments/{paymentId}/dispute/evidence")
                        .id("addDisputeEvidence")
                        .tag(TAG)
                        .summary("Add evidence to an open dispute")
                        .access(Access.session())
                        .body(object().required("text", string().length(1, 20_000))
                                .optional(
                                        "fileUrls",
                                        array(string().length(1, 2048)).size(0, 10)))
                        .ok(201, ref("Dispute"), "Added")
                        .problems(409),
                call -> payments.addEvidence(
                                call.user(),
                                payment(call),
                                call.body().getString("text"),
                                call.body().getJsonArray("fileUrls", new JsonArray()).stream()
                                        .map(String::valueOf)
                                        .toList())
                        .map(Reply::created));
    }

    /** The author's or the reader's list, with the same filters. */
    private void list(Api api, String path, String id, String summary, PaymentService.Side side) {
        api.on(
                Endpoint.get(path)
                        .id(id)
                        .tag(TAG)
                        .summary(summary)
                        .access(Access.signedIn())
                        .paged()
                        .query("siteId", uuid(), "Only this site's")
                        .query("seriesId", uuid(), "Only this series'")
                        .query(
                                "type",
                                string().oneOf("SUBSCRIPTION", "ONE_TIME_PURCHASE", "TIP", "GIFT"),
                                "Only this kind")
                        .query("status", string().oneOf(PaymentStatus.class), "Only payments in this state")
                        .query("from", string().format("date-time"), "Created at or after")
                        .query("to", string().format("date-time"), "Created before")
                        .ok(Schema.list(ref("Payment"))),
                call -> {
                    String status = call.query("status");
                    return payments.list(
                                    call.user(),
                                    side,
                                    new PaymentService.Filter(
                                            id(call.query("siteId")),
                                            id(call.query("seriesId")),
                                            call.query("type"),
                                            status == null ? null : PaymentStatus.valueOf(status),
                                            time(call, "from"),
                                            time(call, "to")),
                                    call.query("cursor"),
                                    call.limit())
                            .map(Reply::ok);
                });
    }

    private static UUID payment(Call call) {
        return call.id("paymentId", "payment.not_found");
    }

    private static UUID id(String text) {
        return text == null ? null : UUID.fromString(text);
    }

    private static OffsetDateTime time(Call call, String name) {
        String v = call.query(name);
        return v == null ? null : OffsetDateTime.parse(v);
    }

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
                "PaymentEvent",
                object().optional("type", string())
                        .optional("to", string())
                        .optional("gatewayEventId", nullable(string()))
                        .optional("metadata", anyObject())
                        .optional("at", string()));
        api.component(
                "PaymentWithHistory",
                Schema.allOf(ref("Payment"), object().required("events", array(ref("PaymentEvent")))));
        api.component(
                "Dispute",
                object().optional("paymentId", string())
                        .optional("status", string())
                        .optional("reason", string())
                        .optional("outcome", nullable(string()))
                        .optional("openedAt", string())
                        .optional("resolvedAt", nullable(string()))
                        .optional("evidence", array(string())));
    }
}
