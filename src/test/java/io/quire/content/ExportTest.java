package io.quire.content;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Export as Markdown, HTML and EPUB 3; the EPUB is opened and its package and navigation checked. */
public class ExportTest {
    static TestApp app;
    static Api api;
    static Authoring.User author;
    static String seriesId;
    static String firstChapter;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        api = new Api(app);
        Authoring fixtures = Authoring.in(app);
        author = fixtures.author();
        String site = fixtures.site(author).getString("id");
        seriesId = fixtures.series(author, site).getString("id");
        firstChapter = fixtures.chapter(
                        author,
                        seriesId,
                        "Dawn & \"Dusk\"",
                        "It's *morning*.\n\n- [x] task\n\nA | B\n--|--\n1 | 2\n\n<br>")
                .getString("id");
        ok(
                api.post(
                        "/api/v1/series/" + seriesId + "/chapters",
                        new JsonObject()
                                .put("title", "Night <2>")
                                .put("content", "Stars.")
                                .put("authorNote", "Thanks for reading!"),
                        author.token()),
                201);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    static HttpResponse<Buffer> download(String path) {
        return api.get(path, author.token());
    }

    /** Entries in zip order. */
    public static Map<String, byte[]> unzip(Buffer bytes, Map<String, Integer> methods) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes.getBytes()))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), in.readAllBytes());
                methods.put(e.getName(), e.getMethod());
            }
        }
        return out;
    }

    static Document xml(byte[] bytes) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    @Test
    void theEpubIsAValidEpub3Package() throws Exception {
        var response = download("/api/v1/series/" + seriesId + "/chapters/export?format=epub");
        assertEquals(200, response.statusCode());
        assertEquals("application/epub+zip", response.getHeader("Content-Type"));
        assertTrue(response.getHeader("Content-Disposition").endsWith(".epub\""));
        Map<String, Integer> methods = new LinkedHashMap<>();
        Map<String, byte[]> files = unzip(response.body(), methods);

        assertEquals("mimetype", files.keySet().iterator().next(), "mimetype is the first entry");
        assertEquals(ZipEntry.STORED, methods.get("mimetype"), "and stored uncompressed");
        assertEquals("application/epub+zip", new String(files.get("mimetype"), StandardCharsets.US_ASCII));

        Document container = xml(files.get("META-INF/container.xml"));
        Element rootfile = (Element) container
                .getElementsByTagNameNS("urn:oasis:names:tc:opendocument:xmlns:container", "rootfile")
                .item(0);
        String opfPath = rootfile.getAttribute("full-path");
        assertEquals("application/oebps-package+xml", rootfile.getAttribute("media-type"));

        String opfNs = "http://www.idpf.org/2007/opf";
        Document opf = xml(files.get(opfPath));
        Element pkg = opf.getDocumentElement();
        assertEquals("3.0", pkg.getAttribute("version"));
        String uid = pkg.getAttribute("unique-identifier");
        assertNotNull(
                opf.getElementById(uid) == null ? findById(opf, uid) : opf.getElementById(uid),
                "the unique identifier exists");
        String dc = "http://purl.org/dc/elements/1.1/";
        assertEquals(1, opf.getElementsByTagNameNS(dc, "title").getLength());
        assertEquals(1, opf.getElementsByTagNameNS(dc, "language").getLength());
        boolean modified = false;
        NodeList metas = opf.getElementsByTagNameNS(opfNs, "meta");
        for (int i = 0; i < metas.getLength(); i++) {
            Element meta = (Element) metas.item(i);
            modified |= meta.getAttribute("property").equals("dcterms:modified")
                    && meta.getTextContent().matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        }
        assertTrue(modified, "dcterms:modified in CCYY-MM-DDThh:mm:ssZ");

        String base = opfPath.substring(0, opfPath.lastIndexOf('/') + 1);
        Map<String, String> manifest = new LinkedHashMap<>();
        String navHref = null;
        NodeList items = opf.getElementsByTagNameNS(opfNs, "item");
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            String href = base + item.getAttribute("href");
            assertTrue(files.containsKey(href), "manifest item exists in the zip: " + href);
            manifest.put(item.getAttribute("id"), href);
            if (item.getAttribute("properties").contains("nav")) {
                navHref = href;
            }
            if (item.getAttribute("media-type").equals("application/xhtml+xml")) {
                xml(files.get(href)); // every content document is well-formed XML
            }
        }
        NodeList itemrefs = opf.getElementsByTagNameNS(opfNs, "itemref");
        assertEquals(2, itemrefs.getLength(), "both chapters are in the spine");
        for (int i = 0; i < itemrefs.getLength(); i++) {
            assertTrue(
                    manifest.containsKey(((Element) itemrefs.item(i)).getAttribute("idref")),
                    "spine refers to the manifest");
        }

        assertNotNull(navHref, "exactly one nav document");
        Document nav = xml(files.get(navHref));
        Element tocNav = (Element) nav.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "nav")
                .item(0);
        assertEquals("toc", tocNav.getAttributeNS("http://www.idpf.org/2007/ops", "type"));
        NodeList links = tocNav.getElementsByTagNameNS("http://www.w3.org/1999/xhtml", "a");
        assertEquals(2, links.getLength());
        assertEquals("Dawn & \"Dusk\"", links.item(0).getTextContent());
        assertEquals("Night <2>", links.item(1).getTextContent());
        for (int i = 0; i < links.getLength(); i++) {
            assertTrue(files.containsKey(base + ((Element) links.item(i)).getAttribute("href")), "nav links resolve");
        }
        Set<String> expected = Set.of("mimetype", "META-INF/container.xml", opfPath);
        assertTrue(files.keySet().containsAll(expected));
    }

    private static Element findById(Document doc, String id) {
        NodeList all = doc.getElementsByTagName("*");
        for (int i = 0; i < all.getLength(); i++) {
            if (id.equals(((Element) all.item(i)).getAttribute("id"))) {
                return (Element) all.item(i);
            }
        }
        return null;
    }

    @Test
    void markdownZipCarriesFrontMatterAndHtmlIsOneFile() throws Exception {
        var zip = download("/api/v1/series/" + seriesId + "/chapters/export");
        assertEquals("application/zip", zip.getHeader("Content-Type"));
        Map<String, byte[]> files = unzip(zip.body(), new LinkedHashMap<>());
        String first = new String(files.values().iterator().next(), StandardCharsets.UTF_8);
        assertTrue(first.startsWith("---\ntitle: \"Dawn & \\\"Dusk\\\"\"\nnumber: 1\n---\n\nIt's *morning*."), first);
        String html = download("/api/v1/series/" + seriesId + "/chapters/export?format=html")
                .bodyAsString();
        assertTrue(
                html.startsWith("<!DOCTYPE html>")
                        && html.contains("<h2>Night &lt;2&gt;</h2>")
                        && html.contains("Thanks for reading!"),
                html);
        var one = download("/api/v1/chapters/" + firstChapter + "/export/epub");
        assertEquals(200, one.statusCode());
        assertEquals(
                1,
                unzip(download("/api/v1/chapters/" + firstChapter + "/export").body(), new LinkedHashMap<>())
                        .size());
        problem(download("/api/v1/chapters/" + firstChapter + "/export/pdf"), 422, "export.unknown_format");
        problem(
                api.get(
                        "/api/v1/series/" + seriesId + "/chapters/export?format=epub",
                        Authoring.in(app).author().token()),
                404,
                "series.not_found");
    }
}
