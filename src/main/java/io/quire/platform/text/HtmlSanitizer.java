package io.quire.platform.text;

import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * The one HTML policy for user-written content (OWASP java-html-sanitizer): formatting, headings, lists, tables,
 * code, quotes, images and links over http(s)/mailto only, task-list checkboxes, and iframes only from an
 * allow-list of video hosts. No scripts, styles, event handlers, forms, SVG or {@code javascript:}/{@code data:}
 * URLs; links get {@code rel="nofollow noopener noreferrer"}.
 */
public final class HtmlSanitizer {
    private static final Pattern EMBED_SRC = Pattern.compile(
            "^https://(www\\.youtube-nocookie\\.com/embed/|player\\.vimeo\\.com/video/)[A-Za-z0-9_\\-/?=&.]+$");

    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements(
                    "p",
                    "br",
                    "hr",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "blockquote",
                    "pre",
                    "code",
                    "em",
                    "strong",
                    "b",
                    "i",
                    "u",
                    "del",
                    "s",
                    "sup",
                    "sub",
                    "small",
                    "mark",
                    "ul",
                    "ol",
                    "li",
                    "dl",
                    "dt",
                    "dd",
                    "table",
                    "thead",
                    "tbody",
                    "tfoot",
                    "tr",
                    "th",
                    "td",
                    "caption",
                    "span",
                    "div",
                    "figure",
                    "figcaption",
                    "abbr",
                    "kbd")
            .allowAttributes("align")
            .matching(Pattern.compile("left|right|center"))
            .onElements("th", "td")
            .allowAttributes("start")
            .matching(Pattern.compile("\\d{1,6}"))
            .onElements("ol")
            .allowAttributes("title")
            .onElements("abbr", "a", "img")
            .allowAttributes("class")
            .matching(Pattern.compile("language-[a-zA-Z0-9_+-]{1,30}"))
            .onElements("code")
            .allowElements("a")
            .allowAttributes("href")
            .onElements("a")
            .allowElements("img")
            .allowAttributes("src", "alt")
            .onElements("img")
            .allowAttributes("width", "height")
            .matching(Pattern.compile("\\d{1,4}"))
            .onElements("img", "iframe")
            .allowUrlProtocols("http", "https", "mailto")
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer")
            .allowElements("input")
            .allowAttributes("type")
            .matching(Pattern.compile("checkbox"))
            .onElements("input")
            .allowAttributes("checked", "disabled")
            .onElements("input")
            .allowElements("iframe")
            .allowAttributes("src")
            .matching(EMBED_SRC)
            .onElements("iframe")
            .allowAttributes("allowfullscreen")
            .onElements("iframe")
            .toFactory();

    private HtmlSanitizer() {}

    public static String sanitize(String html) {
        return POLICY.sanitize(html);
    }
}
