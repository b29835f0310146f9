package io.quire.billing.gifts;

import io.quire.platform.jobs.Job;
import io.quire.platform.jobs.JobHandler;
import io.quire.platform.mail.MailMessage;
import io.quire.platform.mail.Mailer;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * {@code billing.deliver_gifts}, every minute on the workers: each paid gift whose delivery date has come is emailed
 * to its recipient with its claim link, and marked DELIVERED in the same transaction as the queued email (so a
 * gift is sent exactly once). The claim code is good for a year.
 */
public final class GiftDeliveryJob implements JobHandler {
    public static final String TYPE = "billing.deliver_gifts";
    private final Pool pool;
    private final Mailer mailer;
    private final String publicBaseUrl;

    public GiftDeliveryJob(Pool pool, Mailer mailer, String publicBaseUrl) {
        this.pool = pool;
        this.mailer = mailer;
        this.publicBaseUrl = publicBaseUrl;
    }

    @Override
    public Future<Void> handle(Job job) {
        return pool.withTransaction(tx -> tx.preparedQuery(GiftSql.DUE)
                .execute()
                .compose(rows -> {
                    Future<Void> chain = Future.succeededFuture();
                    for (Row g : rows) {
                        chain = chain.compose(v -> mailer.queue(
                                        tx,
                                        new MailMessage(
                                                g.getString("recipient_email"),
                                                g.getString("giver_name") + " gave you " + g.getShort("months")
                                                        + " months of " + g.getString("site_name"),
                                                text(g),
                                                "gift"))
                                .compose(id ->
                                        tx.preparedQuery(GiftSql.DELIVERED).execute(Tuple.of(g.getUUID("id"))))
                                .mapEmpty());
                    }
                    return chain;
                }));
    }

    private String text(Row g) {
        return (g.getString("recipient_name") == null ? "Hello" : "Hello " + g.getString("recipient_name")) + ",\n\n"
                + g.getString("giver_name") + " gave you " + g.getShort("months") + " months of "
                + g.getString("tier_name") + " on "
                + g.getString("site_name") + ".\n\n"
                + (g.getString("message") == null ? "" : "\"" + g.getString("message") + "\"\n\n")
                + "Claim it within a year: " + publicBaseUrl + "/gifts/claim/" + g.getString("claim_code") + "\n";
    }
}
