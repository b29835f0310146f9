package io.quire.billing.subscriptions;

import io.quire.billing.gateway.GatewayException;
import io.quire.billing.gateway.Gateways;
import io.quire.billing.tiers.TierPlans;
import io.quire.billing.ledger.Ledger;
import io.quire.billing.ledger.SubscriptionStatus;
import io.quire.billing.ledger.Payments;
import io.quire.platform.auth.Authz;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * §7.2 a reader's own subscriptions: list, get, cancel (at the end of the paid period: the gateway is told, access
 * lasts until {@code currentPeriodEnd}), resume (undo that cancel while the period lasts, where the gateway can) and
 * invoices (the subscription's payments). Someone else's subscription is a 404.
 */
public final class MySubscriptionRoutes {
  static final String MINE = """
      SELECT s.*, t.name AS tier_name, si.name AS site_name FROM reader_subscriptions s
        JOIN subscription_tiers t ON t.id = s.tier_id JOIN sites si ON si.id = s.site_id
       WHERE s.reader_id = $1 AND ($2::text IS NULL OR s.status = $2) AND s.status <> 'INCOMPLETE'
       ORDER BY s.created_at DESC LIMIT 200
      """;
  /** One subscription as {@link #json} shows it (with its tier's and site's names); $2 its reader. */
  public static final String ONE = """
      SELECT s.*, t.name AS tier_name, si.name AS site_name FROM reader_subscriptions s
        JOIN subscription_tiers t ON t.id = s.tier_id JOIN sites si ON si.id = s.site_id
       WHERE s.id = $1 AND s.reader_id = $2
      """;
  static final String INVOICES = "SELECT * FROM payments WHERE subscription_id = $1 AND reader_id = $2 ORDER BY created_at DESC, id DESC";

  static final String PAUSE = """
      UPDATE reader_subscriptions SET paused_at = now(), pause_ends_at = now() + make_interval(days => $2),
             pause_count = CASE WHEN last_paused_at IS NULL OR last_paused_at < now() - interval '365 days' THEN 1 ELSE pause_count + 1 END,
             last_paused_at = now()
       WHERE id = $1
      """;
  static final String TIER = "SELECT * FROM subscription_tiers WHERE id = $1 AND site_id = $2 AND is_active";
  static final String MOVE_SEAT = """
      WITH took AS (UPDATE subscription_tiers SET current_subscribers = current_subscribers + 1
                     WHERE id = $2 AND (max_subscribers IS NULL OR current_subscribers < max_subscribers) RETURNING id),
           gave AS (UPDATE subscription_tiers SET current_subscribers = greatest(current_subscribers - 1, 0)
                     WHERE id = $3 AND EXISTS (SELECT 1 FROM took) RETURNING id)
      UPDATE reader_subscriptions SET tier_id = $2, price = $4, billing_cycle = $5, updated_at = now()
       WHERE id = $1 AND EXISTS (SELECT 1 FROM took)
      RETURNING *
      """;

  /** Undoes a move the gateway refused: back to the old tier, whose seat was just given up (so there is room). */
  static final String MOVE_BACK = """
      WITH took AS (UPDATE subscription_tiers SET current_subscribers = current_subscribers + 1 WHERE id = $2 RETURNING id),
           gave AS (UPDATE subscription_tiers SET current_subscribers = greatest(current_subscribers - 1, 0) WHERE id = $3 RETURNING id)
      UPDATE reader_subscriptions SET tier_id = $2, price = $4, billing_cycle = $5, updated_at = now() WHERE id = $1
      """;

  private final Pool pool;
  private final Gateways gateways;
  private final Ledger ledger;
  private final io.quire.platform.config.QuireConfig.Billing config;

  public MySubscriptionRoutes(Pool pool, Gateways gateways, Ledger ledger, io.quire.platform.config.QuireConfig.Billing config) {
    this.pool = pool;
    this.gateways = gateways;
    this.ledger = ledger;
    this.config = config;
  }

  public void mount(Router router) {
    router.get("/api/v1/my-subscriptions").handler(Authz.authenticated()).handler(ctx -> {
      String status = ctx.queryParams().get("status");
      if (status != null && !List.of("ACTIVE", "PAST_DUE", "CANCELLED", "EXPIRED", "PAUSED").contains(status)) {
        throw new ApiException.Validation("request.invalid", "The request is invalid.",
            List.of(new ApiException.FieldError("status", "must be ACTIVE, PAST_DUE, CANCELLED, EXPIRED or PAUSED")));
      }
      pool.preparedQuery(MINE).execute(Tuple.of(Authz.require(ctx).userId(), status)).onSuccess(rows -> {
        JsonArray data = new JsonArray();
        rows.forEach(r -> data.add(json(r)));
        Responses.list(ctx, data, null);
      }).onFailure(ctx::fail);
    });
    router.get("/api/v1/my-subscriptions/:subscriptionId").handler(Authz.authenticated())
        .handler(ctx -> mine(ctx).onSuccess(r -> Responses.json(ctx, 200, json(r))).onFailure(ctx::fail));
    router.get("/api/v1/my-subscriptions/:subscriptionId/invoices").handler(Authz.authenticated()).handler(ctx -> mine(ctx)
        .compose(s -> pool.preparedQuery(INVOICES).execute(Tuple.of(s.getUUID("id"), Authz.require(ctx).userId())))
        .onSuccess(rows -> {
          JsonArray data = new JsonArray();
          rows.forEach(r -> data.add(Payments.json(r)));
          Responses.list(ctx, data, null);
        }).onFailure(ctx::fail));
    router.post("/api/v1/my-subscriptions/:subscriptionId/cancel").handler(Authz.session()).handler(this::cancel);
    router.post("/api/v1/my-subscriptions/:subscriptionId/resume").handler(Authz.session()).handler(this::resume);
    router.post("/api/v1/my-subscriptions/:subscriptionId/pause").handler(Authz.session()).handler(this::pause);
    router.post("/api/v1/my-subscriptions/:subscriptionId/unpause").handler(Authz.session()).handler(ctx -> act(ctx, s -> {
      if (!s.getString("status").equals("PAUSED")) {
        throw ApiException.Conflict.status("subscription.not_paused", "Only a paused subscription can be unpaused.", s.getString("status"));
      }
      return unpause(s);
    }));
    router.patch("/api/v1/my-subscriptions/:subscriptionId").handler(Authz.session()).handler(this::changeTier);
  }

  /** Pauses collection and access for {@code days} (at most {@code billing.maxPauseDays}), within the yearly limit. */
  private void pause(RoutingContext ctx) {
    RequestBody body = ctx.body() != null && ctx.body().length() > 0 ? RequestBody.of(ctx) : null;
    Integer asked = body == null ? null : body.optionalInteger("days", 1, config.maxPauseDays());
    if (body != null) {
      body.validate();
    }
    int days = asked == null ? Math.min(30, config.maxPauseDays()) : asked;
    act(ctx, s -> {
      if (!s.getString("status").equals("ACTIVE")) {
        throw ApiException.Conflict.status("subscription.not_pausable", "Only an active subscription can be paused.", s.getString("status"));
      }
      OffsetDateTime last = s.getOffsetDateTime("last_paused_at");
      boolean withinYear = last != null && last.isAfter(OffsetDateTime.now().minusDays(365));
      if (config.maxPausesPerYear() == 0 || withinYear && s.getShort("pause_count") >= config.maxPausesPerYear()) {
        throw new ApiException.Conflict("subscription.pause_limit", "This subscription was paused " + config.maxPausesPerYear()
            + " times in the last year; that is the limit.", List.of());
      }
      return gateways.connection(pool, s.getUUID("author_id"), s.getString("gateway"))
          .compose(gw -> s.getString("gateway_subscription_id") == null ? Future.succeededFuture()
              : gw.gateway().pauseSubscription(gw.credentials(), s.getString("gateway_subscription_id"), true))
          .compose(v -> pool.withTransaction(tx -> tx.preparedQuery(PAUSE).execute(Tuple.of(s.getUUID("id"), days))
              .compose(x -> ledger.localChange(tx, s.getUUID("id"), new Ledger.State(SubscriptionStatus.PAUSED, null, null, null, null, false), null,
                  "subscription.updated"))));
    });
  }

  Future<Void> unpause(Row s) {
    return new Unpause(pool, gateways, ledger).apply(s);
  }

  /**
   * Moves an active subscription to another tier of the same site: the gateway changes the price (and prorates where
   * it can), the new tier's seat is taken and the old one given back in one statement.
   */
  private void changeTier(RoutingContext ctx) {
    RequestBody body = RequestBody.of(ctx);
    String tierText = body.requiredString("tierId", 36, 36);
    UUID tierId = null;
    try {
      tierId = tierText == null ? null : UUID.fromString(tierText);
    } catch (IllegalArgumentException e) {
      body.error("tierId", "must be an id");
    }
    String cycle = body.optionalString("billingCycle", 1, 10);
    if (cycle != null && !List.of("MONTHLY", "ANNUAL").contains(cycle)) {
      body.error("billingCycle", "must be MONTHLY or ANNUAL");
    }
    body.validate();
    UUID wanted = tierId;
    act(ctx, s -> {
      if (!s.getString("status").equals("ACTIVE")) {
        throw ApiException.Conflict.status("subscription.not_changeable", "Only an active subscription can change tier.", s.getString("status"));
      }
      String newCycle = cycle != null ? cycle : s.getString("billing_cycle");
      return pool.preparedQuery(TIER).execute(Tuple.of(wanted, s.getUUID("site_id"))).compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(new ApiException.NotFound("tier.not_found", "Not found."));
        }
        Row t = rows.iterator().next();
        if (t.getUUID("id").equals(s.getUUID("tier_id")) && newCycle.equals(s.getString("billing_cycle"))) {
          return Future.failedFuture(new ApiException.Conflict("subscription.same_tier", "The subscription is already on this tier.", List.of()));
        }
        if (!List.of(t.getArrayOfStrings("billing_cycles")).contains(newCycle) || newCycle.equals("ANNUAL") && t.getLong("annual_price") == null) {
          return Future.failedFuture(new ApiException.Validation("request.invalid", "The request is invalid.",
              List.of(new ApiException.FieldError("billingCycle", "the tier is not sold " + newCycle.toLowerCase(java.util.Locale.ROOT)))));
        }
        if (!t.getString("currency").equals(s.getString("currency"))) {
          return Future.failedFuture(new ApiException.Conflict("subscription.currency_mismatch",
              "A subscription cannot move to a tier priced in another currency; subscribe to it instead.", List.of()));
        }
        long price = newCycle.equals("ANNUAL") ? t.getLong("annual_price") : t.getLong("monthly_price");
        var plan = new io.quire.billing.gateway.PaymentGateway.Plan(t.getString("name"), price, t.getString("currency"),
            newCycle.equals("ANNUAL") ? "year" : "month");
        // the seat first (no oversell), then the gateway; if the gateway refuses, the move is undone
        Future<Row> moved = pool.withTransaction(tx -> tx.preparedQuery(MOVE_SEAT).execute(Tuple.tuple().addUUID(s.getUUID("id"))
            .addUUID(t.getUUID("id")).addUUID(s.getUUID("tier_id")).addLong(price).addString(newCycle)).map(done -> {
              if (done.size() == 0) {
                throw new ApiException.Conflict("tier.sold_out", "This tier has no places left.", List.of());
              }
              return done.iterator().next();
            }));
        return moved.compose(after -> gateways.connection(pool, s.getUUID("author_id"), s.getString("gateway"))
            .compose(gw -> TierPlans.forCycle(pool, gw, t, newCycle)
                .compose(p -> s.getString("gateway_subscription_id") == null ? Future.<Void>succeededFuture()
                    : gw.gateway().changePlan(gw.credentials(), s.getString("gateway_subscription_id"), plan, p)))
            .compose(v -> pool.withTransaction(tx -> io.quire.billing.ledger.Subscriptions.changed(tx, s, after, "subscription.updated",
                null, null)), failure -> pool.withTransaction(tx -> tx.preparedQuery(MOVE_BACK).execute(Tuple.tuple()
                    .addUUID(s.getUUID("id")).addUUID(s.getUUID("tier_id")).addUUID(t.getUUID("id")).addLong(s.getLong("price"))
                    .addString(s.getString("billing_cycle"))))
                .compose(x -> Future.<Void>failedFuture(failure))));
      });
    });
  }

  private void cancel(RoutingContext ctx) {
    RequestBody body = ctx.body() != null && ctx.body().length() > 0 ? RequestBody.of(ctx) : null;
    String reason = body == null ? null : body.optionalString("reason", 1, 100);
    String feedback = body == null ? null : body.optionalString("feedback", 1, 2000);
    if (body != null) {
      body.validate();
    }
    act(ctx, s -> {
      String status = s.getString("status");
      if (!status.equals("ACTIVE") && !status.equals("PAST_DUE") && !status.equals("PAUSED")) {
        throw ApiException.Conflict.status("subscription.not_cancellable", "Only an active, past-due or paused subscription can be cancelled.", status);
      }
      return gateways.connection(pool, s.getUUID("author_id"), s.getString("gateway"))
          .compose(gw -> s.getString("gateway_subscription_id") == null ? Future.succeededFuture()
              : gw.gateway().cancelSubscription(gw.credentials(), s.getString("gateway_subscription_id"), true))
          .compose(v -> pool.withTransaction(tx -> tx.preparedQuery("UPDATE reader_subscriptions SET cancel_feedback = $2 WHERE id = $1")
              .execute(Tuple.of(s.getUUID("id"), feedback))
              .compose(x -> ledger.localChange(tx, s.getUUID("id"), new Ledger.State(SubscriptionStatus.CANCELLED, null, null, false, null, false),
                  reason == null ? "reader cancelled" : reason, "subscription.cancelled"))));
    });
  }

  private void resume(RoutingContext ctx) {
    act(ctx, s -> {
      OffsetDateTime end = s.getOffsetDateTime("current_period_end");
      if (!s.getString("status").equals("CANCELLED") || end == null || !end.isAfter(OffsetDateTime.now())) {
        throw ApiException.Conflict.status("subscription.not_resumable", "Only a cancelled subscription whose period has not ended can be resumed.",
            s.getString("status"));
      }
      return gateways.connection(pool, s.getUUID("author_id"), s.getString("gateway"))
          .compose(gw -> gw.gateway().canResume() ? gw.gateway().resumeSubscription(gw.credentials(), s.getString("gateway_subscription_id"))
              : Future.failedFuture(new ApiException.Conflict("subscription.resume_unsupported", "A cancelled " + gw.name()
                  + " subscription cannot be resumed; subscribe again once it ends.", List.of())))
          .compose(v -> pool.withTransaction(tx -> ledger.localChange(tx, s.getUUID("id"),
              new Ledger.State(SubscriptionStatus.ACTIVE, null, null, true, null, false), null, "subscription.updated")));
    });
  }

  /** Runs a gateway-backed action on the caller's subscription and answers it as it is now. */
  private void act(RoutingContext ctx, java.util.function.Function<Row, Future<Void>> action) {
    mine(ctx).compose(s -> action.apply(s).recover(e -> Future.failedFuture(GatewayException.asProblem(e, "billing")))
            .compose(v -> mine(ctx)))
        .onSuccess(r -> Responses.json(ctx, 200, json(r))).onFailure(ctx::fail);
  }

  private Future<Row> mine(RoutingContext ctx) {
    UUID id = PathParams.uuid(ctx, "subscriptionId", "subscription.not_found");
    return pool.preparedQuery(ONE).execute(Tuple.of(id, Authz.require(ctx).userId())).map(rows -> {
      if (rows.size() == 0) {
        throw new ApiException.NotFound("subscription.not_found", "Not found.");
      }
      return rows.iterator().next();
    });
  }

  public static JsonObject json(Row r) {
    return new JsonObject().put("id", r.getUUID("id").toString()).put("siteId", r.getUUID("site_id").toString())
        .put("siteName", r.getString("site_name")).put("tierId", r.getUUID("tier_id").toString()).put("tierName", r.getString("tier_name"))
        .put("readerId", r.getUUID("reader_id").toString())
        .put("status", r.getString("status")).put("billingCycle", r.getString("billing_cycle")).put("price", r.getLong("price"))
        .put("currency", r.getString("currency")).put("gateway", r.getString("gateway"))
        .put("currentPeriodStart", Times.iso(r.getOffsetDateTime("current_period_start")))
        .put("currentPeriodEnd", Times.iso(r.getOffsetDateTime("current_period_end")))
        .put("autoRenew", r.getBoolean("auto_renew")).put("isGift", r.getBoolean("is_gift")).put("isTrialing", r.getBoolean("is_trialing"))
        .put("trialEndsAt", Times.iso(r.getOffsetDateTime("trial_ends_at")))
        .put("cancelledAt", Times.iso(r.getOffsetDateTime("cancelled_at"))).put("cancelReason", r.getString("cancel_reason"))
        .put("expiresAt", Times.iso(r.getOffsetDateTime("expires_at"))).put("createdAt", Times.iso(r.getOffsetDateTime("created_at")));
  }
}
