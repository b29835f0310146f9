package io.quire.billing.subscriptions;

import io.quire.billing.ledger.Ledger;
import io.quire.platform.jobs.Job;
import io.quire.platform.jobs.JobHandler;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * {@code billing.expire}, every minute on the workers: open checkouts past their time expire (a capped tier gets
 * its seat back), subscriptions past their paid period (and grace, when they were meant to renew) expire, renewal
 * and expiry reminders go out ({@link Reminders}), and pauses whose time is up end. Each
 * run takes at most {@value #BATCH} of each in one transaction, rows locked so two workers never take the same.
 */
public final class ExpiryJob implements JobHandler {
    public static final String TYPE = "billing.expire";
    static final int BATCH = 500;
    private final Pool pool;
    private final Ledger ledger;
    private final int graceDays;
    private final Unpause unpause;
    private final io.quire.platform.mail.Mailer mailer;

    public ExpiryJob(Pool pool, Ledger ledger, int graceDays, Unpause unpause, io.quire.platform.mail.Mailer mailer) {
        this.pool = pool;
        this.ledger = ledger;
        this.graceDays = graceDays;
        this.unpause = unpause;
        this.mailer = mailer;
    }

    @Override
    public Future<Void> handle(Job job) {
        return pool.withTransaction(tx -> ledger.expireCheckouts(tx, BATCH)
                        .compose(n -> ledger.expireLapsed(tx, graceDays, BATCH))
                        .compose(n -> Reminders.send(tx, mailer)))
                .compose(v -> unpause.due()); // gateway calls: outside the transaction
    }
}
