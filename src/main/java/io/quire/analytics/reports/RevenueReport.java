package io.quire.analytics.reports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.util.UUID;

/** The site revenue report's body: a timeline per bucket and currency, totals per currency, subscribers. */
final class RevenueReport {
    private RevenueReport() {}

    static JsonObject of(UUID site, ReportRange range, RowSet<Row> money, RowSet<Row> refunds, Row subscribers) {
        JsonArray timeline = new JsonArray();
        JsonObject totals = new JsonObject();
        for (Row r : money) {
            long net = r.getLong("gross") - r.getLong("gateway_fees") - r.getLong("platform_fees");
            timeline.add(new JsonObject()
                    .put("date", r.getLocalDate("bucket").toString())
                    .put("currency", r.getString("currency"))
                    .put("subscriptionRevenue", r.getLong("subscription_revenue"))
                    .put("purchaseRevenue", r.getLong("purchase_revenue"))
                    .put("tipRevenue", r.getLong("tip_revenue"))
                    .put("giftRevenue", r.getLong("gift_revenue"))
                    .put("gross", r.getLong("gross"))
                    .put("gatewayFees", r.getLong("gateway_fees"))
                    .put("platformFees", r.getLong("platform_fees"))
                    .put("net", net)
                    .put("payments", r.getLong("payments")));
            JsonObject t = total(totals, r.getString("currency"));
            t.put("gross", t.getLong("gross") + r.getLong("gross")).put("net", t.getLong("net") + net);
        }
        for (Row r : refunds) {
            JsonObject t = total(totals, r.getString("currency"));
            t.put("refunds", r.getLong("refunds")).put("net", t.getLong("net") - r.getLong("refunds"));
        }
        return new JsonObject()
                .put("siteId", site.toString())
                .put("range", range.toJson())
                .put("totals", totals)
                .put("timeline", timeline)
                .put(
                        "subscribers",
                        new JsonObject()
                                .put("started", subscribers.getLong("started"))
                                .put("ended", subscribers.getLong("ended"))
                                .put("live", subscribers.getLong("live"))
                                .put("mrr", subscribers.getLong("mrr")));
    }

    private static JsonObject total(JsonObject totals, String currency) {
        if (!totals.containsKey(currency)) {
            totals.put(
                    currency, new JsonObject().put("gross", 0L).put("net", 0L).put("refunds", 0L));
        }
        return totals.getJsonObject(currency);
    }
}
