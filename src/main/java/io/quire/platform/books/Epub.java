package io.quire.platform.books;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipOutputStream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;

/**
 * An EPUB 3 (package document, navigation document, one XHTML file per chapter) from sanitised chapter HTML. The
 * book holds everything it shows: images are embedded (fetched beforehand by {@link RemoteImages}) and the ones that
 * could not be become links to where they live; iframes (video embeds) become links, since a reading system may
 * not play them and EPUB forbids remote resources in a chapter without declaring them. So no remote resource
 * remains, and the package declares none. CPU-bound: call it off the event loop.
 */
public final class Epub {
    private Epub() {}

    /** A book: {@code id} becomes its {@code urn:uuid:} identifier. */
    public record Book(String id, String title, String author, String language, List<Chapter> chapters) {}

    /** A chapter: its title and sanitised HTML body. */
    public record Chapter(String title, String html) {}

    /** A chapter's HTML with its author's note where the author put it ({@code start} or the end). */
    public static String withAuthorNote(String html, String noteHtml, String notePosition) {
        String note = noteHtml == null || noteHtml.isEmpty()
                ? ""
                : "<aside class=\"author-note\">\n" + noteHtml + "</aside>\n";
        return "start".equals(notePosition) ? note + html : html + note;
    }

    /** The http(s) image sources of every chapter, in order of appearance, once each: what to fetch. */
    public static Set<String> imageSources(Book book) {
        Set<String> out = new LinkedHashSet<>();
        for (Chapter ch : book.chapters()) {
            for (Element img : Jsoup.parseBodyFragment(ch.html()).select("img[src]")) {
                String src = img.attr("src");
                if (src.startsWith("https://") || src.startsWith("http://")) {
                    out.add(src);
                }
            }
        }
        return out;
    }

    /** The EPUB's bytes, with {@code images} (by source URL) embedded. */
    public static byte[] build(Book book, Map<String, RemoteImages.Image> images) {
        Map<String, String> hrefs = new LinkedHashMap<>();
        StringBuilder manifest = new StringBuilder();
        for (Map.Entry<String, RemoteImages.Image> e : images.entrySet()) {
            String name = String.format(
                    "images/image-%03d.%s", hrefs.size() + 1, e.getValue().extension());
            manifest.append("    <item id=\"image-")
                    .append(hrefs.size() + 1)
                    .append("\" href=\"")
                    .append(name)
                    .append("\" media-type=\"")
                    .append(e.getValue().mediaType())
                    .append("\"/>\n");
            hrefs.put(e.getKey(), name);
        }
        StringBuilder spine = new StringBuilder();
        StringBuilder nav = new StringBuilder();
        List<String[]> files = new ArrayList<>();
        int i = 0;
        for (Chapter ch : book.chapters()) {
            String id = String.format("chapter-%03d", ++i);
            manifest.append("    <item id=\"")
                    .append(id)
                    .append("\" href=\"")
                    .append(id)
                    .append(".xhtml\" media-type=\"application/xhtml+xml\"/>\n");
            spine.append("    <itemref idref=\"").append(id).append("\"/>\n");
            nav.append("      <li><a href=\"")
                    .append(id)
                    .append(".xhtml\">")
                    .append(xml(ch.title()))
                    .append("</a></li>\n");
            files.add(new String[] {
                id + ".xhtml",
                xhtml(ch.title(), book.language(), "<h1>" + xml(ch.title()) + "</h1>\n" + body(ch.html(), hrefs))
            });
        }
        String opf = """
        <?xml version="1.0" encoding="UTF-8"?>
        <package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id" xml:lang="%s">
          <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
            <dc:identifier id="book-id">urn:uuid:%s</dc:identifier>
            <dc:title>%s</dc:title>
            <dc:language>%s</dc:language>
            <dc:creator>%s</dc:creator>
            <meta property="dcterms:modified">%s</meta>
          </metadata>
          <manifest>
            <item id="nav" href="nav.xhtml" media-type="application/xhtml+xml" properties="nav"/>
            <item id="css" href="style.css" media-type="text/css"/>
        %s  </manifest>
          <spine>
        %s  </spine>
        </package>
        """.formatted(
                        xml(book.language()),
                        book.id(),
                        xml(book.title()),
                        xml(book.language()),
                        xml(book.author()),
                        Instant.now().truncatedTo(ChronoUnit.SECONDS),
                        manifest,
                        spine);
        String navDoc = xhtml(book.title(), book.language(), """
        <nav xmlns:epub="http://www.idpf.org/2007/ops" epub:type="toc" id="toc">
          <h1>%s</h1>
          <ol>
        %s    </ol>
        </nav>
        """.formatted(xml(book.title()), nav))
                .replace("<html ", "<html xmlns:epub=\"http://www.idpf.org/2007/ops\" ");
        String container = """
        <?xml version="1.0" encoding="UTF-8"?>
        <container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
          <rootfiles>
            <rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
          </rootfiles>
        </container>
        """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            // the OCF rule: "mimetype" first, uncompressed, no extra field
            Zips.put(out, "mimetype", "application/epub+zip".getBytes(StandardCharsets.US_ASCII), false);
            Zips.put(out, "META-INF/container.xml", utf8(container), true);
            Zips.put(out, "OEBPS/content.opf", utf8(opf), true);
            Zips.put(out, "OEBPS/nav.xhtml", utf8(navDoc), true);
            Zips.put(
                    out,
                    "OEBPS/style.css",
                    utf8("body { font-family: serif; line-height: 1.5; }\n.author-note { font-style: italic; }\n"
                            + "img { max-width: 100%; }\n"),
                    true);
            for (String[] f : files) {
                Zips.put(out, "OEBPS/" + f[0], utf8(f[1]), true);
            }
            for (Map.Entry<String, RemoteImages.Image> e : images.entrySet()) {
                // images are compressed already: stored as they are
                Zips.put(out, "OEBPS/" + hrefs.get(e.getKey()), e.getValue().bytes(), false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The chapter's HTML as XHTML for the book: embedded images point into it, other images and every iframe become
     * a link to where they live (their alt text or title as its text).
     */
    static String body(String html, Map<String, String> embedded) {
        Document doc = Jsoup.parseBodyFragment(html);
        for (Element img : doc.select("img")) {
            String href = embedded.get(img.attr("src"));
            if (href != null) {
                img.attr("src", href);
                if (!img.hasAttr("alt")) {
                    img.attr("alt", "");
                }
            } else {
                img.replaceWith(link(doc, img.attr("src"), img.attr("alt").isBlank() ? "Image" : img.attr("alt")));
            }
        }
        for (Element frame : doc.select("iframe, video, audio, object, embed")) {
            String src = frame.hasAttr("src") ? frame.attr("src") : frame.attr("data");
            String title = frame.attr("title").isBlank() ? "Embedded media" : frame.attr("title");
            frame.replaceWith(link(doc, src, title + " (opens online)"));
        }
        doc.outputSettings()
                .syntax(Document.OutputSettings.Syntax.xml)
                .escapeMode(Entities.EscapeMode.xhtml)
                .charset(StandardCharsets.UTF_8)
                .prettyPrint(false);
        return doc.body().html();
    }

    /** A link to {@code url} when it is http(s), else just the text. */
    private static Element link(Document doc, String url, String text) {
        if (url.startsWith("https://") || url.startsWith("http://")) {
            return doc.createElement("a").attr("href", url).text(text);
        }
        return doc.createElement("span").text(text);
    }

    private static String xhtml(String title, String language, String body) {
        return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" xml:lang="%s" lang="%s">
        <head>
          <meta charset="utf-8"/>
          <title>%s</title>
          <link rel="stylesheet" type="text/css" href="style.css"/>
        </head>
        <body>
        %s
        </body>
        </html>
        """.formatted(xml(language), xml(language), xml(title), body);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Text escaped for XML and HTML. */
    public static String xml(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
