package io.quire.content;

import io.quire.platform.auth.Principal;
import io.quire.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Exports a series (or one chapter) as a zip of Markdown files with front matter, as one HTML file, or as an
 * EPUB 3 (package document, navigation document, one XHTML file per chapter). Built on a worker thread.
 */
public final class ChapterExport {
    private final Vertx vertx;
    private final Pool pool;

    public ChapterExport(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    /** A file to download. */
    public record File(String name, String contentType, Buffer bytes) {}

    /** What goes into a book: its title, language and chapters in reading order. */
    record Book(String id, String title, String author, String language, List<Row> chapters) {}

    public Future<File> series(Principal p, UUID seriesId, String format) {
        return SeriesService.load(pool, seriesId, p, false)
                .compose(series -> pool.preparedQuery("""
        SELECT ch.*, u.display_name AS author_name FROM chapters ch JOIN users u ON u.id = ch.author_id
         WHERE ch.series_id = $1 AND ch.deleted_at IS NULL ORDER BY ch.display_order, ch.chapter_number
        """)
                        .execute(Tuple.of(seriesId))
                        .compose(rows -> {
                            List<Row> chapters = new ArrayList<>();
                            rows.forEach(chapters::add);
                            Row s = series.row();
                            String author =
                                    chapters.isEmpty() ? "" : chapters.get(0).getString("author_name");
                            return build(
                                    new Book(
                                            seriesId.toString(),
                                            s.getString("title"),
                                            author,
                                            s.getString("language"),
                                            chapters),
                                    s.getString("slug"),
                                    format);
                        }));
    }

    public Future<File> chapter(Principal p, UUID chapterId, String format) {
        return ChapterService.load(pool, chapterId, p, false, false)
                .compose(l -> pool.preparedQuery("""
        SELECT ch.*, u.display_name AS author_name, se.language FROM chapters ch
          JOIN users u ON u.id = ch.author_id JOIN series se ON se.id = ch.series_id WHERE ch.id = $1
        """)
                        .execute(Tuple.of(chapterId))
                        .compose(rows -> {
                            Row ch = rows.iterator().next();
                            return build(
                                    new Book(
                                            chapterId.toString(),
                                            ch.getString("title"),
                                            ch.getString("author_name"),
                                            ch.getString("language"),
                                            List.of(ch)),
                                    ch.getString("slug"),
                                    format);
                        }));
    }

    private Future<File> build(Book book, String baseName, String format) {
        return vertx.executeBlocking(
                () -> switch (format) {
                    case "markdown" -> new File(baseName + ".zip", "application/zip", Buffer.buffer(markdownZip(book)));
                    case "html" -> new File(baseName + ".html", "text/html; charset=utf-8", Buffer.buffer(html(book)));
                    case "epub" -> new File(baseName + ".epub", "application/epub+zip", Buffer.buffer(epub(book)));
                    default ->
                        throw new ApiException.Validation(
                                "export.unknown_format",
                                "Formats are markdown, html and epub.",
                                List.of(new ApiException.FieldError("format", "must be markdown, html or epub")));
                },
                false);
    }

    // ---- Markdown

    static byte[] markdownZip(Book book) {
        return zip(out -> {
            int i = 0;
            for (Row ch : book.chapters()) {
                String name = String.format("%03d-%s.md", ++i, ch.getString("slug"));
                StringBuilder md = new StringBuilder("---\n")
                        .append("title: \"")
                        .append(ch.getString("title").replace("\\", "\\\\").replace("\"", "\\\""))
                        .append("\"\n")
                        .append("number: ")
                        .append(number(ch))
                        .append('\n');
                if (ch.getShort("volume_number") != null) {
                    md.append("volume: ").append(ch.getShort("volume_number")).append('\n');
                }
                md.append("---\n\n").append(ch.getString("content")).append('\n');
                if (ch.getString("author_note") != null) {
                    md.append("\n---\n\n").append(ch.getString("author_note")).append('\n');
                }
                put(out, name, md.toString().getBytes(StandardCharsets.UTF_8), true);
            }
        });
    }

    // ---- HTML

    static String html(Book book) {
        StringBuilder toc = new StringBuilder();
        StringBuilder body = new StringBuilder();
        int i = 0;
        for (Row ch : book.chapters()) {
            String anchor = "chapter-" + (++i);
            toc.append("<li><a href=\"#")
                    .append(anchor)
                    .append("\">")
                    .append(xml(ch.getString("title")))
                    .append("</a></li>\n");
            body.append("<section id=\"")
                    .append(anchor)
                    .append("\">\n<h2>")
                    .append(xml(ch.getString("title")))
                    .append("</h2>\n")
                    .append(chapterBody(ch))
                    .append("</section>\n");
        }
        return "<!DOCTYPE html>\n<html lang=\"" + xml(book.language())
                + "\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>"
                + xml(book.title()) + "</title>\n</head>\n<body>\n<h1>" + xml(book.title()) + "</h1>\n<nav><ol>\n" + toc
                + "</ol></nav>\n" + body + "</body>\n</html>\n";
    }

    /** The sanitised HTML, with the author note where the author put it. */
    private static String chapterBody(Row ch) {
        String note = ch.getString("author_note_html");
        String noteBlock =
                note == null || note.isEmpty() ? "" : "<aside class=\"author-note\">\n" + note + "</aside>\n";
        return "start".equals(ch.getString("author_note_position"))
                ? noteBlock + ch.getString("content_html")
                : ch.getString("content_html") + noteBlock;
    }

    // ---- EPUB 3

    static byte[] epub(Book book) {
        String modified = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        StringBuilder manifest = new StringBuilder();
        StringBuilder spine = new StringBuilder();
        StringBuilder nav = new StringBuilder();
        List<String[]> files = new ArrayList<>();
        int i = 0;
        for (Row ch : book.chapters()) {
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
                    .append(xml(ch.getString("title")))
                    .append("</a></li>\n");
            files.add(new String[] {
                id + ".xhtml",
                xhtml(
                        ch.getString("title"),
                        book.language(),
                        "<h1>" + xml(ch.getString("title")) + "</h1>\n" + chapterBody(ch))
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
                        modified,
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
        return zip(out -> {
            // the OCF rule: "mimetype" first, uncompressed, no extra field
            put(out, "mimetype", "application/epub+zip".getBytes(StandardCharsets.US_ASCII), false);
            put(out, "META-INF/container.xml", utf8(container), true);
            put(out, "OEBPS/content.opf", utf8(opf), true);
            put(out, "OEBPS/nav.xhtml", utf8(navDoc), true);
            put(
                    out,
                    "OEBPS/style.css",
                    utf8("body { font-family: serif; line-height: 1.5; }\n.author-note { font-style: italic; }\n"),
                    true);
            for (String[] f : files) {
                put(out, "OEBPS/" + f[0], utf8(f[1]), true);
            }
        });
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
        %s</body>
        </html>
        """.formatted(xml(language), xml(language), xml(title), body);
    }

    // ---- helpers

    private static String number(Row ch) {
        return ch.get(Numeric.class, "chapter_number")
                .bigDecimalValue()
                .stripTrailingZeros()
                .toPlainString();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String xml(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private interface ZipWriter {
        void write(ZipOutputStream out) throws IOException;
    }

    private static byte[] zip(ZipWriter writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream out, String name, byte[] data, boolean compress) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        if (!compress) {
            CRC32 crc = new CRC32();
            crc.update(data);
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(data.length);
            entry.setCompressedSize(data.length);
            entry.setCrc(crc.getValue());
        }
        out.putNextEntry(entry);
        out.write(data);
        out.closeEntry();
    }
}
