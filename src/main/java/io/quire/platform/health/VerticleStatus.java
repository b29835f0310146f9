package io.quire.platform.health;

import io.quire.platform.bus.RequestAddress;
import io.vertx.core.json.JsonObject;

/**
 * A background verticle's answer to "are you alive, and how is your work going": the readiness check asks each
 * verticle deployed in this process over the event bus.
 */
public record VerticleStatus(String name, boolean ok, JsonObject detail) {
    /** The question; it carries nothing. */
    public record Request() {}

    /** Where verticle {@code name} answers; published by that verticle, asked by {@link ReadinessChecks}. */
    public static RequestAddress<Request, VerticleStatus> address(String name) {
        return RequestAddress.of("quire.status." + name, Request.class, VerticleStatus.class);
    }
}
