package io.quire.billing.subscriptions;

import io.quire.billing.gateway.Gateways;
import io.quire.billing.ledger.Ledger;
import io.quire.billing.ledger.SubscriptionStatus;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * Ends a pause, asked by the reader or because its time is up (the expiry job): the gateway collects again, and the
 * subscription is ACTIVE with the paid time it had left when paused (the period moves on by the pause's length).
 */
public final class Unpause {
    static final String DUE =
            "SELECT * FROM reader_subscriptions WHERE status = 'PAUSED' AND pause_ends_at < now() LIMIT 100";
    static final String RESTORE = """
      UPDATE reader_subscriptions SET current_period_end = current_period_end + (now() - paused_at), paused_at = NULL, pause_ends_at = NULL
       WHERE id = $1 AND paused_at IS NOT NULL
      """;
    private final Pool pool;
    private final Gateways gateways;
    private final Ledger ledger;

    public Unpause(Pool pool, Gateways gateways, Ledger ledger) {
        this.pool = pool;
        this.gateways = gateways;
        this.ledger = ledger;
    }

    public Future<Void> apply(Row s) {
        return gateways.connection(pool, s.getUUID("author_id"), s.getString("gateway"))
                .compose(gw -> s.getString("gateway_subscription_id") == null
                        ? Future.succeededFuture()
                        : gw.gateway()
                                .pauseSubscription(gw.credentials(), s.getString("gateway_subscription_id"), false))
                .compose(v -> pool.withTransaction(tx -> tx.preparedQuery(RESTORE)
                        .execute(Tuple.of(s.getUUID("id")))
                        .compose(x -> ledger.localChange(
                                tx,
                                s.getUUID("id"),
                                new Ledger.State(SubscriptionStatus.ACTIVE, null, null, null, null, false),
                                null,
                                "subscription.updated"))));
    }

    /** Pauses whose time is up, one after the other; one that fails (the gateway is down) is tried again next run. */
    public Future<Void> due() {
        return pool.query(DUE).execute().compose(rows -> {
            Future<Void> chain = Future.succeededFuture();
            for (Row r : rows) {
                chain = chain.compose(v -> apply(r).recover(e -> Future.succeededFuture()));
            }
            return chain;
        });
    }
}
