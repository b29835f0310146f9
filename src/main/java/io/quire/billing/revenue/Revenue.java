package io.quire.billing.revenue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.UUID;

/** An author's revenue, read from the workers' rollups ({@link RevenueJob}), never from the payments themselves. */
public final class Revenue {
    /** How a timeline is bucketed: daily snapshots or monthly summaries. */
    public enum Interval {
        DAY,
        MONTH
    }

    private final Pool pool;

    public Revenue(Pool pool) {
        this.pool = pool;
    }

    /** Per currency over the last 30 days: MRR, ARR, active subscribers, churn, ARPU, LTV, gross, net, refunds. */
    public Future<JsonObject> stats(UUID author) {
        return pool.preparedQuery(RevenueSql.STATS).execute(Tuple.of(author)).map(rows -> {
            JsonArray data = new JsonArray();
            rows.forEach(r -> data.add(stats(r)));
            return new JsonObject().put("data", data).put("windowDays", 30);
        });
    }

    /** The buckets from {@code from} to {@code to}, inclusive. */
    public Future<JsonObject> timeline(UUID author, Interval interval, LocalDate from, LocalDate to) {
        boolean daily = interval == Interval.DAY;
        return pool.preparedQuery(daily ? RevenueSql.DAYS : RevenueSql.MONTHS)
                .execute(Tuple.of(author, from, to))
                .map(rows -> {
                    JsonArray data = new JsonArray();
                    for (Row r : rows) {
                        JsonObject point = new JsonObject()
                                .put(
                                        "date",
                                        r.getLocalDate(daily ? "day" : "month").toString())
                                .put("currency", r.getString("currency"))
                                .put("subscriptionRevenue", r.getLong("subscription_revenue"))
                                .put("purchaseRevenue", r.getLong("purchase_revenue"))
                                .put("tipRevenue", r.getLong("tip_revenue"))
                                .put("giftRevenue", r.getLong("gift_revenue"))
                                .put("gross", r.getLong("gross"))
                                .put("gatewayFees", r.getLong("gateway_fees"))
                                .put("platformFees", r.getLong("platform_fees"))
                                .put("refunds", r.getLong("refunds"))
                                .put("net", r.getLong("net"))
                                .put("activeSubscribers", r.getInteger("active_subscribers"))
                                .put("newSubscribers", r.getInteger("new_subscribers"))
                                .put("churnedSubscribers", r.getInteger("churned_subscribers"))
                                .put("mrr", r.getLong("mrr"));
                        if (!daily) {
                            point.put("churnRate", r.getBigDecimal("churn_rate").doubleValue());
                        }
                        data.add(point);
                    }
                    return new JsonObject()
                            .put("interval", interval.name().toLowerCase(java.util.Locale.ROOT))
                            .put("from", from.toString())
                            .put("to", to.toString())
                            .put("data", data);
                });
    }

    /** LTV = ARPU / monthly churn rate; unknown (null) while nobody has churned. */
    private static JsonObject stats(Row r) {
        long mrr = r.getLong("mrr");
        long active = r.getLong("active");
        long base = r.getLong("active_at_start") + r.getLong("fresh");
        BigDecimal churn = base == 0
                ? BigDecimal.ZERO
                : BigDecimal.valueOf(r.getLong("churned")).divide(BigDecimal.valueOf(base), 4, RoundingMode.HALF_UP);
        Long arpu = active == 0 ? null : mrr / active;
        Long ltv = arpu == null || churn.signum() == 0
                ? null
                : BigDecimal.valueOf(arpu)
                        .divide(churn, 0, RoundingMode.HALF_UP)
                        .longValue();
        return new JsonObject()
                .put("currency", r.getString("currency"))
                .put("mrr", mrr)
                .put("arr", mrr * 12)
                .put("activeSubscribers", active)
                .put("churnRate", churn.doubleValue())
                .put("arpu", arpu)
                .put("ltv", ltv)
                .put("gross30d", r.getLong("gross"))
                .put("net30d", r.getLong("net"))
                .put("refunds30d", r.getLong("refunds"));
    }
}
