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
import io.quire.platform.http.PathParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/**
 * §7.2 subscription tiers for a site's owner and editors (list, create, get, update, delete or deactivate,
 * activate, reorder, duplicate) and the public pricing list. A tier with subscribers cannot be deleted, only
 * deactivated (closed to new subscribers). Gateway plan sync arrives with the gateways.
 */
public final class TierRoutes {
    /**
     * What a tier is, as {@link TierInput} checks it (that check answers; this says it in the document). On create
     * name, monthlyPrice and currency are required; on update what is not sent is kept.
     */
    private static final io.quire.platform.api.ObjectSchema FIELDS = object().optional("name", string().length(1, 50))
            .optional("description", string().length(0, 2000))
            .optional("monthlyPrice", price())
            .optional("annualPrice", price().description("Needed to sell the ANNUAL cycle"))
            .optional("currency", currency())
            .optional(
                    "billingCycles",
                    array(string().oneOf("MONTHLY", "ANNUAL")).size(1, 2).description("Default MONTHLY"))
            .optional("benefits", array(string().length(1, 200)).size(0, 20))
            .optional("earlyAccessDays", integer().range(0, 365))
            .optional("badgeText", string().length(1, 20))
            .optional("badgeColor", string().pattern("#[0-9a-fA-F]{6}", "must be a colour such as #7F3FBF"))
            .optional("isHighlighted", Schema.bool())
            .optional("highlightText", string().length(1, 30))
            .optional("isPublic", Schema.bool())
            .optional("maxSubscribers", nullable(integer().range(1, 10_000_000).description("null: no limit")))
            .optional("trialDays", integer().range(0, 90).description("Free days for readers new to the site"));

    private final Tiers tiers;

    public TierRoutes(Tiers tiers) {
        this.tiers = tiers;
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
                ctx -> tiers.pricing(site(ctx))
                        .onSuccess(j -> Responses.publicJson(ctx, j))
                        .onFailure(ctx::fail));
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
                ctx -> tiers.list(Authz.require(ctx), site(ctx))
                        .onSuccess(data -> Responses.list(ctx, data, null))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.post("/api/v1/sites/{siteId}/tiers")
                        .id("createTier")
                        .tag("billing")
                        .summary("Create a tier (active, last in order)")
                        .access(Access.signedIn())
                        .body(object().with(FIELDS)
                                .required("name", string().length(1, 50))
                                .required("monthlyPrice", price())
                                .required("currency", currency()))
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
                ctx -> answer(ctx, 200, tiers.get(Authz.require(ctx), tier(ctx))));
        api.raw(
                Endpoint.patch("/api/v1/tiers/{tierId}")
                        .id("updateTier")
                        .tag("billing")
                        .summary("Change a tier; what is not sent is kept")
                        .access(Access.signedIn())
                        .body(FIELDS)
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
                ctx -> tiers.delete(Authz.require(ctx), tier(ctx))
                        .onSuccess(v -> Responses.noContent(ctx))
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
                    ctx -> answer(ctx, 200, tiers.setActive(Authz.require(ctx), tier(ctx), activate)));
        }
        api.raw(
                Endpoint.post("/api/v1/tiers/{tierId}/duplicate")
                        .id("duplicateTier")
                        .tag("billing")
                        .summary("Copy a tier (inactive, named … (copy))")
                        .access(Access.signedIn())
                        .ok(201, ref("Tier"), "OK")
                        .problems(403),
                ctx -> answer(ctx, 201, tiers.duplicate(Authz.require(ctx), tier(ctx))));
    }

    private void create(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        TierInput in = TierInput.read(body, true);
        body.validate();
        answer(ctx, 201, tiers.create(Authz.require(ctx), site(ctx), in));
    }

    private void update(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        TierInput given = TierInput.read(body, false);
        body.validate();
        answer(ctx, 200, tiers.update(Authz.require(ctx), tier(ctx), given));
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
        tiers.reorder(Authz.require(ctx), site(ctx), ids)
                .onSuccess(data -> Responses.list(ctx, data, null))
                .onFailure(ctx::fail);
    }

    private static UUID site(RoutingContext ctx) {
        return PathParams.uuid(ctx, "siteId", "site.not_found");
    }

    private static io.quire.platform.api.NumberSchema price() {
        return integer().range(0, Integer.MAX_VALUE).description("Minor units (paise, cents)");
    }

    private static io.quire.platform.api.StringSchema currency() {
        return string().length(3, 3).description("ISO 4217, any case: INR, USD, IDR");
    }

    private static UUID tier(RoutingContext ctx) {
        return PathParams.uuid(ctx, "tierId", "tier.not_found");
    }

    private static void answer(RoutingContext ctx, int status, Future<JsonObject> result) {
        result.onSuccess(b -> Responses.json(ctx, status, b)).onFailure(ctx::fail);
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
