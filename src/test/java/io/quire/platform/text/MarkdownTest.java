package io.quire.platform.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Markdown rendering with GFM, and the sanitiser against an XSS corpus. */
class MarkdownTest {

    @Test
    void gfmTablesStrikethroughAutolinksAndTaskLists() {
        String html = Markdown.render("""
        | a | b |
        |---|---|
        | 1 | 2 |

        ~~gone~~ and https://example.com

        - [x] done
        - [ ] todo
        """).html();
        assertTrue(html.contains("<table>") && html.contains("<td>1</td>"), html);
        assertTrue(html.contains("<del>gone</del>"), html);
        assertTrue(
                html.contains("<a href=\"https://example.com\" rel=\"")
                        && html.contains("nofollow")
                        && html.contains("noopener")
                        && html.contains("noreferrer"),
                html);
        assertTrue(html.contains("<input type=\"checkbox\" disabled=\"\" checked=\"\" /> done"), html);
        assertTrue(html.contains("<input type=\"checkbox\" disabled=\"\" /> todo"), html);
    }

    @Test
    void wordsAndReadingTimeCountWhatReadersSee() {
        Markdown.Rendered r =
                Markdown.render("It's a *dark* night. <script>alert('x')</script>\n\nRain — fell; don't stop.");
        assertEquals(8, r.wordCount(), "script text is not words; don't and It's are one word each");
        assertEquals(1, r.readingMinutes());
        assertEquals(0, Markdown.render("").wordCount());
        assertEquals(3, Markdown.render("word ".repeat(501)).readingMinutes());
        assertEquals(4, Markdown.countWords("漢字かな"), "each CJK character counts");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "<script>alert(1)</script>",
                "<img src=x onerror=alert(1)>",
                "<img src=\"javascript:alert(1)\">",
                "[click](javascript:alert(1))",
                "[click](JaVaScRiPt:alert(1))",
                "[click](&#106;avascript:alert(1))",
                "![x](javascript:alert(1))",
                "<a href=\"javascript:alert(1)\">x</a>",
                "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>",
                "<svg onload=alert(1)><circle r=\"1\"/></svg>",
                "<svg><script>alert(1)</script></svg>",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
                "<iframe src=\"https://evil.example.com/x\"></iframe>",
                "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
                "<div style=\"background:url(javascript:alert(1))\">x</div>",
                "<body onload=alert(1)>",
                "<object data=\"x.swf\"></object><embed src=\"x.swf\">",
                "<form action=\"https://evil.example.com\"><input name=q></form>",
                "<p onclick=\"alert(1)\">hi</p>",
                "<a href=\"https://ok.example.com\" onmouseover=\"alert(1)\">ok</a>",
                "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
                "<base href=\"javascript:alert(1)//\">",
                "<link rel=stylesheet href=\"https://evil.example.com/x.css\">",
                "<IMG SRC=\"jav\tascript:alert(1);\">",
            })
    void theXssCorpusComesOutHarmless(String attack) {
        String html = Markdown.render(attack).html().toLowerCase(Locale.ROOT);
        assertFalse(html.contains("<script"), html);
        assertFalse(html.contains("javascript:"), html);
        assertFalse(html.contains("data:"), html);
        assertFalse(html.matches("(?s).*\\son[a-z]+\\s*=.*"), "no event handler: " + html);
        assertFalse(
                html.contains("<svg") || html.contains("<math") || html.contains("<style") || html.contains("<form"),
                html);
        assertFalse(
                html.contains("<object")
                        || html.contains("<embed")
                        || html.contains("<meta")
                        || html.contains("<base")
                        || html.contains("<link")
                        || html.contains("srcdoc")
                        || html.contains("style="),
                html);
        assertFalse(html.contains("evil.example.com/x\""), "no iframe from a host off the allow-list: " + html);
    }

    @Test
    void allowListedEmbedsAndSafeMarkupSurvive() {
        String html = Markdown.render("""
        <iframe src="https://www.youtube-nocookie.com/embed/abc123" width="560" height="315" allowfullscreen></iframe>

        H<sub>2</sub>O and E=mc<sup>2</sup>

        ![cat](https://img.example.com/cat.png "A cat")
        """).html();
        assertTrue(html.contains("<iframe src=\"https://www.youtube-nocookie.com/embed/abc123\""), html);
        assertTrue(html.contains("<sub>2</sub>") && html.contains("<sup>2</sup>"), html);
        assertTrue(html.contains("<img src=\"https://img.example.com/cat.png\" alt=\"cat\" title=\"A cat\" />"), html);
    }
}
