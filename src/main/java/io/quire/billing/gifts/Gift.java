package io.quire.billing.gifts;

import io.quire.platform.clock.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A gift as the service hands it on: read from its row once, then shown to its giver or to a claimer. */
record Gift(
        UUID id,
        UUID siteId,
        String siteName,
        UUID tierId,
        String tierName,
        int months,
        String giverName,
        String message,
        GiftStatus status,
        OffsetDateTime deliveredAt,
        OffsetDateTime claimedAt,
        String recipientEmail,
        String recipientName,
        long amount,
        String currency,
        OffsetDateTime deliveryDate) {

    static Gift of(Row g) {
        return new Gift(
                g.getUUID("id"),
                g.getUUID("site_id"),
                g.getString("site_name"),
                g.getUUID("tier_id"),
                g.getString("tier_name"),
                g.getShort("months"),
                g.getString("giver_name"),
                g.getString("message"),
                GiftStatus.valueOf(g.getString("status")),
                g.getOffsetDateTime("delivered_at"),
                g.getOffsetDateTime("claimed_at"),
                g.getString("recipient_email"),
                g.getString("recipient_name"),
                g.getLong("amount"),
                g.getString("currency"),
                g.getOffsetDateTime("delivery_date"));
    }

    /** The giver sees the recipient, the price and the delivery date; a claimer sees the gift, not the giver's address. */
    JsonObject toJson(boolean forGiver) {
        JsonObject j = new JsonObject()
                .put("id", id.toString())
                .put("siteId", siteId.toString())
                .put("siteName", siteName)
                .put("tierId", tierId.toString())
                .put("tierName", tierName)
                .put("months", months)
                .put("giverName", giverName)
                .put("message", message)
                .put("status", status.name())
                .put("deliveredAt", Times.iso(deliveredAt))
                .put("claimedAt", Times.iso(claimedAt));
        if (forGiver) {
            j.put("recipientEmail", recipientEmail)
                    .put("recipientName", recipientName)
                    .put("amount", amount)
                    .put("currency", currency)
                    .put("deliveryDate", Times.iso(deliveryDate));
        }
        return j;
    }
}
