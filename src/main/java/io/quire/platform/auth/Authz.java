package io.quire.platform.auth;

import io.quire.platform.http.ApiException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The platform's permission checks, as route handlers to put in front of a route's own handler
 * ({@code router.get(p).handler(Authz.atLeast(Role.ADMIN)).handler(this::list)}) or as calls from a handler.
 * Feature rules (who owns what) belong in services; these answer only "who is this and what may they be".
 */
public final class Authz {
    private static final String KEY = "quire.principal";

    private Authz() {}

    static void bind(RoutingContext ctx, Principal principal) {
        ctx.put(KEY, principal);
    }

    /** The caller, or null when anonymous. */
    public static Principal principal(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    /** The caller; 401 when anonymous. */
    public static Principal require(RoutingContext ctx) {
        Principal p = principal(ctx);
        if (p == null) {
            throw new ApiException.Unauthorized("auth.unauthenticated", "Sign in to do this.");
        }
        return p;
    }

    /** The caller signed in with a session; API keys may not manage accounts, keys or credentials (403). */
    public static Principal requireSession(RoutingContext ctx) {
        Principal p = require(ctx);
        if (p.isApiKey()) {
            throw new ApiException.Forbidden("auth.session_required", "API keys cannot do this; sign in as the user.");
        }
        return p;
    }

    /** Any signed-in caller (session or API key). */
    public static Handler<RoutingContext> authenticated() {
        return ctx -> {
            require(ctx);
            ctx.next();
        };
    }

    /** A session user, not an API key. */
    public static Handler<RoutingContext> session() {
        return ctx -> {
            requireSession(ctx);
            ctx.next();
        };
    }

    /** A caller whose role is at least {@code role}: 401 when anonymous, 403 when below. */
    public static Handler<RoutingContext> atLeast(Role role) {
        return ctx -> {
            if (!require(ctx).role().atLeast(role)) {
                throw new ApiException.Forbidden(
                        "auth.forbidden",
                        "This needs the " + role + " role."
                                + (role == Role.AUTHOR
                                        ? " Become an author with POST /api/v1/author-profile; its answer carries an access token"
                                                + " with the new role (where sign-up needs an admin's approval, the"
                                                + " token after the approval does)."
                                        : ""));
            }
            ctx.next();
        };
    }

    /** API keys must carry {@code scope}; session users pass. */
    public static Handler<RoutingContext> scope(String scope) {
        return ctx -> {
            if (!require(ctx).hasScope(scope)) {
                throw new ApiException.Forbidden("auth.scope_missing", "This API key lacks the '" + scope + "' scope.");
            }
            ctx.next();
        };
    }

    /**
     * The caller's address. With {@code http.trustProxyHeaders} the router already resolved
     * {@code X-Forwarded-For}/{@code Forwarded} into the remote address.
     */
    public static String clientIp(RoutingContext ctx) {
        var address = ctx.request().remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }
}
