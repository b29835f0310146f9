package io.quire.billing.ledger;

/** The statements that move payments and subscriptions through their states. */
final class LedgerSql {
    private LedgerSql() {}

    static final String PAYMENT_BY_ID = "SELECT * FROM payments WHERE id = $1 AND gateway = $2 FOR UPDATE";
    static final String PAYMENT_BY_INVOICE =
            "SELECT * FROM payments WHERE gateway = $1 AND gateway_invoice_id = $2 FOR UPDATE";
    static final String PAYMENT_BY_GATEWAY_ID = """
      SELECT * FROM payments WHERE gateway = $1 AND (gateway_payment_id = $2 OR gateway_invoice_id = $2 OR checkout_session_id = $2)
       ORDER BY created_at LIMIT 1 FOR UPDATE
      """;
    /** The checkout's payment of a subscription, not yet tied to an invoice: the first invoice is that payment. */
    static final String FIRST_PAYMENT = """
      SELECT * FROM payments WHERE subscription_id = $1 AND type = 'SUBSCRIPTION' AND gateway_invoice_id IS NULL
       ORDER BY created_at LIMIT 1 FOR UPDATE
      """;

    static final String SUBSCRIPTION_BY_ID = "SELECT * FROM reader_subscriptions WHERE id = $1 FOR UPDATE";
    static final String SUBSCRIPTION_BY_GATEWAY_ID = """
      SELECT * FROM reader_subscriptions WHERE gateway = $1 AND gateway_subscription_id = $2 FOR UPDATE
      """;

    /** $2 status, $3 gateway payment id, $4 invoice id, $5 gross (null: keep), $6 gateway fee, $7 platform percent, $8 event time. */
    static final String SUCCEED = """
      UPDATE payments SET status = $2::text, gateway_payment_id = coalesce($3::text, gateway_payment_id),
             gateway_invoice_id = coalesce($4::text, gateway_invoice_id), gross_amount = coalesce($5::bigint, gross_amount),
             gateway_fee = coalesce($6::bigint, gateway_fee),
             platform_fee = coalesce($5::bigint, gross_amount) * $7::int / 100,
             net_amount = coalesce($5::bigint, gross_amount) - coalesce($6::bigint, gateway_fee, 0) - coalesce($5::bigint, gross_amount) * $7::int / 100,
             processed_at = coalesce(processed_at, now()), state_at = $8, updated_at = now()
       WHERE id = $1
      RETURNING *
      """;

    static final String FAIL = """
      UPDATE payments SET status = 'FAILED', failure_code = $2, failure_message = $3, failure_at = now(),
             gateway_payment_id = coalesce($4, gateway_payment_id), state_at = $5, updated_at = now()
       WHERE id = $1
      RETURNING *
      """;
    /** A payment the gateway made on its own (a renewal, a failed renewal): one row per invoice. */
    static final String INSERT_RENEWAL = """
      INSERT INTO payments (id, reader_id, author_id, site_id, type, status, gross_amount, gateway_fee, platform_fee, net_amount,
                            currency, gateway, gateway_payment_id, gateway_invoice_id, subscription_id, tier_id, state_at,
                            processed_at, failure_code, failure_message, failure_at)
      SELECT $1::uuid, s.reader_id, s.author_id, s.site_id, 'SUBSCRIPTION', $3::text, $4::bigint, $5::bigint,
             CASE WHEN $3::text = 'SUCCEEDED' THEN $4::bigint * $6::int / 100 END,
             CASE WHEN $3::text = 'SUCCEEDED' THEN $4::bigint - coalesce($5::bigint, 0) - $4::bigint * $6::int / 100 END,
             s.currency, s.gateway, $7::text, $8::text, s.id, s.tier_id, $9::timestamptz, now(),
             $10::text, $11::text, CASE WHEN $3::text = 'FAILED' THEN now() END
        FROM reader_subscriptions s WHERE s.id = $2
      ON CONFLICT (gateway, gateway_invoice_id) DO NOTHING
      RETURNING *
      """;

    static final String REFUND = """
      UPDATE payments SET refunded_amount = greatest(refunded_amount, $2),
             status = CASE WHEN status = 'DISPUTED' THEN status
                           WHEN greatest(refunded_amount, $2) >= gross_amount THEN 'REFUNDED' ELSE 'PARTIALLY_REFUNDED' END,
             refunded_at = now(), refund_gateway_id = coalesce($3, refund_gateway_id), refund_status = 'SUCCEEDED',
             updated_at = now()
       WHERE id = $1
      RETURNING *
      """;
    static final String DISPUTE = """
      UPDATE payments SET status = CASE WHEN $5::text = 'won' THEN 'SUCCEEDED' ELSE 'DISPUTED' END,
             disputed_at = coalesce(disputed_at, now()), dispute_status = $2::text, dispute_reason = coalesce($3::text, dispute_reason),
             dispute_outcome = coalesce($5::text, dispute_outcome),
             dispute_resolved_at = CASE WHEN $5::text IS NOT NULL THEN now() ELSE dispute_resolved_at END,
             state_at = $4, updated_at = now()
       WHERE id = $1
      RETURNING *
      """;
    static final String EVENT = """
      INSERT INTO payment_events (payment_id, subscription_id, event_type, previous_status, new_status, gateway_event_id, metadata)
      VALUES ($1, $2, $3, $4, $5, $6, $7)
      """;

    /**
     * The subscription's new state. Periods only move forward ({@code greatest}), so a late renewal never shortens
     * access; $9 is the event's time, recorded so an older event cannot overwrite it.
     */
    static final String SET_SUBSCRIPTION = """
      UPDATE reader_subscriptions SET status = $2::text,
             gateway_subscription_id = coalesce($3::text, gateway_subscription_id),
             gateway_customer_id = coalesce($4::text, gateway_customer_id),
             current_period_start = coalesce($5::timestamptz, current_period_start),
             current_period_end = CASE WHEN $6::timestamptz IS NULL THEN current_period_end
                                       WHEN $10::boolean THEN $6::timestamptz ELSE greatest(current_period_end, $6::timestamptz) END,
             auto_renew = coalesce($7::boolean, auto_renew),
             cancelled_at = CASE WHEN $2::text = 'CANCELLED' THEN coalesce(cancelled_at, now()) WHEN $2::text = 'ACTIVE' THEN NULL ELSE cancelled_at END,
             is_trialing = coalesce($8::boolean, is_trialing),
             expires_at = CASE WHEN $2::text = 'EXPIRED' THEN coalesce(expires_at, now()) ELSE expires_at END,
             state_at = greatest(state_at, $9::timestamptz), version = version + 1, updated_at = now()
       WHERE id = $1
      RETURNING *
      """;
    /** Takes a seat on the tier for a subscription that holds none (a checkout completing after it expired). */
    static final String HOLD_SEAT = """
      WITH held AS (UPDATE reader_subscriptions SET seat_held = true WHERE id = $1 AND NOT seat_held RETURNING tier_id)
      UPDATE subscription_tiers t SET current_subscribers = current_subscribers + 1 FROM held WHERE t.id = held.tier_id
      """;
    /** Gives the seat back when a subscription ends (or its checkout never completed). */
    static final String RELEASE_SEAT = """
      WITH released AS (UPDATE reader_subscriptions SET seat_held = false WHERE id = $1 AND seat_held RETURNING tier_id)
      UPDATE subscription_tiers t SET current_subscribers = greatest(current_subscribers - 1, 0) FROM released
       WHERE t.id = released.tier_id
      """;

    static final String CANCEL_REASON =
            "UPDATE reader_subscriptions SET cancel_reason = coalesce($2, cancel_reason) WHERE id = $1";
    static final String GRANT_PURCHASE = """
      INSERT INTO chapter_purchases (reader_id, chapter_id, site_id, payment_id) VALUES ($1, $2, $3, $4)
      ON CONFLICT (reader_id, chapter_id) DO NOTHING
      """;
    static final String REVOKE_PURCHASE = "DELETE FROM chapter_purchases WHERE payment_id = $1";
    static final String GIFT_PAID =
            "UPDATE gift_subscriptions SET status = 'PAID', updated_at = now() WHERE id = $1 AND status = 'PENDING'";
    static final String GIFT_REFUNDED = """
      UPDATE gift_subscriptions SET status = 'REFUNDED', updated_at = now() WHERE id = $1 AND status IN ('PENDING', 'PAID', 'DELIVERED')
      """;
    static final String READER_EMAIL = "SELECT email FROM users WHERE id = $1";
}
