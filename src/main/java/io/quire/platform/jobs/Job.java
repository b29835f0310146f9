package io.quire.platform.jobs;

import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** A claimed job: {@code attempts} counts this run (1 on the first). */
public record Job(UUID id, String type, JsonObject payload, int attempts, int maxAttempts) {}
