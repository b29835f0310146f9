package io.quire.platform.outbox;

import io.vertx.core.json.JsonObject;

/** One outbox row: what happened ({@code topic}), to what ({@code aggregateId}), and the facts. */
public record OutboxMessage(long id, String topic, String aggregateId, JsonObject payload) {}
