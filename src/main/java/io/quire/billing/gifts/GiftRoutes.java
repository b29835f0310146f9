package io.quire.billing.gifts;

import io.quire.billing.checkout.CheckoutService;
import io.quire.billing.ledger.Subscriptions;
import io.quire.billing.subscriptions.MySubscriptionRoutes;
import io.quire.platform.auth.Authz;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.quire.platform.ids.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * §7.2 gifts: buy N months of a tier for an email ({@code POST /sites/:siteId/gift}, a checkout), the gifts I gave
 * and received, a claim code's gift, and claiming it — once — which starts a non-renewing subscription for the
 * gift's months. The code is 128 random bits; a code that is unknown, not yet delivered or used is a 404 or 409.
 */
public final class GiftRoutes {
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private final Pool pool;
  private final CheckoutService checkout;

  public GiftRoutes(Pool pool, CheckoutService checkout) {
    this.pool = pool;
    this.checkout = checkout;
  }

  public void mount(Router router) {
    router.post("/api/v1/sites/:siteId/gift").handler(Authz.session()).handler(this::buy);
    router.get("/api/v1/my-gifts/given").handler(Authz.authenticated()).handler(ctx -> list(ctx, GiftSql.GIVEN, true));
    router.get("/api/v1/my-gifts/received").handler(Authz.authenticated()).handler(ctx -> list(ctx, GiftSql.RECEIVED, false));
    router.get("/api/v1/gifts/claim/:claimCode").handler(ctx -> byCode(ctx)
        .onSuccess(g -> Responses.json(ctx, 200, json(g, false))).onFailure(ctx::fail));
    router.post("/api/v1/gifts/claim/:claimCode").handler(Authz.session()).handler(this::claim);
  }

  private void buy(RoutingContext ctx) {
    UUID site = PathParams.uuid(ctx, "siteId", "site.not_found");
    RequestBody body = RequestBody.of(ctx);
    String tier = body.requiredString("tierId", 36, 36);
    UUID tierId = null;
    try {
      tierId = tier == null ? null : UUID.fromString(tier);
    } catch (IllegalArgumentException e) {
      body.error("tierId", "must be an id");
    }
    Integer months = body.optionalInteger("months", 1, 24);
    String email = body.matching("recipientEmail", body.requiredString("recipientEmail", 3, 254), EMAIL, "must be an email address");
    String name = body.optionalString("recipientName", 1, 100);
    String message = body.optionalString("message", 1, 1000);
    OffsetDateTime delivery = null;
    String when = body.optionalString("deliveryDate", 10, 40);
    try {
      delivery = when == null ? null : OffsetDateTime.parse(when);
      if (delivery != null && delivery.isAfter(OffsetDateTime.now().plusYears(1))) {
        body.error("deliveryDate", "must be within a year");
      }
    } catch (DateTimeParseException e) {
      body.error("deliveryDate", "must be an ISO-8601 time with an offset");
    }
    String gateway = body.optionalString("gateway", 1, 20);
    body.validate();
    checkout.gift(Authz.require(ctx), site, new CheckoutService.GiftOrder(tierId, months == null ? 1 : months, email, name, message, delivery),
            new CheckoutService.Return(gateway, null, null))
        .onSuccess(a -> Responses.json(ctx, 201, a)).onFailure(ctx::fail);
  }

  private void claim(RoutingContext ctx) {
    UUID reader = Authz.require(ctx).userId();
    String code = ctx.pathParam("claimCode");
    byCode(ctx).compose(g -> {
      if (!g.getString("status").equals("DELIVERED")) {
        return Future.failedFuture(ApiException.Conflict.status("gift.not_claimable", "This gift was already claimed or has lapsed.",
            g.getString("status")));
      }
      return pool.withTransaction(tx -> tx.preparedQuery(GiftSql.LIVE).execute(Tuple.of(reader, g.getUUID("site_id"))).compose(live -> {
        if (live.size() > 0) {
          return Future.failedFuture(new ApiException.Conflict("subscription.exists",
              "You already subscribe to this site; claim the gift once that subscription ends.", List.of()));
        }
        return tx.preparedQuery(GiftSql.CLAIM).execute(Tuple.of(code, reader));
      }).compose(claimed -> {
        if (claimed.size() == 0) {
          return Future.failedFuture(ApiException.Conflict.status("gift.not_claimable", "This gift was already claimed.", "CLAIMED"));
        }
        return tx.preparedQuery(GiftSql.TAKE_SEAT).execute(Tuple.of(g.getUUID("tier_id")));
      }).compose(seat -> {
        if (seat.size() == 0) {
          return Future.failedFuture(new ApiException.Conflict("tier.sold_out", "This tier has no places left; try again later.", List.of()));
        }
        Row t = seat.iterator().next();
        return tx.preparedQuery(GiftSql.SUBSCRIBE).execute(Tuple.tuple().addUUID(Ids.newId()).addUUID(reader).addUUID(g.getUUID("site_id"))
            .addUUID(t.getUUID("author_id")).addUUID(g.getUUID("tier_id")).addString(t.getString("currency")).addInteger((int) g.getShort("months")));
      }).compose(rows -> {
        Row sub = rows.iterator().next();
        return tx.preparedQuery(GiftSql.LINK).execute(Tuple.of(g.getUUID("id"), sub.getUUID("id")))
            .compose(v -> Subscriptions.changed(tx, null, sub, "subscription.created", null, null))
            .map(sub.getUUID("id"));
      }));
    }).compose(id -> pool.preparedQuery(MySubscriptionRoutes.ONE).execute(Tuple.of(id, reader)))
        .onSuccess(rows -> Responses.json(ctx, 201, MySubscriptionRoutes.json(rows.iterator().next())))
        .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx, String sql, boolean giver) {
    pool.preparedQuery(sql).execute(Tuple.of(Authz.require(ctx).userId())).onSuccess(rows -> {
      JsonArray data = new JsonArray();
      rows.forEach(r -> data.add(json(r, giver)));
      Responses.list(ctx, data, null);
    }).onFailure(ctx::fail);
  }

  private Future<Row> byCode(RoutingContext ctx) {
    String code = ctx.pathParam("claimCode");
    if (code == null || code.length() > 64) {
      return Future.failedFuture(new ApiException.NotFound("gift.not_found", "Not found."));
    }
    return pool.preparedQuery(GiftSql.BY_CODE).execute(Tuple.of(code)).map(rows -> {
      if (rows.size() == 0) {
        throw new ApiException.NotFound("gift.not_found", "Not found.");
      }
      return rows.iterator().next();
    });
  }

  /** The giver sees the recipient and the code; a claimer sees the gift, not the giver's address. */
  private static JsonObject json(Row g, boolean giver) {
    JsonObject j = new JsonObject().put("id", g.getUUID("id").toString()).put("siteId", g.getUUID("site_id").toString())
        .put("siteName", g.getString("site_name")).put("tierId", g.getUUID("tier_id").toString()).put("tierName", g.getString("tier_name"))
        .put("months", (int) g.getShort("months")).put("giverName", g.getString("giver_name")).put("message", g.getString("message"))
        .put("status", g.getString("status")).put("deliveredAt", Times.iso(g.getOffsetDateTime("delivered_at")))
        .put("claimedAt", Times.iso(g.getOffsetDateTime("claimed_at")));
    if (giver) {
      j.put("recipientEmail", g.getString("recipient_email")).put("recipientName", g.getString("recipient_name"))
          .put("amount", g.getLong("amount")).put("currency", g.getString("currency"))
          .put("deliveryDate", Times.iso(g.getOffsetDateTime("delivery_date")));
    }
    return j;
  }
}
