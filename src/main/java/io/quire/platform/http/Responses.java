package io.quire.platform.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON responses: the three shapes every route uses. Private by default: responses about a caller aren't cacheable. */
public final class Responses {
    private Responses() {}

    public static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .end(body.toBuffer());
    }

    /** Where {@link #usePublicCacheControl} keeps the configured value, per Vert.x instance. */
    private static final String SETTINGS = "quire.responses";

    /**
     * Sets the {@code Cache-Control} of answers that are the same for everyone (once, when the router is built), so
     * {@link #publicBytes} reads it instead of a handler putting it on every request.
     */
    public static void usePublicCacheControl(io.vertx.core.Vertx vertx, String value) {
        vertx.sharedData().<String, String>getLocalMap(SETTINGS).put("publicCacheControl", value);
    }

    /**
     * Metadata anyone may read: cacheable by browsers and proxies, with a strong {@code ETag} over the bytes, and 304
     * when the caller's copy matches. Hashing costs less than the query that produced the body, and keeps the tag
     * exact without a revision column on every table.
     */
    public static void publicJson(RoutingContext ctx, JsonObject body) {
        io.vertx.core.buffer.Buffer bytes = body.toBuffer();
        publicBytes(ctx, bytes, strongEtag(bytes.getBytes()));
    }

    /** {@link #publicJson} for a body already rendered, with its ETag (e.g. from a cache). */
    public static void publicBytes(RoutingContext ctx, io.vertx.core.buffer.Buffer bytes, String etag) {
        String configured =
                ctx.vertx().sharedData().<String, String>getLocalMap(SETTINGS).get("publicCacheControl");
        String cacheControl = configured != null ? configured : "public, max-age=60";
        ctx.response().putHeader(HttpHeaders.ETAG, etag).putHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
        if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            ctx.response().setStatusCode(304).end();
            return;
        }
        ctx.response()
                .setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(bytes);
    }

    /** {@code "<22 characters of base64url SHA-256>"}. */
    public static String strongEtag(byte[] bytes) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
            return '"'
                    + java.util.Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(digest)
                            .substring(0, 22)
                    + '"';
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code If-None-Match}: {@code *} or a comma-separated list; weak tags compare equal to strong ones (RFC 9110 §13.1.2). */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*")
                    || tag.equals(etag)
                    || tag.startsWith("W/") && tag.substring(2).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** {@code {"data": [...], "nextCursor": ...}}. */
    public static void list(RoutingContext ctx, JsonArray data, String nextCursor) {
        json(ctx, 200, new JsonObject().put("data", data).put("nextCursor", nextCursor));
    }

    public static void noContent(RoutingContext ctx) {
        ctx.response()
                .setStatusCode(204)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end();
    }
}
