package io.quire.billing.checkout;

import io.quire.billing.gateway.GatewayException;
import io.quire.billing.gateway.Gateways;
import io.quire.billing.gateway.PaymentGateway;
import io.quire.billing.tiers.TierPlans;
import io.quire.platform.auth.Principal;
import io.quire.platform.clock.Times;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Opens checkouts. Each records a PENDING payment (and for a subscription an INCOMPLETE subscription holding a
 * seat on its tier) in one transaction, then asks the author's gateway for a hosted checkout and stores its id and
 * URL. Nothing is paid here: the gateway's webhook events move the payment on ({@code billing/ledger}); a checkout
 * never completed expires ({@code billing.expire}). A gateway that refuses or cannot be reached leaves a FAILED
 * payment, gives the seat back, and answers 502/503.
 */
public final class CheckoutService {
    /** Where the gateway sends the reader back; {@code gateway} picks one of the author's connections. */
    public record Return(String gateway, String successUrl, String cancelUrl) {}

    private final Pool pool;
    private final Gateways gateways;
    private final QuireConfig.Billing config;
    private final String publicBaseUrl;

    public CheckoutService(Pool pool, Gateways gateways, QuireConfig.Billing config, String publicBaseUrl) {
        this.pool = pool;
        this.gateways = gateways;
        this.config = config;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** A subscription to {@code tierId} ({@code siteId}, when given, must be the tier's site). */
    public Future<JsonObject> subscription(Principal p, UUID tierId, UUID siteId, String cycle, Return r) {
        return pool.preparedQuery(CheckoutSql.TIER).execute(Tuple.of(tierId)).compose(rows -> {
            Row tier = rows.size() == 0 ? null : rows.iterator().next();
            if (tier == null
                    || siteId != null && !siteId.equals(tier.getUUID("site_id"))
                    || !tier.getBoolean("is_public") && !tier.getBoolean("is_active")) {
                return Future.failedFuture(new ApiException.NotFound("tier.not_found", "Not found."));
            }
            if (!tier.getBoolean("is_active")) {
                return Future.failedFuture(new ApiException.Conflict(
                        "tier.inactive", "This tier is closed to new subscribers.", List.of()));
            }
            if (!List.of(tier.getArrayOfStrings("billing_cycles")).contains(cycle)
                    || cycle.equals("ANNUAL") && tier.getLong("annual_price") == null) {
                return Future.failedFuture(
                        invalid("billingCycle", "this tier is not sold " + cycle.toLowerCase(java.util.Locale.ROOT)));
            }
            if (tier.getUUID("owner_id").equals(p.userId())) {
                return Future.failedFuture(new ApiException.Conflict(
                        "checkout.own_site", "You cannot subscribe to your own site.", List.of()));
            }
            long price = cycle.equals("ANNUAL") ? tier.getLong("annual_price") : tier.getLong("monthly_price");
            return pool.preparedQuery(CheckoutSql.HAD_SUBSCRIPTION)
                    .execute(Tuple.of(p.userId(), tier.getUUID("site_id")))
                    .map(had -> had.iterator().next().getBoolean("had") ? 0 : (int) tier.getShort("trial_days"))
                    .compose(trialDays -> gateways.forAuthor(pool, tier.getUUID("owner_id"), r.gateway())
                            .compose(gw -> TierPlans.forCycle(pool, gw, tier, cycle)
                                    .compose(plan -> {
                                        UUID subscriptionId = Ids.newId();
                                        UUID paymentId = Ids.newId();
                                        Future<Row> opened = pool.withTransaction(tx -> tx.preparedQuery(
                                                        CheckoutSql.LIVE_SUBSCRIPTION)
                                                .execute(Tuple.of(p.userId(), tier.getUUID("site_id")))
                                                .compose(live -> {
                                                    if (live.size() > 0) {
                                                        return Future.failedFuture(new ApiException.Conflict(
                                                                "subscription.exists",
                                                                "You already subscribe to this site; change the tier of that subscription instead.",
                                                                List.of()));
                                                    }
                                                    return tx.preparedQuery(CheckoutSql.TAKE_SEAT)
                                                            .execute(Tuple.of(tierId));
                                                })
                                                .compose(seat -> {
                                                    if (seat.size() == 0) {
                                                        return Future.failedFuture(new ApiException.Conflict(
                                                                "tier.sold_out",
                                                                "This tier has no places left.",
                                                                List.of()));
                                                    }
                                                    return tx.preparedQuery(CheckoutSql.INSERT_SUBSCRIPTION)
                                                            .execute(Tuple.tuple()
                                                                    .addUUID(subscriptionId)
                                                                    .addUUID(p.userId())
                                                                    .addUUID(tier.getUUID("site_id"))
                                                                    .addUUID(tier.getUUID("owner_id"))
                                                                    .addUUID(tierId)
                                                                    .addString(cycle)
                                                                    .addLong(price)
                                                                    .addString(tier.getString("currency"))
                                                                    .addString(gw.name())
                                                                    .addInteger(trialDays));
                                                    // a trial's checkout charges nothing: the first invoice after it is
                                                    // the first payment
                                                })
                                                .compose(v -> insertPayment(
                                                        tx,
                                                        paymentId,
                                                        p.userId(),
                                                        tier.getUUID("owner_id"),
                                                        tier.getUUID("site_id"),
                                                        "SUBSCRIPTION",
                                                        trialDays > 0 ? 0 : price,
                                                        tier.getString("currency"),
                                                        gw.name(),
                                                        subscriptionId,
                                                        tierId,
                                                        null,
                                                        null,
                                                        null,
                                                        null)));
                                        Map<String, String> metadata = new HashMap<>(Map.of(
                                                "subscriptionId",
                                                subscriptionId.toString(),
                                                "tierId",
                                                tierId.toString()));
                                        if (plan != null) {
                                            metadata.put("planId", plan);
                                        }
                                        return opened.compose(payment -> open(
                                                gw,
                                                payment,
                                                new PaymentGateway.CheckoutRequest(
                                                        PaymentGateway.Kind.SUBSCRIPTION,
                                                        paymentId.toString(),
                                                        tier.getString("name"),
                                                        price,
                                                        tier.getString("currency"),
                                                        cycle.equals("ANNUAL") ? "year" : "month",
                                                        null,
                                                        success(r),
                                                        cancel(r),
                                                        metadata,
                                                        trialDays)));
                                    })));
        });
    }

    /** One chapter, sold on its own at its price. */
    public Future<JsonObject> purchase(Principal p, UUID chapterId, Return r) {
        return pool.preparedQuery(CheckoutSql.CHAPTER)
                .execute(Tuple.of(chapterId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(new ApiException.NotFound("chapter.not_found", "Not found."));
                    }
                    Row ch = rows.iterator().next();
                    if (ch.getLong("purchase_price") == null
                            || ch.getString("access_level").equals("FREE")) {
                        return Future.failedFuture(new ApiException.Conflict(
                                "chapter.not_for_sale", "This chapter is not sold on its own.", List.of()));
                    }
                    if (ch.getUUID("owner_id").equals(p.userId())) {
                        return Future.failedFuture(new ApiException.Conflict(
                                "checkout.own_site", "You cannot buy your own chapter.", List.of()));
                    }
                    return pool.preparedQuery(CheckoutSql.OWNED)
                            .execute(Tuple.of(p.userId(), chapterId))
                            .compose(owned -> {
                                if (owned.size() > 0) {
                                    return Future.failedFuture(new ApiException.Conflict(
                                            "chapter.already_unlocked", "You already own this chapter.", List.of()));
                                }
                                return gateways.forAuthor(pool, ch.getUUID("owner_id"), r.gateway())
                                        .compose(gw -> {
                                            UUID paymentId = Ids.newId();
                                            long price = ch.getLong("purchase_price");
                                            return pool.withTransaction(tx -> insertPayment(
                                                            tx,
                                                            paymentId,
                                                            p.userId(),
                                                            ch.getUUID("owner_id"),
                                                            ch.getUUID("site_id"),
                                                            "ONE_TIME_PURCHASE",
                                                            price,
                                                            ch.getString("purchase_currency"),
                                                            gw.name(),
                                                            null,
                                                            null,
                                                            chapterId,
                                                            ch.getUUID("series_id"),
                                                            null,
                                                            null))
                                                    .compose(payment -> open(
                                                            gw,
                                                            payment,
                                                            new PaymentGateway.CheckoutRequest(
                                                                    PaymentGateway.Kind.PURCHASE,
                                                                    paymentId.toString(),
                                                                    ch.getString("title"),
                                                                    price,
                                                                    ch.getString("purchase_currency"),
                                                                    null,
                                                                    null,
                                                                    success(r),
                                                                    cancel(r),
                                                                    Map.of("chapterId", chapterId.toString()))));
                                        });
                            });
                });
    }

    /** A tip of {@code amount} minor units to the site's author, with an optional message. */
    public Future<JsonObject> tip(Principal p, UUID siteId, long amount, String currency, String message, Return r) {
        return pool.preparedQuery(CheckoutSql.SITE).execute(Tuple.of(siteId)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(new ApiException.NotFound("site.not_found", "Not found."));
            }
            Row site = rows.iterator().next();
            if (site.getUUID("owner_id").equals(p.userId())) {
                return Future.failedFuture(
                        new ApiException.Conflict("checkout.own_site", "You cannot tip yourself.", List.of()));
            }
            return gateways.forAuthor(pool, site.getUUID("owner_id"), r.gateway())
                    .compose(gw -> {
                        UUID paymentId = Ids.newId();
                        return pool.withTransaction(tx -> insertPayment(
                                        tx,
                                        paymentId,
                                        p.userId(),
                                        site.getUUID("owner_id"),
                                        siteId,
                                        "TIP",
                                        amount,
                                        currency,
                                        gw.name(),
                                        null,
                                        null,
                                        null,
                                        null,
                                        null,
                                        message))
                                .compose(payment -> open(
                                        gw,
                                        payment,
                                        new PaymentGateway.CheckoutRequest(
                                                PaymentGateway.Kind.TIP,
                                                paymentId.toString(),
                                                "A tip for " + site.getString("name"),
                                                amount,
                                                currency,
                                                null,
                                                null,
                                                success(r),
                                                cancel(r),
                                                Map.of())));
                    });
        });
    }

    /** What a gift is: N months of a tier for someone, by email, delivered at {@code deliveryDate} (null: at once). */
    public record GiftOrder(
            UUID tierId,
            int months,
            String recipientEmail,
            String recipientName,
            String message,
            OffsetDateTime deliveryDate) {}

    /**
     * A gift of {@code months} of a tier, paid once now: a PENDING gift with an unguessable single-use claim code and
     * its payment. Once paid (the gateway's event) it is delivered by email at its delivery date ({@code billing.gifts}).
     */
    public Future<JsonObject> gift(Principal p, UUID siteId, GiftOrder g, Return r) {
        return pool.preparedQuery(CheckoutSql.TIER)
                .execute(Tuple.of(g.tierId()))
                .compose(rows -> {
                    Row tier = rows.size() == 0 ? null : rows.iterator().next();
                    if (tier == null || !tier.getUUID("site_id").equals(siteId) || !tier.getBoolean("is_active")) {
                        return Future.failedFuture(new ApiException.NotFound("tier.not_found", "Not found."));
                    }
                    long amount = tier.getLong("monthly_price") * g.months();
                    return gateways.forAuthor(pool, tier.getUUID("owner_id"), r.gateway())
                            .compose(gw -> {
                                UUID giftId = Ids.newId();
                                UUID paymentId = Ids.newId();
                                String code = io.quire.platform.crypto.SecretTokens.random(16);
                                return pool.withTransaction(tx -> tx.preparedQuery(CheckoutSql.INSERT_GIFT)
                                                .execute(Tuple.tuple()
                                                        .addUUID(giftId)
                                                        .addUUID(p.userId())
                                                        .addString(g.recipientEmail())
                                                        .addString(g.recipientName())
                                                        .addUUID(siteId)
                                                        .addUUID(g.tierId())
                                                        .addShort((short) g.months())
                                                        .addLong(amount)
                                                        .addString(tier.getString("currency"))
                                                        .addString(g.message())
                                                        .addOffsetDateTime(g.deliveryDate())
                                                        .addString(code))
                                                .compose(v -> insertPayment(
                                                        tx,
                                                        paymentId,
                                                        p.userId(),
                                                        tier.getUUID("owner_id"),
                                                        siteId,
                                                        "GIFT",
                                                        amount,
                                                        tier.getString("currency"),
                                                        gw.name(),
                                                        null,
                                                        g.tierId(),
                                                        null,
                                                        null,
                                                        giftId,
                                                        g.message())))
                                        .compose(payment -> open(
                                                gw,
                                                payment,
                                                new PaymentGateway.CheckoutRequest(
                                                        PaymentGateway.Kind.PURCHASE,
                                                        paymentId.toString(),
                                                        g.months() + " months of " + tier.getString("name")
                                                                + " (a gift)",
                                                        amount,
                                                        tier.getString("currency"),
                                                        null,
                                                        null,
                                                        success(r),
                                                        cancel(r),
                                                        Map.of("giftId", giftId.toString()))))
                                        .map(answer -> answer.put("giftId", giftId.toString()));
                            });
                });
    }

    /** The caller's checkout by the gateway's session id (or our payment id): what client polling shows. */
    public Future<JsonObject> session(Principal p, String sessionId) {
        return pool.preparedQuery(CheckoutSql.SESSION)
                .execute(Tuple.of(sessionId, p.userId()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ApiException.NotFound("checkout.not_found", "Not found.");
                    }
                    Row r = rows.iterator().next();
                    return answer(r).put("subscriptionStatus", r.getString("subscription_status"));
                });
    }

    // ---- the pieces

    private Future<Row> insertPayment(
            SqlConnection tx,
            UUID id,
            UUID reader,
            UUID author,
            UUID site,
            String type,
            long amount,
            String currency,
            String gateway,
            UUID subscription,
            UUID tier,
            UUID chapter,
            UUID series,
            UUID gift,
            String message) {
        return tx.preparedQuery(CheckoutSql.INSERT_PAYMENT)
                .execute(Tuple.tuple()
                        .addUUID(id)
                        .addUUID(reader)
                        .addUUID(author)
                        .addUUID(site)
                        .addString(type)
                        .addLong(amount)
                        .addString(currency)
                        .addString(gateway)
                        .addUUID(subscription)
                        .addUUID(tier)
                        .addUUID(chapter)
                        .addUUID(series)
                        .addUUID(gift)
                        .addString(message)
                        .addInteger(config.checkoutExpiryMinutes()))
                .map(rows -> rows.iterator().next())
                .compose(payment -> tx.preparedQuery(CheckoutSql.CREATED_EVENT)
                        .execute(Tuple.of(
                                id,
                                subscription,
                                new JsonObject().put("gateway", gateway).put("amount", amount)))
                        .map(payment));
    }

    /** Asks the gateway; stores the session, or ends the payment (and gives a seat back) when the gateway fails. */
    Future<JsonObject> open(Gateways.Connected gw, Row payment, PaymentGateway.CheckoutRequest request) {
        UUID id = payment.getUUID("id");
        UUID subscription = payment.getUUID("subscription_id");
        return gw.gateway()
                .createCheckout(gw.credentials(), request)
                .compose(
                        session -> {
                            OffsetDateTime expires = session.expiresAt() > 0
                                    ? Instant.ofEpochSecond(session.expiresAt()).atOffset(ZoneOffset.UTC)
                                    : null;
                            return pool.withTransaction(tx -> tx.preparedQuery(CheckoutSql.OPENED)
                                    .execute(Tuple.of(id, session.id(), session.url(), expires))
                                    .compose(rows ->
                                            subscription == null || gw.name().equals("stripe")
                                                    ? Future.succeededFuture(
                                                            rows.iterator().next())
                                                    // Razorpay and Xendit make the subscription itself at checkout: its
                                                    // id is the session's
                                                    : tx.preparedQuery(CheckoutSql.SUBSCRIPTION_GATEWAY_ID)
                                                            .execute(Tuple.of(subscription, session.id()))
                                                            .map(rows.iterator().next())));
                        },
                        failure -> {
                            GatewayException g = failure instanceof GatewayException e
                                    ? e
                                    : new GatewayException(gw.name(), false, 0, null, failure.getMessage());
                            return pool.withTransaction(tx -> tx.preparedQuery(CheckoutSql.GATEWAY_FAILED)
                                            .execute(Tuple.of(id, g.code(), g.getMessage()))
                                            .compose(v -> subscription == null
                                                    ? Future.succeededFuture()
                                                    : tx.preparedQuery(CheckoutSql.RELEASE_SEAT)
                                                            .execute(Tuple.of(subscription))))
                                    .compose(v -> Future.failedFuture(GatewayException.asProblem(g, "checkout")));
                        })
                .map(CheckoutService::answer);
    }

    static JsonObject answer(Row r) {
        return new JsonObject()
                .put("sessionId", r.getString("checkout_session_id"))
                .put("url", r.getString("checkout_url"))
                .put("paymentId", r.getUUID("id").toString())
                .put("status", r.getString("status"))
                .put("type", r.getString("type"))
                .put("amount", r.getLong("gross_amount"))
                .put("currency", r.getString("currency"))
                .put("gateway", r.getString("gateway"))
                .put(
                        "subscriptionId",
                        r.getUUID("subscription_id") == null
                                ? null
                                : r.getUUID("subscription_id").toString())
                .put(
                        "chapterId",
                        r.getUUID("chapter_id") == null
                                ? null
                                : r.getUUID("chapter_id").toString())
                .put("expiresAt", Times.iso(r.getOffsetDateTime("checkout_expires_at")));
    }

    private String success(Return r) {
        return r.successUrl() != null
                ? r.successUrl()
                : publicBaseUrl + "/checkout/success?session={CHECKOUT_SESSION_ID}";
    }

    private String cancel(Return r) {
        return r.cancelUrl() != null ? r.cancelUrl() : publicBaseUrl + "/checkout/cancelled";
    }

    static ApiException invalid(String field, String message) {
        return new ApiException.Validation(
                "request.invalid", "The request is invalid.", List.of(new ApiException.FieldError(field, message)));
    }
}
