package io.quire.webhooks;

import io.quire.platform.ids.Ids;
import io.quire.platform.jobs.JobQueue;
import io.quire.platform.jobs.JobRequest;
import io.quire.platform.outbox.OutboxHandler;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Turns a site's outbox events into deliveries: in the outbox dispatcher's own transaction, one delivery row and
 * one {@code webhooks.deliver} job per active endpoint of the event's site whose subscriptions match — so an event
 * is never lost between the outbox and a delivery, and never fanned out twice.
 */
public final class Deliveries {
    public static final String DELIVER_JOB = "webhooks.deliver";

    /** Every event an endpoint may subscribe to (wildcards like {@code chapter.*} match a prefix). */
    public static final List<String> EVENT_TYPES = List.of(
            "chapter.created",
            "chapter.updated",
            "chapter.deleted",
            "chapter.restored",
            "chapter.published",
            "chapter.unpublished",
            "chapter.scheduled",
            "chapter.unscheduled",
            "chapter.archived",
            "chapter.unarchived",
            "chapter.access_changed",
            "chapter.moved",
            "series.created",
            "series.updated",
            "series.deleted",
            "series.restored",
            "series.published",
            "series.unpublished",
            "series.completed",
            "series.on_hiatus",
            "series.resumed",
            "series.chapters_reordered",
            "series.taxonomy_changed",
            "series.status_scheduled",
            "series.status_unscheduled",
            "page.created",
            "page.updated",
            "page.deleted",
            "page.published",
            "page.unpublished",
            "site.updated",
            "site.deleted",
            "site.restored",
            "site.collaborator_invited",
            "site.collaborator_joined",
            "site.collaborator_updated",
            "site.collaborator_removed",
            "follow.created",
            "comment.created",
            "comment.updated",
            "comment.deleted",
            "comment.hidden",
            "comment.unhidden",
            "comment.pinned",
            "comment.unpinned",
            "review.created",
            "review.updated",
            "review.deleted",
            "review.responded",
            "review.hidden",
            "review.unhidden",
            "subscription.created",
            "subscription.updated",
            "subscription.cancelled",
            "payment.succeeded",
            "payment.failed",
            "payment.refunded",
            "payment.disputed");

    private static final String MATCHING_ENDPOINTS = """
      SELECT id, events FROM outgoing_webhooks WHERE site_id = $1 AND is_active AND deleted_at IS NULL
      """;
    /** Events about an author rather than a site (a new follower) go to the endpoints of every site they own. */
    private static final String AUTHOR_ENDPOINTS = """
      SELECT w.id, w.events FROM outgoing_webhooks w JOIN sites s ON s.id = w.site_id
       WHERE s.owner_id = $1 AND s.deleted_at IS NULL AND w.is_active AND w.deleted_at IS NULL
      """;

    private static final String INSERT =
            "INSERT INTO webhook_deliveries (id, webhook_id, event_type, payload) VALUES ($1, $2, $3, $4)";

    private Deliveries() {}

    /** Whether an endpoint subscribed to {@code patterns} gets {@code type}: exact, {@code prefix.*} or {@code *}. */
    static boolean matches(String[] patterns, String type) {
        for (String p : patterns) {
            if (p.equals("*")
                    || p.equals(type)
                    || p.endsWith(".*") && type.startsWith(p.substring(0, p.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code pattern} names a known event or a wildcard over some. */
    static boolean known(String pattern) {
        if (pattern.equals("*")) {
            return true;
        }
        if (pattern.endsWith(".*")) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            return EVENT_TYPES.stream().anyMatch(t -> t.startsWith(prefix));
        }
        return EVENT_TYPES.contains(pattern);
    }

    /** The largest body sent; a bigger event is sent as a reference (its ids) for the receiver to fetch. */
    static final int MAX_PAYLOAD_BYTES = 20 * 1024;

    /** The Standard Webhooks body: {@code {type, timestamp, data}}, at most {@link #MAX_PAYLOAD_BYTES}. */
    static JsonObject envelope(String type, JsonObject data) {
        JsonObject body = new JsonObject()
                .put("type", type)
                .put("timestamp", Instant.now().toString())
                .put("data", data);
        if (body.toBuffer().length() <= MAX_PAYLOAD_BYTES) {
            return body;
        }
        JsonObject reference = new JsonObject().put("truncated", true);
        data.forEach(e -> {
            if (e.getKey().equals("id")
                    || e.getKey().endsWith("Id")
                    || e.getKey().equals("revision")) {
                reference.put(e.getKey(), e.getValue());
            }
        });
        return body.put("data", reference);
    }

    /** One delivery and the job that sends it. */
    static Future<Void> insert(
            SqlConnection tx, JobQueue jobs, UUID id, UUID webhookId, String type, JsonObject payload) {
        return tx.preparedQuery(INSERT)
                .execute(Tuple.of(id, webhookId, type, payload))
                .compose(v -> jobs.enqueue(
                        tx,
                        JobRequest.of(DELIVER_JOB, new JsonObject().put("deliveryId", id.toString()))
                                .maxAttempts(10)))
                .mapEmpty();
    }

    /** The outbox handler for {@link #EVENT_TYPES}: fans each event out to its site's (or author's sites') matching endpoints. */
    public static OutboxHandler fanOut(JobQueue jobs) {
        return (tx, message) -> {
            String siteId = message.payload().getString("siteId");
            String authorId = message.payload().getString("authorId");
            if (siteId == null && authorId == null) {
                return Future.succeededFuture();
            }
            var endpoints = siteId != null
                    ? tx.preparedQuery(MATCHING_ENDPOINTS).execute(Tuple.of(UUID.fromString(siteId)))
                    : tx.preparedQuery(AUTHOR_ENDPOINTS).execute(Tuple.of(UUID.fromString(authorId)));
            return endpoints.compose(rows -> {
                JsonObject payload = envelope(message.topic(), message.payload());
                Future<Void> chain = Future.succeededFuture();
                for (Row r : rows) {
                    if (matches(r.getArrayOfStrings("events"), message.topic())) {
                        UUID webhookId = r.getUUID("id");
                        chain = chain.compose(v -> insert(tx, jobs, Ids.newId(), webhookId, message.topic(), payload));
                    }
                }
                return chain;
            });
        };
    }
}
