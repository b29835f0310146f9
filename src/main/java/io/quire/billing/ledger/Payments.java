package io.quire.billing.ledger;

import io.quire.platform.clock.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.math.BigDecimal;

/** How a payment is shown: the API's JSON, the outbox payload, the reader's notice and receipt. */
public final class Payments {
    private Payments() {}

    public static JsonObject json(Row r) {
        return new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("type", r.getString("type"))
                .put("status", r.getString("status"))
                .put("readerId", r.getUUID("reader_id").toString())
                .put("authorId", r.getUUID("author_id").toString())
                .put("siteId", r.getUUID("site_id").toString())
                .put("grossAmount", r.getLong("gross_amount"))
                .put("gatewayFee", r.getLong("gateway_fee"))
                .put("platformFee", r.getLong("platform_fee"))
                .put("netAmount", r.getLong("net_amount"))
                .put("currency", r.getString("currency"))
                .put("refundedAmount", r.getLong("refunded_amount"))
                .put("gateway", r.getString("gateway"))
                .put("subscriptionId", id(r, "subscription_id"))
                .put("tierId", id(r, "tier_id"))
                .put("chapterId", id(r, "chapter_id"))
                .put("seriesId", id(r, "series_id"))
                .put("giftId", id(r, "gift_id"))
                .put("message", r.getString("message"))
                .put("checkoutSessionId", r.getString("checkout_session_id"))
                .put("gatewayPaymentId", r.getString("gateway_payment_id"))
                .put("gatewayInvoiceId", r.getString("gateway_invoice_id"))
                .put("failureCode", r.getString("failure_code"))
                .put("failureMessage", r.getString("failure_message"))
                .put("refundStatus", r.getString("refund_status"))
                .put("refundedAt", Times.iso(r.getOffsetDateTime("refunded_at")))
                .put("disputeStatus", r.getString("dispute_status"))
                .put("disputeOutcome", r.getString("dispute_outcome"))
                .put("processedAt", Times.iso(r.getOffsetDateTime("processed_at")))
                .put("createdAt", Times.iso(r.getOffsetDateTime("created_at")));
    }

    /** The outbox payload of {@code payment.*}. */
    static JsonObject event(Row r) {
        return new JsonObject()
                .put("paymentId", r.getUUID("id").toString())
                .put("readerId", r.getUUID("reader_id").toString())
                .put("siteId", r.getUUID("site_id").toString())
                .put("authorId", r.getUUID("author_id").toString())
                .put("type", r.getString("type"))
                .put("status", r.getString("status"))
                .put("amount", r.getLong("gross_amount"))
                .put("refundedAmount", r.getLong("refunded_amount"))
                .put("currency", r.getString("currency"))
                .put("subscriptionId", id(r, "subscription_id"))
                .put("chapterId", id(r, "chapter_id"));
    }

    static String noticeTitle(String topic, Row r) {
        return switch (topic) {
            case "payment.succeeded" ->
                "Payment received: " + money(r.getLong("gross_amount"), r.getString("currency"));
            case "payment.failed" -> "Payment failed: " + money(r.getLong("gross_amount"), r.getString("currency"));
            case "payment.disputed" -> "Payment disputed: " + money(r.getLong("gross_amount"), r.getString("currency"));
            default -> "Refunded: " + money(r.getLong("refunded_amount"), r.getString("currency"));
        };
    }

    static String noticeBody(Row r) {
        return switch (r.getString("type")) {
            case "SUBSCRIPTION" -> "For your subscription.";
            case "ONE_TIME_PURCHASE" -> "For a chapter.";
            case "TIP" -> "A tip. Thank you!";
            default -> "For a gift subscription.";
        };
    }

    /** A plain-text receipt. */
    public static String receipt(Row r) {
        return "Receipt " + r.getUUID("id") + "\n"
                + "Type: " + r.getString("type") + "\n"
                + "Status: " + r.getString("status") + "\n"
                + "Amount: " + money(r.getLong("gross_amount"), r.getString("currency")) + "\n"
                + (r.getLong("refunded_amount") > 0
                        ? "Refunded: " + money(r.getLong("refunded_amount"), r.getString("currency")) + "\n"
                        : "")
                + "Paid through: " + r.getString("gateway")
                + (r.getString("gateway_payment_id") == null ? "" : " (" + r.getString("gateway_payment_id") + ")")
                + "\n"
                + "Date: "
                + Times.iso(
                        r.getOffsetDateTime("processed_at") != null
                                ? r.getOffsetDateTime("processed_at")
                                : r.getOffsetDateTime("created_at"))
                + "\n";
    }

    /** Minor units shown in major units with the currency's usual two decimals (zero-decimal currencies shown whole). */
    public static String money(Long minor, String currency) {
        if (minor == null) {
            return "-";
        }
        int digits;
        try {
            digits = Math.max(0, java.util.Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2;
        }
        return BigDecimal.valueOf(minor, digits).toPlainString() + " " + currency;
    }

    private static String id(Row r, String column) {
        return r.getUUID(column) == null ? null : r.getUUID(column).toString();
    }
}
