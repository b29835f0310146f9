package io.quire.engagement.comments;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Markdown-lite for comments: paragraphs, emphasis, strikethrough, code, quotes, lists and links (nofollow). No
 * headings, images, tables or raw HTML survive the policy; their text does.
 */
public final class CommentText {
    private static final List<Extension> EXTENSIONS =
            List.of(AutolinkExtension.create(), StrikethroughExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer HTML =
            HtmlRenderer.builder().extensions(EXTENSIONS).escapeHtml(true).build();
    private static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("p", "br", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a")
            .allowAttributes("href")
            .onElements("a")
            .allowUrlProtocols("http", "https")
            .requireRelsOnLinks("nofollow", "noopener", "noreferrer", "ugc")
            .toFactory();
    private static final Pattern LINK = Pattern.compile("https?://", Pattern.CASE_INSENSITIVE);

    private CommentText() {}

    public static String html(String markdown) {
        return POLICY.sanitize(HTML.render(PARSER.parse(markdown)));
    }

    /** How many links the text holds (a comment with many is held for moderation). */
    static int links(String markdown) {
        Matcher m = LINK.matcher(markdown);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
