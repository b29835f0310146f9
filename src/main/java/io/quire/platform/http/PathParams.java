package io.quire.platform.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Path parameters. An id that isn't a UUID names nothing: 404 with the resource's code, like an unknown one. */
public final class PathParams {
    private PathParams() {}

    public static UUID uuid(RoutingContext ctx, String name, String notFoundCode) {
        try {
            return UUID.fromString(ctx.pathParam(name));
        } catch (IllegalArgumentException e) {
            throw new ApiException.NotFound(notFoundCode, "No such resource.");
        }
    }
}
