package io.quire.billing.revenue;

/** Revenue rollups: a day per author and currency from payments and subscriptions; a month from its days. */
final class RevenueSql {
    private RevenueSql() {}

    private static final String ACTIVE = """
      s.current_period_start IS NOT NULL AND s.created_at < b.hi AND (s.expires_at IS NULL OR s.expires_at >= b.hi)
      """;

    /**
     * Recomputes UTC day $1 for every author with money or subscribers that day; run again, it writes the same rows.
     * Revenue counts payments processed that day (refunded ones too: their refunds count on the day they were made);
     * net = gross − gateway fees − platform fees − refunds. MRR: live non-gift subscriptions, annual ones at a twelfth.
     */
    static final String DAY = """
      WITH b AS (SELECT ($1::date)::timestamp AT TIME ZONE 'UTC' AS lo, ($1::date + 1)::timestamp AT TIME ZONE 'UTC' AS hi),
      money AS (
        SELECT p.author_id, p.currency,
               sum(p.gross_amount) FILTER (WHERE p.type = 'SUBSCRIPTION') AS sub,
               sum(p.gross_amount) FILTER (WHERE p.type = 'ONE_TIME_PURCHASE') AS purchase,
               sum(p.gross_amount) FILTER (WHERE p.type = 'TIP') AS tip,
               sum(p.gross_amount) FILTER (WHERE p.type = 'GIFT') AS gift,
               sum(p.gross_amount) AS gross, sum(coalesce(p.gateway_fee, 0)) AS fees, sum(coalesce(p.platform_fee, 0)) AS pfees
          FROM payments p, b
         WHERE p.processed_at >= b.lo AND p.processed_at < b.hi
           AND p.status IN ('SUCCEEDED', 'REFUNDED', 'PARTIALLY_REFUNDED', 'DISPUTED')
         GROUP BY 1, 2),
      refunds AS (
        SELECT p.author_id, p.currency, sum(p.refunded_amount) AS refunds FROM payments p, b
         WHERE p.refunded_at >= b.lo AND p.refunded_at < b.hi GROUP BY 1, 2),
      subs AS (
        SELECT s.author_id, s.currency,
               count(*) FILTER (WHERE %1$s) AS active,
               count(*) FILTER (WHERE s.current_period_start IS NOT NULL AND s.created_at >= b.lo AND s.created_at < b.hi) AS fresh,
               count(*) FILTER (WHERE s.current_period_end IS NOT NULL AND s.expires_at >= b.lo AND s.expires_at < b.hi) AS churned,
               coalesce(sum(CASE WHEN s.billing_cycle = 'ANNUAL' THEN s.price / 12 ELSE s.price END)
                        FILTER (WHERE %1$s AND NOT s.is_gift), 0) AS mrr
          FROM reader_subscriptions s, b
         WHERE s.created_at < b.hi
         GROUP BY 1, 2),
      k AS (SELECT author_id, currency FROM money UNION SELECT author_id, currency FROM refunds
            UNION SELECT author_id, currency FROM subs WHERE active > 0 OR fresh > 0 OR churned > 0)
      INSERT INTO author_revenue_snapshots AS r (author_id, day, currency, subscription_revenue, purchase_revenue, tip_revenue,
                                                 gift_revenue, gross, gateway_fees, platform_fees, refunds, net, active_subscribers,
                                                 new_subscribers, churned_subscribers, mrr, computed_at)
      SELECT k.author_id, $1::date, k.currency, coalesce(m.sub, 0), coalesce(m.purchase, 0), coalesce(m.tip, 0), coalesce(m.gift, 0),
             coalesce(m.gross, 0), coalesce(m.fees, 0), coalesce(m.pfees, 0), coalesce(f.refunds, 0),
             coalesce(m.gross, 0) - coalesce(m.fees, 0) - coalesce(m.pfees, 0) - coalesce(f.refunds, 0),
             coalesce(s.active, 0), coalesce(s.fresh, 0), coalesce(s.churned, 0), coalesce(s.mrr, 0), now()
        FROM k LEFT JOIN money m USING (author_id, currency) LEFT JOIN refunds f USING (author_id, currency)
        LEFT JOIN subs s USING (author_id, currency)
      ON CONFLICT (author_id, day, currency) DO UPDATE SET
        subscription_revenue = EXCLUDED.subscription_revenue, purchase_revenue = EXCLUDED.purchase_revenue,
        tip_revenue = EXCLUDED.tip_revenue, gift_revenue = EXCLUDED.gift_revenue, gross = EXCLUDED.gross,
        gateway_fees = EXCLUDED.gateway_fees, platform_fees = EXCLUDED.platform_fees, refunds = EXCLUDED.refunds, net = EXCLUDED.net,
        active_subscribers = EXCLUDED.active_subscribers, new_subscribers = EXCLUDED.new_subscribers,
        churned_subscribers = EXCLUDED.churned_subscribers, mrr = EXCLUDED.mrr, computed_at = now()
      """.formatted(ACTIVE);

    /**
     * The month starting $1 from its days. Subscribers and MRR are the month's last day's; churn rate = churned in the
     * month / (active at its start + new in it).
     */
    static final String MONTH = """
      INSERT INTO author_revenue_summaries AS r (author_id, month, currency, subscription_revenue, purchase_revenue, tip_revenue,
                                                 gift_revenue, gross, gateway_fees, platform_fees, refunds, net, active_subscribers,
                                                 new_subscribers, churned_subscribers, mrr, churn_rate, computed_at)
      SELECT author_id, $1::date, currency, sum(subscription_revenue), sum(purchase_revenue), sum(tip_revenue), sum(gift_revenue),
             sum(gross), sum(gateway_fees), sum(platform_fees), sum(refunds), sum(net),
             (array_agg(active_subscribers ORDER BY day DESC))[1], sum(new_subscribers), sum(churned_subscribers),
             (array_agg(mrr ORDER BY day DESC))[1],
             coalesce(round(sum(churned_subscribers)::numeric / nullif((array_agg(active_subscribers - new_subscribers + churned_subscribers
                 ORDER BY day))[1] + sum(new_subscribers), 0), 4), 0),
             now()
        FROM author_revenue_snapshots
       WHERE day >= $1::date AND day < ($1::date + interval '1 month')
       GROUP BY author_id, currency
      ON CONFLICT (author_id, month, currency) DO UPDATE SET
        subscription_revenue = EXCLUDED.subscription_revenue, purchase_revenue = EXCLUDED.purchase_revenue,
        tip_revenue = EXCLUDED.tip_revenue, gift_revenue = EXCLUDED.gift_revenue, gross = EXCLUDED.gross,
        gateway_fees = EXCLUDED.gateway_fees, platform_fees = EXCLUDED.platform_fees, refunds = EXCLUDED.refunds, net = EXCLUDED.net,
        active_subscribers = EXCLUDED.active_subscribers, new_subscribers = EXCLUDED.new_subscribers,
        churned_subscribers = EXCLUDED.churned_subscribers, mrr = EXCLUDED.mrr, churn_rate = EXCLUDED.churn_rate, computed_at = now()
      """;

    static final String DAYS = """
      SELECT * FROM author_revenue_snapshots WHERE author_id = $1 AND day >= $2 AND day <= $3 ORDER BY day, currency
      """;
    static final String MONTHS = """
      SELECT * FROM author_revenue_summaries WHERE author_id = $1 AND month >= date_trunc('month', $2::date) AND month <= $3
       ORDER BY month, currency
      """;
    /** Per currency: the latest day's subscribers and MRR, and the last 30 days' totals. */
    static final String STATS = """
      SELECT currency,
             (array_agg(mrr ORDER BY day DESC))[1] AS mrr,
             (array_agg(active_subscribers ORDER BY day DESC))[1] AS active,
             (array_agg(active_subscribers - new_subscribers + churned_subscribers ORDER BY day))[1] AS active_at_start,
             sum(new_subscribers) AS fresh, sum(churned_subscribers) AS churned, sum(gross) AS gross, sum(net) AS net,
             sum(refunds) AS refunds
        FROM author_revenue_snapshots WHERE author_id = $1 AND day > current_date - 30
       GROUP BY currency ORDER BY currency
      """;
}
