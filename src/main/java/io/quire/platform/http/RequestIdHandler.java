package io.quire.platform.http;

import io.quire.platform.logging.RequestIds;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;

/**
 * Takes the caller's {@code X-Request-Id} when it is a sane token (so one id follows a request through a
 * proxy chain), or makes one; echoes it on the response and binds it to the request's context for logging.
 */
public final class RequestIdHandler implements Handler<RoutingContext> {
    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "quire.requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Override
    public void handle(RoutingContext ctx) {
        String given = ctx.request().getHeader(HEADER);
        String id = given != null && SAFE.matcher(given).matches() ? given : newId();
        ctx.put(KEY, id);
        RequestIds.bind(id);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }

    /**
     * A version-4 UUID. A request id must be unique, not secret, so its bits come from the thread's fast generator
     * rather than {@code UUID.randomUUID()}'s SecureRandom, which showed in read-path profiles.
     */
    static String newId() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        long msb = random.nextLong() & ~0xF000L | 0x4000L;
        long lsb = random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new java.util.UUID(msb, lsb).toString();
    }

    /** The id of this request; set by the first handler, so always present once routing began. */
    public static String of(RoutingContext ctx) {
        String id = ctx.get(KEY);
        return id != null ? id : RequestIds.current();
    }
}
