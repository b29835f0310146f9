package io.quire.content;

import io.quire.platform.auth.Principal;
import io.quire.platform.books.Epub;
import io.quire.platform.books.RemoteImages;
import io.quire.platform.books.Zips;
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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.ZipOutputStream;

/**
 * Exports a series (or one chapter) for the people who work on it: a zip of Markdown files with front matter, one
 * HTML file, or an EPUB 3 with its images embedded ({@link Epub}). Every chapter, published or not. Built on a
 * worker thread.
 */
public final class ChapterExport {
    private final Vertx vertx;
    private final Pool pool;
    private final RemoteImages images;

    public ChapterExport(Vertx vertx, Pool pool, RemoteImages images) {
        this.vertx = vertx;
        this.pool = pool;
        this.images = images;
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
        if (format.equals("epub")) {
            // parse, fetch the images (non-blocking), then zip: the parsing and zipping on a worker
            return vertx.executeBlocking(() -> epubBook(book), false)
                    .compose(epub -> vertx.executeBlocking(() -> Epub.imageSources(epub), false)
                            .compose(images::fetch)
                            .compose(fetched -> vertx.executeBlocking(() -> Epub.build(epub, fetched), false)))
                    .map(bytes -> new File(baseName + ".epub", "application/epub+zip", Buffer.buffer(bytes)));
        }
        return vertx.executeBlocking(
                () -> switch (format) {
                    case "markdown" -> new File(baseName + ".zip", "application/zip", Buffer.buffer(markdownZip(book)));
                    case "html" -> new File(baseName + ".html", "text/html; charset=utf-8", Buffer.buffer(html(book)));
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
                Zips.put(out, name, md.toString().getBytes(StandardCharsets.UTF_8), true);
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
                    .append(Epub.xml(ch.getString("title")))
                    .append("</a></li>\n");
            body.append("<section id=\"")
                    .append(anchor)
                    .append("\">\n<h2>")
                    .append(Epub.xml(ch.getString("title")))
                    .append("</h2>\n")
                    .append(chapterBody(ch))
                    .append("</section>\n");
        }
        return "<!DOCTYPE html>\n<html lang=\"" + Epub.xml(book.language())
                + "\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>"
                + Epub.xml(book.title()) + "</title>\n</head>\n<body>\n<h1>" + Epub.xml(book.title())
                + "</h1>\n<nav><ol>\n" + toc
                + "</ol></nav>\n" + body + "</body>\n</html>\n";
    }

    /** The sanitised HTML, with the author note where the author put it. */
    private static String chapterBody(Row ch) {
        return Epub.withAuthorNote(
                ch.getString("content_html"), ch.getString("author_note_html"), ch.getString("author_note_position"));
    }

    // ---- EPUB 3

    /** The book for {@link Epub}: each chapter's sanitised HTML with its author note. */
    static Epub.Book epubBook(Book book) {
        return new Epub.Book(
                book.id(),
                book.title(),
                book.author(),
                book.language(),
                book.chapters().stream()
                        .map(ch -> new Epub.Chapter(ch.getString("title"), chapterBody(ch)))
                        .toList());
    }

    // ---- helpers

    private static String number(Row ch) {
        return ch.get(Numeric.class, "chapter_number")
                .bigDecimalValue()
                .stripTrailingZeros()
                .toPlainString();
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
}
