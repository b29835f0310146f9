package io.quire.reading;

import io.quire.platform.http.ApiException;
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
    private final String baseUrl;

    public Feeds(Vertx vertx, SqlClient pool, String publicBaseUrl) {
        this.vertx = vertx;
        this.pool = pool;
        this.baseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    /** A rendered XML document and its media type. */
    public record Document(String xml, String contentType) {}

    public Future<Document> siteFeed(UUID siteId, boolean atom) {
        return one(FeedSql.SITE, Tuple.of(siteId), "site.not_found")
                .compose(site -> recent(siteId, null)
                        .compose(items -> vertx.executeBlocking(
                                () -> render(
                                        atom,
                                        site.getString("name"),
                                        site.getString("tagline"),
                                        siteUrl(site.getString("slug")),
                                        "urn:quire:site:" + siteId,
                                        "en",
                                        items),
                                false)));
    }

    public Future<Document> seriesFeed(UUID seriesId, boolean atom) {
        return one(FeedSql.SERIES, Tuple.of(seriesId), "series.not_found")
                .compose(series -> recent(series.getUUID("site_id"), seriesId)
                        .compose(items -> vertx.executeBlocking(
                                () -> render(
                                        atom,
                                        series.getString("title"),
                                        series.getString("synopsis"),
                                        siteUrl(series.getString("site_slug")) + "/" + series.getString("slug"),
                                        "urn:quire:series:" + seriesId,
                                        series.getString("language"),
                                        items),
                                false)));
    }

    public Future<Document> sitemap(UUID siteId) {
        return one(FeedSql.SITE, Tuple.of(siteId), "site.not_found")
                .compose(site -> Future.all(
                                pool.preparedQuery(FeedSql.SITEMAP_SERIES).execute(Tuple.of(siteId)),
                                recent(siteId, null))
                        .map(all -> {
                            String root = siteUrl(site.getString("slug"));
                            StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                                    .append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
                            url(xml, root, site.getOffsetDateTime("updated_at"));
                            for (Row s : all.<RowSet<Row>>resultAt(0)) {
                                url(xml, root + "/" + s.getString("slug"), s.getOffsetDateTime("updated_at"));
                            }
                            for (Row c : all.<RowSet<Row>>resultAt(1)) {
                                url(xml, chapterUrl(root, c), c.getOffsetDateTime("published_at"));
                            }
                            return new Document(xml.append("</urlset>\n").toString(), "application/xml; charset=utf-8");
                        }));
    }

    private Future<RowSet<Row>> recent(UUID siteId, UUID seriesId) {
        return pool.preparedQuery(FeedSql.RECENT_CHAPTERS).execute(Tuple.of(siteId, seriesId, ITEMS));
    }

    private Document render(
            boolean atom, String title, String subtitle, String link, String id, String language, RowSet<Row> items) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        OffsetDateTime updated =
                items.size() > 0 ? items.iterator().next().getOffsetDateTime("published_at") : OffsetDateTime.now();
        if (atom) {
            xml.append("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"")
                    .append(esc(language))
                    .append("\">\n")
                    .append("  <title>")
                    .append(esc(title))
                    .append("</title>\n")
                    .append("  <id>")
                    .append(esc(id))
                    .append("</id>\n")
                    .append("  <link href=\"")
                    .append(esc(link))
                    .append("\"/>\n")
                    .append("  <updated>")
                    .append(iso(updated))
                    .append("</updated>\n");
            if (subtitle != null && !subtitle.isBlank()) {
                xml.append("  <subtitle>").append(esc(subtitle)).append("</subtitle>\n");
            }
            for (Row c : items) {
                String url = chapterUrl(siteRoot(link), c);
                xml.append("  <entry>\n    <title>")
                        .append(esc(c.getString("title")))
                        .append("</title>\n")
                        .append("    <id>urn:quire:chapter:")
                        .append(c.getUUID("id"))
                        .append("</id>\n")
                        .append("    <link href=\"")
                        .append(esc(url))
                        .append("\"/>\n")
                        .append("    <updated>")
                        .append(iso(c.getOffsetDateTime("published_at")))
                        .append("</updated>\n")
                        .append("    <summary>")
                        .append(esc(summary(c)))
                        .append("</summary>\n  </entry>\n");
            }
            return new Document(xml.append("</feed>\n").toString(), "application/atom+xml; charset=utf-8");
        }
        xml.append("<rss version=\"2.0\">\n<channel>\n")
                .append("  <title>")
                .append(esc(title))
                .append("</title>\n")
                .append("  <link>")
                .append(esc(link))
                .append("</link>\n")
                .append("  <description>")
                .append(esc(subtitle == null ? title : subtitle))
                .append("</description>\n")
                .append("  <language>")
                .append(esc(language))
                .append("</language>\n")
                .append("  <lastBuildDate>")
                .append(rfc822(updated))
                .append("</lastBuildDate>\n");
        for (Row c : items) {
            String url = chapterUrl(siteRoot(link), c);
            xml.append("  <item>\n    <title>")
                    .append(esc(c.getString("title")))
                    .append("</title>\n")
                    .append("    <link>")
                    .append(esc(url))
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

    private String siteUrl(String slug) {
        return baseUrl + "/sites/" + slug;
    }

    /** The site's URL from a series link (which has the series slug after it). */
    private String siteRoot(String link) {
        String prefix = baseUrl + "/sites/";
        int end = link.indexOf('/', prefix.length());
        return end < 0 ? link : link.substring(0, end);
    }

    private static String chapterUrl(String siteRoot, Row c) {
        return siteRoot + "/" + c.getString("series_slug") + "/" + c.getString("slug");
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
