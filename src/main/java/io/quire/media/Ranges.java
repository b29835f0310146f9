package io.quire.media;

import io.quire.platform.http.ApiException;
import io.quire.platform.http.Responses;
import io.quire.platform.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends a stored file as RFC 9110 asks: a strong ETag (the content's SHA-256) with If-None-Match → 304; one byte
 * range → 206 with Content-Range (If-Range honoured), a range past the end → 416; a malformed or multi-range header
 * is ignored and the whole file sent, as the RFC allows. Files are private to their people, so caches keep them
 * per user only.
 */
public final class Ranges {
    private Ranges() {}

    private static final Pattern ONE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** A file for its own people: caches keep it per user and ask again. */
    static final String PRIVATE = "private, max-age=0, must-revalidate";

    static Future<Void> send(RoutingContext ctx, Storage storage, MediaService.Stored file, boolean attachment) {
        return send(ctx, storage, file, attachment, PRIVATE);
    }

    /** {@code cacheControl}: what shared caches may do with it, decided by why the caller may have it. */
    public static Future<Void> send(
            RoutingContext ctx, Storage storage, MediaService.Stored file, boolean attachment, String cacheControl) {
        HttpServerResponse response = ctx.response();
        String etag = "\"" + file.sha256() + "\"";
        response.putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.ACCEPT_RANGES, "bytes")
                .putHeader(HttpHeaders.CACHE_CONTROL, cacheControl)
                .putHeader("X-Content-Type-Options", "nosniff");
        if (Responses.matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatusCode(304);
            return response.end();
        }
        response.putHeader(HttpHeaders.CONTENT_TYPE, file.mimeType())
                .putHeader(
                        "Content-Disposition",
                        (attachment ? "attachment" : "inline") + "; filename=\""
                                + file.filename().replaceAll("[^A-Za-z0-9._-]", "_")
                                + "\"; filename*=UTF-8''"
                                + URLEncoder.encode(file.filename(), StandardCharsets.UTF_8)
                                        .replace("+", "%20"));
        long size = file.size();
        String range = ctx.request().getHeader("Range");
        String ifRange = ctx.request().getHeader("If-Range");
        Matcher m = range == null ? null : ONE.matcher(range.trim());
        if (m == null
                || !m.matches()
                || (m.group(1).isEmpty() && m.group(2).isEmpty())
                || (ifRange != null && !ifRange.equals(etag))) {
            return counted(ctx, file, storage.send(file.key(), response, 0, size), size);
        }
        long start;
        long end;
        if (m.group(1).isEmpty()) {
            // the last N bytes
            long suffix = Long.parseLong(m.group(2));
            start = Math.max(0, size - suffix);
            end = size - 1;
        } else {
            start = Long.parseLong(m.group(1));
            end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        }
        if (start >= size || start > end) {
            response.putHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
            return Future.failedFuture(new ApiException.Relayed(
                    416,
                    "media.range_not_satisfiable",
                    "The file has " + size + " bytes; the range asked for starts past them.",
                    List.of(),
                    new JsonObject().put("size", size)));
        }
        response.setStatusCode(206).putHeader(HttpHeaders.CONTENT_RANGE, "bytes " + start + "-" + end + "/" + size);
        return counted(ctx, file, storage.send(file.key(), response, start, end - start + 1), end - start + 1);
    }

    /** Bytes that went out count to the owner's bandwidth. */
    private static Future<Void> counted(RoutingContext ctx, MediaService.Stored file, Future<Void> sent, long bytes) {
        return sent.onSuccess(v -> Bandwidth.served(ctx.vertx(), file.ownerId(), bytes));
    }
}
