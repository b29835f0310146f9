package io.quire.billing.tiers;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Authz;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.quire.platform.ids.Ids;
import io.quire.platform.text.Slugs;
import io.quire.sites.SiteService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * §7.2 subscription tiers for a site's owner and editors (list, create, get, update, delete or deactivate,
 * activate, reorder, duplicate) and the public pricing list. A tier with subscribers cannot be deleted, only
 * deactivated (closed to new subscribers). Gateway plan sync arrives with the gateways.
 */
public final class TierRoutes {
    private final Pool pool;

    public TierRoutes(Pool pool) {
        this.pool = pool;
    }

    public void mount(Api api) {
        components(api);
        api.raw(
                Endpoint.get("/api/v1/sites/{siteId}/tiers/public")
                        .id("listPublicTiers")
                        .tag("billing")
                        .summary("The pricing page: active public tiers of a public site")
                        .access(Access.anyone())
                        .ok(
                                200,
                                object().optional("siteId", nullable(string()))
                                        .optional(
                                                "data",
                                                array(
                                                        object().optional("id", string())
                                                                .optional("name", string())
                                                                .optional("slug", string())
                                                                .optional("description", nullable(string()))
                                                                .optional(
                                                                        "monthlyPrice",
                                                                        integer()
                                                                                .description(
                                                                                        "minor units (paise, cents)"))
                                                                .optional("annualPrice", nullable(integer()))
                                                                .optional("currency", nullable(string()))
                                                                .optional(
                                                                        "billingCycles",
                                                                        array(string().oneOf("MONTHLY", "ANNUAL")))
                                                                .optional("benefits", array(string()))
                                                                .optional("earlyAccessDays", integer())
                                                                .optional("badgeText", nullable(string()))
                                                                .optional("badgeColor", nullable(string()))
                                                                .optional("isHighlighted", Schema.bool())
                                                                .optional("highlightText", nullable(string()))
                                                                .optional("isFree", Schema.bool())
                                                                .optional("soldOut", Schema.bool())
                                                                .optional(
                                                                        "trialDays",
                                                                        integer()
                                                                                .description(
                                                                                        "free days for readers new to the site")))),
                                "OK"),
                ctx -> {
                    UUID site = PathParams.uuid(ctx, "siteId", "site.not_found");
                    pool.preparedQuery(TierSql.SITE_EXISTS)
                            .execute(Tuple.of(site))
                            .compose(found -> found.size() == 0
                                    ? Future.failedFuture(new ApiException.NotFound("site.not_found", "Not found."))
                                    : pool.preparedQuery(TierSql.PUBLIC).execute(Tuple.of(site)))
                            .onSuccess(rows -> {
                                JsonArray data = new JsonArray();
                                rows.forEach(r -> data.add(publicJson(r)));
                                Responses.publicJson(
                                        ctx,
                                        new JsonObject()
                                                .put("siteId", site.toString())
                                                .put("data", data));
                            })
                            .onFailure(ctx::fail);
                });
        api.raw(
                Endpoint.patch("/api/v1/sites/{siteId}/tiers/reorder")
                        .id("reorderTiers")
                        .tag("billing")
                        .summary("Reorder: the named tiers first, the rest after in their order")
                        .access(Access.signedIn())
                        .body(object().required("order", array(string()).size(0, 100)))
                        .ok(200, Schema.list(ref("Tier")), "OK")
                        .problems(403),
                this::reorder);
        api.raw(
                Endpoint.get("/api/v1/sites/{siteId}/tiers")
                        .id("listTiers")
                        .tag("billing")
                        .summary("The site's tiers, in display order (owner, editors)")
                        .access(Access.signedIn())
                        .ok(200, Schema.list(ref("Tier")), "OK")
                        .problems(403),
                ctx -> manageSite(ctx, site(ctx))
                        .compose(s -> pool.preparedQuery(TierSql.FOR_SITE).execute(Tuple.of(s)))
                        .onSuccess(rows -> {
                            JsonArray data = new JsonArray();
                            rows.forEach(r -> data.add(json(r)));
                            Responses.list(ctx, data, null);
                        })
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.post("/api/v1/sites/{siteId}/tiers")
                        .id("createTier")
                        .tag("billing")
                        .summary("Create a tier (active, last in order)")
                        .access(Access.signedIn())
                        .body(object().required("name", string().length(0, 50))
                                .optional("description", string())
                                .required("monthlyPrice", integer())
                                .optional("annualPrice", integer())
                                .required("currency", string().description("ISO 4217"))
                                .optional("billingCycles", array(string().oneOf("MONTHLY", "ANNUAL")))
                                .optional("benefits", array(string()))
                                .optional("earlyAccessDays", integer())
                                .optional("badgeText", string())
                                .optional("badgeColor", string().description("#RRGGBB"))
                                .optional("isHighlighted", Schema.bool())
                                .optional("highlightText", string())
                                .optional("isPublic", Schema.bool())
                                .optional("maxSubscribers", integer())
                                .optional("trialDays", integer().range(0, 90)))
                        .ok(201, ref("Tier"), "OK")
                        .problems(403),
                this::create);
        api.raw(
                Endpoint.get("/api/v1/tiers/{tierId}")
                        .id("getTier")
                        .tag("billing")
                        .summary("One tier")
                        .access(Access.signedIn())
                        .ok(200, ref("Tier"), "OK")
                        .problems(403),
                ctx -> answer(ctx, 200, managed(ctx).map(TierRoutes::json)));
        api.raw(
                Endpoint.patch("/api/v1/tiers/{tierId}")
                        .id("updateTier")
                        .tag("billing")
                        .summary("Change a tier; what is not sent is kept")
                        .access(Access.signedIn())
                        .body(object().optional("name", string().length(0, 50))
                                .optional("description", string())
                                .optional("monthlyPrice", integer())
                                .optional("annualPrice", integer())
                                .optional("currency", string().description("ISO 4217"))
                                .optional("billingCycles", array(string().oneOf("MONTHLY", "ANNUAL")))
                                .optional("benefits", array(string()))
                                .optional("earlyAccessDays", integer())
                                .optional("badgeText", string())
                                .optional("badgeColor", string().description("#RRGGBB"))
                                .optional("isHighlighted", Schema.bool())
                                .optional("highlightText", string())
                                .optional("isPublic", Schema.bool())
                                .optional("maxSubscribers", integer())
                                .optional("trialDays", integer().range(0, 90)))
                        .ok(200, ref("Tier"), "OK")
                        .problems(403),
                this::update);
        api.raw(
                Endpoint.delete("/api/v1/tiers/{tierId}")
                        .id("deleteTier")
                        .tag("billing")
                        .summary("Delete a tier without subscribers (409 tier.has_subscribers: deactivate it instead)")
                        .access(Access.signedIn())
                        .noContent()
                        .problems(403, 409),
                ctx -> managed(ctx)
                        .compose(t -> pool.preparedQuery(TierSql.DELETE).execute(Tuple.of(t.getUUID("id"))))
                        .onSuccess(rows -> {
                            if (rows.rowCount() == 0) {
                                ctx.fail(new ApiException.Conflict(
                                        "tier.has_subscribers",
                                        "This tier has subscribers; deactivate it to close it to new ones.",
                                        List.of()));
                            } else {
                                Responses.noContent(ctx);
                            }
                        })
                        .onFailure(ctx::fail));
        for (String action : List.of("activate", "deactivate")) {
            boolean activate = action.equals("activate");
            api.raw(
                    Endpoint.post("/api/v1/tiers/{tierId}/" + action)
                            .id(action + "Tier")
                            .tag("billing")
                            .summary(
                                    activate
                                            ? "Open to new subscribers"
                                            : "Close to new subscribers (current ones keep it)")
                            .access(Access.signedIn())
                            .ok(200, ref("Tier"), "OK")
                            .problems(403),
                    ctx -> answer(
                            ctx,
                            200,
                            managed(ctx)
                                    .compose(t -> pool.preparedQuery(TierSql.SET_ACTIVE)
                                            .execute(Tuple.of(t.getUUID("id"), activate)))
                                    .map(rows -> json(rows.iterator().next()))));
        }
        api.raw(
                Endpoint.post("/api/v1/tiers/{tierId}/duplicate")
                        .id("duplicateTier")
                        .tag("billing")
                        .summary("Copy a tier (inactive, named … (copy))")
                        .access(Access.signedIn())
                        .ok(201, ref("Tier"), "OK")
                        .problems(403),
                ctx -> answer(ctx, 201, managed(ctx).compose(t -> {
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
                })));
    }

    private void create(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        TierInput in = TierInput.read(body, true);
        body.validate();
        cross(in);
        UUID site = site(ctx);
        answer(
                ctx,
                201,
                manageSite(ctx, site)
                        .compose(s -> insert(site, Authz.require(ctx).userId(), in, true)));
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

    private void update(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        TierInput given = TierInput.read(body, false);
        body.validate();
        answer(
                ctx,
                200,
                managed(ctx)
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
                        .map(rows -> json(rows.iterator().next())));
    }

    private void reorder(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        List<String> order = body.optionalStrings("order", 100, 36);
        if (order == null || order.isEmpty()) {
            body.error("order", "must list 1 to 100 tier ids in the new order");
        }
        UUID[] ids = order == null
                ? new UUID[0]
                : order.stream()
                        .map(s -> {
                            try {
                                return UUID.fromString(s);
                            } catch (IllegalArgumentException e) {
                                return null;
                            }
                        })
                        .toArray(UUID[]::new);
        if (java.util.Arrays.asList(ids).contains(null)) {
            body.error("order", "must be tier ids");
        }
        body.validate();
        UUID site = site(ctx);
        manageSite(ctx, site)
                .compose(s -> pool.preparedQuery(TierSql.REORDER)
                        .execute(Tuple.tuple().addUUID(site).addArrayOfUUID(ids)))
                .compose(v -> pool.preparedQuery(TierSql.FOR_SITE).execute(Tuple.of(site)))
                .onSuccess(rows -> {
                    JsonArray data = new JsonArray();
                    rows.forEach(r -> data.add(json(r)));
                    Responses.list(ctx, data, null);
                })
                .onFailure(ctx::fail);
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

    private static UUID site(RoutingContext ctx) {
        return PathParams.uuid(ctx, "siteId", "site.not_found");
    }

    /** The site, if the caller manages it (owner, editor, admin). */
    private Future<UUID> manageSite(RoutingContext ctx, UUID site) {
        return SiteService.membership(pool, site, Authz.require(ctx))
                .map(m -> m.requireManage().siteId());
    }

    /** The tier, if the caller manages its site; else 404. */
    private Future<Row> managed(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "tierId", "tier.not_found");
        return pool.preparedQuery(TierSql.ONE).execute(Tuple.of(id)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(new ApiException.NotFound("tier.not_found", "Not found."));
            }
            Row t = rows.iterator().next();
            return manageSite(ctx, t.getUUID("site_id"))
                    .recover(e -> Future.failedFuture(
                            e instanceof ApiException.NotFound
                                    ? new ApiException.NotFound("tier.not_found", "Not found.")
                                    : e))
                    .map(s -> t);
        });
    }

    private static void answer(RoutingContext ctx, int status, Future<JsonObject> result) {
        result.onSuccess(b -> Responses.json(ctx, status, b)).onFailure(ctx::fail);
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

    private static void components(Api api) {
        api.component(
                "Tier",
                Schema.allOf(
                        object().optional("id", string())
                                .optional("name", string())
                                .optional("slug", string())
                                .optional("description", nullable(string()))
                                .optional("monthlyPrice", integer().description("minor units (paise, cents)"))
                                .optional("annualPrice", nullable(integer()))
                                .optional("currency", nullable(string()))
                                .optional("billingCycles", array(string().oneOf("MONTHLY", "ANNUAL")))
                                .optional("benefits", array(string()))
                                .optional("earlyAccessDays", integer())
                                .optional("badgeText", nullable(string()))
                                .optional("badgeColor", nullable(string()))
                                .optional("isHighlighted", Schema.bool())
                                .optional("highlightText", nullable(string()))
                                .optional("isFree", Schema.bool())
                                .optional("soldOut", Schema.bool())
                                .optional("trialDays", integer().description("free days for readers new to the site")),
                        object().optional("siteId", nullable(string()))
                                .optional("displayOrder", integer())
                                .optional("isActive", Schema.bool())
                                .optional("isPublic", Schema.bool())
                                .optional("maxSubscribers", nullable(integer()))
                                .optional("currentSubscribers", integer())
                                .optional("createdAt", string())
                                .optional("updatedAt", string())));
    }
}
