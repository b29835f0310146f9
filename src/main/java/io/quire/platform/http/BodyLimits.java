package io.quire.platform.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Reads request bodies with a size limit: {@code http.bodyLimitBytes} everywhere, or a route's own limit where
 * one was declared (an endpoint's {@code bodyLimit}, or a path prefix such as {@code /api/v1/webhooks/*}). A body
 * over the limit is refused with 413 as soon as its {@code Content-Length} (or its bytes) pass it. One handler
 * decides, because Vert.x runs only the first body handler a request meets.
 */
public final class BodyLimits implements Handler<RoutingContext> {
    private final BodyHandler fallback;
    private final PathTable<BodyHandler> overrides = new PathTable<>();
    private final PathTable<Boolean> streamed = new PathTable<>();

    public BodyLimits(long defaultLimitBytes) {
        this.fallback = create(defaultLimitBytes);
    }

    /** {@code path}: a route template ({@link PathTable}). */
    public BodyLimits override(String path, long limitBytes) {
        overrides.add(null, path, create(limitBytes));
        return this;
    }

    /**
     * A path whose handler reads the body itself, as a stream (uploads): no body handler runs, and the request is
     * paused here — before any asynchronous step such as authentication — so none of it is lost before the handler
     * asks for it.
     */
    public BodyLimits streamed(String path) {
        streamed.add(null, path, true);
        return this;
    }

    @Override
    public void handle(RoutingContext ctx) {
        if (streamed.find(ctx.request().method(), ctx.normalizedPath()) != null) {
            ctx.request().pause();
            ctx.next();
            return;
        }
        BodyHandler own = overrides.find(ctx.request().method(), ctx.normalizedPath());
        (own != null ? own : fallback).handle(ctx);
    }

    private static BodyHandler create(long limit) {
        return BodyHandler.create(false).setBodyLimit(limit);
    }
}
