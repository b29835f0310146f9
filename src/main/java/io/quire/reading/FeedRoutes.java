package io.quire.reading;

import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
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

    public void mount(Api api) {
        api.raw(
                Endpoint.get("/api/v1/sites/{siteId}/feed.xml")
                        .id("getSiteFeed")
                        .tag("reading")
                        .summary(
                                "RSS 2.0 (or Atom) feed of the site's newest chapters; locked ones are announced, never quoted")
                        .access(Access.anyone())
                        .query("format", string().oneOf("rss", "atom"), "rss (default) or atom")
                        .okAs(200, "application/rss+xml", "The document")
                        .okAs(200, "application/atom+xml", "The document")
                        .conditional(),
                ctx -> send(ctx, feeds.siteFeed(PathParams.uuid(ctx, "siteId", "site.not_found"), atom(ctx))));
        api.raw(
                Endpoint.get("/api/v1/series/{seriesId}/feed.xml")
                        .id("getSeriesFeed")
                        .tag("reading")
                        .summary("RSS 2.0 (or Atom) feed of the series' newest chapters")
                        .access(Access.anyone())
                        .query("format", string().oneOf("rss", "atom"), "rss (default) or atom")
                        .okAs(200, "application/rss+xml", "The document")
                        .okAs(200, "application/atom+xml", "The document")
                        .conditional(),
                ctx -> send(ctx, feeds.seriesFeed(PathParams.uuid(ctx, "seriesId", "series.not_found"), atom(ctx))));
        api.raw(
                Endpoint.get("/api/v1/sites/{siteId}/sitemap.xml")
                        .id("getSiteSitemap")
                        .tag("reading")
                        .summary("The site's sitemap")
                        .access(Access.anyone())
                        .okAs(200, "application/xml", "The document")
                        .conditional(),
                ctx -> send(ctx, feeds.sitemap(PathParams.uuid(ctx, "siteId", "site.not_found"))));
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
