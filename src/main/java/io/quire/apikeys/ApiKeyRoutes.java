package io.quire.apikeys;

import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Role;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** {@code /api/v1/api-keys}: authors manage their keys with a session (a key cannot mint keys). */
public final class ApiKeyRoutes {
    private static final String BASE = "/api/v1/api-keys";
    private final ApiKeyService keys;

    public ApiKeyRoutes(ApiKeyService keys) {
        this.keys = keys;
    }

    public void mount(Router router) {
        router.get(BASE).handler(Authz.session()).handler(this::list);
        router.post(BASE)
                .handler(Authz.session())
                .handler(Authz.atLeast(Role.AUTHOR))
                .handler(this::create);
        router.get(BASE + "/:apiKeyId").handler(Authz.session()).handler(this::get);
        router.patch(BASE + "/:apiKeyId").handler(Authz.session()).handler(this::update);
        router.delete(BASE + "/:apiKeyId").handler(Authz.session()).handler(this::revoke);
        router.post(BASE + "/:apiKeyId/regenerate").handler(Authz.session()).handler(this::regenerate);
        router.get(BASE + "/:apiKeyId/usage").handler(Authz.session()).handler(this::usage);
    }

    private void list(RoutingContext ctx) {
        keys.list(Authz.require(ctx))
                .onSuccess(list -> Responses.list(ctx, list, null))
                .onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        ApiKeyService.Input in = input(RequestBody.of(ctx), true);
        keys.create(Authz.require(ctx), in)
                .onSuccess(key -> {
                    ctx.response().putHeader("Location", BASE + "/" + key.getString("id"));
                    Responses.json(ctx, 201, key);
                })
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        keys.get(Authz.require(ctx), id(ctx))
                .onSuccess(key -> Responses.json(ctx, 200, key))
                .onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        ApiKeyService.Input in = input(RequestBody.of(ctx), false);
        keys.update(Authz.require(ctx), id(ctx), in)
                .onSuccess(key -> Responses.json(ctx, 200, key))
                .onFailure(ctx::fail);
    }

    private void revoke(RoutingContext ctx) {
        keys.revoke(Authz.require(ctx), id(ctx))
                .onSuccess(v -> Responses.noContent(ctx))
                .onFailure(ctx::fail);
    }

    private void regenerate(RoutingContext ctx) {
        keys.regenerate(Authz.require(ctx), id(ctx))
                .onSuccess(key -> Responses.json(ctx, 200, key))
                .onFailure(ctx::fail);
    }

    private void usage(RoutingContext ctx) {
        keys.usage(Authz.require(ctx), id(ctx))
                .onSuccess(u -> Responses.json(ctx, 200, u))
                .onFailure(ctx::fail);
    }

    private static ApiKeyService.Input input(RequestBody body, boolean creating) {
        String name = creating ? body.requiredString("name", 1, 100) : body.optionalString("name", 1, 100);
        List<String> scopes = body.optionalStrings("scopes", 20, 40);
        if (creating && scopes == null) {
            body.error("scopes", "is required");
        }
        if (scopes != null && (scopes.isEmpty() || !ApiKeyScopes.ALL.containsAll(scopes))) {
            body.error(
                    "scopes",
                    "must be a non-empty list of "
                            + ApiKeyScopes.ALL.stream().sorted().toList());
        }
        UUID siteId = null;
        String site = creating ? body.optionalString("siteId", 36, 36) : null;
        if (site != null) {
            try {
                siteId = UUID.fromString(site);
            } catch (IllegalArgumentException e) {
                body.error("siteId", "must be a site id");
            }
        }
        List<String> ips = body.optionalStrings("allowedIps", 50, 64);
        if (ips != null && !ips.stream().allMatch(IpAllowList::valid)) {
            body.error("allowedIps", "must be IP addresses or CIDR blocks");
        }
        List<String> origins = body.optionalStrings("allowedOrigins", 50, 255);
        if (origins != null && !origins.stream().allMatch(o -> o.matches("^https?://[^/\\s]+$"))) {
            body.error("allowedOrigins", "must be origins like https://example.com");
        }
        Integer rate = body.optionalInteger("rateLimitPerMinute", 1, 100_000);
        String expires = body.optionalString("expiresAt", 1, 40);
        OffsetDateTime expiresAt = null;
        if (expires != null) {
            try {
                expiresAt = OffsetDateTime.parse(expires);
                if (expiresAt.isBefore(OffsetDateTime.now())) {
                    body.error("expiresAt", "must be in the future");
                }
            } catch (DateTimeParseException e) {
                body.error("expiresAt", "must be an ISO-8601 timestamp such as 2027-01-01T00:00:00Z");
            }
        }
        body.validate();
        return new ApiKeyService.Input(name, scopes, siteId, ips, origins, rate, body.has("expiresAt"), expiresAt);
    }

    private static UUID id(RoutingContext ctx) {
        return PathParams.uuid(ctx, "apiKeyId", "api_key.not_found");
    }
}
