package io.quire.billing.subscriptions;

import io.quire.platform.clock.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** A subscription as its reader (and, with a name added, its author) sees it: the {@code Subscription} schema. */
public final class SubscriptionJson {
    private SubscriptionJson() {}

    /** {@code r}: a subscription row with its tier's and site's names ({@link MySubscriptionSql#ONE}). */
    public static JsonObject of(Row r) {
        return new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("siteId", r.getUUID("site_id").toString())
                .put("siteName", r.getString("site_name"))
                .put("tierId", r.getUUID("tier_id").toString())
                .put("tierName", r.getString("tier_name"))
                .put("readerId", r.getUUID("reader_id").toString())
                .put("status", r.getString("status"))
                .put("billingCycle", r.getString("billing_cycle"))
                .put("price", r.getLong("price"))
                .put("currency", r.getString("currency"))
                .put("gateway", r.getString("gateway"))
                .put("currentPeriodStart", Times.iso(r.getOffsetDateTime("current_period_start")))
                .put("currentPeriodEnd", Times.iso(r.getOffsetDateTime("current_period_end")))
                .put("autoRenew", r.getBoolean("auto_renew"))
                .put("isGift", r.getBoolean("is_gift"))
                .put("isTrialing", r.getBoolean("is_trialing"))
                .put("trialEndsAt", Times.iso(r.getOffsetDateTime("trial_ends_at")))
                .put("cancelledAt", Times.iso(r.getOffsetDateTime("cancelled_at")))
                .put("cancelReason", r.getString("cancel_reason"))
                .put("expiresAt", Times.iso(r.getOffsetDateTime("expires_at")))
                .put("createdAt", Times.iso(r.getOffsetDateTime("created_at")));
    }
}
