package io.quire.platform.auth;

import io.quire.platform.http.ApiException;
import io.quire.platform.ratelimit.RouteClass;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Identifies the caller of every API request: an access token ({@code Authorization: Bearer <jwt>}) or an API
 * key ({@code Authorization: Bearer qk_…} or {@code X-API-Key}). No credentials means anonymous, decided per
 * route by {@link Authz}; bad credentials are a 401 at once, so a client notices its token is wrong even on a
 * route that would also serve it anonymously.
 */
public final class AuthHandler implements Handler<RoutingContext> {
    public static final String API_KEY_PREFIX = "qk_";
    private final AccessTokens tokens;
    private final Revocations revocations;
    private final ApiKeyAuthenticator apiKeys;

    public AuthHandler(AccessTokens tokens, Revocations revocations, ApiKeyAuthenticator apiKeys) {
        this.tokens = tokens;
        this.revocations = revocations;
        this.apiKeys = apiKeys;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (RouteClass.of(ctx.request().method(), ctx.normalizedPath()) == RouteClass.EXEMPT) {
            ctx.next(); // incoming webhooks: the sender is proven by its signature, whatever else it sends
            return;
        }
        String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        String apiKey = ctx.request().getHeader("X-API-Key");
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim()
                : null;
        if (apiKey == null && bearer != null && bearer.startsWith(API_KEY_PREFIX)) {
            apiKey = bearer;
        }
        Future<Principal> principal;
        if (apiKey != null) {
            principal = apiKeys.authenticate(
                    apiKey, Authz.clientIp(ctx), ctx.request().getHeader(HttpHeaders.ORIGIN));
        } else if (bearer != null) {
            principal = fromAccessToken(bearer);
        } else if (authorization != null) {
            principal = Future.failedFuture(
                    new ApiException.Unauthorized("auth.unsupported_scheme", "Use Authorization: Bearer <token>."));
        } else {
            ctx.next();
            return;
        }
        principal
                .onSuccess(p -> {
                    Authz.bind(ctx, p);
                    ctx.next();
                })
                .onFailure(ctx::fail);
    }

    private Future<Principal> fromAccessToken(String token) {
        return tokens.verify(token)
                .recover(e -> Future.failedFuture(
                        new ApiException.Unauthorized("auth.invalid_token", "The access token is invalid or expired.")))
                .compose(claims -> revocations
                        .isRevoked(claims)
                        .compose(revoked -> revoked
                                ? Future.failedFuture(new ApiException.Unauthorized(
                                        "auth.token_revoked", "This access token was revoked. Sign in again."))
                                : Future.succeededFuture(
                                        Principal.session(claims.userId(), claims.role(), claims.sessionId()))));
    }
}
