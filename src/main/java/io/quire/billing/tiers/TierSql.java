package io.quire.billing.tiers;

/** Subscription tiers. */
final class TierSql {
    private TierSql() {}

    static final String FOR_SITE =
            "SELECT * FROM subscription_tiers WHERE site_id = $1 ORDER BY display_order, created_at";
    /** What a pricing page shows: active public tiers of a live public site, cheapest first within the author's order. */
    static final String PUBLIC = """
      SELECT t.* FROM subscription_tiers t JOIN sites s ON s.id = t.site_id AND s.deleted_at IS NULL AND s.status = 'ACTIVE' AND s.is_public
       WHERE t.site_id = $1 AND t.is_active AND t.is_public ORDER BY t.display_order, t.monthly_price
      """;

    static final String SITE_EXISTS =
            "SELECT 1 FROM sites WHERE id = $1 AND deleted_at IS NULL AND status = 'ACTIVE' AND is_public";
    static final String ONE = "SELECT * FROM subscription_tiers WHERE id = $1";
    static final String SLUGS = "SELECT slug FROM subscription_tiers WHERE site_id = $1";
    static final String INSERT = """
      INSERT INTO subscription_tiers (id, site_id, author_id, name, slug, description, monthly_price, annual_price, currency,
        billing_cycles, benefits, early_access_days, badge_text, badge_color, display_order, is_highlighted, highlight_text,
        is_active, is_public, max_subscribers, trial_days)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
              (SELECT coalesce(max(display_order), 0) + 1 FROM subscription_tiers WHERE site_id = $2), $15, $16, $17, $18, $19, $20)
      RETURNING *
      """;
    static final String UPDATE = """
      UPDATE subscription_tiers SET name = $2, description = $3, monthly_price = $4, annual_price = $5, currency = $6,
             billing_cycles = $7, benefits = $8, early_access_days = $9, badge_text = $10, badge_color = $11, is_highlighted = $12,
             highlight_text = $13, is_public = $14, max_subscribers = $15, trial_days = $16, updated_at = now()
       WHERE id = $1 RETURNING *
      """;
    static final String SET_ACTIVE =
            "UPDATE subscription_tiers SET is_active = $2, updated_at = now() WHERE id = $1 RETURNING *";
    /** Only a tier nobody ever subscribed to or was given: the history of payments and subscriptions points at it. */
    static final String DELETE = """
      DELETE FROM subscription_tiers t WHERE t.id = $1 AND t.current_subscribers = 0
         AND NOT EXISTS (SELECT 1 FROM reader_subscriptions s WHERE s.tier_id = t.id)
         AND NOT EXISTS (SELECT 1 FROM gift_subscriptions g WHERE g.tier_id = t.id)
      """;

    static final String REORDER = """
      UPDATE subscription_tiers t SET display_order = o.position, updated_at = now()
        FROM (SELECT id, row_number() OVER (ORDER BY named, pos, old) AS position
                FROM (SELECT t.id, n.ord IS NULL AS named, coalesce(n.ord, 0) AS pos, t.display_order AS old
                        FROM subscription_tiers t LEFT JOIN unnest($2::uuid[]) WITH ORDINALITY AS n(id, ord) USING (id)
                       WHERE t.site_id = $1) x) o
       WHERE t.site_id = $1 AND t.id = o.id
      """;
}
