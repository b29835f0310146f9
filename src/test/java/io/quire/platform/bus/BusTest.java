package io.quire.platform.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Eventually;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Typed addresses over the local codec: records travel by reference, never over a wire. */
class BusTest {
    record Greet(String name) {}

    record Greeting(String text) {}

    static final RequestAddress<Greet, Greeting> GREET = RequestAddress.of("test.greet", Greet.class, Greeting.class);
    static final Address<Greeting> GREETED = Address.of("test.greeted", Greeting.class);

    Vertx vertx;
    Bus bus;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        Bus.registerCodec(vertx);
        bus = new Bus(vertx);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().await(5, TimeUnit.SECONDS);
    }

    @Test
    void requestGetsATypedReply() throws Exception {
        bus.reply(GREET, greet -> Future.succeededFuture(new Greeting("hello " + greet.name())))
                .completion()
                .await();
        assertEquals(
                new Greeting("hello ada"),
                bus.request(GREET, new Greet("ada"), 1000).await(5, TimeUnit.SECONDS));
    }

    @Test
    void aFailedHandlerBecomesAFailedRequest() throws Exception {
        bus.reply(GREET, greet -> Future.<Greeting>failedFuture("no greetings today"))
                .completion()
                .await();
        ReplyException e = assertThrows(
                ReplyException.class,
                () -> bus.request(GREET, new Greet("ada"), 1000).await(5, TimeUnit.SECONDS));
        assertEquals("no greetings today", e.getMessage());
    }

    @Test
    void publishedFactsReachEverySubscriberAsTheSameObject() throws Exception {
        List<Greeting> seen = new CopyOnWriteArrayList<>();
        bus.subscribe(GREETED, seen::add).completion().await();
        bus.subscribe(GREETED, seen::add).completion().await();
        Greeting fact = new Greeting("published");
        bus.publish(GREETED, fact);
        Eventually.await(() -> seen.size() == 2, 2000, "both subscribers");
        assertSame(fact, seen.get(0), "no copy");
    }

    @Test
    void theCodecRefusesTheWire() {
        LocalCodec codec = new LocalCodec();
        assertThrows(IllegalStateException.class, () -> codec.encodeToWire(Buffer.buffer(), new Greeting("x")));
        assertThrows(IllegalStateException.class, () -> codec.decodeFromWire(0, Buffer.buffer()));
        assertTrue(codec.systemCodecID() < 0);
    }
}
