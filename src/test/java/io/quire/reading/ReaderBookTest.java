package io.quire.reading;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.WriterReportImpl;
import io.quire.content.ExportTest;
import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.FreePorts;
import io.quire.testing.Subscriptions;
import io.quire.testing.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * EPUBs as readers' devices take them, judged by EPUBCheck (the W3C's validator): with images embedded (served by
 * an image host on loopback), an embed turned into a link, non-Latin text, and for a reader only the chapters they
 * may read — a locked chapter's words and images stay out of their file. 0 errors and 0 warnings, or the test says
 * which.
 */
class ReaderBookTest {
    private static final String LOCKED_WORDS = "LOCKEDSECRET";
    private static TestApp app;
    private static Api api;
    private static Vertx images;
    private static HttpServer imageHost;
    private static final Map<String, AtomicInteger> fetched = new ConcurrentHashMap<>();
    private static String imageBase;

    @BeforeAll
    static void start() throws Exception {
        images = Vertx.vertx();
        byte[] png = png(8);
        byte[] large = png(400); // a few KB over the 2 KiB cap set below
        imageHost = images.createHttpServer()
                .requestHandler(req -> {
                    fetched.computeIfAbsent(req.path(), k -> new AtomicInteger())
                            .incrementAndGet();
                    switch (req.path()) {
                        case "/cover.png", "/locked.png" ->
                            req.response()
                                    .putHeader("Content-Type", "image/png")
                                    .end(Buffer.buffer(png));
                        case "/large.png" ->
                            req.response()
                                    .putHeader("Content-Type", "image/png")
                                    .end(Buffer.buffer(large));
                        // says it is an image, is not: the first bytes decide
                        case "/fake.png" ->
                            req.response()
                                    .putHeader("Content-Type", "image/png")
                                    .end("<html>hi</html>");
                        default -> req.response().setStatusCode(404).end();
                    }
                })
                .listen(FreePorts.next(), "127.0.0.1")
                .await(10, TimeUnit.SECONDS);
        imageBase = "http://127.0.0.1:" + imageHost.actualPort();
        app = TestApp.builder()
                .env("QUIRE_CONTENT_EXPORT_ALLOW_PRIVATE_HOSTS", "true")
                .env("QUIRE_CONTENT_EXPORT_IMAGE_MAX_BYTES", "2048")
                .start();
        api = new Api(app);
        assertTrue(large.length > 2048 && png.length < 2048, large.length + " / " + png.length);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        images.close().await(10, TimeUnit.SECONDS);
    }

    @Test
    void epubsWithImagesEmbedsAndLockedChaptersPassEpubCheck() throws Exception {
        Authoring fixtures = Authoring.in(app);
        Authoring.User author = fixtures.author();
        String site = fixtures.site(author).getString("id");
        JsonObject series = fixtures.series(author, site);
        String seriesId = series.getString("id");
        ok(api.post("/api/v1/series/" + seriesId + "/publish", null, author.token()), 200);
        String free = fixtures.chapter(
                        author,
                        seriesId,
                        "第一章 Начало",
                        "Луна взошла. 月が昇った。القمر طلع.\n\n![The cover](" + imageBase + "/cover.png)\n\n"
                                + "Again: ![](" + imageBase + "/cover.png) and ![too big](" + imageBase
                                + "/large.png) and ![fake](" + imageBase + "/fake.png) and ![gone](" + imageBase
                                + "/missing.png)\n\n"
                                + "<iframe src=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\" allowfullscreen></iframe>\n")
                .getString("id");
        String locked = fixtures.chapter(
                        author,
                        seriesId,
                        "For subscribers",
                        LOCKED_WORDS + " in the first paragraph.\n\n![inside](" + imageBase + "/locked.png)")
                .getString("id");
        fixtures.forSubscribers(author, locked);
        for (String id : List.of(free, locked)) {
            ok(api.post("/api/v1/chapters/" + id + "/publish", null, author.token()), 200);
        }
        fixtures.chapter(author, seriesId, "Draft", "DRAFTWORDS");

        // a reader: the free chapter only, images embedded, the locked chapter's words and image never fetched
        var anonymous = app.client
                .get("/api/v1/series/" + seriesId + "/book.epub")
                .send()
                .await(30, TimeUnit.SECONDS);
        assertEquals(200, anonymous.statusCode(), anonymous.bodyAsString());
        assertEquals("application/epub+zip", anonymous.getHeader("Content-Type"));
        assertEquals("1", anonymous.getHeader("Quire-Locked-Chapters-Left-Out"));
        assertEquals("private, no-store", anonymous.getHeader("Cache-Control"));
        epubCheck(anonymous.body(), "reader");
        Map<String, byte[]> files = ExportTest.unzip(anonymous.body(), new LinkedHashMap<>());
        String all = text(files);
        assertFalse(all.contains(LOCKED_WORDS), "no locked words in a reader's file");
        assertFalse(all.contains("DRAFTWORDS"));
        assertTrue(all.contains("Луна взошла. 月が昇った。القمر طلع."), "non-Latin text as written");
        assertEquals(null, fetched.get("/locked.png"), "the locked chapter's image is not even fetched");
        assertEquals(
                1,
                files.keySet().stream()
                        .filter(n -> n.startsWith("OEBPS/images/"))
                        .count(),
                "one image embedded, once, though used twice");
        String chapter = new String(files.get("OEBPS/chapter-001.xhtml"), StandardCharsets.UTF_8);
        assertEquals(2, count(chapter, "src=\"images/image-001.png\""), chapter);
        assertTrue(chapter.contains("<a href=\"" + imageBase + "/large.png\">too big</a>"), "over the cap: a link");
        assertTrue(chapter.contains("<a href=\"" + imageBase + "/fake.png\">fake</a>"), "not an image: a link");
        assertTrue(chapter.contains("<a href=\"" + imageBase + "/missing.png\">gone</a>"), "unreachable: a link");
        assertTrue(
                chapter.contains("<a href=\"https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ\">Embedded media"
                        + " (opens online)</a>"),
                chapter);
        assertFalse(chapter.contains("<iframe"));
        String opf = new String(files.get("OEBPS/content.opf"), StandardCharsets.UTF_8);
        assertTrue(opf.contains("href=\"images/image-001.png\" media-type=\"image/png\""), opf);

        // a subscriber gets the locked chapter too; the author's export has every chapter, drafts included
        Authoring.User reader = fixtures.reader();
        String tier = fixtures.tier(author, site);
        Subscriptions.active(app.db, reader.id(), site, author.id(), tier);
        var subscriber = api.get("/api/v1/series/" + seriesId + "/book.epub", reader.token());
        assertEquals(200, subscriber.statusCode());
        assertEquals("0", subscriber.getHeader("Quire-Locked-Chapters-Left-Out"));
        epubCheck(subscriber.body(), "subscriber");
        assertTrue(
                text(ExportTest.unzip(subscriber.body(), new LinkedHashMap<>())).contains(LOCKED_WORDS));

        var export = api.get("/api/v1/series/" + seriesId + "/chapters/export?format=epub", author.token());
        assertEquals(200, export.statusCode());
        epubCheck(export.body(), "author");
        assertTrue(text(ExportTest.unzip(export.body(), new LinkedHashMap<>())).contains("DRAFTWORDS"));

        // every chapter locked, none published, no such series: a problem, not an empty book
        String lockedOnly = fixtures.series(author, site).getString("id");
        ok(api.post("/api/v1/series/" + lockedOnly + "/publish", null, author.token()), 200);
        problem(api.get("/api/v1/series/" + lockedOnly + "/book.epub", null), 404, "book.no_chapters");
        String only = fixtures.chapter(author, lockedOnly, "Only", "Paid only.").getString("id");
        fixtures.forSubscribers(author, only);
        ok(api.post("/api/v1/chapters/" + only + "/publish", null, author.token()), 200);
        problem(api.get("/api/v1/series/" + lockedOnly + "/book.epub", null), 403, "book.all_locked");
        problem(api.get("/api/v1/series/" + UUID.randomUUID() + "/book.epub", null), 404, "series.not_found");
        problem(api.get("/api/v1/series/not-an-id/book.epub", null), 404, "series.not_found");
    }

    /** EPUBCheck's verdict: no fatal error, no error, no warning, or the messages in the failure. */
    private static void epubCheck(Buffer epub, String whose) throws Exception {
        Path file = Files.createTempFile("quire-" + whose, ".epub");
        try {
            Files.write(file, epub.getBytes());
            StringWriter messages = new StringWriter();
            WriterReportImpl report = new WriterReportImpl(new PrintWriter(messages), whose + ".epub", true);
            new EpubCheck(file.toFile(), report).doValidate();
            assertEquals(
                    0,
                    report.getFatalErrorCount() + report.getErrorCount() + report.getWarningCount(),
                    whose + "'s EPUB: " + messages);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static byte[] png(int side) throws Exception {
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < side; x++) {
            for (int y = 0; y < side; y++) {
                image.setRGB(x, y, (x * 7919 + y * 104729) & 0xffffff); // noise: it does not compress away
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    private static String text(Map<String, byte[]> files) {
        StringBuilder all = new StringBuilder();
        files.forEach((name, bytes) -> {
            if (name.endsWith(".xhtml") || name.endsWith(".opf")) {
                all.append(new String(bytes, StandardCharsets.UTF_8));
            }
        });
        return all.toString();
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
