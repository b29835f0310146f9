package io.quire.platform.text;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.Extension;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.ext.task.list.items.TaskListItemsExtension;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown to safe HTML: CommonMark plus GFM tables, strikethrough, autolinks and task lists (commonmark-java),
 * then {@link HtmlSanitizer}. Raw HTML in the source is allowed through the parser and cleaned by the
 * sanitiser, so authors keep {@code <sup>} and friends but never scripts. Thread-safe; CPU-bound, so callers
 * run long texts off the event loop.
 */
public final class Markdown {
    private static final List<Extension> EXTENSIONS = List.of(
            TablesExtension.create(),
            StrikethroughExtension.create(),
            AutolinkExtension.create(),
            TaskListItemsExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    private static final HtmlRenderer HTML =
            HtmlRenderer.builder().extensions(EXTENSIONS).build();
    private static final Pattern TAGS = Pattern.compile("<[^>]*>");
    private static final Pattern ENTITIES = Pattern.compile("&(#\\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,8});");
    /** A word: letters/digits with inner apostrophes or hyphens; each CJK character counts as one. */
    private static final Pattern WORD =
            Pattern.compile("[\\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}]|[\\p{L}\\p{N}]+(?:['’\\-][\\p{L}\\p{N}]+)*");

    private static final int WORDS_PER_MINUTE = 250;

    private Markdown() {}

    /** Sanitised HTML, and the word count and reading time of the text a reader sees. */
    public record Rendered(String html, int wordCount, int readingMinutes) {}

    public static Rendered render(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return new Rendered("", 0, 0);
        }
        Node document = PARSER.parse(markdown);
        String html = HtmlSanitizer.sanitize(HTML.render(document));
        // counted from what readers get: raw HTML the sanitiser removed (a script's text) is not words
        int words = countWords(decodeEntities(TAGS.matcher(html).replaceAll(" ")));
        return new Rendered(
                html, words, words == 0 ? 0 : Math.max(1, (words + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE));
    }

    /** Enough entity decoding for counting words: numeric references and the few named ones HTML output uses. */
    static String decodeEntities(String text) {
        return ENTITIES.matcher(text).replaceAll(m -> {
            String e = m.group(1);
            String decoded = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                default -> codePoint(e);
            };
            return Matcher.quoteReplacement(decoded);
        });
    }

    private static String codePoint(String entity) {
        try {
            if (entity.startsWith("#x")) {
                return Character.toString(Integer.parseInt(entity.substring(2), 16));
            }
            return entity.startsWith("#") ? Character.toString(Integer.parseInt(entity.substring(1))) : " ";
        } catch (IllegalArgumentException notACodePoint) {
            return " ";
        }
    }

    public static int countWords(String text) {
        Matcher m = WORD.matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
