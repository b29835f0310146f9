package io.quire.platform.bus;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageCodec;

/**
 * Passes records between verticles of one process by reference, with no copy and no serialisation. Records
 * are immutable, so sharing them across event loops is safe. Quire never clusters its event bus (instances
 * coordinate through PostgreSQL and Redis), so the wire methods refuse loudly rather than drop data.
 */
public final class LocalCodec implements MessageCodec<Object, Object> {
    public static final String NAME = "quire-local";

    @Override
    public void encodeToWire(Buffer buffer, Object o) {
        throw new IllegalStateException(
                "quire-local messages never leave the process: " + o.getClass().getName());
    }

    @Override
    public Object decodeFromWire(int pos, Buffer buffer) {
        throw new IllegalStateException("quire-local messages never arrive from the wire");
    }

    @Override
    public Object transform(Object o) {
        return o;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
