package io.quire.platform.outbox;

import static io.quire.testing.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.platform.config.QuireConfig;
import io.quire.testing.TestApp;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Outbox rows are dispatched exactly once: three dispatchers compete for the same rows, and each row's effect
 * (a row the handler writes in the dispatch transaction) exists exactly once.
 */
class OutboxDispatcherTest {
    static TestApp app;
    final List<OutboxDispatcher> dispatchers = new ArrayList<>();
    final List<Context> contexts = new ArrayList<>();

    /** Writes the effect in the dispatch transaction, as a real handler would enqueue a job. */
    static final OutboxHandler RECORD_EFFECT =
            (tx, message) -> tx.preparedQuery("INSERT INTO outbox_effects (message_id, topic) VALUES ($1, $2)")
                    .execute(Tuple.of(message.id(), message.topic()))
                    .mapEmpty();

    @BeforeAll
    static void start() throws Exception {
        app = TestApp.builder().env("QUIRE_VERTICLES", "http").start();
        app.db
                .query("CREATE TABLE outbox_effects (message_id bigint NOT NULL, topic text NOT NULL)")
                .execute()
                .await();
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @BeforeEach
    void clean() throws Exception {
        app.db.query("TRUNCATE outbox, outbox_effects").execute().await(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopDispatchers() throws Exception {
        for (int i = 0; i < dispatchers.size(); i++) {
            OutboxDispatcher d = dispatchers.get(i);
            Context context = contexts.get(i);
            Future.<Void>future(p -> context.runOnContext(v -> {
                        d.stop();
                        p.complete();
                    }))
                    .await(5, TimeUnit.SECONDS);
        }
    }

    void dispatcher(Map<String, OutboxHandler> handlers, int batchSize) {
        Context context = app.vertx.getOrCreateContext();
        OutboxDispatcher d =
                new OutboxDispatcher(app.vertx, app.db, handlers, new QuireConfig.Outbox(30, batchSize, 7));
        context.runOnContext(v -> d.start());
        dispatchers.add(d);
        contexts.add(context);
    }

    static long count(String sql) {
        return app.count(sql);
    }

    @Test
    void rowsAreDispatchedExactlyOnceByCompetingDispatchers() throws Exception {
        int total = 300;
        for (int i = 0; i < total; i++) {
            String topic = i % 2 == 0 ? "chapter.published" : "site.updated";
            app.db
                    .withTransaction(tx -> Outbox.append(tx, topic, "agg-" + topic, new JsonObject().put("n", 1)))
                    .await(5, TimeUnit.SECONDS);
        }
        Map<String, OutboxHandler> handlers = Map.of("chapter.published", RECORD_EFFECT, "site.updated", RECORD_EFFECT);
        for (int i = 0; i < 3; i++) {
            dispatcher(handlers, 25);
        }
        await(
                () -> count("SELECT count(*) FROM outbox WHERE dispatched_at IS NOT NULL") == total,
                20_000,
                "all dispatched");
        Thread.sleep(300);
        assertEquals(total, count("SELECT count(*) FROM outbox_effects"));
        assertEquals(total, count("SELECT count(DISTINCT message_id) FROM outbox_effects"), "no message handled twice");
        assertEquals(0, count("""
        SELECT count(*) FROM outbox o JOIN outbox_effects e ON e.message_id = o.id WHERE e.topic <> o.topic"""));
        long byOthers =
                dispatchers.stream().filter(d -> d.dispatchedCount() > 0).count();
        assertTrue(byOthers >= 2, "the dispatchers shared the work");
    }

    @Test
    void aFailingMessageIsRetriedWithoutBlockingTheOthers() throws Exception {
        for (String topic : List.of("ok.topic", "bad.topic", "ok.topic")) {
            Outbox.append(app.db, topic, null, new JsonObject()).await(5, TimeUnit.SECONDS);
        }
        dispatcher(
                Map.of(
                        "ok.topic",
                        RECORD_EFFECT,
                        "bad.topic",
                        (tx, m) -> RECORD_EFFECT.handle(tx, m).compose(v -> Future.failedFuture("gateway down"))),
                10);
        await(
                () -> count("SELECT count(*) FROM outbox WHERE topic = 'ok.topic' AND dispatched_at IS NOT NULL") == 2,
                5_000,
                "the good messages");
        await(
                () -> count("SELECT attempts FROM outbox WHERE topic = 'bad.topic'") >= 2,
                5_000,
                "retries of the bad one");
        Row bad = app.db
                .query("SELECT * FROM outbox WHERE topic = 'bad.topic'")
                .execute()
                .await()
                .iterator()
                .next();
        assertEquals(null, bad.getValue("dispatched_at"));
        assertEquals("gateway down", bad.getString("last_error"));
        assertEquals(
                0,
                count("SELECT count(*) FROM outbox_effects WHERE topic = 'bad.topic'"),
                "the failed handler's writes were rolled back with its savepoint");
        assertEquals(2, count("SELECT count(*) FROM outbox_effects WHERE topic = 'ok.topic'"));
    }

    @Test
    void aMessageWrittenInARolledBackTransactionIsNeverDispatched() throws Exception {
        try {
            app.db
                    .withTransaction(tx -> Outbox.append(tx, "ok.topic", null, new JsonObject())
                            .compose(id -> Future.failedFuture("the change failed")))
                    .await(5, TimeUnit.SECONDS);
        } catch (Exception expected) {
            // the change failed; so must its message
        }
        assertEquals(0, count("SELECT count(*) FROM outbox"));
    }
}
