package io.quire.platform.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code LISTEN} connection per verticle, turning {@code NOTIFY} on a channel into an early wake-up. A
 * notification is only a hint: it can be lost (connection drop, restart), so everything that listens also
 * polls; this merely makes new work start in milliseconds instead of one poll interval later.
 */
public final class PgListener {
    private static final Logger log = LoggerFactory.getLogger(PgListener.class);

    private final PgSubscriber subscriber;

    public PgListener(Vertx vertx, PgTarget target) {
        this.subscriber = PgSubscriber.subscriber(vertx, target.options())
                // keep trying every few seconds while PostgreSQL is away; polling covers the gap
                .reconnectPolicy(retries -> 2000L);
    }

    /** Calls {@code onNotify} with the payload of every notification on {@code channel}. */
    public PgListener on(String channel, java.util.function.Consumer<String> onNotify) {
        subscriber.channel(channel).handler(onNotify::accept);
        return this;
    }

    /** Connects; never fails the caller, since polling works without it. */
    public Future<Void> start() {
        return subscriber.connect().recover(e -> {
            log.warn("LISTEN connection failed, relying on polling: {}", e.getMessage());
            return Future.succeededFuture();
        });
    }

    public Future<Void> close() {
        return subscriber.close();
    }
}
