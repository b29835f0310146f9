package io.quire.platform.logging;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxBootstrap;
import io.vertx.core.spi.VertxServiceProvider;
import io.vertx.core.spi.context.storage.ContextLocal;

/**
 * The request id of the HTTP request being handled, kept in the request's duplicated Vert.x context (a thread
 * local would be wrong: one event-loop thread interleaves many requests). Registered as a
 * {@link VertxServiceProvider} so the context local exists before the first Vert.x instance is built.
 */
public final class RequestIds implements VertxServiceProvider {
    private static final ContextLocal<String> REQUEST_ID = ContextLocal.registerLocal(String.class);

    @Override
    public void init(VertxBootstrap bootstrap) {
        // registration happens in the static initialiser, which loading this provider triggers
    }

    /** Binds {@code id} to the current (per-request, duplicated) context. */
    public static void bind(String id) {
        Context context = Vertx.currentContext();
        if (context != null) {
            context.putLocal(REQUEST_ID, id);
        }
    }

    /** The request id of the code running now, or null outside a request. */
    public static String current() {
        Context context = Vertx.currentContext();
        return context == null ? null : context.getLocal(REQUEST_ID);
    }
}
