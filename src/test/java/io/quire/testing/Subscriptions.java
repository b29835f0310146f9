package io.quire.testing;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A reader's paid subscription, written as the ledger writes one when a gateway reports it paid (the ledger's own tests drive that path). */
public final class Subscriptions {
    private Subscriptions() {}

    /** An ACTIVE monthly subscription of 5 USD to {@code tierId}, paid for the next 30 days; its id. */
    public static UUID active(Pool db, UUID readerId, String siteId, UUID authorId, String tierId) throws Exception {
        UUID id = UUID.randomUUID();
        db.preparedQuery("""
        INSERT INTO reader_subscriptions (id, reader_id, site_id, author_id, tier_id, status, billing_cycle, price, currency, gateway,
                                          current_period_start, current_period_end)
        VALUES ($1, $2, $3, $4, $5, 'ACTIVE', 'MONTHLY', 500, 'USD', 'stripe', now(), now() + interval '30 days')
        """)
                .execute(Tuple.of(id, readerId, UUID.fromString(siteId), authorId, UUID.fromString(tierId)))
                .await(5, TimeUnit.SECONDS);
        return id;
    }
}
