package io.quire.verticle;

import io.quire.platform.bus.Bus;
import io.quire.platform.health.VerticleStatus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.function.Supplier;

/** Registers a background verticle's answer to the readiness check's status request. */
final class StatusReplies {
    private StatusReplies() {}

    static MessageConsumer<Object> register(Vertx vertx, String name, Supplier<JsonObject> detail) {
        return new Bus(vertx)
                .reply(
                        VerticleStatus.address(name),
                        request -> Future.succeededFuture(new VerticleStatus(name, true, detail.get())));
    }
}
