package io.quire.platform.ratelimit;

import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Principal;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathTable;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The per-route-class limit on every API request: per IP for anonymous callers, per user for signed-in ones.
 * API keys are limited by their own {@code rateLimitPerMinute} when they authenticate, so they skip this one.
 * Every limited answer carries {@code RateLimit-Limit/Remaining/Reset}; over the limit is a 429 problem with
 * {@code Retry-After}. Runs after authentication, so it knows who is calling.
 */
public final class RouteRateLimits implements Handler<RoutingContext> {
    private final LeasedLimiter limiter;
    private final QuireConfig config;
    private final PathTable<RouteClass> declared;

    /** {@code declared}: the rate class each endpoint declares; routes not declared yet are classed by path. */
    public RouteRateLimits(LeasedLimiter limiter, QuireConfig config, PathTable<RouteClass> declared) {
        this.limiter = limiter;
        this.config = config;
        this.declared = declared;
    }

    @Override
    public void handle(RoutingContext ctx) {
        RouteClass own = declared.find(ctx.request().method(), ctx.normalizedPath());
        RouteClass routeClass = own != null ? own : RouteClass.of(ctx.request().method(), ctx.normalizedPath());
        Principal principal = Authz.principal(ctx);
        if (routeClass == RouteClass.EXEMPT || principal != null && principal.isApiKey()) {
            ctx.next();
            return;
        }
        QuireConfig.ClassLimits limits = config.rateLimit().classes().get(routeClass.configName());
        int perMinute = principal == null ? limits.anonymousPerMinute() : limits.userPerMinute();
        String subject = principal == null ? "ip:" + Authz.clientIp(ctx) : "user:" + principal.userId();
        limiter.take(new LeasedLimiter.Subject(routeClass.configName(), subject), perMinute)
                .onSuccess(d -> {
                    ctx.response()
                            .putHeader("RateLimit-Limit", Integer.toString(d.limit()))
                            .putHeader("RateLimit-Remaining", Integer.toString(d.remaining()))
                            .putHeader("RateLimit-Reset", Long.toString(d.resetSeconds()));
                    if (d.allowed()) {
                        ctx.next();
                    } else {
                        ctx.fail(new ApiException.RateLimited(
                                "ratelimit.exceeded",
                                "Too many " + routeClass.configName()
                                        + " requests; the limit is " + d.limit() + " a minute. Try again in "
                                        + d.retryAfterSeconds()
                                        + " seconds.",
                                d.retryAfterSeconds()));
                    }
                })
                .onFailure(ctx::fail);
    }
}
