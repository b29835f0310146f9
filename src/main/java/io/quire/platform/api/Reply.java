package io.quire.platform.api;

import io.quire.platform.http.Responses;
import io.quire.platform.http.Revisions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** What a handler answers: written to the response by the router once the handler's future completes. */
@FunctionalInterface
public interface Reply {
    void send(RoutingContext ctx);

    static Reply json(int status, JsonObject body) {
        return ctx -> Responses.json(ctx, status, body);
    }

    static Reply ok(JsonObject body) {
        return json(200, body);
    }

    static Reply created(JsonObject body) {
        return json(201, body);
    }

    static Reply accepted(JsonObject body) {
        return json(202, body);
    }

    /** {@code {"data": [...], "nextCursor": ...}}. */
    static Reply list(JsonArray data, String nextCursor) {
        return ctx -> Responses.list(ctx, data, nextCursor);
    }

    static Reply noContent() {
        return Responses::noContent;
    }

    /** The same for every caller, so shared caches may keep it (public Cache-Control and a strong ETag). */
    /** A CSV download named {@code filename}. */
    static Reply csv(String filename, String csv) {
        return file("text/csv; charset=utf-8", filename, csv);
    }

    /** A text download of {@code contentType} named {@code filename}. */
    static Reply file(String contentType, String filename, String text) {
        return ctx -> ctx.response()
                .putHeader("Content-Type", contentType)
                .putHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"")
                .end(text);
    }

    static Reply publicJson(JsonObject body) {
        return ctx -> Responses.publicJson(ctx, body);
    }

    /** This answer with the resource's revision as its ETag (what a later If-Match names). */
    default Reply revision(long revision) {
        return ctx -> {
            Revisions.setEtag(ctx, revision);
            send(ctx);
        };
    }

    default Reply header(String name, String value) {
        return ctx -> {
            ctx.response().putHeader(name, value);
            send(ctx);
        };
    }
}
