package io.quire.billing.tiers;

import io.quire.billing.gateway.Gateways;
import io.quire.billing.gateway.PaymentGateway;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * A tier's plans at the gateways (Stripe Prices, Razorpay Plans), one per gateway and billing cycle, kept in
 * {@code subscription_tiers.gateway_plans} under {@code <gateway>:<cycle>}. Made by a sync, or on first use where
 * the gateway cannot take a price inline.
 */
public final class TierPlans {
    private static final String SAVE = """
      UPDATE subscription_tiers SET gateway_plans = gateway_plans || $2::jsonb, updated_at = now() WHERE id = $1 RETURNING gateway_plans
      """;

    private TierPlans() {}

    /**
     * The plan for {@code cycle} ({@code tier} a subscription_tiers row): the one kept, else — when the gateway needs
     * plans — one made now at the tier's current price and kept; else null (the price goes inline).
     */
    public static Future<String> forCycle(SqlClient db, Gateways.Connected gw, Row tier, String cycle) {
        JsonObject plans = tier.getJsonObject("gateway_plans");
        String kept = plans == null ? null : plans.getString(gw.name() + ":" + cycle);
        if (kept != null || !gw.gateway().subscriptionsNeedPlan()) {
            return Future.succeededFuture(kept);
        }
        return create(gw, tier, cycle)
                .compose(id -> save(db, tier, new JsonObject().put(gw.name() + ":" + cycle, id))
                        .map(id));
    }

    /** Makes the tier's plan for every cycle it sells, at its current prices; all the tier's plans after. */
    public static Future<JsonObject> sync(SqlClient db, Gateways.Connected gw, Row tier) {
        JsonObject made = new JsonObject();
        Future<Void> chain = Future.succeededFuture();
        for (String cycle : tier.getArrayOfStrings("billing_cycles")) {
            if (price(tier, cycle) == null) {
                continue;
            }
            chain = chain.compose(v -> create(gw, tier, cycle).map(id -> {
                made.put(gw.name() + ":" + cycle, id);
                return null;
            }));
        }
        return chain.compose(v -> save(db, tier, made));
    }

    private static Future<String> create(Gateways.Connected gw, Row tier, String cycle) {
        return gw.gateway()
                .createPlan(
                        gw.credentials(),
                        new PaymentGateway.Plan(
                                tier.getString("name"),
                                price(tier, cycle),
                                tier.getString("currency"),
                                cycle.equals("ANNUAL") ? "year" : "month"));
    }

    private static Long price(Row tier, String cycle) {
        return cycle.equals("ANNUAL") ? tier.getLong("annual_price") : tier.getLong("monthly_price");
    }

    private static Future<JsonObject> save(SqlClient db, Row tier, JsonObject plans) {
        return db.preparedQuery(SAVE)
                .execute(Tuple.of(tier.getUUID("id"), plans))
                .map(rows -> rows.iterator().next().getJsonObject("gateway_plans"));
    }
}
