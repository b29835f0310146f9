package io.quire.reading;

import static io.quire.testing.Api.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A locked chapter's preview is never the whole chapter: short chapters (1–4 paragraphs, one long paragraph) show
 * at most half of their blocks and words, whatever {@code previewParagraphs} says (here the series default, 3).
 * Every paragraph carries begin and end markers; each test asserts the exact paragraphs shown and that no marker
 * of a withheld one reaches any caller on any public path. The author's own read proves the markers are there.
 */
class PreviewShareTest extends SharedApp {
    static Authoring.User author;
    static String site;
    static String series;
    static final List<String> PUBLIC_PATHS = new ArrayList<>();

    @BeforeAll
    static void publishSeries() {
        author = fixtures.author();
        site = fixtures.site(author).getString("id");
        series = fixtures.series(author, site).getString("id");
        ok(api.post("/api/v1/series/" + series + "/publish", null, author.token()), 200);
    }

    /** Paragraph {@code i} of the chapter named {@code tag}: ten words, the first and last its markers. */
    static String paragraph(String tag, int i) {
        return tag + "p" + i + "begin one two three four five six seven eight " + tag + "p" + i + "end";
    }

    static String lockedChapter(String tag, String content) {
        String id = fixtures.chapter(author, series, "Chapter " + tag, content).getString("id");
        ok(
                api.patch(
                        "/api/v1/chapters/" + id + "/access",
                        new JsonObject().put("accessLevel", "SUBSCRIBERS"),
                        author.token()),
                200);
        ok(api.post("/api/v1/chapters/" + id + "/publish", null, author.token()), 200);
        return id;
    }

    /** Every public path that could show the chapter's text, as each kind of caller without access sees it. */
    static List<String> publicBodies(String chapterId) throws Exception {
        List<String> paths = List.of(
                "/api/v1/chapters/" + chapterId + "/read",
                "/api/v1/chapters/" + chapterId + "/public",
                "/api/v1/series/" + series + "/chapters/public",
                "/api/v1/series/" + series + "/public",
                "/api/v1/sites/" + site + "/series/public",
                "/api/v1/sites/" + site + "/public",
                "/api/v1/sites/" + site + "/feed.xml",
                "/api/v1/sites/" + site + "/feed.xml?format=atom",
                "/api/v1/series/" + series + "/feed.xml",
                "/api/v1/series/" + series + "/feed.xml?format=atom",
                "/api/v1/sites/" + site + "/sitemap.xml");
        List<String> bodies = new ArrayList<>();
        for (String token :
                new String[] {null, fixtures.reader().token(), fixtures.author().token()}) {
            for (String path : paths) {
                var response = ReadingTest.get(path, token, null);
                assertEquals(200, response.statusCode(), path);
                bodies.add(response.bodyAsString());
            }
        }
        return bodies;
    }

    static String previewOf(String chapterId) throws Exception {
        JsonObject read = ok(ReadingTest.get("/api/v1/chapters/" + chapterId + "/read", null, null), 200);
        assertTrue(read.getBoolean("locked"));
        return read.getString("previewHtml");
    }

    static String fullText(String chapterId) throws Exception {
        return ok(ReadingTest.get("/api/v1/chapters/" + chapterId + "/read", author.token(), null), 200)
                .getString("contentHtml");
    }

    /** A chapter of {@code n} equal paragraphs shows exactly the first {@code shown}; no other marker appears anywhere. */
    void assertShare(int n, int shown) throws Exception {
        String tag = "Kq" + n + "x";
        String content =
                IntStream.rangeClosed(1, n).mapToObj(i -> paragraph(tag, i)).collect(Collectors.joining("\n\n"));
        String id = lockedChapter(tag, content);
        String full = fullText(id);
        String preview = previewOf(id);
        for (int i = 1; i <= n; i++) {
            assertTrue(full.contains(tag + "p" + i + "end"), "the author reads paragraph " + i);
            boolean visible = i <= shown;
            assertEquals(
                    visible,
                    preview.contains(tag + "p" + i + "end"),
                    n + " paragraphs: paragraph " + i + " shown? " + preview);
        }
        assertTrue(preview.length() < full.length(), "the preview is less than the chapter");
        for (String body : publicBodies(id)) {
            for (int i = shown + 1; i <= n; i++) {
                assertFalse(
                        body.contains(tag + "p" + i + "begin") || body.contains(tag + "p" + i + "end"),
                        "withheld paragraph " + i + " of " + n + " leaked: " + body);
            }
        }
    }

    @Test
    void twoParagraphsShowOne() throws Exception {
        assertShare(2, 1);
    }

    @Test
    void threeParagraphsShowOne() throws Exception {
        assertShare(3, 1);
    }

    @Test
    void fourParagraphsShowTwo() throws Exception {
        assertShare(4, 2);
    }

    @Test
    void tenParagraphsShowTheAuthorsThree() throws Exception {
        assertShare(10, 3);
    }

    @Test
    void oneParagraphShowsOnlyItsOpeningWords() throws Exception {
        String id = lockedChapter("Kq1x", paragraph("Kq1x", 1));
        assertTrue(fullText(id).contains("Kq1xp1end"));
        // ten words: half of them, as a teaser cut inside the paragraph
        assertEquals("<p>Kq1xp1begin one two three four …</p>\n", previewOf(id));
        for (String body : publicBodies(id)) {
            assertFalse(
                    body.contains("Kq1xp1end") || body.contains("four five"),
                    "the rest of a one-paragraph chapter leaked: " + body);
        }
    }

    @Test
    void oneLongParagraphShowsAtMostAHundredWords() throws Exception {
        String words =
                IntStream.rangeClosed(1, 400).mapToObj(i -> "Kqlong" + i + "w").collect(Collectors.joining(" "));
        String id = lockedChapter("Kqlong", words);
        assertTrue(fullText(id).contains("Kqlong400w"));
        String preview = previewOf(id);
        assertTrue(preview.contains("Kqlong100w "), preview);
        for (String body : publicBodies(id)) {
            for (int i = 101; i <= 400; i++) {
                assertFalse(body.contains("Kqlong" + i + "w"), "word " + i + " of a long paragraph leaked");
            }
        }
    }

    @Test
    void aLongFirstParagraphIsCutSoItsChapterIsNotHalfShown() throws Exception {
        // two paragraphs, the first holding most of the words: showing it whole would show most of the chapter
        String first =
                IntStream.rangeClosed(1, 30).mapToObj(i -> "Kqhead" + i + "w").collect(Collectors.joining(" "));
        String id = lockedChapter("Kqhead", first + "\n\nKqtail one two.");
        String preview = previewOf(id);
        assertEquals(
                "<p>"
                        + IntStream.rangeClosed(1, 16)
                                .mapToObj(i -> "Kqhead" + i + "w")
                                .collect(Collectors.joining(" "))
                        + " …</p>\n",
                preview,
                "half of 33 words, rounded down");
        for (String body : publicBodies(id)) {
            assertFalse(body.contains("Kqhead17w") || body.contains("Kqtail"), "text past the cut leaked");
        }
    }

    @Test
    void anAuthorWhoAsksForNoPreviewGetsNone() throws Exception {
        String id = lockedChapter("Kqnone", paragraph("Kqnone", 1) + "\n\n" + paragraph("Kqnone", 2));
        ok(
                api.patch(
                        "/api/v1/chapters/" + id + "/access",
                        new JsonObject().put("previewParagraphs", 0),
                        author.token()),
                200);
        String preview = ReadingTest.settled(
                        "/api/v1/chapters/" + id + "/read",
                        null,
                        r -> r.bodyAsJsonObject().getString("previewHtml", "x").isEmpty())
                .bodyAsJsonObject()
                .getString("previewHtml");
        assertEquals("", preview);
    }
}
