package io.quire.platform.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Decodes the query string once, before any feature reads it: one that is not valid percent-encoding
 * ({@code ?cursor=%%%}) is a 400 {@code request.malformed} here, rather than an exception wherever a handler first
 * asks for a parameter (the fuzz run found that on every route reading the request's params directly).
 */
public final class QueryStrings implements Handler<RoutingContext> {
    @Override
    public void handle(RoutingContext ctx) {
        try {
            ctx.request().params();
        } catch (IllegalArgumentException e) {
            ctx.fail(new ApiException.BadRequest(
                    "request.malformed", "The query string is not valid percent-encoding."));
            return;
        }
        ctx.next();
    }
}
