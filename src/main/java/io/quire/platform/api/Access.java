package io.quire.platform.api;

import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Role;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Who may call an endpoint. Enforced before the handler (401 anonymous, 403 below the bar) and written into the
 * document as its {@code security}. Rules about whose site or series it is belong to the service, not here.
 */
public record Access(Kind kind, Role role, String scope, boolean refusesApiKeys) {
    public enum Kind {
        /** Anyone; credentials that are sent are still checked (an invalid token is refused, never ignored). */
        ANYONE,
        /** A signed-in user, by session or API key (limited to its scopes). */
        SIGNED_IN,
        /** A session only: API keys may not manage accounts, keys or credentials. */
        SESSION,
        /** A signed-in user whose role is at least {@link #role}. */
        ROLE
    }

    public static Access anyone() {
        return new Access(Kind.ANYONE, null, null, false);
    }

    public static Access signedIn() {
        return new Access(Kind.SIGNED_IN, null, null, false);
    }

    public static Access session() {
        return new Access(Kind.SESSION, null, null, true);
    }

    public static Access atLeast(Role role) {
        return new Access(Kind.ROLE, role, null, false);
    }

    /** The same, and an API key must carry {@code scope}. */
    public Access withScope(String scope) {
        return new Access(kind, role, scope, refusesApiKeys);
    }

    /** The same, and only with a session: API keys are refused (account and credential management). */
    public Access sessionOnly() {
        return new Access(kind, role, scope, true);
    }

    /** The route handler that enforces it, or null for {@link Kind#ANYONE}. */
    Handler<RoutingContext> guard() {
        Handler<RoutingContext> base = switch (kind) {
            case ANYONE -> null;
            case SIGNED_IN -> Authz.authenticated();
            case SESSION -> Authz.session();
            case ROLE -> refusesApiKeys ? sessionThen(Authz.atLeast(role)) : Authz.atLeast(role);
        };
        if (scope == null) {
            return base;
        }
        Handler<RoutingContext> scoped = Authz.scope(scope);
        return base == null
                ? scoped
                : ctx -> {
                    Authz.require(ctx);
                    scoped.handle(ctx);
                };
    }

    /** A session (401 anonymous, 403 an API key), then {@code check}, which calls {@code next()} when it passes. */
    private static Handler<RoutingContext> sessionThen(Handler<RoutingContext> check) {
        return ctx -> {
            Authz.requireSession(ctx);
            check.handle(ctx);
        };
    }

    JsonArray security() {
        JsonArray security = new JsonArray();
        if (!refusesApiKeys) {
            security.add(new JsonObject().put("apiKey", new JsonArray()));
        }
        security.add(new JsonObject().put("bearerAuth", new JsonArray()));
        if (kind == Kind.ANYONE) {
            security.add(new JsonObject()); // credentials optional
        }
        return security;
    }

    /** A sentence for the operation's description. */
    String explained() {
        String who = switch (kind) {
            case ANYONE -> "Anyone; credentials are optional, but ones that are sent must be valid.";
            case SIGNED_IN -> "Any signed-in user (session or API key).";
            case SESSION -> "A signed-in user with a session (API keys are refused).";
            case ROLE ->
                "A signed-in user with at least the " + role + " role"
                        + (refusesApiKeys ? ", by session (API keys are refused)." : ".");
        };
        return scope == null ? who : who + " API keys need the `" + scope + "` scope.";
    }
}
