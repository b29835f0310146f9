package io.quire.identity;

import io.quire.platform.clock.Times;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.util.Arrays;

/** An author's public face (§2.1 AuthorProfile, the fields Quire uses). */
record AuthorProfile(Row row) {
    JsonObject toJson() {
        return new JsonObject()
                .put("userId", row.getUUID("user_id").toString())
                .put("penName", row.getString("pen_name"))
                .put("tagline", row.getString("tagline"))
                .put("fullBio", row.getString("full_bio"))
                .put("websiteUrl", row.getString("website_url"))
                .put("socialLinks", row.getJsonObject("social_links"))
                .put("genres", new JsonArray(Arrays.asList(row.getArrayOfStrings("genres"))))
                .put("acceptingCommissions", row.getBoolean("accepting_commissions"))
                .put("allowDirectMessages", row.getBoolean("allow_direct_messages"))
                .put("isVerified", row.getBoolean("is_verified"))
                .put("approval", row.getString("approval"))
                .put("createdAt", Times.iso(row.getOffsetDateTime("created_at")))
                .put("updatedAt", Times.iso(row.getOffsetDateTime("updated_at")));
    }
}
