package io.quire.billing.gifts;

/** Gift subscriptions: lists, claim, delivery. */
final class GiftSql {
    private GiftSql() {}

    static final String COLUMNS = """
      g.*, t.name AS tier_name, s.name AS site_name, u.display_name AS giver_name
        FROM gift_subscriptions g JOIN subscription_tiers t ON t.id = g.tier_id JOIN sites s ON s.id = g.site_id
        JOIN users u ON u.id = g.giver_id
      """;
    static final String GIVEN = "SELECT " + COLUMNS + " WHERE g.giver_id = $1 ORDER BY g.created_at DESC LIMIT 200";
    /** Delivered to my address (or claimed by me): a gift is not shown to its recipient before its delivery date. */
    static final String RECEIVED = "SELECT " + COLUMNS + """
       WHERE (g.recipient_email = (SELECT lower(email) FROM users WHERE id = $1) OR g.recipient_id = $1)
         AND g.status IN ('DELIVERED', 'CLAIMED') ORDER BY g.delivered_at DESC LIMIT 200
      """;

    static final String BY_CODE =
            "SELECT " + COLUMNS + " WHERE g.claim_code = $1 AND g.status IN ('DELIVERED', 'CLAIMED', 'EXPIRED')";
    /** Single use: only one claim can move a gift from DELIVERED to CLAIMED. */
    static final String CLAIM = """
      UPDATE gift_subscriptions SET status = 'CLAIMED', claimed_at = now(), recipient_id = $2, updated_at = now()
       WHERE claim_code = $1 AND status = 'DELIVERED' AND (claim_expires_at IS NULL OR claim_expires_at > now())
      RETURNING *
      """;

    static final String LIVE = """
      SELECT 1 FROM reader_subscriptions WHERE reader_id = $1 AND site_id = $2 AND status IN ('ACTIVE', 'PAST_DUE', 'PAUSED', 'CANCELLED')
      """;
    /** A non-renewing subscription for the gift's months, holding a seat on the tier (a capped tier may be full). */
    static final String TAKE_SEAT = """
      UPDATE subscription_tiers SET current_subscribers = current_subscribers + 1
       WHERE id = $1 AND (max_subscribers IS NULL OR current_subscribers < max_subscribers) RETURNING author_id, currency
      """;

    static final String SUBSCRIBE = """
      INSERT INTO reader_subscriptions (id, reader_id, site_id, author_id, tier_id, status, billing_cycle, price, currency, gateway,
                                        current_period_start, current_period_end, auto_renew, is_gift, state_at)
      VALUES ($1, $2, $3, $4, $5, 'ACTIVE', 'MONTHLY', 0, $6, 'gift', now(), now() + make_interval(months => $7), false, true, now())
      RETURNING *
      """;
    static final String LINK = "UPDATE gift_subscriptions SET subscription_id = $2 WHERE id = $1";
    /** Paid gifts whose day has come, locked so two workers never send one twice. */
    static final String DUE = """
      SELECT g.id, g.recipient_email, g.recipient_name, g.claim_code, g.months, g.message, t.name AS tier_name, s.name AS site_name,
             u.display_name AS giver_name
        FROM gift_subscriptions g JOIN subscription_tiers t ON t.id = g.tier_id JOIN sites s ON s.id = g.site_id
        JOIN users u ON u.id = g.giver_id
       WHERE g.status = 'PAID' AND g.delivery_date <= now()
       ORDER BY g.delivery_date LIMIT 200 FOR UPDATE OF g SKIP LOCKED
      """;

    static final String DELIVERED = """
      UPDATE gift_subscriptions SET status = 'DELIVERED', delivered_at = now(), claim_expires_at = now() + interval '1 year',
             updated_at = now() WHERE id = $1
      """;
}
