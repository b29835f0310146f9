package io.quire.reading;

import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.quire.testing.SharedApp;
import io.quire.testing.TestApp;
import io.vertx.core.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Feeds and sitemaps as readers' tools see them: parsed by ROME (the feed parser of the JVM's readers and
 * aggregators), checked against RFC 4287's musts, the sitemap validated by the sitemaps.org 0.9 schema, and every
 * link followed — to the site's reader pages when it names them, else to public API resources that answer 200.
 */
class FeedConformanceTest extends SharedApp {
    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9";

    @Test
    void feedsParseMeetRfc4287AndLinkToPagesThatExist() throws Exception {
        Authoring.User author = fixtures.author();
        JsonObject site = fixtures.site(author, new JsonObject().put("name", "Lune & Co"));
        String siteId = site.getString("id");
        JsonObject series = fixtures.series(author, siteId);
        String seriesId = series.getString("id");
        ok(api.post("/api/v1/series/" + seriesId + "/publish", null, author.token()), 200);
        JsonObject free = fixtures.chapter(author, seriesId, "月の光 Moonlight", "First light. Премьера.");
        JsonObject paid = fixtures.chapter(author, seriesId, "Paid", "LOCKEDWORDS here.");
        fixtures.forSubscribers(author, paid.getString("id"));
        for (JsonObject c : List.of(free, paid)) {
            ok(api.post("/api/v1/chapters/" + c.getString("id") + "/publish", null, author.token()), 200);
        }
        String siteFeed = "/api/v1/sites/" + siteId + "/feed.xml";
        String seriesFeed = "/api/v1/series/" + seriesId + "/feed.xml";

        // without a reader site, every link is a public API resource that exists
        List<String> links = new ArrayList<>();
        for (String feed : List.of(siteFeed, seriesFeed)) {
            links.addAll(rss(feed));
            links.addAll(atom(feed));
        }
        links.addAll(sitemap(siteId));
        assertTrue(links.size() >= 10, links.toString());
        for (String link : links) {
            assertTrue(link.startsWith(app.config.publicBaseUrl() + "/api/v1/"), link);
            String path = link.substring(app.config.publicBaseUrl().length());
            assertEquals(
                    200, app.client.get(path).send().await(10, TimeUnit.SECONDS).statusCode(), link);
        }
        assertTrue(links.contains(app.config.publicBaseUrl() + "/api/v1/chapters/" + free.getString("id") + "/read"));

        // a reader site: feeds, sitemap, the chapter's share link and the new-chapter mail all point there
        for (String bad :
                List.of("http://read.example.com", "https://read.example.com/?x=1", "/lune", "read.example.com")) {
            JsonObject refused = problem(
                    api.patch("/api/v1/sites/" + siteId, new JsonObject().put("readerBaseUrl", bad), author.token()),
                    422,
                    "request.invalid");
            assertTrue(fieldError(refused, "readerBaseUrl").contains("https"), refused.encode());
        }
        JsonObject updated = ok(
                api.patch(
                        "/api/v1/sites/" + siteId,
                        new JsonObject().put("readerBaseUrl", "https://read.example.com/lune/"),
                        author.token()),
                200);
        assertEquals("https://read.example.com/lune/", updated.getString("readerBaseUrl"));
        String base = "https://read.example.com/lune";
        String seriesPage = base + "/" + series.getString("slug");
        String freePage = seriesPage + "/" + free.getString("slug");
        Eventually.await(
                () -> rss(siteFeed).contains(freePage), 10_000, "the feed follows the site's change (cache evicted)");
        assertTrue(
                atom(seriesFeed).containsAll(List.of(seriesPage, freePage, seriesPage + "/" + paid.getString("slug"))));
        assertTrue(sitemap(siteId).containsAll(List.of(base + "/", seriesPage, freePage)));
        assertEquals(
                freePage,
                ok(api.get("/api/v1/chapters/" + free.getString("id") + "/public", null), 200)
                        .getString("readerUrl"));
        assertEquals(
                base + "/" + series.getString("slug") + "/" + paid.getString("slug"),
                ok(api.get("/api/v1/chapters/" + paid.getString("id") + "/read", null), 200)
                        .getString("readerUrl"),
                "a locked chapter's share link too");
        assertEquals(
                base + "/",
                ok(api.get("/api/v1/sites/" + siteId + "/public", null), 200).getString("readerBaseUrl"));

        Authoring.User follower = fixtures.reader();
        app.count("UPDATE users SET email_verified_at = now(), status = 'ACTIVE' WHERE id = '" + follower.id()
                + "' RETURNING 1");
        ok(api.post("/api/v1/authors/" + author.id() + "/follow", null, follower.token()), 201);
        JsonObject third = fixtures.chapter(author, seriesId, "Third", "Third text.");
        ok(api.post("/api/v1/chapters/" + third.getString("id") + "/publish", null, author.token()), 200);
        String dedupe = "new-chapter:" + third.getString("id") + ":" + follower.id();
        Eventually.await(
                () -> app.count("SELECT count(*) FROM outbound_emails WHERE dedupe_key = '" + dedupe + "'") == 1,
                10_000,
                "the new-chapter mail");
        String body = app.db
                .preparedQuery("SELECT text_body FROM outbound_emails WHERE dedupe_key = $1")
                .execute(io.vertx.sqlclient.Tuple.of(dedupe))
                .await()
                .iterator()
                .next()
                .getString("text_body");
        assertTrue(body.contains("Read it: " + seriesPage + "/" + third.getString("slug") + "\n"), body);

        ok(api.patch("/api/v1/sites/" + siteId, new JsonObject().putNull("readerBaseUrl"), author.token()), 200);
        Eventually.await(
                () -> rss(siteFeed).stream().allMatch(l -> l.startsWith(app.config.publicBaseUrl())),
                10_000,
                "cleared: back to the API resources");
    }

    @Test
    void thePlatformsReaderSiteServesSitesThatNameNone() throws Exception {
        try (TestApp platform = TestApp.builder()
                .env("QUIRE_READING_READER_BASE_URL", "https://{site}.readers.example")
                .start()) {
            io.quire.testing.Api client = new io.quire.testing.Api(platform);
            Authoring own = Authoring.in(platform);
            Authoring.User author = own.author();
            JsonObject site =
                    own.site(author, new JsonObject().put("name", "Tide").put("slug", "tide-press"));
            JsonObject series = own.series(author, site.getString("id"));
            ok(client.post("/api/v1/series/" + series.getString("id") + "/publish", null, author.token()), 200);
            JsonObject chapter = own.chapter(author, series.getString("id"), "Ebb", "Low water.");
            ok(client.post("/api/v1/chapters/" + chapter.getString("id") + "/publish", null, author.token()), 200);
            String body = platform.client
                    .get("/api/v1/sites/" + site.getString("id") + "/feed.xml")
                    .send()
                    .await(10, TimeUnit.SECONDS)
                    .bodyAsString();
            assertTrue(
                    body.contains("<link>https://tide-press.readers.example/</link>")
                            && body.contains("https://tide-press.readers.example/" + series.getString("slug") + "/ebb"),
                    body);
        }
    }

    /** The RSS feed's links, after ROME parses it and the channel's atom:link rel=self is checked. */
    private static List<String> rss(String path) {
        String xml = fetch(path, "application/rss+xml");
        try {
            SyndFeed feed = new SyndFeedInput().build(new StringReader(xml));
            assertEquals("rss_2.0", feed.getFeedType());
            Element self = (Element)
                    FeedsTest.xml(xml).getElementsByTagNameNS(ATOM, "link").item(0);
            assertNotNull(self, "RSS carries atom:link rel=self");
            assertEquals("self", self.getAttribute("rel"));
            assertEquals(app.config.publicBaseUrl() + path, self.getAttribute("href"));
            List<String> links = new ArrayList<>(List.of(feed.getLink()));
            for (SyndEntry e : feed.getEntries()) {
                assertFalse(e.getDescription().getValue().contains("LOCKEDWORDS"));
                links.add(e.getLink());
            }
            return links;
        } catch (Exception e) {
            throw new AssertionError(path + ": " + e + "\n" + xml, e);
        }
    }

    /**
     * The Atom feed's links, after ROME parses it and RFC 4287 §4.1's musts are checked: one id, title and updated
     * in the feed and in every entry, an author in the feed or in every entry, a rel=self link naming the feed, an
     * alternate link in every entry (it has no content).
     */
    private static List<String> atom(String path) {
        String xml = fetch(path + "?format=atom", "application/atom+xml");
        try {
            Feed feed = (Feed) new WireFeedInput().build(new StringReader(xml));
            assertEquals("atom_1.0", feed.getFeedType());
            Document doc = FeedsTest.xml(xml);
            Element root = doc.getDocumentElement();
            for (String must : List.of("id", "title", "updated")) {
                assertEquals(1, children(root, must).size(), "feed/" + must);
            }
            boolean feedAuthor = !feed.getAuthors().isEmpty();
            assertTrue(feedAuthor, "the feed names an author");
            assertTrue(feed.getOtherLinks().stream()
                    .anyMatch(l -> "self".equals(l.getRel())
                            && (app.config.publicBaseUrl() + path + "?format=atom").equals(l.getHref())));
            List<String> links = new ArrayList<>();
            feed.getAlternateLinks().stream().map(Link::getHref).forEach(links::add);
            assertEquals(1, links.size(), "one alternate link of the feed");
            NodeList entries = doc.getElementsByTagNameNS(ATOM, "entry");
            assertTrue(entries.getLength() > 0);
            for (int i = 0; i < entries.getLength(); i++) {
                Element entry = (Element) entries.item(i);
                for (String must : List.of("id", "title", "updated")) {
                    assertEquals(1, children(entry, must).size(), "entry/" + must);
                }
                assertTrue(feedAuthor || !children(entry, "author").isEmpty());
            }
            feed.getEntries().forEach(e -> {
                assertEquals(1, e.getAlternateLinks().size());
                assertFalse(e.getAuthors().isEmpty(), "each entry names its chapter's author");
                assertFalse(e.getSummary().getValue().contains("LOCKEDWORDS"));
                links.add(e.getAlternateLinks().get(0).getHref());
            });
            return links;
        } catch (Exception e) {
            throw new AssertionError(path + ": " + e + "\n" + xml, e);
        }
    }

    /** The sitemap's locations, after the sitemaps.org 0.9 schema validates it. */
    private static List<String> sitemap(String siteId) {
        String xml = fetch("/api/v1/sites/" + siteId + "/sitemap.xml", "application/xml");
        try {
            SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                    .newSchema(FeedConformanceTest.class.getResource("/schemas/sitemap-0.9.xsd"))
                    .newValidator()
                    .validate(new StreamSource(new StringReader(xml)));
            NodeList locs = FeedsTest.xml(xml).getElementsByTagNameNS(SITEMAP, "loc");
            List<String> out = new ArrayList<>();
            for (int i = 0; i < locs.getLength(); i++) {
                out.add(locs.item(i).getTextContent());
            }
            return out;
        } catch (Exception e) {
            throw new AssertionError("sitemap: " + e + "\n" + xml, e);
        }
    }

    private static String fetch(String path, String type) {
        io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> response;
        try {
            response = app.client.get(path).send().await(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(path + " timed out", e);
        }
        assertEquals(200, response.statusCode(), path);
        assertTrue(response.getHeader("Content-Type").startsWith(type), response.getHeader("Content-Type"));
        return response.bodyAsString();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && ATOM.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }
}
