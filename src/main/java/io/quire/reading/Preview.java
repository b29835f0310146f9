package io.quire.reading;

import io.quire.platform.text.HtmlSanitizer;
import java.util.ArrayList;
import java.util.List;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The free part of a locked chapter: its first N top-level blocks (paragraphs, headings, quotes…), rendered from
 * the Markdown source and sanitised like the full text. Built from the source, never by cutting the full HTML,
 * so nothing past the preview can slip into it.
 */
final class Preview {
  private static final Parser PARSER = Parser.builder()
      .extensions(List.of(org.commonmark.ext.gfm.tables.TablesExtension.create(),
          org.commonmark.ext.gfm.strikethrough.StrikethroughExtension.create()))
      .build();
  private static final HtmlRenderer HTML = HtmlRenderer.builder()
      .extensions(List.of(org.commonmark.ext.gfm.tables.TablesExtension.create(),
          org.commonmark.ext.gfm.strikethrough.StrikethroughExtension.create()))
      .build();

  private Preview() {}

  static String firstBlocks(String markdown, int blocks) {
    if (blocks <= 0 || markdown == null || markdown.isBlank()) {
      return "";
    }
    Node document = PARSER.parse(markdown);
    List<Node> keep = new ArrayList<>();
    for (Node n = document.getFirstChild(); n != null && keep.size() < blocks; n = n.getNext()) {
      keep.add(n);
    }
    StringBuilder html = new StringBuilder();
    for (Node n : keep) {
      html.append(HTML.render(n));
    }
    return HtmlSanitizer.sanitize(html.toString());
  }
}
