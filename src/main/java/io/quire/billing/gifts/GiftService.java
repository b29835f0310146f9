package io.quire.billing.gifts;

import io.quire.billing.checkout.CheckoutService;
import io.quire.billing.ledger.Subscriptions;
import io.quire.billing.subscriptions.MySubscriptionSql;
import io.quire.billing.subscriptions.SubscriptionJson;
import io.quire.platform.auth.Principal;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * §7.2 gifts: buying N months of a tier for an email (a checkout), the gifts someone gave and received, a code's
 * gift, and claiming it — once — which starts a non-renewing subscription for the gift's months. The code is 128
 * random bits; a code that is unknown or not yet delivered is a 404, one used or lapsed a 409.
 */
public final class GiftService {
    private final Pool pool;
    private final CheckoutService checkout;

    public GiftService(Pool pool, CheckoutService checkout) {
        this.pool = pool;
        this.checkout = checkout;
    }

    /** A checkout for the gift: its answer names the payment to make. */
    public Future<JsonObject> buy(Principal giver, UUID siteId, CheckoutService.GiftOrder order, String gateway) {
        return checkout.gift(giver, siteId, order, new CheckoutService.Return(gateway, null, null));
    }

    public Future<JsonArray> given(UUID giver) {
        return list(GiftSql.GIVEN, giver, true);
    }

    public Future<JsonArray> received(UUID reader) {
        return list(GiftSql.RECEIVED, reader, false);
    }

    /** The gift a code names, as a claimer sees it. */
    public Future<JsonObject> byCode(String code) {
        return find(code).map(g -> g.toJson(false));
    }

    /**
     * Claims the gift for {@code reader}, in one transaction: the gift moves DELIVERED → CLAIMED (only one claim can),
     * a seat is taken on its tier, and a subscription for its months starts. The answer is that subscription.
     */
    public Future<JsonObject> claim(Principal reader, String code) {
        UUID readerId = reader.userId();
        return find(code)
                .compose(g -> {
                    g.status().checkClaimable();
                    return pool.withTransaction(tx -> claimIn(tx, g, code, readerId));
                })
                .compose(id -> pool.preparedQuery(MySubscriptionSql.ONE).execute(Tuple.of(id, readerId)))
                .map(rows -> SubscriptionJson.of(rows.iterator().next()));
    }

    private Future<UUID> claimIn(SqlConnection tx, Gift g, String code, UUID readerId) {
        return tx.preparedQuery(GiftSql.LIVE)
                .execute(Tuple.of(readerId, g.siteId()))
                .compose(live -> {
                    if (live.size() > 0) {
                        return Future.failedFuture(new ApiException.Conflict(
                                "subscription.exists",
                                "You already subscribe to this site; claim the gift once that subscription ends.",
                                List.of()));
                    }
                    return tx.preparedQuery(GiftSql.CLAIM).execute(Tuple.of(code, readerId));
                })
                .compose(claimed -> {
                    if (claimed.size() == 0) {
                        // another claim won the race (or the claim window closed) between the read and the update
                        GiftStatus.CLAIMED.checkClaimable();
                    }
                    return tx.preparedQuery(GiftSql.TAKE_SEAT).execute(Tuple.of(g.tierId()));
                })
                .compose(seat -> {
                    if (seat.size() == 0) {
                        return Future.failedFuture(new ApiException.Conflict(
                                "tier.sold_out", "This tier has no places left; try again later.", List.of()));
                    }
                    Row t = seat.iterator().next();
                    return tx.preparedQuery(GiftSql.SUBSCRIBE)
                            .execute(Tuple.tuple()
                                    .addUUID(Ids.newId())
                                    .addUUID(readerId)
                                    .addUUID(g.siteId())
                                    .addUUID(t.getUUID("author_id"))
                                    .addUUID(g.tierId())
                                    .addString(t.getString("currency"))
                                    .addInteger(g.months()));
                })
                .compose(rows -> {
                    Row sub = rows.iterator().next();
                    return tx.preparedQuery(GiftSql.LINK)
                            .execute(Tuple.of(g.id(), sub.getUUID("id")))
                            .compose(v -> Subscriptions.changed(tx, null, sub, "subscription.created", null, null))
                            .map(sub.getUUID("id"));
                });
    }

    private Future<JsonArray> list(String sql, UUID user, boolean forGiver) {
        return pool.preparedQuery(sql).execute(Tuple.of(user)).map(rows -> {
            JsonArray data = new JsonArray();
            rows.forEach(r -> data.add(Gift.of(r).toJson(forGiver)));
            return data;
        });
    }

    private Future<Gift> find(String code) {
        if (code == null || code.length() > 64) {
            return Future.failedFuture(notFound());
        }
        return pool.preparedQuery(GiftSql.BY_CODE).execute(Tuple.of(code)).map(rows -> {
            Gift g = rows.size() == 0 ? null : Gift.of(rows.iterator().next());
            if (g == null || !g.status().visibleByCode()) {
                throw notFound();
            }
            return g;
        });
    }

    private static ApiException notFound() {
        return new ApiException.NotFound("gift.not_found", "Not found.");
    }
}
