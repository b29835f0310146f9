package io.quire.platform.bus;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.function.Function;

/** Typed, local-only access to the event bus: records in, records out, through {@link LocalCodec}. */
public final class Bus {
    private static final DeliveryOptions LOCAL =
            new DeliveryOptions().setCodecName(LocalCodec.NAME).setLocalOnly(true);

    private final EventBus eventBus;

    public Bus(Vertx vertx) {
        this.eventBus = vertx.eventBus();
    }

    /** Registers the codec once per Vert.x instance; called by {@code Main} before any verticle deploys. */
    public static void registerCodec(Vertx vertx) {
        vertx.eventBus().registerCodec(new LocalCodec());
    }

    /** A fact for whoever listens; not durable: work that must happen is a row (outbox, job) first. */
    public <T> void publish(Address<T> address, T message) {
        eventBus.publish(address.name(), message, LOCAL);
    }

    /** Asks and waits at most {@code timeoutMs} for the typed reply. */
    public <Q, R> Future<R> request(RequestAddress<Q, R> address, Q request, long timeoutMs) {
        return eventBus.<Object>request(address.name(), request, new DeliveryOptions(LOCAL).setSendTimeout(timeoutMs))
                .map(reply -> address.replyType().cast(reply.body()));
    }

    /** Answers requests with {@code handler}; a failed future becomes a failure reply. */
    public <Q, R> MessageConsumer<Object> reply(RequestAddress<Q, R> address, Function<Q, Future<R>> handler) {
        return eventBus.localConsumer(address.name(), message -> {
            Q request = address.requestType().cast(message.body());
            handler.apply(request).onComplete(result -> {
                if (result.succeeded()) {
                    message.reply(result.result(), LOCAL);
                } else {
                    message.fail(500, String.valueOf(result.cause().getMessage()));
                }
            });
        });
    }

    /** Listens for facts published at {@code address}. */
    public <T> MessageConsumer<Object> subscribe(Address<T> address, java.util.function.Consumer<T> handler) {
        return eventBus.localConsumer(
                address.name(), message -> handler.accept(address.type().cast(message.body())));
    }
}
