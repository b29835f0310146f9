package io.quire.reading;

import io.quire.platform.cache.InvalidationBridge;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.outbox.OutboxHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.SqlClient;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the authoring outbox into exact cache invalidations: a change to a chapter or series evicts that series'
 * read models (its table of contents and its chapters, whose neighbours and paywall texts may have moved); a change
 * to a site evicts what was read through it; series lists are evicted by the changes they show. Published on Redis, so every instance evicts within milliseconds of
 * the commit; with Redis gone it goes through PostgreSQL instead ({@link InvalidationBridge}), so an outage never
 * holds back the outbox message nor the webhooks and notifications that share its topic.
 */
public final class ReadInvalidations {
    /** Every authoring topic that can change what a reader sees. */
    static final List<String> SERIES_TOPICS = List.of(
            "chapter.updated",
            "chapter.deleted",
            "chapter.restored",
            "chapter.published",
            "chapter.unpublished",
            "chapter.archived",
            "chapter.unarchived",
            "chapter.access_changed",
            "chapter.moved",
            "series.updated",
            "series.deleted",
            "series.restored",
            "series.published",
            "series.unpublished",
            "series.completed",
            "series.on_hiatus",
            "series.resumed",
            "series.chapters_reordered",
            "series.taxonomy_changed");

    static final List<String> SITE_TOPICS = List.of("site.updated", "site.deleted", "site.restored");
    /** Who works on a site decides who reads its paid chapters in full. */
    static final List<String> MEMBER_TOPICS =
            List.of("site.collaborator_joined", "site.collaborator_updated", "site.collaborator_removed");
    /** What a reader has paid for decides what they read in full: their cached entitlements go ({@code reader:<id>}). */
    static final List<String> READER_TOPICS = List.of(
            "subscription.created",
            "subscription.updated",
            "subscription.cancelled",
            "payment.succeeded",
            "payment.refunded",
            "payment.disputed");
    /** The topics that can change a series list's entries (a series' fields, or its last publication time). */
    static final java.util.Set<String> LIST_TOPICS = java.util.Set.of(
            "chapter.deleted",
            "chapter.restored",
            "chapter.published",
            "chapter.unpublished",
            "chapter.archived",
            "chapter.unarchived",
            "chapter.moved",
            "series.updated",
            "series.deleted",
            "series.restored",
            "series.published",
            "series.unpublished",
            "series.completed",
            "series.on_hiatus",
            "series.resumed",
            "series.taxonomy_changed");

    private ReadInvalidations() {}

    public static Map<String, OutboxHandler> handlers(
            Vertx vertx, Redis redis, QuireConfig.Redis config, int ttlSeconds) {
        Map<String, OutboxHandler> handlers = new HashMap<>();
        for (String topic : SERIES_TOPICS) {
            handlers.put(
                    topic, (tx, m) -> publish(vertx, tx, redis, config, ttlSeconds, seriesScopes(topic, m.payload())));
        }
        for (String topic : SITE_TOPICS) {
            handlers.put(
                    topic,
                    (tx, m) -> publish(
                            vertx,
                            tx,
                            redis,
                            config,
                            ttlSeconds,
                            new JsonArray()
                                    .add("site:" + m.payload().getString("siteId"))
                                    .add("lists")));
        }
        for (String topic : MEMBER_TOPICS) {
            handlers.put(
                    topic,
                    (tx, m) -> publish(
                            vertx,
                            tx,
                            redis,
                            config,
                            ttlSeconds,
                            new JsonArray().add("members:" + m.payload().getString("siteId"))));
        }
        for (String topic : READER_TOPICS) {
            handlers.put(
                    topic,
                    (tx, m) -> m.payload().getString("readerId") == null
                            ? Future.succeededFuture()
                            : publish(
                                    vertx,
                                    tx,
                                    redis,
                                    config,
                                    ttlSeconds,
                                    new JsonArray().add("reader:" + m.payload().getString("readerId"))));
        }
        return handlers;
    }

    /**
     * The series' read models; for a change a list shows, also its site's lists ({@code site-lists:<id>}) and the
     * genre and tag lists, which span every site ({@code lists}).
     */
    private static JsonArray seriesScopes(String topic, JsonObject payload) {
        JsonArray scopes = new JsonArray().add("series:" + payload.getString("seriesId"));
        if (payload.getString("fromSeriesId") != null) {
            scopes.add("series:" + payload.getString("fromSeriesId"));
        }
        if (LIST_TOPICS.contains(topic)) {
            scopes.add("lists");
            if (payload.getString("siteId") != null) {
                scopes.add("site-lists:" + payload.getString("siteId"));
            }
        }
        return scopes;
    }

    private static Future<Void> publish(
            Vertx vertx, SqlClient tx, Redis redis, QuireConfig.Redis config, int ttlSeconds, JsonArray scopes) {
        return InvalidationBridge.publish(vertx, tx, redis, config, ttlSeconds, new JsonObject().put("scopes", scopes));
    }
}
