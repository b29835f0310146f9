package io.quire.billing.revenue;

import io.quire.platform.auth.Authz;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.Responses;
import io.quire.sites.SiteService;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * {@code GET /sites/:siteId/analytics/revenue}: one site's money over a range, for whoever may see its analytics —
 * per bucket (day, week, month; UTC) and currency: revenue by kind, fees, net; refunds made in the range; subscribers
 * started and ended in it; live subscribers and MRR now. The author-wide rollups ({@code billing.revenue}) are per
 * author; a site's figures come from its payments, which are indexed by site and time.
 */
public final class SiteRevenueRoutes {
  private static final String MONEY = """
      SELECT date_trunc($4, processed_at AT TIME ZONE 'UTC')::date AS bucket, currency,
             coalesce(sum(gross_amount) FILTER (WHERE type = 'SUBSCRIPTION'), 0) AS subscription_revenue,
             coalesce(sum(gross_amount) FILTER (WHERE type = 'ONE_TIME_PURCHASE'), 0) AS purchase_revenue,
             coalesce(sum(gross_amount) FILTER (WHERE type = 'TIP'), 0) AS tip_revenue,
             coalesce(sum(gross_amount) FILTER (WHERE type = 'GIFT'), 0) AS gift_revenue,
             sum(gross_amount) AS gross, sum(coalesce(gateway_fee, 0)) AS gateway_fees, sum(coalesce(platform_fee, 0)) AS platform_fees,
             count(*) AS payments
        FROM payments
       WHERE site_id = $1 AND processed_at >= $2::date AND processed_at < $3::date + 1
         AND status IN ('SUCCEEDED', 'REFUNDED', 'PARTIALLY_REFUNDED', 'DISPUTED')
       GROUP BY 1, 2 ORDER BY 1, 2
      """;
  private static final String REFUNDS = """
      SELECT currency, sum(refunded_amount) AS refunds FROM payments
       WHERE site_id = $1 AND refunded_at >= $2::date AND refunded_at < $3::date + 1 GROUP BY currency
      """;
  private static final String SUBSCRIBERS = """
      SELECT count(*) FILTER (WHERE created_at >= $2::date AND created_at < $3::date + 1) AS started,
             count(*) FILTER (WHERE expires_at >= $2::date AND expires_at < $3::date + 1) AS ended,
             count(*) FILTER (WHERE status IN ('ACTIVE', 'PAST_DUE', 'CANCELLED')) AS live,
             coalesce(sum(CASE WHEN billing_cycle = 'ANNUAL' THEN price / 12 ELSE price END)
                      FILTER (WHERE status IN ('ACTIVE', 'PAST_DUE') AND NOT is_gift), 0) AS mrr
        FROM reader_subscriptions WHERE site_id = $1 AND current_period_start IS NOT NULL
      """;
  private final Pool pool;

  public SiteRevenueRoutes(Pool pool) {
    this.pool = pool;
  }

  public void mount(Router router) {
    router.get("/api/v1/sites/:siteId/analytics/revenue").handler(Authz.authenticated()).handler(this::report);
  }

  private void report(RoutingContext ctx) {
    UUID site = PathParams.uuid(ctx, "siteId", "site.not_found");
    String interval = ctx.queryParams().get("interval") == null ? "day" : ctx.queryParams().get("interval");
    LocalDate to;
    LocalDate from;
    try {
      to = ctx.queryParams().get("to") == null ? LocalDate.now() : LocalDate.parse(ctx.queryParams().get("to"));
      from = ctx.queryParams().get("from") == null ? to.minusDays(29) : LocalDate.parse(ctx.queryParams().get("from"));
    } catch (DateTimeParseException e) {
      throw invalid("from", "from and to must be dates (YYYY-MM-DD)");
    }
    if (!List.of("day", "week", "month").contains(interval)) {
      throw invalid("interval", "must be day, week or month");
    }
    if (from.isAfter(to) || ChronoUnit.DAYS.between(from, to) > 366) {
      throw invalid("from", "must be before to, at most 366 days apart");
    }
    LocalDate start = from;
    LocalDate end = to;
    SiteService.analyticsMembership(pool, site, Authz.require(ctx))
        .compose(m -> pool.preparedQuery(MONEY).execute(Tuple.of(site, start, end, interval)))
        .compose(money -> pool.preparedQuery(REFUNDS).execute(Tuple.of(site, start, end))
            .compose(refunds -> pool.preparedQuery(SUBSCRIBERS).execute(Tuple.of(site, start, end)).map(subs -> {
              JsonArray timeline = new JsonArray();
              JsonObject totals = new JsonObject();
              for (Row r : money) {
                long net = r.getLong("gross") - r.getLong("gateway_fees") - r.getLong("platform_fees");
                timeline.add(new JsonObject().put("date", r.getLocalDate("bucket").toString()).put("currency", r.getString("currency"))
                    .put("subscriptionRevenue", r.getLong("subscription_revenue")).put("purchaseRevenue", r.getLong("purchase_revenue"))
                    .put("tipRevenue", r.getLong("tip_revenue")).put("giftRevenue", r.getLong("gift_revenue")).put("gross", r.getLong("gross"))
                    .put("gatewayFees", r.getLong("gateway_fees")).put("platformFees", r.getLong("platform_fees")).put("net", net)
                    .put("payments", r.getLong("payments")));
                JsonObject t = totals.getJsonObject(r.getString("currency"), new JsonObject().put("gross", 0L).put("net", 0L).put("refunds", 0L));
                totals.put(r.getString("currency"), t.put("gross", t.getLong("gross") + r.getLong("gross")).put("net", t.getLong("net") + net));
              }
              for (Row r : refunds) {
                JsonObject t = totals.getJsonObject(r.getString("currency"), new JsonObject().put("gross", 0L).put("net", 0L).put("refunds", 0L));
                totals.put(r.getString("currency"), t.put("refunds", r.getLong("refunds")).put("net", t.getLong("net") - r.getLong("refunds")));
              }
              Row s = subs.iterator().next();
              return new JsonObject().put("siteId", site.toString())
                  .put("range", new JsonObject().put("from", start.toString()).put("to", end.toString()).put("interval", interval))
                  .put("totals", totals).put("timeline", timeline)
                  .put("subscribers", new JsonObject().put("started", s.getLong("started")).put("ended", s.getLong("ended"))
                      .put("live", s.getLong("live")).put("mrr", s.getLong("mrr")));
            })))
        .onSuccess(j -> Responses.json(ctx, 200, j)).onFailure(ctx::fail);
  }

  private static ApiException invalid(String field, String message) {
    return new ApiException.Validation("request.invalid", "The request is invalid.", List.of(new ApiException.FieldError(field, message)));
  }
}
