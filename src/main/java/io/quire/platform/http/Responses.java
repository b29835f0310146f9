package io.quire.platform.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** JSON responses: the three shapes every route uses. Private by default: responses about a caller aren't cacheable. */
public final class Responses {
  private Responses() {}

  public static void json(RoutingContext ctx, int status, JsonObject body) {
    ctx.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .end(body.toBuffer());
  }

  /** Metadata anyone may read: cacheable by browsers and proxies for a minute. */
  public static void publicJson(RoutingContext ctx, JsonObject body) {
    ctx.response().setStatusCode(200)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .putHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=60")
        .end(body.toBuffer());
  }

  /** {@code {"data": [...], "nextCursor": ...}}. */
  public static void list(RoutingContext ctx, JsonArray data, String nextCursor) {
    json(ctx, 200, new JsonObject().put("data", data).put("nextCursor", nextCursor));
  }

  public static void noContent(RoutingContext ctx) {
    ctx.response().setStatusCode(204).putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
  }
}
