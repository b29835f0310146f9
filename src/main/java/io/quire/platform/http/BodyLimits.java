package io.quire.platform.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads request bodies with a size limit: {@code http.bodyLimitBytes} everywhere, or a route's own limit
 * where a feature declared one ({@code limits.override("/api/v1/analytics/events", 1 << 20)}). A body over the
 * limit is refused with 413 as soon as its {@code Content-Length} (or its bytes) pass it. One handler decides,
 * because Vert.x runs only the first body handler a request meets.
 */
public final class BodyLimits implements Handler<RoutingContext> {
  private record Limit(java.util.regex.Pattern path, BodyHandler handler) {}

  private final BodyHandler fallback;
  private final List<Limit> overrides = new ArrayList<>();

  public BodyLimits(long defaultLimitBytes) {
    this.fallback = create(defaultLimitBytes);
  }

  /**
   * {@code path} is a route template: exact, with {@code :name} segments matching one path segment, or ending
   * with {@code *} to match every path below.
   */
  public BodyLimits override(String path, long limitBytes) {
    boolean prefix = path.endsWith("*");
    String template = prefix ? path.substring(0, path.length() - 1) : path;
    List<String> segments = new ArrayList<>();
    for (String segment : template.split("/", -1)) {
      segments.add(segment.startsWith(":") ? "[^/]+" : java.util.regex.Pattern.quote(segment));
    }
    String regex = String.join("/", segments) + (prefix ? ".*" : "");
    overrides.add(new Limit(java.util.regex.Pattern.compile(regex), create(limitBytes)));
    return this;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    for (Limit o : overrides) {
      if (o.path().matcher(path).matches()) {
        o.handler.handle(ctx);
        return;
      }
    }
    fallback.handle(ctx);
  }

  private static BodyHandler create(long limit) {
    return BodyHandler.create(false).setBodyLimit(limit);
  }
}
