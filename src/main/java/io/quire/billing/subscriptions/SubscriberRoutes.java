package io.quire.billing.subscriptions;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.number;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Authz;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.Csv;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.Responses;
import io.quire.platform.http.TimeCursor;
import io.quire.sites.SiteService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * §7.2 author subscriber management for a site's owner and editors: the subscribers (filtered by status and tier,
 * newest first), one subscriber with their payments, live stats (by status and tier, MRR, the last 30 days' new and
 * churned), a CSV export and a 12-month churn table. Readers are shown by name, not email address.
 */
public final class SubscriberRoutes {
    private static final String COLUMNS = """
      s.*, t.name AS tier_name, si.name AS site_name, u.username, u.display_name
        FROM reader_subscriptions s JOIN subscription_tiers t ON t.id = s.tier_id JOIN sites si ON si.id = s.site_id
        JOIN users u ON u.id = s.reader_id
      """;
    static final String LIST = "SELECT " + COLUMNS + """
       WHERE s.site_id = $1 AND s.status <> 'INCOMPLETE' AND NOT (s.status = 'EXPIRED' AND s.current_period_start IS NULL)
         AND ($2::text IS NULL OR s.status = $2) AND ($3::uuid IS NULL OR s.tier_id = $3)
         AND ($4::timestamptz IS NULL OR (s.created_at, s.id) < ($4, $5))
       ORDER BY s.created_at DESC, s.id DESC LIMIT $6
      """;
    static final String ONE = "SELECT " + COLUMNS + " WHERE s.site_id = $1 AND s.id = $2 AND s.status <> 'INCOMPLETE'";
    static final String PAYMENTS =
            "SELECT * FROM payments WHERE subscription_id = $1 ORDER BY created_at DESC LIMIT 100";
    static final String STATS = """
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
    static final String BY_TIER = """
      SELECT t.id, t.name, count(s.id) AS live FROM subscription_tiers t
        LEFT JOIN reader_subscriptions s ON s.tier_id = t.id AND s.status IN ('ACTIVE', 'PAST_DUE', 'CANCELLED')
       WHERE t.site_id = $1 GROUP BY t.id, t.name, t.display_order ORDER BY t.display_order
      """;
    /** Per month of the last 12: live at its start, new in it, ended in it, and the rate. */
    static final String CHURN = """
      WITH months AS (SELECT generate_series(date_trunc('month', now()) - interval '11 months', date_trunc('month', now()),
                                             interval '1 month') AS m),
      subs AS (SELECT created_at, expires_at FROM reader_subscriptions WHERE site_id = $1 AND current_period_start IS NOT NULL)
      SELECT m.m AS month,
             (SELECT count(*) FROM subs WHERE created_at < m.m AND (expires_at IS NULL OR expires_at >= m.m)) AS at_start,
             (SELECT count(*) FROM subs WHERE created_at >= m.m AND created_at < m.m + interval '1 month') AS fresh,
             (SELECT count(*) FROM subs WHERE expires_at >= m.m AND expires_at < m.m + interval '1 month') AS churned
        FROM months m ORDER BY m.m
      """;

    static final String EXPORT = "SELECT " + COLUMNS + """
       WHERE s.site_id = $1 AND s.current_period_start IS NOT NULL ORDER BY s.created_at, s.id
      """;

    private final Pool pool;

    public SubscriberRoutes(Pool pool) {
        this.pool = pool;
    }

    public void mount(Api api) {
        api.raw(
                Endpoint.get("/api/v1/sites/{siteId}/subscribers/stats")
                        .id("getSubscriberStats")
                        .tag("billing")
                        .summary("Subscribers by status and tier, MRR, new and churned in 30 days")
                        .access(Access.signedIn())
                        .ok(
                                200,
                                object().optional("siteId", nullable(string()))
                                        .optional("subscribers", integer())
                                        .optional("active", integer())
                                        .optional("pastDue", integer())
                                        .optional("cancelled", integer())
                                        .optional("paused", integer())
                                        .optional("expired", integer())
                                        .optional("new30d", integer())
                                        .optional("churned30d", integer())
                                        .optional("mrr", integer())
                                        .optional("currency", nullable(string()))
                                        .optional(
                                                "byTier",
                                                array(object().optional("tierId", nullable(string()))
                                                        .optional("name", string())
                                                        .optional("subscribers", integer()))),
                                "OK")
                        .problems(403),
                ctx -> managed(ctx)
                        .compose(site -> pool.preparedQuery(STATS)
                                .execute(Tuple.of(site))
                                .compose(stats -> pool.preparedQuery(BY_TIER)
                                        .execute(Tuple.of(site))
                                        .map(tiers -> {
                                            Row r = stats.iterator().next();
                                            JsonArray byTier = new JsonArray();
                                            tiers.forEach(t -> byTier.add(new JsonObject()
                                                    .put(
                                                            "tierId",
                                                            t.getUUID("id").toString())
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
                                        })))
                        .onSuccess(j -> Responses.json(ctx, 200, j))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.get("/api/v1/sites/{siteId}/subscribers/churn")
                        .id("getSubscriberChurn")
                        .tag("billing")
                        .summary("The last 12 months: live at the start, new, ended, churn rate")
                        .access(Access.signedIn())
                        .ok(
                                200,
                                object().optional(
                                                "data",
                                                array(object().optional("month", string())
                                                        .optional("atStart", integer())
                                                        .optional("new", integer())
                                                        .optional("churned", integer())
                                                        .optional("churnRate", number()))),
                                "OK")
                        .problems(403),
                ctx -> managed(ctx)
                        .compose(site -> pool.preparedQuery(CHURN).execute(Tuple.of(site)))
                        .onSuccess(rows -> {
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
                                                        : Math.round(r.getLong("churned") * 10000.0 / base0)
                                                                / 10000.0));
                            }
                            Responses.json(ctx, 200, new JsonObject().put("data", data));
                        })
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.get("/api/v1/sites/{siteId}/subscribers/export")
                        .id("exportSubscribers")
                        .tag("billing")
                        .summary("Subscribers as CSV")
                        .access(Access.signedIn())
                        .ok(200, string(), "OK")
                        .problems(403),
                ctx -> managed(ctx)
                        .compose(site -> pool.preparedQuery(EXPORT).execute(Tuple.of(site)))
                        .onSuccess(rows -> {
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
                            ctx.response()
                                    .putHeader("Content-Type", "text/csv; charset=utf-8")
                                    .putHeader("Content-Disposition", "attachment; filename=\"subscribers.csv\"")
                                    .end(csv.toString());
                        })
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.get("/api/v1/sites/{siteId}/subscribers")
                        .id("listSubscribers")
                        .tag("billing")
                        .summary("The site's subscribers, newest first (owner, editors)")
                        .access(Access.signedIn())
                        .paged()
                        .query("status", string(), "a subscription status")
                        .query("tierId", string(), "one tier")
                        .ok(
                                200,
                                Schema.list(object().optional("id", string())
                                        .optional("siteId", nullable(string()))
                                        .optional("siteName", string())
                                        .optional("tierId", nullable(string()))
                                        .optional("tierName", string())
                                        .optional("readerId", string())
                                        .optional(
                                                "status",
                                                string().oneOf(
                                                                "INCOMPLETE",
                                                                "ACTIVE",
                                                                "PAST_DUE",
                                                                "CANCELLED",
                                                                "EXPIRED",
                                                                "PAUSED"))
                                        .optional("billingCycle", string())
                                        .optional("price", nullable(integer()))
                                        .optional("currency", nullable(string()))
                                        .optional("gateway", string())
                                        .optional("currentPeriodStart", nullable(string()))
                                        .optional("currentPeriodEnd", nullable(string()))
                                        .optional("autoRenew", Schema.bool())
                                        .optional("isGift", Schema.bool())
                                        .optional("isTrialing", Schema.bool())
                                        .optional("trialEndsAt", nullable(string()))
                                        .optional("cancelledAt", nullable(string()))
                                        .optional("cancelReason", nullable(string()))
                                        .optional("expiresAt", nullable(string()))
                                        .optional("createdAt", string())
                                        .optional("username", string())
                                        .optional("displayName", string())),
                                "OK")
                        .problems(400, 403, 422),
                this::list);
        api.raw(
                Endpoint.get("/api/v1/sites/{siteId}/subscribers/{subscriptionId}")
                        .id("getSubscriber")
                        .tag("billing")
                        .summary("One subscriber with their payments")
                        .access(Access.signedIn())
                        .ok(
                                200,
                                object().optional("id", string())
                                        .optional("siteId", nullable(string()))
                                        .optional("siteName", string())
                                        .optional("tierId", nullable(string()))
                                        .optional("tierName", string())
                                        .optional("readerId", string())
                                        .optional(
                                                "status",
                                                string().oneOf(
                                                                "INCOMPLETE",
                                                                "ACTIVE",
                                                                "PAST_DUE",
                                                                "CANCELLED",
                                                                "EXPIRED",
                                                                "PAUSED"))
                                        .optional("billingCycle", string())
                                        .optional("price", nullable(integer()))
                                        .optional("currency", nullable(string()))
                                        .optional("gateway", string())
                                        .optional("currentPeriodStart", nullable(string()))
                                        .optional("currentPeriodEnd", nullable(string()))
                                        .optional("autoRenew", Schema.bool())
                                        .optional("isGift", Schema.bool())
                                        .optional("isTrialing", Schema.bool())
                                        .optional("trialEndsAt", nullable(string()))
                                        .optional("cancelledAt", nullable(string()))
                                        .optional("cancelReason", nullable(string()))
                                        .optional("expiresAt", nullable(string()))
                                        .optional("createdAt", string())
                                        .optional("username", string())
                                        .optional("displayName", string())
                                        .optional("payments", array(ref("Payment"))),
                                "OK")
                        .problems(403),
                ctx -> managed(ctx)
                        .compose(site -> {
                            UUID id = PathParams.uuid(ctx, "subscriptionId", "subscription.not_found");
                            return pool.preparedQuery(ONE).execute(Tuple.of(site, id));
                        })
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                return Future.failedFuture(
                                        new ApiException.NotFound("subscription.not_found", "Not found."));
                            }
                            Row r = rows.iterator().next();
                            return pool.preparedQuery(PAYMENTS)
                                    .execute(Tuple.of(r.getUUID("id")))
                                    .map(payments -> {
                                        JsonArray list = new JsonArray();
                                        payments.forEach(p -> list.add(io.quire.billing.ledger.Payments.json(p)));
                                        return json(r).put("payments", list);
                                    });
                        })
                        .onSuccess(j -> Responses.json(ctx, 200, j))
                        .onFailure(ctx::fail));
    }

    private void list(RoutingContext ctx) {
        var q = ctx.queryParams();
        String status = q.get("status");
        if (status != null
                && !List.of("ACTIVE", "PAST_DUE", "CANCELLED", "EXPIRED", "PAUSED")
                        .contains(status)) {
            throw new ApiException.Validation(
                    "request.invalid",
                    "The request is invalid.",
                    List.of(new ApiException.FieldError(
                            "status", "must be ACTIVE, PAST_DUE, CANCELLED, EXPIRED or PAUSED")));
        }
        UUID tier;
        try {
            tier = q.get("tierId") == null ? null : UUID.fromString(q.get("tierId"));
        } catch (IllegalArgumentException e) {
            throw new ApiException.Validation(
                    "request.invalid",
                    "The request is invalid.",
                    List.of(new ApiException.FieldError("tierId", "must be an id")));
        }
        TimeCursor after = TimeCursor.decode(q.get("cursor"));
        int limit = QueryParams.limit(ctx);
        managed(ctx)
                .compose(site -> pool.preparedQuery(LIST)
                        .execute(Tuple.tuple()
                                .addUUID(site)
                                .addString(status)
                                .addUUID(tier)
                                .addOffsetDateTime(after.at())
                                .addUUID(after.id())
                                .addInteger(limit + 1)))
                .onSuccess(rows -> Responses.json(
                        ctx, 200, TimeCursor.page(rows, limit, SubscriberRoutes::json, "created_at", "id")))
                .onFailure(ctx::fail);
    }

    /** The site, if the caller manages it (owner, editor, admin); else 404/403 as for every site route. */
    private Future<UUID> managed(RoutingContext ctx) {
        UUID site = PathParams.uuid(ctx, "siteId", "site.not_found");
        return SiteService.membership(pool, site, Authz.require(ctx))
                .map(m -> m.requireManage().siteId());
    }

    private static JsonObject json(Row r) {
        return SubscriptionJson.of(r)
                .put("username", r.getString("username"))
                .put("displayName", r.getString("display_name"));
    }
}
