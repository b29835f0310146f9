package io.quire.billing.subscriptions;

import io.quire.billing.ledger.Payments;
import io.quire.platform.clock.Times;
import io.quire.platform.mail.MailMessage;
import io.quire.platform.mail.Mailer;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

/**
 * Emails readers {@value #DAYS_AHEAD} days before their period ends: a renewal reminder (what will be charged, and
 * when) for subscriptions that renew, an expiry reminder for those that will not (cancelled, gifts). Each is sent
 * once per period: the sent time is written with the queued email, in one transaction.
 */
final class Reminders {
    static final int DAYS_AHEAD = 3;
    private static final String DUE = """
      SELECT s.id, s.status, s.auto_renew, s.price, s.currency, s.current_period_end, u.email, t.name AS tier_name, si.name AS site_name
        FROM reader_subscriptions s JOIN users u ON u.id = s.reader_id JOIN subscription_tiers t ON t.id = s.tier_id
        JOIN sites si ON si.id = s.site_id
       WHERE s.current_period_end BETWEEN now() AND now() + make_interval(days => $1)
         AND (s.status = 'ACTIVE' AND s.auto_renew
                AND (s.renewal_reminder_sent_at IS NULL OR s.renewal_reminder_sent_at < s.current_period_end - interval '7 days')
              OR (s.status = 'CANCELLED' OR s.status = 'ACTIVE' AND NOT s.auto_renew) AND s.expiry_reminder_sent_at IS NULL)
       LIMIT 200 FOR UPDATE OF s SKIP LOCKED
      """;
    private static final String SENT = """
      UPDATE reader_subscriptions SET renewal_reminder_sent_at = CASE WHEN $2 THEN now() ELSE renewal_reminder_sent_at END,
             expiry_reminder_sent_at = CASE WHEN $2 THEN expiry_reminder_sent_at ELSE now() END WHERE id = $1
      """;

    private Reminders() {}

    static Future<Void> send(SqlConnection tx, Mailer mailer) {
        return tx.preparedQuery(DUE).execute(Tuple.of(DAYS_AHEAD)).compose(rows -> {
            Future<Void> chain = Future.succeededFuture();
            for (Row r : rows) {
                boolean renews = r.getString("status").equals("ACTIVE") && r.getBoolean("auto_renew");
                String end = Times.iso(r.getOffsetDateTime("current_period_end"));
                String subject = renews
                        ? "Your " + r.getString("site_name") + " subscription renews soon"
                        : "Your " + r.getString("site_name") + " subscription ends soon";
                String text = renews
                        ? "Your " + r.getString("tier_name") + " subscription renews on " + end + " for "
                                + Payments.money(r.getLong("price"), r.getString("currency"))
                                + ". Manage it in your subscriptions.\n"
                        : "Your " + r.getString("tier_name") + " subscription ends on " + end
                                + ". Subscribe again to keep reading.\n";
                chain = chain.compose(v -> mailer.queue(
                                tx, new MailMessage(r.getString("email"), subject, text, "billing"))
                        .compose(id -> tx.preparedQuery(SENT).execute(Tuple.of(r.getUUID("id"), renews)))
                        .mapEmpty());
            }
            return chain;
        });
    }
}
