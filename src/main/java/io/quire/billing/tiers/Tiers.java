package io.quire.billing.tiers;

import io.quire.billing.gateway.GatewayException;
import io.quire.billing.gateway.Gateways;
import io.quire.platform.auth.Principal;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.quire.platform.text.Slugs;
import io.quire.sites.SiteService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * §7.2 subscription tiers, for a site's owner and editors (list, create, get, update, delete or deactivate,
 * activate, reorder, duplicate, sync to a gateway) and the public pricing list. A tier with subscribers cannot be
 * deleted, only deactivated (closed to new subscribers).
 */
public final class Tiers {
    private final Pool pool;
    private final Gateways gateways;

    public Tiers(Pool pool, Gateways gateways) {
        this.pool = pool;
        this.gateways = gateways;
    }

    /** The pricing page: the active public tiers of a site; 404 {@code site.not_found} for no such site. */
    public Future<JsonObject> pricing(UUID site) {
        return pool.preparedQuery(TierSql.SITE_EXISTS)
                .execute(Tuple.of(site))
                .compose(found -> found.size() == 0
                        ? Future.failedFuture(new ApiException.NotFound("site.not_found", "Not found."))
                        : pool.preparedQuery(TierSql.PUBLIC).execute(Tuple.of(site)))
                .map(rows -> {
                    JsonArray data = new JsonArray();
                    rows.forEach(r -> data.add(publicJson(r)));
                    return new JsonObject().put("siteId", site.toString()).put("data", data);
                });
    }

    /** Every tier of the site, in display order. */
    public Future<JsonArray> list(Principal caller, UUID site) {
        return manageSite(caller, site)
                .compose(s -> pool.preparedQuery(TierSql.FOR_SITE).execute(Tuple.of(s)))
                .map(Tiers::jsonList);
    }

    public Future<JsonObject> create(Principal caller, UUID site, TierInput in) {
        cross(in);
        return manageSite(caller, site).compose(s -> insert(site, caller.userId(), in, true));
    }

    public Future<JsonObject> get(Principal caller, UUID tier) {
        return managed(caller, tier).map(Tiers::json);
    }

    /** {@code given} over the tier as it is: only the fields sent change. */
    public Future<JsonObject> update(Principal caller, UUID tier, TierInput given) {
        return managed(caller, tier)
                .compose(t -> {
                    TierInput in = given.over(json(t));
                    cross(in);
                    return pool.preparedQuery(TierSql.UPDATE)
                            .execute(Tuple.tuple()
                                    .addUUID(t.getUUID("id"))
                                    .addString(in.name())
                                    .addString(in.description())
                                    .addLong(in.monthlyPrice())
                                    .addLong(in.annualPrice())
                                    .addString(in.currency())
                                    .addArrayOfString(cycles(in))
                                    .addArrayOfString(benefits(in))
                                    .addShort(in.earlyAccessDays().shortValue())
                                    .addString(in.badgeText())
                                    .addString(in.badgeColor())
                                    .addBoolean(in.isHighlighted())
                                    .addString(in.highlightText())
                                    .addBoolean(in.isPublic())
                                    .addInteger(in.maxSubscribers())
                                    .addShort(in.trialDays().shortValue()));
                })
                .map(rows -> json(rows.iterator().next()));
    }

    /** Deletes a tier nobody subscribes to; 409 {@code tier.has_subscribers} otherwise. */
    public Future<Void> delete(Principal caller, UUID tier) {
        return managed(caller, tier)
                .compose(t -> pool.preparedQuery(TierSql.DELETE).execute(Tuple.of(t.getUUID("id"))))
                .compose(rows -> rows.rowCount() == 0
                        ? Future.failedFuture(new ApiException.Conflict(
                                "tier.has_subscribers",
                                "This tier has subscribers; deactivate it to close it to new ones.",
                                List.of()))
                        : Future.succeededFuture());
    }

    /** Opens a tier to new subscribers, or closes it (current ones keep it). */
    public Future<JsonObject> setActive(Principal caller, UUID tier, boolean active) {
        return managed(caller, tier)
                .compose(t -> pool.preparedQuery(TierSql.SET_ACTIVE).execute(Tuple.of(t.getUUID("id"), active)))
                .map(rows -> json(rows.iterator().next()));
    }

    /** An inactive copy named "… (copy)". */
    public Future<JsonObject> duplicate(Principal caller, UUID tier) {
        return managed(caller, tier).compose(t -> {
            JsonObject copy = json(t);
            TierInput in = new TierInput(
                            t.getString("name").length() > 43
                                    ? t.getString("name").substring(0, 43) + " (copy)"
                                    : t.getString("name") + " (copy)",
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            false,
                            null)
                    .over(copy);
            return insert(t.getUUID("site_id"), t.getUUID("author_id"), in, false);
        });
    }

    /** The new display order: the site's tier ids, each once; answers every tier in that order. */
    public Future<JsonArray> reorder(Principal caller, UUID site, UUID[] ids) {
        return manageSite(caller, site)
                .compose(s -> pool.preparedQuery(TierSql.REORDER)
                        .execute(Tuple.tuple().addUUID(site).addArrayOfUUID(ids)))
                .compose(v -> pool.preparedQuery(TierSql.FOR_SITE).execute(Tuple.of(site)))
                .map(Tiers::jsonList);
    }

    /**
     * Creates the tier's plan (Razorpay) or price (Stripe) at the gateway for each billing cycle, at its current
     * price; Xendit recurring payments carry their own amount, so there is nothing to sync (409).
     */
    public Future<JsonObject> sync(Principal caller, UUID tier, String gateway) {
        return managed(caller, tier)
                .compose(t -> gateway.equals("xendit")
                        ? Future.failedFuture(new ApiException.Conflict(
                                "tier.sync_unsupported",
                                "Xendit recurring payments carry their own amount: there is nothing to sync.",
                                List.of()))
                        : gateways.connection(pool, t.getUUID("author_id"), gateway)
                                .compose(gw -> TierPlans.sync(pool, gw, t))
                                .recover(e -> Future.failedFuture(GatewayException.asProblem(e, "billing"))))
                .map(plans -> new JsonObject()
                        .put("tierId", tier.toString())
                        .put("gateway", gateway)
                        .put("plans", plans));
    }

    private Future<JsonObject> insert(UUID site, UUID author, TierInput in, boolean active) {
        return pool.preparedQuery(TierSql.SLUGS)
                .execute(Tuple.of(site))
                .compose(rows -> {
                    Set<String> taken = new HashSet<>();
                    rows.forEach(r -> taken.add(r.getString("slug")));
                    String slug = Slugs.unique(Slugs.from(in.name(), "tier"), taken);
                    return pool.preparedQuery(TierSql.INSERT)
                            .execute(Tuple.tuple()
                                    .addUUID(Ids.newId())
                                    .addUUID(site)
                                    .addUUID(author)
                                    .addString(in.name())
                                    .addString(slug)
                                    .addString(in.description())
                                    .addLong(in.monthlyPrice())
                                    .addLong(in.annualPrice())
                                    .addString(in.currency())
                                    .addArrayOfString(cycles(in))
                                    .addArrayOfString(benefits(in))
                                    .addShort(
                                            in.earlyAccessDays() == null
                                                    ? 0
                                                    : in.earlyAccessDays().shortValue())
                                    .addString(in.badgeText())
                                    .addString(in.badgeColor())
                                    .addBoolean(in.isHighlighted() != null && in.isHighlighted())
                                    .addString(in.highlightText())
                                    .addBoolean(active)
                                    .addBoolean(in.isPublic() == null || in.isPublic())
                                    .addInteger(in.maxSubscribers())
                                    .addShort(
                                            in.trialDays() == null
                                                    ? 0
                                                    : in.trialDays().shortValue()));
                })
                .map(rows -> json(rows.iterator().next()));
    }

    private static void cross(TierInput in) {
        String problem = in.problem();
        if (problem != null) {
            throw new ApiException.Validation(
                    "request.invalid",
                    "The tier is invalid.",
                    List.of(new ApiException.FieldError("annualPrice", problem)));
        }
    }

    private static String[] cycles(TierInput in) {
        return (in.billingCycles() == null ? List.of("MONTHLY") : in.billingCycles()).toArray(String[]::new);
    }

    private static String[] benefits(TierInput in) {
        return (in.benefits() == null ? List.<String>of() : in.benefits()).toArray(String[]::new);
    }

    /** The site, if the caller manages it (owner, editor, admin). */
    private Future<UUID> manageSite(Principal caller, UUID site) {
        return SiteService.membership(pool, site, caller)
                .map(m -> m.requireManage().siteId());
    }

    /** The tier, if the caller manages its site; else 404 {@code tier.not_found}. */
    private Future<Row> managed(Principal caller, UUID id) {
        return pool.preparedQuery(TierSql.ONE).execute(Tuple.of(id)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(new ApiException.NotFound("tier.not_found", "Not found."));
            }
            Row t = rows.iterator().next();
            return manageSite(caller, t.getUUID("site_id"))
                    .recover(e -> Future.failedFuture(
                            e instanceof ApiException.NotFound
                                    ? new ApiException.NotFound("tier.not_found", "Not found.")
                                    : e))
                    .map(s -> t);
        });
    }

    private static JsonArray jsonList(Iterable<Row> rows) {
        JsonArray data = new JsonArray();
        rows.forEach(r -> data.add(json(r)));
        return data;
    }

    static JsonObject publicJson(Row r) {
        Integer max = r.getInteger("max_subscribers");
        return new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("name", r.getString("name"))
                .put("slug", r.getString("slug"))
                .put("description", r.getString("description"))
                .put("monthlyPrice", r.getLong("monthly_price"))
                .put("annualPrice", r.getLong("annual_price"))
                .put("currency", r.getString("currency"))
                .put("billingCycles", new JsonArray(List.of(r.getArrayOfStrings("billing_cycles"))))
                .put("benefits", new JsonArray(List.of(r.getArrayOfStrings("benefits"))))
                .put("earlyAccessDays", (int) r.getShort("early_access_days"))
                .put("badgeText", r.getString("badge_text"))
                .put("badgeColor", r.getString("badge_color"))
                .put("isHighlighted", r.getBoolean("is_highlighted"))
                .put("highlightText", r.getString("highlight_text"))
                .put("isFree", r.getLong("monthly_price") == 0)
                .put("soldOut", max != null && r.getInteger("current_subscribers") >= max)
                .put("trialDays", (int) r.getShort("trial_days"));
    }

    static JsonObject json(Row r) {
        return publicJson(r)
                .put("siteId", r.getUUID("site_id").toString())
                .put("displayOrder", r.getInteger("display_order"))
                .put("isActive", r.getBoolean("is_active"))
                .put("isPublic", r.getBoolean("is_public"))
                .put("maxSubscribers", r.getInteger("max_subscribers"))
                .put("currentSubscribers", r.getInteger("current_subscribers"))
                .put("createdAt", Times.iso(r.getOffsetDateTime("created_at")))
                .put("updatedAt", Times.iso(r.getOffsetDateTime("updated_at")));
    }
}
