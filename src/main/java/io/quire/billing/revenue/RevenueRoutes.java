package io.quire.billing.revenue;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.number;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.auth.Authz;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * §8.2 {@code /payments/stats} (per currency: MRR, ARR, active subscribers, 30-day churn rate, ARPU, LTV, 30-day gross
 * and net) and {@code /payments/timeline} (daily snapshots or monthly summaries between two dates). Both read the
 * workers' rollups ({@code billing.revenue}), never the payments themselves.
 */
public final class RevenueRoutes {
    private final Pool pool;

    public RevenueRoutes(Pool pool) {
        this.pool = pool;
    }

    public void mount(Api api) {
        api.raw(
                Endpoint.get("/api/v1/payments/stats")
                        .id("getPaymentStats")
                        .tag("billing")
                        .summary(
                                "Per currency: MRR, ARR, active subscribers, 30-day churn rate, ARPU, LTV (ARPU / churn), 30-day gross, net and refunds, from the revenue rollups")
                        .access(Access.signedIn())
                        .ok(
                                200,
                                object().optional("windowDays", integer())
                                        .optional(
                                                "data",
                                                array(object().optional("currency", nullable(string()))
                                                        .optional("mrr", integer())
                                                        .optional("arr", integer())
                                                        .optional("activeSubscribers", integer())
                                                        .optional("churnRate", number())
                                                        .optional("arpu", integer())
                                                        .optional("ltv", integer())
                                                        .optional("gross30d", integer())
                                                        .optional("net30d", integer())
                                                        .optional("refunds30d", integer()))),
                                "OK"),
                ctx -> pool.preparedQuery(RevenueSql.STATS)
                        .execute(Tuple.of(Authz.require(ctx).userId()))
                        .onSuccess(rows -> {
                            JsonArray data = new JsonArray();
                            rows.forEach(r -> data.add(stats(r)));
                            Responses.json(
                                    ctx, 200, new JsonObject().put("data", data).put("windowDays", 30));
                        })
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.get("/api/v1/payments/timeline")
                        .id("getPaymentTimeline")
                        .tag("billing")
                        .summary("Revenue per day (snapshots) or month (summaries, with churnRate) between two dates")
                        .access(Access.signedIn())
                        .query("from", string(), "YYYY-MM-DD, default 29 days before to")
                        .query("to", string(), "YYYY-MM-DD, default today")
                        .query("interval", string(), "day (default) or month")
                        .ok(
                                200,
                                object().optional("interval", string())
                                        .optional("to", string())
                                        .optional(
                                                "data",
                                                array(object().optional("date", string())
                                                        .optional("currency", nullable(string()))
                                                        .optional("subscriptionRevenue", integer())
                                                        .optional("purchaseRevenue", integer())
                                                        .optional("tipRevenue", integer())
                                                        .optional("giftRevenue", integer())
                                                        .optional("gross", integer())
                                                        .optional("gatewayFees", integer())
                                                        .optional("platformFees", integer())
                                                        .optional("refunds", integer())
                                                        .optional("net", integer())
                                                        .optional("activeSubscribers", integer())
                                                        .optional("newSubscribers", integer())
                                                        .optional("churnedSubscribers", integer())
                                                        .optional("mrr", integer())
                                                        .optional("churnRate", number()))),
                                "OK")
                        .problems(422),
                this::timeline);
    }

    private void timeline(RoutingContext ctx) {
        String interval = ctx.queryParams().get("interval") == null
                ? "day"
                : ctx.queryParams().get("interval");
        LocalDate to;
        LocalDate from;
        try {
            to = ctx.queryParams().get("to") == null
                    ? LocalDate.now()
                    : LocalDate.parse(ctx.queryParams().get("to"));
            from = ctx.queryParams().get("from") == null
                    ? to.minusDays(29)
                    : LocalDate.parse(ctx.queryParams().get("from"));
        } catch (DateTimeParseException e) {
            throw invalid("from", "from and to must be dates (YYYY-MM-DD)");
        }
        if (!interval.equals("day") && !interval.equals("month")) {
            throw invalid("interval", "must be day or month");
        }
        if (from.isAfter(to) || ChronoUnit.DAYS.between(from, to) > 731) {
            throw invalid("from", "must be before to, at most two years apart");
        }
        boolean daily = interval.equals("day");
        pool.preparedQuery(daily ? RevenueSql.DAYS : RevenueSql.MONTHS)
                .execute(Tuple.of(Authz.require(ctx).userId(), from, to))
                .onSuccess(rows -> {
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
                    Responses.json(
                            ctx,
                            200,
                            new JsonObject()
                                    .put("interval", interval)
                                    .put("from", from.toString())
                                    .put("to", to.toString())
                                    .put("data", data));
                })
                .onFailure(ctx::fail);
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

    private static ApiException invalid(String field, String message) {
        return new ApiException.Validation(
                "request.invalid", "The request is invalid.", List.of(new ApiException.FieldError(field, message)));
    }
}
