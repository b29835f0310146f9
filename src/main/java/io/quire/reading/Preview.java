package io.quire.reading;

import io.quire.platform.text.HtmlSanitizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;

/**
 * The free part of a locked chapter, rendered from the Markdown source and sanitised like the full text. Built
 * from the source, never by cutting the full HTML, so nothing past the preview can slip into it.
 *
 * <p>A preview is never the whole chapter, whatever {@code previewParagraphs} says: it is the first top-level
 * blocks (paragraphs, headings, images, quotes…) up to the author's count, but at most half of the chapter's
 * blocks (so at least one is always withheld) and at most half of its words. When not even the first block fits
 * (a chapter of one long paragraph, or a first paragraph longer than the rest), the preview is the opening words
 * of the first block as plain text — at most half the chapter's words and never more than {@link #TEASER_WORDS}.
 * Every path that shows a locked chapter's text goes through {@link #of}.
 */
final class Preview {
    /** The most words a teaser (an opening cut inside the first block) may show. */
    static final int TEASER_WORDS = 100;

    private static final Parser PARSER = Parser.builder()
            .extensions(List.of(
                    org.commonmark.ext.gfm.tables.TablesExtension.create(),
                    org.commonmark.ext.gfm.strikethrough.StrikethroughExtension.create()))
            .build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder()
            .extensions(List.of(
                    org.commonmark.ext.gfm.tables.TablesExtension.create(),
                    org.commonmark.ext.gfm.strikethrough.StrikethroughExtension.create()))
            .build();
    private static final TextContentRenderer TEXT =
            TextContentRenderer.builder().build();

    private Preview() {}

    /** The preview of {@code markdown} for an author who asked for {@code wanted} blocks (0: no preview at all). */
    static String of(String markdown, int wanted) {
        if (wanted <= 0 || markdown == null || markdown.isBlank()) {
            return "";
        }
        List<Node> blocks = new ArrayList<>();
        List<String[]> words = new ArrayList<>();
        int totalWords = 0;
        for (Node n = PARSER.parse(markdown).getFirstChild(); n != null; n = n.getNext()) {
            String[] w = words(TEXT.render(n));
            blocks.add(n);
            words.add(w);
            totalWords += w.length;
        }
        int maxBlocks = Math.min(wanted, blocks.size() / 2);
        int maxWords = totalWords / 2;
        StringBuilder html = new StringBuilder();
        int shownWords = 0;
        int shown = 0;
        while (shown < maxBlocks && shownWords + words.get(shown).length <= maxWords) {
            html.append(HTML.render(blocks.get(shown)));
            shownWords += words.get(shown).length;
            shown++;
        }
        if (shown == 0) {
            return teaser(words.isEmpty() ? new String[0] : words.get(0), Math.min(TEASER_WORDS, maxWords));
        }
        return HtmlSanitizer.sanitize(html.toString());
    }

    /** A free chapter's first block, whole (a feed's summary): free text needs no share. */
    static String firstBlockOfFree(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        Node first = PARSER.parse(markdown).getFirstChild();
        return first == null ? "" : HtmlSanitizer.sanitize(HTML.render(first));
    }

    /** The first {@code limit} words of a block as an escaped paragraph, marked as cut. */
    private static String teaser(String[] words, int limit) {
        if (limit <= 0 || words.length == 0) {
            return "";
        }
        String text = String.join(" ", Arrays.copyOf(words, Math.min(limit, words.length)));
        return "<p>" + escape(text) + " …</p>\n";
    }

    private static String[] words(String text) {
        String t = text.strip();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
