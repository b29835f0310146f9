package io.quire.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.platform.http.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

/** The import parser: splitting, front matter, and errors that name the file and line. */
class MarkdownImportTest {

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] zip(String... nameAndContent) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (int i = 0; i < nameAndContent.length; i += 2) {
                out.putNextEntry(new ZipEntry(nameAndContent[i]));
                out.write(utf8(nameAndContent[i + 1]));
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static String detail(Runnable r) {
        ApiException e = assertThrows(ApiException.class, r::run);
        assertEquals(422, e.status());
        assertEquals("import.invalid_file", e.code());
        return e.getMessage();
    }

    @Test
    void oneFileSplitsAtHeadingsButNotInsideCode() {
        List<MarkdownImport.Draft> drafts = MarkdownImport.splitFile("book.md", utf8("""
        Some words before.

        # One
        First text.

        ```
        # not a heading
        ```

        ## Two ##
        Second text.
        """));
        assertEquals(
                List.of("Prologue", "One", "Two"),
                drafts.stream().map(MarkdownImport.Draft::title).toList());
        assertTrue(drafts.get(1).content().contains("# not a heading"));
        assertEquals("Second text.", drafts.get(2).content());
        assertEquals(10, drafts.get(2).line());
        assertEquals(
                List.of("Notes on rain"),
                MarkdownImport.splitFile("03-notes-on-rain.md", utf8("No headings here.")).stream()
                        .map(MarkdownImport.Draft::title)
                        .toList());
    }

    @Test
    void badFilesNameTheFileAndLine() {
        assertTrue(detail(() -> MarkdownImport.splitFile("a.md", utf8("# Fine\ntext\n#\nmore")))
                .startsWith("a.md line 3: a chapter heading needs a title"));
        assertTrue(detail(() -> MarkdownImport.splitFile("a.md", utf8("  \n")))
                .startsWith("a.md line 1: the file is empty"));
        byte[] latin1 = "line one\nline two caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(detail(() -> MarkdownImport.splitFile("latin.md", latin1))
                .startsWith("latin.md line 2: the file is not UTF-8 text"));
        assertTrue(detail(() -> MarkdownImport.splitFile("t.md", utf8("# " + "x".repeat(201))))
                .startsWith("t.md line 1: the title is longer"));
    }

    @Test
    void aZipGivesOneChapterPerFileWithFrontMatter() {
        List<MarkdownImport.Draft> drafts = MarkdownImport.fromZip(zip(
                "book/02-second.md", "---\ntitle: \"The Second\"\nnumber: 2.5\n---\nBody two.",
                "book/01-first.md", "# Heading Title\n\nBody one.",
                "__MACOSX/._junk", "ignored",
                "book/", ""));
        assertEquals(
                List.of("Heading Title", "The Second"),
                drafts.stream().map(MarkdownImport.Draft::title).toList());
        assertEquals("Body one.", drafts.get(0).content());
        assertEquals(new BigDecimal("2.5"), drafts.get(1).number());
    }

    @Test
    void badZipsAreRefusedWholly() {
        assertTrue(detail(() -> MarkdownImport.fromZip(utf8("not a zip"))).contains("not a zip archive"));
        assertTrue(detail(() -> MarkdownImport.fromZip(zip("a.md", "ok", "cover.png", "png")))
                .startsWith("cover.png: only .md files can be imported"));
        assertTrue(detail(() -> MarkdownImport.fromZip(zip("b.md", "---\ntitle: x\nnumber: three\n---\n")))
                .startsWith("b.md line 3: number must be"));
        assertTrue(detail(() -> MarkdownImport.fromZip(zip("c.md", "---\ntitle: never closed\n")))
                .startsWith("c.md line 1: the front matter is not closed"));
    }
}
