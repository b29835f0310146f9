package io.quire.reading;

import io.quire.platform.http.ApiException;
import io.quire.platform.links.ReaderLinks;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/**
 * RSS 2.0 and Atom feeds of a site's or a series' newest chapters, and a site's sitemap. Items carry the first
 * paragraph of free chapters only; a locked chapter's item says it is for subscribers and never quotes it.
 */
public final class Feeds {
    static final int ITEMS = 50;
    private final Vertx vertx;
    private final SqlClient pool;
    private final ReaderLinks links;

    public Feeds(Vertx vertx, SqlClient pool, ReaderLinks links) {
        this.vertx = vertx;
        this.pool = pool;
        this.links = links;
    }

    /** A rendered XML document and its media type. */
    public record Document(String xml, String contentType) {}

    /**
     * What a feed is about: {@code link} is the page readers read, {@code self} the feed's own URL (RSS without
     * the format parameter), {@code author} who the feed's entries are by unless an entry says otherwise.
     */
    private record Channel(
            String title,
            String subtitle,
            String link,
            String self,
            String id,
            String language,
            String author,
            ReaderLinks.OfSite site) {}

    public Future<Document> siteFeed(UUID siteId, boolean atom) {
        return one(FeedSql.SITE, Tuple.of(siteId), "site.not_found").compose(site -> {
            ReaderLinks.OfSite of = links.site(siteId, site.getString("slug"), site.getString("reader_base_url"));
            Channel channel = new Channel(
                    site.getString("name"),
                    site.getString("tagline"),
                    of.home(),
                    links.api() + "/api/v1/sites/" + siteId + "/feed.xml",
                    "urn:quire:site:" + siteId,
                    "en",
                    site.getString("owner_name"),
                    of);
            return recent(siteId, null)
                    .compose(items -> vertx.executeBlocking(() -> render(atom, channel, items), false));
        });
    }

    public Future<Document> seriesFeed(UUID seriesId, boolean atom) {
        return one(FeedSql.SERIES, Tuple.of(seriesId), "series.not_found").compose(series -> {
            UUID siteId = series.getUUID("site_id");
            ReaderLinks.OfSite of =
                    links.site(siteId, series.getString("site_slug"), series.getString("reader_base_url"));
            Channel channel = new Channel(
                    series.getString("title"),
                    series.getString("synopsis"),
                    of.series(seriesId, series.getString("slug")),
                    links.api() + "/api/v1/series/" + seriesId + "/feed.xml",
                    "urn:quire:series:" + seriesId,
                    series.getString("language"),
                    series.getString("owner_name"),
                    of);
            return recent(siteId, seriesId)
                    .compose(items -> vertx.executeBlocking(() -> render(atom, channel, items), false));
        });
    }

    public Future<Document> sitemap(UUID siteId) {
        return one(FeedSql.SITE, Tuple.of(siteId), "site.not_found")
                .compose(site -> Future.all(
                                pool.preparedQuery(FeedSql.SITEMAP_SERIES).execute(Tuple.of(siteId)),
                                recent(siteId, null))
                        .map(all -> {
                            ReaderLinks.OfSite of =
                                    links.site(siteId, site.getString("slug"), site.getString("reader_base_url"));
                            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                                    .append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
                            url(xml, of.home(), site.getOffsetDateTime("updated_at"));
                            for (Row s : all.<RowSet<Row>>resultAt(0)) {
                                url(
                                        xml,
                                        of.series(s.getUUID("id"), s.getString("slug")),
                                        s.getOffsetDateTime("updated_at"));
                            }
                            for (Row c : all.<RowSet<Row>>resultAt(1)) {
                                url(xml, chapterUrl(of, c), c.getOffsetDateTime("published_at"));
                            }
                            return new Document(xml.append("</urlset>\n").toString(), "application/xml; charset=utf-8");
                        }));
    }

    private Future<RowSet<Row>> recent(UUID siteId, UUID seriesId) {
        return pool.preparedQuery(FeedSql.RECENT_CHAPTERS).execute(Tuple.of(siteId, seriesId, ITEMS));
    }

    private Document render(boolean atom, Channel ch, RowSet<Row> items) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        OffsetDateTime updated =
                items.size() > 0 ? items.iterator().next().getOffsetDateTime("published_at") : OffsetDateTime.now();
        if (atom) {
            // RFC 4287: id, title and updated; an author (here the feed's, and each entry's own); rel=self
            xml.append("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"")
                    .append(esc(ch.language()))
                    .append("\">\n")
                    .append("  <title>")
                    .append(esc(ch.title()))
                    .append("</title>\n")
                    .append("  <id>")
                    .append(esc(ch.id()))
                    .append("</id>\n")
                    .append("  <link rel=\"alternate\" href=\"")
                    .append(esc(ch.link()))
                    .append("\"/>\n")
                    .append("  <link rel=\"self\" type=\"application/atom+xml\" href=\"")
                    .append(esc(ch.self() + "?format=atom"))
                    .append("\"/>\n")
                    .append("  <updated>")
                    .append(iso(updated))
                    .append("</updated>\n");
            author(xml, "  ", ch.author());
            if (ch.subtitle() != null && !ch.subtitle().isBlank()) {
                xml.append("  <subtitle>").append(esc(ch.subtitle())).append("</subtitle>\n");
            }
            for (Row c : items) {
                xml.append("  <entry>\n    <title>")
                        .append(esc(c.getString("title")))
                        .append("</title>\n")
                        .append("    <id>urn:quire:chapter:")
                        .append(c.getUUID("id"))
                        .append("</id>\n")
                        .append("    <link rel=\"alternate\" href=\"")
                        .append(esc(chapterUrl(ch.site(), c)))
                        .append("\"/>\n")
                        .append("    <updated>")
                        .append(iso(c.getOffsetDateTime("published_at")))
                        .append("</updated>\n")
                        .append("    <published>")
                        .append(iso(c.getOffsetDateTime("published_at")))
                        .append("</published>\n");
                author(xml, "    ", c.getString("author_name"));
                xml.append("    <summary>").append(esc(summary(c))).append("</summary>\n  </entry>\n");
            }
            return new Document(xml.append("</feed>\n").toString(), "application/atom+xml; charset=utf-8");
        }
        xml.append("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n")
                .append("  <title>")
                .append(esc(ch.title()))
                .append("</title>\n")
                .append("  <link>")
                .append(esc(ch.link()))
                .append("</link>\n")
                .append("  <atom:link rel=\"self\" type=\"application/rss+xml\" href=\"")
                .append(esc(ch.self()))
                .append("\"/>\n")
                .append("  <description>")
                .append(esc(ch.subtitle() == null || ch.subtitle().isBlank() ? ch.title() : ch.subtitle()))
                .append("</description>\n")
                .append("  <language>")
                .append(esc(ch.language()))
                .append("</language>\n")
                .append("  <lastBuildDate>")
                .append(rfc822(updated))
                .append("</lastBuildDate>\n");
        for (Row c : items) {
            xml.append("  <item>\n    <title>")
                    .append(esc(c.getString("title")))
                    .append("</title>\n")
                    .append("    <link>")
                    .append(esc(chapterUrl(ch.site(), c)))
                    .append("</link>\n")
                    .append("    <guid isPermaLink=\"false\">urn:quire:chapter:")
                    .append(c.getUUID("id"))
                    .append("</guid>\n")
                    .append("    <pubDate>")
                    .append(rfc822(c.getOffsetDateTime("published_at")))
                    .append("</pubDate>\n")
                    .append("    <description>")
                    .append(esc(summary(c)))
                    .append("</description>\n  </item>\n");
        }
        return new Document(xml.append("</channel>\n</rss>\n").toString(), "application/rss+xml; charset=utf-8");
    }

    private static void author(StringBuilder xml, String indent, String name) {
        xml.append(indent)
                .append("<author><name>")
                .append(esc(name == null || name.isBlank() ? "Unknown" : name))
                .append("</name></author>\n");
    }

    /** Free chapters: their first paragraph as text. Locked ones: the paywall, never their words. */
    private static String summary(Row c) {
        boolean free = new Entitlements.Access(
                        null, c.getString("access_level"), c.getOffsetDateTime("scheduled_free_at"))
                .freeForAll();
        if (!free) {
            String message = c.getString("paywall_message") != null
                    ? c.getString("paywall_message")
                    : c.getString("series_paywall_message");
            return message != null ? message : "For subscribers.";
        }
        String html = Preview.firstBlockOfFree(c.getString("content"));
        String text = html.replaceAll("<[^>]*>", "")
                .replace("&#39;", "'")
                .replace("&amp;", "&")
                .replace("&quot;", "\"")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .strip();
        return text.length() > 500 ? text.substring(0, 497) + "…" : text;
    }

    private static String chapterUrl(ReaderLinks.OfSite site, Row c) {
        return site.chapter(c.getUUID("id"), c.getString("series_slug"), c.getString("slug"));
    }

    private static void url(StringBuilder xml, String loc, OffsetDateTime modified) {
        xml.append("  <url><loc>")
                .append(esc(loc))
                .append("</loc><lastmod>")
                .append(iso(modified))
                .append("</lastmod></url>\n");
    }

    private Future<Row> one(String sql, Tuple args, String code) {
        return pool.preparedQuery(sql)
                .execute(args)
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(new ApiException.NotFound(code, "Not found."))
                        : Future.succeededFuture(rows.iterator().next()));
    }

    private static String iso(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_INSTANT);
    }

    private static String rfc822(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).format(DateTimeFormatter.RFC_1123_DATE_TIME);
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    // XML 1.0 forbids most control characters; drop them rather than emit an invalid document
                    if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r') {
                        out.append(ch);
                    }
                }
            }
        }
        return out.toString();
    }
}
