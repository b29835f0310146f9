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
import io.quire.platform.api.Reply;
import io.quire.platform.http.ApiException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * §8.2 {@code /payments/stats} (per currency: MRR, ARR, active subscribers, 30-day churn rate, ARPU, LTV, 30-day gross
 * and net) and {@code /payments/timeline} (daily snapshots or monthly summaries between two dates). Both read the
 * workers' rollups ({@code billing.revenue}), never the payments themselves.
 */
public final class RevenueRoutes {
    private final Revenue revenue;

    public RevenueRoutes(Revenue revenue) {
        this.revenue = revenue;
    }

    public void mount(Api api) {
        api.on(
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
                call -> revenue.stats(call.user().userId()).map(Reply::ok));
        api.on(
                Endpoint.get("/api/v1/payments/timeline")
                        .id("getPaymentTimeline")
                        .tag("billing")
                        .summary("Revenue per day (snapshots) or month (summaries, with churnRate) between two dates")
                        .access(Access.signedIn())
                        .query("from", string().format("date"), "First day (default: 29 days before to)")
                        .query("to", string().format("date"), "Last day (default: today); at most two years after from")
                        .query("interval", string().oneOf("day", "month"), "day (default) or month")
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
                call -> {
                    LocalDate to = call.query("to") == null ? LocalDate.now() : LocalDate.parse(call.query("to"));
                    LocalDate from =
                            call.query("from") == null ? to.minusDays(29) : LocalDate.parse(call.query("from"));
                    if (from.isAfter(to) || ChronoUnit.DAYS.between(from, to) > 731) {
                        throw invalid("from", "must be before to, at most two years apart");
                    }
                    String interval = call.query("interval") == null ? "day" : call.query("interval");
                    return revenue.timeline(
                                    call.user().userId(),
                                    Revenue.Interval.valueOf(interval.toUpperCase(java.util.Locale.ROOT)),
                                    from,
                                    to)
                            .map(Reply::ok);
                });
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException.Validation(
                "request.invalid", "The request is invalid.", List.of(new ApiException.FieldError(field, message)));
    }
}
