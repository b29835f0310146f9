package io.quire.reading;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** RSS, Atom and sitemap: well-formed, published chapters only, locked text never quoted, ETag/304. */
class FeedsTest extends SharedApp {
    static Document xml(String body) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder()
                .parse(new ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void feedsListPublishedChaptersAndNeverQuoteLockedOnes() throws Exception {
        Authoring fixtures = Authoring.in(app);
        Authoring.User author = fixtures.author();
        String site = fixtures.site(author, new JsonObject().put("name", "Feeds & <Friends>"))
                .getString("id");
        String series = fixtures.series(author, site).getString("id");
        ok(api.post("/api/v1/series/" + series + "/publish", null, author.token()), 200);
        String open = fixtures.chapter(author, series, "Open \"one\"", "The *first* paragraph.\n\nMore.")
                .getString("id");
        String paid = fixtures.chapter(author, series, "Paid", "SECRETPARAGRAPH is here.")
                .getString("id");
        String draft =
                fixtures.chapter(author, series, "Unpublished draft", "x").getString("id");
        ok(
                api.patch(
                        "/api/v1/chapters/" + paid + "/access",
                        new JsonObject().put("accessLevel", "SUBSCRIBERS"),
                        author.token()),
                200);
        for (String id : List.of(open, paid)) {
            ok(api.post("/api/v1/chapters/" + id + "/publish", null, author.token()), 200);
        }

        var rss = app.client.get("/api/v1/sites/" + site + "/feed.xml").send().await(10, TimeUnit.SECONDS);
        assertEquals(200, rss.statusCode());
        assertTrue(rss.getHeader("Content-Type").startsWith("application/rss+xml"));
        Document doc = xml(rss.bodyAsString());
        assertEquals("rss", doc.getDocumentElement().getTagName());
        assertEquals(
                "Feeds & <Friends>", doc.getElementsByTagName("title").item(0).getTextContent());
        assertEquals(2, doc.getElementsByTagName("item").getLength());
        String body = rss.bodyAsString();
        assertTrue(body.contains("The first paragraph."), body);
        assertFalse(body.contains("SECRETPARAGRAPH"), "locked text never appears in a feed");
        assertFalse(body.contains("Unpublished draft"));
        assertEquals(
                304,
                app.client
                        .get("/api/v1/sites/" + site + "/feed.xml")
                        .putHeader("If-None-Match", rss.getHeader("ETag"))
                        .send()
                        .await(10, TimeUnit.SECONDS)
                        .statusCode());

        var atom = app.client
                .get("/api/v1/series/" + series + "/feed.xml?format=atom")
                .send()
                .await(10, TimeUnit.SECONDS);
        Document atomDoc = xml(atom.bodyAsString());
        assertEquals("http://www.w3.org/2005/Atom", atomDoc.getDocumentElement().getNamespaceURI());
        assertEquals(
                2,
                atomDoc.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "entry")
                        .getLength());
        assertFalse(atom.bodyAsString().contains("SECRETPARAGRAPH"));

        var sitemap =
                app.client.get("/api/v1/sites/" + site + "/sitemap.xml").send().await(10, TimeUnit.SECONDS);
        Document map = xml(sitemap.bodyAsString());
        assertEquals(
                4,
                map.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "url")
                        .getLength(),
                "the site, its series, two chapters");
        assertFalse(sitemap.bodyAsString().contains(draft));

        ok(api.patch("/api/v1/sites/" + site, new JsonObject().put("isPublic", false), author.token()), 200);
        problem(api.get("/api/v1/sites/" + site + "/feed.xml", null), 404, "site.not_found");
        problem(api.get("/api/v1/series/" + series + "/feed.xml", null), 404, "series.not_found");
        problem(api.get("/api/v1/sites/" + site + "/sitemap.xml", null), 404, "site.not_found");
    }
}
