package io.quire.reading;

import io.quire.platform.http.PathParams;
import io.quire.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;

/** Feeds (RSS 2.0 by default, Atom with {@code ?format=atom}) and sitemaps: public, cacheable, with ETags. */
public final class FeedRoutes {
    private final Feeds feeds;
    private final String cacheControl;

    public FeedRoutes(Feeds feeds, String cacheControl) {
        this.feeds = feeds;
        this.cacheControl = cacheControl;
    }

    public void mount(Router router) {
        router.get("/api/v1/sites/:siteId/feed.xml")
                .handler(ctx -> send(ctx, feeds.siteFeed(PathParams.uuid(ctx, "siteId", "site.not_found"), atom(ctx))));
        router.get("/api/v1/series/:seriesId/feed.xml")
                .handler(ctx ->
                        send(ctx, feeds.seriesFeed(PathParams.uuid(ctx, "seriesId", "series.not_found"), atom(ctx))));
        router.get("/api/v1/sites/:siteId/sitemap.xml")
                .handler(ctx -> send(ctx, feeds.sitemap(PathParams.uuid(ctx, "siteId", "site.not_found"))));
    }

    private static boolean atom(RoutingContext ctx) {
        return "atom".equals(ctx.request().getParam("format"));
    }

    /** Feeds are the same for everyone (locked chapters are only announced), so they are publicly cacheable. */
    private void send(RoutingContext ctx, Future<Feeds.Document> document) {
        document.onSuccess(d -> {
                    String etag = Responses.strongEtag(d.xml().getBytes(StandardCharsets.UTF_8));
                    ctx.response().putHeader(HttpHeaders.ETAG, etag).putHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
                    if (Responses.matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
                        ctx.response().setStatusCode(304).end();
                    } else {
                        ctx.response()
                                .putHeader(HttpHeaders.CONTENT_TYPE, d.contentType())
                                .end(d.xml());
                    }
                })
                .onFailure(ctx::fail);
    }
}
