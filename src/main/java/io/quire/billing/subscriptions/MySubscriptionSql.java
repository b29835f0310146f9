package io.quire.billing.subscriptions;

/** A reader's own subscriptions: lists, one, invoices, pause and the tier move's seat swap. */
public final class MySubscriptionSql {
    private MySubscriptionSql() {}

    static final String MINE = """
      SELECT s.*, t.name AS tier_name, si.name AS site_name FROM reader_subscriptions s
        JOIN subscription_tiers t ON t.id = s.tier_id JOIN sites si ON si.id = s.site_id
       WHERE s.reader_id = $1 AND ($2::text IS NULL OR s.status = $2) AND s.status <> 'INCOMPLETE'
       ORDER BY s.created_at DESC LIMIT 200
      """;
    /** One subscription as {@link SubscriptionJson} shows it (with its tier's and site's names); $2 its reader. */
    public static final String ONE = """
      SELECT s.*, t.name AS tier_name, si.name AS site_name FROM reader_subscriptions s
        JOIN subscription_tiers t ON t.id = s.tier_id JOIN sites si ON si.id = s.site_id
       WHERE s.id = $1 AND s.reader_id = $2
      """;

    static final String INVOICES =
            "SELECT * FROM payments WHERE subscription_id = $1 AND reader_id = $2 ORDER BY created_at DESC, id DESC";

    static final String PAUSE = """
      UPDATE reader_subscriptions SET paused_at = now(), pause_ends_at = now() + make_interval(days => $2),
             pause_count = CASE WHEN last_paused_at IS NULL OR last_paused_at < now() - interval '365 days' THEN 1 ELSE pause_count + 1 END,
             last_paused_at = now()
       WHERE id = $1
      """;
    static final String TIER = "SELECT * FROM subscription_tiers WHERE id = $1 AND site_id = $2 AND is_active";
    static final String MOVE_SEAT = """
      WITH took AS (UPDATE subscription_tiers SET current_subscribers = current_subscribers + 1
                     WHERE id = $2 AND (max_subscribers IS NULL OR current_subscribers < max_subscribers) RETURNING id),
           gave AS (UPDATE subscription_tiers SET current_subscribers = greatest(current_subscribers - 1, 0)
                     WHERE id = $3 AND EXISTS (SELECT 1 FROM took) RETURNING id)
      UPDATE reader_subscriptions SET tier_id = $2, price = $4, billing_cycle = $5, updated_at = now()
       WHERE id = $1 AND EXISTS (SELECT 1 FROM took)
      RETURNING *
      """;

    /** Undoes a move the gateway refused: back to the old tier, whose seat was just given up (so there is room). */
    static final String MOVE_BACK = """
      WITH took AS (UPDATE subscription_tiers SET current_subscribers = current_subscribers + 1 WHERE id = $2 RETURNING id),
           gave AS (UPDATE subscription_tiers SET current_subscribers = greatest(current_subscribers - 1, 0) WHERE id = $3 RETURNING id)
      UPDATE reader_subscriptions SET tier_id = $2, price = $4, billing_cycle = $5, updated_at = now() WHERE id = $1
      """;

    static final String CANCEL_FEEDBACK = "UPDATE reader_subscriptions SET cancel_feedback = $2 WHERE id = $1";
}
