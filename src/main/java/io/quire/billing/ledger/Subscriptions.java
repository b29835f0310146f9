package io.quire.billing.ledger;

import io.quire.engagement.notifications.Notify;
import io.quire.platform.clock.Times;
import io.quire.platform.mail.MailMessage;
import io.quire.platform.mail.Mailer;
import io.quire.platform.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** What follows a subscription's change of state, wherever it came from (a gateway event, the reader, the expiry job). */
public final class Subscriptions {
    private Subscriptions() {}

    /** The history row, the outbox event (authors' webhooks, the reader's cached entitlements) and the reader's notice. */
    public static Future<Void> changed(
            SqlClient tx, Row before, Row after, String topic, String eventId, Mailer mailer) {
        JsonObject payload = event(after);
        String previous = before == null ? null : before.getString("status");
        return tx.preparedQuery(LedgerSql.EVENT)
                .execute(Tuple.of(
                        null,
                        after.getUUID("id"),
                        topic,
                        previous,
                        after.getString("status"),
                        eventId,
                        new JsonObject()
                                .put("currentPeriodEnd", Times.iso(after.getOffsetDateTime("current_period_end")))))
                .compose(v -> Outbox.append(tx, topic, after.getUUID("id").toString(), payload))
                .compose(v -> after.getString("status").equals(previous)
                        ? Future.succeededFuture()
                        : Notify.inApp(
                                tx,
                                after.getUUID("reader_id"),
                                "SUBSCRIPTION",
                                title(after),
                                body(after),
                                payload,
                                "subscription:" + after.getUUID("id") + ":" + after.getString("status") + ":"
                                        + after.getInteger("version")))
                .compose(v -> !topic.equals("subscription.cancelled") || mailer == null
                        ? Future.succeededFuture()
                        : tx.preparedQuery(LedgerSql.READER_EMAIL)
                                .execute(Tuple.of(after.getUUID("reader_id")))
                                .compose(rows -> rows.size() == 0
                                        ? Future.succeededFuture()
                                        : mailer.queue(
                                                        tx,
                                                        new MailMessage(
                                                                rows.iterator()
                                                                        .next()
                                                                        .getString("email"),
                                                                title(after),
                                                                body(after),
                                                                "billing"))
                                                .mapEmpty()));
    }

    /** The outbox payload: enough for a webhook receiver and for evicting the reader's entitlements. */
    public static JsonObject event(Row s) {
        return new JsonObject()
                .put("subscriptionId", s.getUUID("id").toString())
                .put("readerId", s.getUUID("reader_id").toString())
                .put("siteId", s.getUUID("site_id").toString())
                .put("authorId", s.getUUID("author_id").toString())
                .put("tierId", s.getUUID("tier_id").toString())
                .put("status", s.getString("status"))
                .put("billingCycle", s.getString("billing_cycle"))
                .put("autoRenew", s.getBoolean("auto_renew"))
                .put("currentPeriodEnd", Times.iso(s.getOffsetDateTime("current_period_end")));
    }

    private static String title(Row s) {
        return switch (s.getString("status")) {
            case "ACTIVE" -> "Your subscription is active";
            case "PAST_DUE" -> "Your subscription payment failed";
            case "CANCELLED" -> "Your subscription is cancelled";
            case "EXPIRED" -> "Your subscription has ended";
            case "PAUSED" -> "Your subscription is paused";
            default -> "Your subscription changed";
        };
    }

    private static String body(Row s) {
        String end = Times.iso(s.getOffsetDateTime("current_period_end"));
        return switch (s.getString("status")) {
            case "ACTIVE" -> "Paid through " + end + ".";
            case "PAST_DUE" -> "We could not renew it; update your payment method to keep reading.";
            case "CANCELLED" ->
                end == null ? "It will not renew." : "It will not renew; you can read until " + end + ".";
            case "EXPIRED" -> "Subscribe again any time.";
            default -> "";
        };
    }
}
