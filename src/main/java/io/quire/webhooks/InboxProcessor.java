package io.quire.webhooks;

import io.quire.platform.inbox.WebhookHandler;
import io.quire.platform.jobs.Backoff;
import io.quire.platform.jobs.Job;
import io.quire.platform.jobs.JobHandler;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * The processing half of the inbox: the {@code webhooks.process} job, run by the webhooks verticle's own job
 * worker after the sender has its answer. In one transaction it locks the event, skips it when it was already
 * handled, marks it IGNORED when no handler knows its type, marks it SUPERSEDED when a newer event of the same
 * object was already applied (an older event arriving late must not roll state back), and otherwise applies it
 * and records the object's new last-applied time. A failure is written back (FAILED, the retry count and when
 * the next try is due) and the job retries with backoff; the last attempt leaves it in DEAD_LETTER, from where
 * an admin can replay it.
 */
public final class InboxProcessor implements JobHandler {
    private final Pool pool;
    private final Map<String, WebhookHandler> handlers;
    private final Backoff backoff;

    public InboxProcessor(Pool pool, Map<String, WebhookHandler> handlers, Backoff backoff) {
        this.pool = pool;
        this.handlers = Map.copyOf(handlers);
        this.backoff = backoff;
    }

    @Override
    public Future<Void> handle(Job job) {
        UUID id = UUID.fromString(job.payload().getString("eventId"));
        boolean replay = job.payload().getBoolean("replay", false);
        return pool.withTransaction(tx -> tx.preparedQuery(InboxSql.LOCK_EVENT)
                        .execute(Tuple.of(id))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                return Future.succeededFuture(); // purged meanwhile
                            }
                            Row r = rows.iterator().next();
                            String status = r.getString("status");
                            if (!replay
                                    && (status.equals("PROCESSED")
                                            || status.equals("IGNORED")
                                            || status.equals("SUPERSEDED"))) {
                                return Future.succeededFuture();
                            }
                            WebhookHandler.Event event = new WebhookHandler.Event(
                                    id,
                                    r.getString("gateway"),
                                    r.getUUID("author_id"),
                                    r.getString("event_type"),
                                    r.getString("gateway_event_id"),
                                    r.getString("object_id"),
                                    r.getOffsetDateTime("event_created_at"),
                                    r.getJsonObject("payload"));
                            WebhookHandler handler = handlers.get(WebhookHandler.key(event.gateway(), event.type()));
                            if (handler == null) {
                                return done(tx, id, "IGNORED", "no handler for " + event.type());
                            }
                            if (event.objectId() == null || event.createdAt() == null) {
                                return handler.apply(tx, event).compose(v -> done(tx, id, "PROCESSED", null));
                            }
                            return tx.preparedQuery(InboxSql.LOCK_OBJECT)
                                    .execute(Tuple.of(event.gateway(), event.objectId(), id))
                                    .compose(state -> {
                                        OffsetDateTime last =
                                                state.iterator().next().getOffsetDateTime("last_event_at");
                                        if (last != null && last.isAfter(event.createdAt())) {
                                            return done(
                                                    tx,
                                                    id,
                                                    "SUPERSEDED",
                                                    "a newer event of " + event.objectId() + " was already applied");
                                        }
                                        return handler.apply(tx, event)
                                                .compose(v -> tx.preparedQuery(InboxSql.APPLIED_TO_OBJECT)
                                                        .execute(Tuple.of(
                                                                event.gateway(),
                                                                event.objectId(),
                                                                event.createdAt(),
                                                                id)))
                                                .compose(v -> done(tx, id, "PROCESSED", null));
                                    });
                        }))
                .recover(e -> failed(job, id, e).compose(v -> Future.failedFuture(e)));
    }

    private static Future<Void> done(SqlConnection tx, UUID id, String status, String note) {
        return tx.preparedQuery(InboxSql.SET_DONE)
                .execute(Tuple.of(id, status, note))
                .mapEmpty();
    }

    /** Outside the rolled-back transaction: the event shows why it failed and when it is tried again. */
    private Future<Void> failed(Job job, UUID id, Throwable e) {
        boolean last = job.attempts() >= job.maxAttempts();
        OffsetDateTime next =
                last ? null : OffsetDateTime.now().plusNanos(backoff.delayMs(job.attempts()) * 1_000_000L);
        String error = String.valueOf(e.getMessage());
        return pool.preparedQuery(InboxSql.SET_FAILED)
                .execute(Tuple.of(
                        id,
                        last ? "DEAD_LETTER" : "FAILED",
                        job.attempts(),
                        next,
                        error.length() > 2000 ? error.substring(0, 2000) : error))
                .<Void>mapEmpty()
                .otherwiseEmpty();
    }
}
