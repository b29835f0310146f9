package io.quire.billing.subscriptions;

import io.quire.billing.ledger.Payments;
import io.quire.billing.ledger.SubscriptionStatus;
import io.quire.platform.auth.Principal;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.Csv;
import io.quire.platform.http.TimeCursor;
import io.quire.sites.SiteService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * §7.2 a site's subscribers for its owner and editors: the list (by status and tier, newest first), one with their
 * payments, live stats, a 12-month churn table and a CSV export. Readers are shown by name, never by email address.
 */
public final class Subscribers {
    private static final String COLUMNS = """
      s.*, t.name AS tier_name, si.name AS site_name, u.username, u.display_name
        FROM reader_subscriptions s JOIN subscription_tiers t ON t.id = s.tier_id JOIN sites si ON si.id = s.site_id
        JOIN users u ON u.id = s.reader_id
      """;
    private static final String LIST = "SELECT " + COLUMNS + """
       WHERE s.site_id = $1 AND s.status <> 'INCOMPLETE' AND NOT (s.status = 'EXPIRED' AND s.current_period_start IS NULL)
         AND ($2::text IS NULL OR s.status = $2) AND ($3::uuid IS NULL OR s.tier_id = $3)
         AND ($4::timestamptz IS NULL OR (s.created_at, s.id) < ($4, $5))
       ORDER BY s.created_at DESC, s.id DESC LIMIT $6
      """;
    private static final String ONE =
            "SELECT " + COLUMNS + " WHERE s.site_id = $1 AND s.id = $2 AND s.status <> 'INCOMPLETE'";
    private static final String PAYMENTS =
            "SELECT * FROM payments WHERE subscription_id = $1 ORDER BY created_at DESC LIMIT 100";
    private static final String STATS = """
      SELECT count(*) FILTER (WHERE s.status IN ('ACTIVE', 'PAST_DUE', 'CANCELLED')) AS live,
             count(*) FILTER (WHERE s.status = 'ACTIVE') AS active, count(*) FILTER (WHERE s.status = 'PAST_DUE') AS past_due,
             count(*) FILTER (WHERE s.status = 'CANCELLED') AS cancelled, count(*) FILTER (WHERE s.status = 'PAUSED') AS paused,
             count(*) FILTER (WHERE s.status = 'EXPIRED') AS expired,
             count(*) FILTER (WHERE s.created_at > now() - interval '30 days') AS new30,
             count(*) FILTER (WHERE s.expires_at > now() - interval '30 days') AS churned30,
             coalesce(sum(CASE WHEN s.billing_cycle = 'ANNUAL' THEN s.price / 12 ELSE s.price END)
                      FILTER (WHERE s.status IN ('ACTIVE', 'PAST_DUE') AND NOT s.is_gift), 0) AS mrr,
             min(s.currency) AS currency
        FROM reader_subscriptions s
       WHERE s.site_id = $1 AND s.current_period_start IS NOT NULL
      """;
    private static final String BY_TIER = """
      SELECT t.id, t.name, count(s.id) AS live FROM subscription_tiers t
        LEFT JOIN reader_subscriptions s ON s.tier_id = t.id AND s.status IN ('ACTIVE', 'PAST_DUE', 'CANCELLED')
       WHERE t.site_id = $1 GROUP BY t.id, t.name, t.display_order ORDER BY t.display_order
      """;
    /** Per month of the last 12: live at its start, new in it, ended in it, and the rate. */
    private static final String CHURN = """
      WITH months AS (SELECT generate_series(date_trunc('month', now()) - interval '11 months', date_trunc('month', now()),
                                             interval '1 month') AS m),
      subs AS (SELECT created_at, expires_at FROM reader_subscriptions WHERE site_id = $1 AND current_period_start IS NOT NULL)
      SELECT m.m AS month,
             (SELECT count(*) FROM subs WHERE created_at < m.m AND (expires_at IS NULL OR expires_at >= m.m)) AS at_start,
             (SELECT count(*) FROM subs WHERE created_at >= m.m AND created_at < m.m + interval '1 month') AS fresh,
             (SELECT count(*) FROM subs WHERE expires_at >= m.m AND expires_at < m.m + interval '1 month') AS churned
        FROM months m ORDER BY m.m
      """;

    private static final String EXPORT = "SELECT " + COLUMNS + """
       WHERE s.site_id = $1 AND s.current_period_start IS NOT NULL ORDER BY s.created_at, s.id
      """;

    private final Pool pool;

    public Subscribers(Pool pool) {
        this.pool = pool;
    }

    /** Live subscribers by status and tier, MRR, and the last 30 days' new and churned. */
    public Future<JsonObject> stats(Principal caller, UUID siteId) {
        return managed(caller, siteId)
                .compose(site -> pool.preparedQuery(STATS)
                        .execute(Tuple.of(site))
                        .compose(stats -> pool.preparedQuery(BY_TIER)
                                .execute(Tuple.of(site))
                                .map(tiers -> {
                                    Row r = stats.iterator().next();
                                    JsonArray byTier = new JsonArray();
                                    tiers.forEach(t -> byTier.add(new JsonObject()
                                            .put("tierId", t.getUUID("id").toString())
                                            .put("name", t.getString("name"))
                                            .put("subscribers", t.getLong("live"))));
                                    return new JsonObject()
                                            .put("siteId", site.toString())
                                            .put("subscribers", r.getLong("live"))
                                            .put("active", r.getLong("active"))
                                            .put("pastDue", r.getLong("past_due"))
                                            .put("cancelled", r.getLong("cancelled"))
                                            .put("paused", r.getLong("paused"))
                                            .put("expired", r.getLong("expired"))
                                            .put("new30d", r.getLong("new30"))
                                            .put("churned30d", r.getLong("churned30"))
                                            .put("mrr", r.getLong("mrr"))
                                            .put("currency", r.getString("currency"))
                                            .put("byTier", byTier);
                                })));
    }

    /** Per month of the last 12: live at its start, new, churned and the rate. */
    public Future<JsonObject> churn(Principal caller, UUID siteId) {
        return managed(caller, siteId)
                .compose(site -> pool.preparedQuery(CHURN).execute(Tuple.of(site)))
                .map(rows -> {
                    JsonArray data = new JsonArray();
                    for (Row r : rows) {
                        long base0 = r.getLong("at_start") + r.getLong("fresh");
                        data.add(new JsonObject()
                                .put("month", Times.iso(r.getOffsetDateTime("month")))
                                .put("atStart", r.getLong("at_start"))
                                .put("new", r.getLong("fresh"))
                                .put("churned", r.getLong("churned"))
                                .put(
                                        "churnRate",
                                        base0 == 0
                                                ? 0.0
                                                : Math.round(r.getLong("churned") * 10000.0 / base0) / 10000.0));
                    }
                    return new JsonObject().put("data", data);
                });
    }

    /** Every subscriber who ever paid, oldest first, as CSV. */
    public Future<String> csv(Principal caller, UUID siteId) {
        return managed(caller, siteId)
                .compose(site -> pool.preparedQuery(EXPORT).execute(Tuple.of(site)))
                .map(rows -> {
                    StringBuilder csv = new StringBuilder(Csv.line(
                            "subscription_id",
                            "username",
                            "display_name",
                            "tier",
                            "status",
                            "billing_cycle",
                            "price",
                            "currency",
                            "gateway",
                            "started_at",
                            "current_period_end",
                            "auto_renew",
                            "is_gift",
                            "expired_at"));
                    for (Row r : rows) {
                        csv.append(Csv.line(
                                r.getUUID("id"),
                                r.getString("username"),
                                r.getString("display_name"),
                                r.getString("tier_name"),
                                r.getString("status"),
                                r.getString("billing_cycle"),
                                r.getLong("price"),
                                r.getString("currency"),
                                r.getString("gateway"),
                                Times.iso(r.getOffsetDateTime("created_at")),
                                Times.iso(r.getOffsetDateTime("current_period_end")),
                                r.getBoolean("auto_renew"),
                                r.getBoolean("is_gift"),
                                Times.iso(r.getOffsetDateTime("expires_at"))));
                    }
                    return csv.toString();
                });
    }

    /** Newest first; {@code status} and {@code tier} null for all. */
    public Future<JsonObject> list(
            Principal caller, UUID siteId, SubscriptionStatus status, UUID tier, String cursor, int limit) {
        TimeCursor after = TimeCursor.decode(cursor);
        return managed(caller, siteId)
                .compose(site -> pool.preparedQuery(LIST)
                        .execute(Tuple.tuple()
                                .addUUID(site)
                                .addString(status == null ? null : status.name())
                                .addUUID(tier)
                                .addOffsetDateTime(after.at())
                                .addUUID(after.id())
                                .addInteger(limit + 1)))
                .map(rows -> TimeCursor.page(rows, limit, Subscribers::json, "created_at", "id"));
    }

    /** One subscriber with their last 100 payments. */
    public Future<JsonObject> one(Principal caller, UUID siteId, UUID id) {
        return managed(caller, siteId)
                .compose(site -> pool.preparedQuery(ONE).execute(Tuple.of(site, id)))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(new ApiException.NotFound("subscription.not_found", "Not found."));
                    }
                    Row r = rows.iterator().next();
                    return pool.preparedQuery(PAYMENTS)
                            .execute(Tuple.of(r.getUUID("id")))
                            .map(payments -> {
                                JsonArray list = new JsonArray();
                                payments.forEach(p -> list.add(Payments.json(p)));
                                return json(r).put("payments", list);
                            });
                });
    }

    /** The site, if the caller manages it (owner, editor, admin); else 404/403 as for every site route. */
    private Future<UUID> managed(Principal caller, UUID site) {
        return SiteService.membership(pool, site, caller)
                .map(m -> m.requireManage().siteId());
    }

    private static JsonObject json(Row r) {
        return SubscriptionJson.of(r)
                .put("username", r.getString("username"))
                .put("displayName", r.getString("display_name"));
    }
}
