package io.quire.billing.checkout;

/** Opening checkouts: what is for sale, the seat on a capped tier, the pending payment. */
final class CheckoutSql {
    private CheckoutSql() {}

    /** A tier open to new subscribers on a live public site, with its author. */
    static final String TIER = """
      SELECT t.*, s.owner_id FROM subscription_tiers t JOIN sites s ON s.id = t.site_id
       WHERE t.id = $1 AND s.deleted_at IS NULL AND s.status = 'ACTIVE' AND s.is_public
      """;
    /** A trial is for readers new to the site: none who ever had a subscription there that started. */
    static final String HAD_SUBSCRIPTION = """
      SELECT EXISTS (SELECT 1 FROM reader_subscriptions WHERE reader_id = $1 AND site_id = $2 AND current_period_start IS NOT NULL) AS had
      """;

    static final String LIVE_SUBSCRIPTION = """
      SELECT id, status FROM reader_subscriptions WHERE reader_id = $1 AND site_id = $2
         AND status IN ('ACTIVE', 'PAST_DUE', 'PAUSED', 'CANCELLED')
      """;
    /**
     * Takes a seat: one statement, so two checkouts racing for the last seat cannot both get it (the row lock
     * serialises them and the second sees the count the first left).
     */
    static final String TAKE_SEAT = """
      UPDATE subscription_tiers SET current_subscribers = current_subscribers + 1
       WHERE id = $1 AND is_active AND (max_subscribers IS NULL OR current_subscribers < max_subscribers)
      RETURNING id
      """;

    static final String RELEASE_SEAT = """
      WITH released AS (UPDATE reader_subscriptions SET seat_held = false, status = 'EXPIRED', expires_at = now(), updated_at = now()
                         WHERE id = $1 AND status = 'INCOMPLETE' AND seat_held RETURNING tier_id)
      UPDATE subscription_tiers t SET current_subscribers = greatest(current_subscribers - 1, 0) FROM released WHERE t.id = released.tier_id
      """;
    static final String INSERT_SUBSCRIPTION = """
      INSERT INTO reader_subscriptions (id, reader_id, site_id, author_id, tier_id, status, billing_cycle, price, currency, gateway,
                                        is_gift, auto_renew, is_trialing, trial_ends_at)
      VALUES ($1, $2, $3, $4, $5, 'INCOMPLETE', $6, $7, $8, $9, false, true, $10::int > 0,
              CASE WHEN $10::int > 0 THEN now() + make_interval(days => $10::int) END)
      """;
    static final String INSERT_PAYMENT = """
      INSERT INTO payments (id, reader_id, author_id, site_id, type, gross_amount, currency, gateway, subscription_id, tier_id,
                            chapter_id, series_id, gift_id, message, checkout_expires_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now() + make_interval(mins => $15))
      RETURNING *
      """;
    static final String OPENED = """
      UPDATE payments SET checkout_session_id = $2, checkout_url = $3,
             checkout_expires_at = CASE WHEN $4::timestamptz IS NULL THEN checkout_expires_at ELSE least(checkout_expires_at, $4) END,
             updated_at = now()
       WHERE id = $1
      RETURNING *
      """;
    static final String SUBSCRIPTION_GATEWAY_ID =
            "UPDATE reader_subscriptions SET gateway_subscription_id = $2 WHERE id = $1";
    static final String GATEWAY_FAILED = """
      UPDATE payments SET status = 'FAILED', failure_code = $2, failure_message = $3, failure_at = now(), updated_at = now()
       WHERE id = $1
      """;
    static final String CREATED_EVENT = """
      INSERT INTO payment_events (payment_id, subscription_id, event_type, new_status, metadata) VALUES ($1, $2, 'checkout.created', 'PENDING', $3)
      """;
    /** A published chapter of a visible series on a live public site, what it costs and who sells it. */
    static final String CHAPTER = """
      SELECT ch.id, ch.site_id, ch.series_id, ch.title, ch.access_level, ch.purchase_price, ch.purchase_currency, si.owner_id
        FROM chapters ch JOIN series se ON se.id = ch.series_id JOIN sites si ON si.id = ch.site_id
       WHERE ch.id = $1 AND ch.status = 'PUBLISHED' AND ch.deleted_at IS NULL AND se.deleted_at IS NULL AND se.status <> 'DRAFT'
         AND si.status = 'ACTIVE' AND si.is_public AND si.deleted_at IS NULL
      """;

    static final String OWNED = "SELECT 1 FROM chapter_purchases WHERE reader_id = $1 AND chapter_id = $2";
    static final String SITE =
            "SELECT id, owner_id, name FROM sites WHERE id = $1 AND deleted_at IS NULL AND status = 'ACTIVE' AND is_public";
    static final String SESSION = """
      SELECT p.*, s.status AS subscription_status FROM payments p LEFT JOIN reader_subscriptions s ON s.id = p.subscription_id
       WHERE (p.checkout_session_id = $1 OR p.id::text = $1) AND p.reader_id = $2
      """;
    static final String INSERT_GIFT = """
      INSERT INTO gift_subscriptions (id, giver_id, recipient_email, recipient_name, site_id, tier_id, months, amount, currency,
                                      message, delivery_date, claim_code)
      VALUES ($1, $2, lower($3), $4, $5, $6, $7, $8, $9, $10, coalesce($11, now()), $12)
      """;
}
