package io.quire.platform.api;

import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Principal;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.Revisions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * One request as a handler sees it, already past the endpoint's access check and validation: the caller, the
 * checked body (declared fields only, strings trimmed), and the path and query parameters.
 */
public final class Call {
    private final RoutingContext ctx;
    private final JsonObject body;

    Call(RoutingContext ctx, JsonObject body) {
        this.ctx = ctx;
        this.body = body;
    }

    /** The caller, or null when anonymous (only on {@link Access#anyone()} endpoints). */
    public Principal caller() {
        return Authz.principal(ctx);
    }

    /** The signed-in caller. */
    public Principal user() {
        return Authz.require(ctx);
    }

    /** The checked body; empty when the endpoint declares none. */
    public JsonObject body() {
        return body;
    }

    public String path(String name) {
        return ctx.pathParam(name);
    }

    /** A path id; one that is not a UUID names nothing, so it is a 404 with {@code notFoundCode}. */
    public UUID id(String name, String notFoundCode) {
        return PathParams.uuid(ctx, name, notFoundCode);
    }

    /** A query parameter as sent, or null (validated already when the endpoint declares it). */
    public String query(String name) {
        java.util.List<String> values = ctx.queryParam(name);
        String v = values.isEmpty() ? null : values.get(0);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** {@code limit}: 1 to 100, 20 when absent. */
    public int limit() {
        return QueryParams.limit(ctx);
    }

    public String header(String name) {
        return ctx.request().getHeader(name);
    }

    /** The revision a write is based on ({@code If-Match} or the body's {@code baseRevision}); null when neither. */
    public Long expectedRevision() {
        Long fromHeader = Revisions.expected(ctx, null);
        if (fromHeader != null) {
            return fromHeader;
        }
        return body.getLong("baseRevision");
    }

    /** Like {@link #expectedRevision}, but a missing one is a 428. */
    public long requiredRevision(String what) {
        return Revisions.required(expectedRevision(), what);
    }

    /**
     * Spends one of {@code limit} attempts per {@code window} for {@code subject} on {@code name} (sign-in guesses,
     * mail sends); the answer carries the RateLimit headers, and over the limit the call fails with a 429.
     */
    public io.vertx.core.Future<Void> enforce(
            io.quire.platform.ratelimit.RateLimiter limiter,
            String name,
            String subject,
            int limit,
            java.time.Duration window) {
        return limiter.enforce(ctx, name, subject, limit, window);
    }

    /** The client's address (forwarded headers are honoured only behind a trusted proxy). */
    public String clientIp() {
        return Authz.clientIp(ctx);
    }
}
