package io.quire.platform.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Optimistic concurrency on the wire: a resource's {@code revision} is its strong {@code ETag} ({@code "r7"});
 * a write names the revision it was based on with {@code If-Match: "r7"} or a {@code baseRevision} field.
 */
public final class Revisions {
    private Revisions() {}

    public static String etag(long revision) {
        return "\"r" + revision + "\"";
    }

    public static void setEtag(RoutingContext ctx, long revision) {
        ctx.response().putHeader(HttpHeaders.ETAG, etag(revision));
    }

    /** The revision the write is based on, from {@code If-Match} or {@code baseRevision}; null when neither is sent. */
    public static Long expected(RoutingContext ctx, RequestBody body) {
        String ifMatch = ctx.request().getHeader(HttpHeaders.IF_MATCH);
        if (ifMatch != null && !ifMatch.isBlank() && !ifMatch.trim().equals("*")) {
            String tag = ifMatch.trim().replaceFirst("^W/", "");
            if (tag.matches("\"r\\d{1,12}\"")) {
                return Long.parseLong(tag.substring(2, tag.length() - 1));
            }
            throw new ApiException.BadRequest(
                    "precondition.malformed", "If-Match must be an ETag this API gave out, like \"r7\".");
        }
        if (body != null) {
            Integer base = body.optionalInteger("baseRevision", 1, Integer.MAX_VALUE);
            return base == null ? null : base.longValue();
        }
        return null;
    }

    /** Like {@link #expected}, but a missing one is a 428. */
    public static long required(RoutingContext ctx, RequestBody body, String what) {
        return required(expected(ctx, body), what);
    }

    /** {@code expected}, which a write of {@code what} must name: a missing one is a 428. */
    public static long required(Long expected, String what) {
        if (expected == null) {
            throw new ApiException.PreconditionRequired(
                    "precondition.required",
                    "Changing " + what
                            + " needs If-Match (the ETag you read) or baseRevision, so edits can't overwrite each other.");
        }
        return expected;
    }
}
