package io.quire.billing.subscriptions;

import io.quire.billing.gateway.GatewayException;
import io.quire.billing.gateway.Gateways;
import io.quire.billing.gateway.PaymentGateway;
import io.quire.billing.ledger.Ledger;
import io.quire.billing.ledger.Payments;
import io.quire.billing.ledger.SubscriptionStatus;
import io.quire.billing.ledger.Subscriptions;
import io.quire.billing.tiers.TierPlans;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * §7.2 a reader's own subscriptions: list, get, invoices, and the gateway-backed changes — cancel (at the end of
 * the paid period), resume (undo that while the period lasts, where the gateway can), pause, unpause and a move to
 * another tier. Someone else's subscription is a 404. Every change answers the subscription as it is afterwards.
 */
public final class MySubscriptions {
    /** A move to another tier of the same site; {@code billingCycle} null keeps the current one. */
    public record TierChange(UUID tierId, BillingCycle billingCycle) {}

    public enum BillingCycle {
        MONTHLY,
        ANNUAL
    }

    private final Pool pool;
    private final Gateways gateways;
    private final Ledger ledger;
    private final QuireConfig.Billing config;

    public MySubscriptions(Pool pool, Gateways gateways, Ledger ledger, QuireConfig.Billing config) {
        this.pool = pool;
        this.gateways = gateways;
        this.ledger = ledger;
        this.config = config;
    }

    /** Newest first, open checkouts left out; {@code status} null for every status. */
    public Future<JsonArray> list(UUID reader, SubscriptionStatus status) {
        return pool.preparedQuery(MySubscriptionSql.MINE)
                .execute(Tuple.of(reader, status == null ? null : status.name()))
                .map(rows -> {
                    JsonArray data = new JsonArray();
                    rows.forEach(r -> data.add(SubscriptionJson.of(r)));
                    return data;
                });
    }

    public Future<JsonObject> get(UUID reader, UUID id) {
        return mine(reader, id).map(SubscriptionJson::of);
    }

    public Future<JsonArray> invoices(UUID reader, UUID id) {
        return mine(reader, id)
                .compose(s -> pool.preparedQuery(MySubscriptionSql.INVOICES).execute(Tuple.of(s.getUUID("id"), reader)))
                .map(rows -> {
                    JsonArray data = new JsonArray();
                    rows.forEach(r -> data.add(Payments.json(r)));
                    return data;
                });
    }

    /** Pauses collection and access for {@code days} (default 30, at most {@code billing.maxPauseDays}), within the yearly limit. */
    public Future<JsonObject> pause(UUID reader, UUID id, Integer days) {
        int length = days == null ? Math.min(30, config.maxPauseDays()) : days;
        return act(reader, id, s -> {
            SubscriptionStatus.of(s).checkPausable();
            OffsetDateTime last = s.getOffsetDateTime("last_paused_at");
            boolean withinYear =
                    last != null && last.isAfter(OffsetDateTime.now().minusDays(365));
            if (config.maxPausesPerYear() == 0
                    || withinYear && s.getShort("pause_count") >= config.maxPausesPerYear()) {
                throw new ApiException.Conflict(
                        "subscription.pause_limit",
                        "This subscription was paused " + config.maxPausesPerYear()
                                + " times in the last year; that is the limit.",
                        List.of());
            }
            return gateways.connection(pool, s.getUUID("author_id"), s.getString("gateway"))
                    .compose(gw -> s.getString("gateway_subscription_id") == null
                            ? Future.succeededFuture()
                            : gw.gateway()
                                    .pauseSubscription(gw.credentials(), s.getString("gateway_subscription_id"), true))
                    .compose(v -> pool.withTransaction(tx -> tx.preparedQuery(MySubscriptionSql.PAUSE)
                            .execute(Tuple.of(s.getUUID("id"), length))
                            .compose(x -> ledger.localChange(
                                    tx,
                                    s.getUUID("id"),
                                    new Ledger.State(SubscriptionStatus.PAUSED, null, null, null, null, false),
                                    null,
                                    "subscription.updated"))));
        });
    }

    public Future<JsonObject> unpause(UUID reader, UUID id) {
        return act(reader, id, s -> {
            SubscriptionStatus.of(s).checkUnpausable();
            return new Unpause(pool, gateways, ledger).apply(s);
        });
    }

    public Future<JsonObject> cancel(UUID reader, UUID id, String reason, String feedback) {
        return act(reader, id, s -> {
            SubscriptionStatus.of(s).checkCancellable();
            return gateways.connection(pool, s.getUUID("author_id"), s.getString("gateway"))
                    .compose(gw -> s.getString("gateway_subscription_id") == null
                            ? Future.succeededFuture()
                            : gw.gateway()
                                    .cancelSubscription(gw.credentials(), s.getString("gateway_subscription_id"), true))
                    .compose(v -> pool.withTransaction(tx -> tx.preparedQuery(MySubscriptionSql.CANCEL_FEEDBACK)
                            .execute(Tuple.of(s.getUUID("id"), feedback))
                            .compose(x -> ledger.localChange(
                                    tx,
                                    s.getUUID("id"),
                                    new Ledger.State(SubscriptionStatus.CANCELLED, null, null, false, null, false),
                                    reason == null ? "reader cancelled" : reason,
                                    "subscription.cancelled"))));
        });
    }

    public Future<JsonObject> resume(UUID reader, UUID id) {
        return act(reader, id, s -> {
            OffsetDateTime end = s.getOffsetDateTime("current_period_end");
            SubscriptionStatus.of(s).checkResumable(end != null && end.isAfter(OffsetDateTime.now()));
            return gateways.connection(pool, s.getUUID("author_id"), s.getString("gateway"))
                    .compose(gw -> gw.gateway().canResume()
                            ? gw.gateway().resumeSubscription(gw.credentials(), s.getString("gateway_subscription_id"))
                            : Future.failedFuture(new ApiException.Conflict(
                                    "subscription.resume_unsupported",
                                    "A cancelled " + gw.name()
                                            + " subscription cannot be resumed; subscribe again once it ends.",
                                    List.of())))
                    .compose(v -> pool.withTransaction(tx -> ledger.localChange(
                            tx,
                            s.getUUID("id"),
                            new Ledger.State(SubscriptionStatus.ACTIVE, null, null, true, null, false),
                            null,
                            "subscription.updated")));
        });
    }

    /**
     * Moves an active subscription to another tier of the same site: the new tier's seat is taken and the old one
     * given back in one statement (no oversell), then the gateway changes the price (and prorates where it can); if
     * the gateway refuses, the move is undone.
     */
    public Future<JsonObject> changeTier(UUID reader, UUID id, TierChange change) {
        return act(reader, id, s -> {
            SubscriptionStatus.of(s).checkTierChangeable();
            String cycle = change.billingCycle() != null ? change.billingCycle().name() : s.getString("billing_cycle");
            return pool.preparedQuery(MySubscriptionSql.TIER)
                    .execute(Tuple.of(change.tierId(), s.getUUID("site_id")))
                    .compose(rows -> rows.size() == 0
                            ? Future.failedFuture(new ApiException.NotFound("tier.not_found", "Not found."))
                            : move(s, rows.iterator().next(), cycle));
        });
    }

    private Future<Void> move(Row s, Row t, String cycle) {
        if (t.getUUID("id").equals(s.getUUID("tier_id")) && cycle.equals(s.getString("billing_cycle"))) {
            return Future.failedFuture(new ApiException.Conflict(
                    "subscription.same_tier", "The subscription is already on this tier.", List.of()));
        }
        if (!List.of(t.getArrayOfStrings("billing_cycles")).contains(cycle)
                || cycle.equals("ANNUAL") && t.getLong("annual_price") == null) {
            return Future.failedFuture(new ApiException.Validation(
                    "request.invalid",
                    "The request is invalid.",
                    List.of(new ApiException.FieldError(
                            "billingCycle", "the tier is not sold " + cycle.toLowerCase(Locale.ROOT)))));
        }
        if (!t.getString("currency").equals(s.getString("currency"))) {
            return Future.failedFuture(new ApiException.Conflict(
                    "subscription.currency_mismatch",
                    "A subscription cannot move to a tier priced in another currency; subscribe to it instead.",
                    List.of()));
        }
        long price = cycle.equals("ANNUAL") ? t.getLong("annual_price") : t.getLong("monthly_price");
        var plan = new PaymentGateway.Plan(
                t.getString("name"), price, t.getString("currency"), cycle.equals("ANNUAL") ? "year" : "month");
        Future<Row> moved = pool.withTransaction(tx -> tx.preparedQuery(MySubscriptionSql.MOVE_SEAT)
                .execute(Tuple.tuple()
                        .addUUID(s.getUUID("id"))
                        .addUUID(t.getUUID("id"))
                        .addUUID(s.getUUID("tier_id"))
                        .addLong(price)
                        .addString(cycle))
                .map(done -> {
                    if (done.size() == 0) {
                        throw new ApiException.Conflict("tier.sold_out", "This tier has no places left.", List.of());
                    }
                    return done.iterator().next();
                }));
        return moved.compose(after -> gateways.connection(pool, s.getUUID("author_id"), s.getString("gateway"))
                .compose(gw -> TierPlans.forCycle(pool, gw, t, cycle)
                        .compose(p -> s.getString("gateway_subscription_id") == null
                                ? Future.<Void>succeededFuture()
                                : gw.gateway()
                                        .changePlan(gw.credentials(), s.getString("gateway_subscription_id"), plan, p)))
                .compose(
                        v -> pool.withTransaction(
                                tx -> Subscriptions.changed(tx, s, after, "subscription.updated", null, null)),
                        failure -> pool.withTransaction(tx -> tx.preparedQuery(MySubscriptionSql.MOVE_BACK)
                                        .execute(Tuple.tuple()
                                                .addUUID(s.getUUID("id"))
                                                .addUUID(s.getUUID("tier_id"))
                                                .addUUID(t.getUUID("id"))
                                                .addLong(s.getLong("price"))
                                                .addString(s.getString("billing_cycle"))))
                                .compose(x -> Future.<Void>failedFuture(failure))));
    }

    /** Runs a gateway-backed change on the reader's subscription and answers it as it is now. */
    private Future<JsonObject> act(UUID reader, UUID id, Function<Row, Future<Void>> change) {
        return mine(reader, id)
                .compose(s -> change.apply(s)
                        .recover(e -> Future.failedFuture(GatewayException.asProblem(e, "billing")))
                        .compose(v -> get(reader, id)));
    }

    private Future<Row> mine(UUID reader, UUID id) {
        return pool.preparedQuery(MySubscriptionSql.ONE)
                .execute(Tuple.of(id, reader))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ApiException.NotFound("subscription.not_found", "Not found.");
                    }
                    return rows.iterator().next();
                });
    }
}
