package io.quire.content;

import io.quire.platform.http.ApiException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Turns uploaded Markdown into chapter drafts: one file split at {@code #}/{@code ##} headings (outside fenced
 * code), or a zip of {@code .md} files, one chapter each, with optional front matter ({@code title}, {@code number}).
 * Anything wrong is a 422 naming the file and line; nothing is imported unless everything is readable.
 */
final class MarkdownImport {
    static final int MAX_CHAPTERS = 500;
    static final long MAX_UNZIPPED_BYTES = 20L << 20;
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,2})(?:[ \\t]+(.*?))?[ \\t#]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");
    private static final Pattern FRONT_MATTER_LINE = Pattern.compile("^([A-Za-z][A-Za-z0-9_-]*):\\s*(.*)$");

    private MarkdownImport() {}

    /** One chapter to create, and where it came from. */
    record Draft(String title, String content, BigDecimal number, String file, int line) {}

    static List<Draft> splitFile(String file, byte[] bytes) {
        String text = utf8(file, bytes);
        if (text.isBlank()) {
            throw problem(file, 1, "the file is empty");
        }
        List<Draft> drafts = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        String title = null;
        int titleLine = 1;
        StringBuilder body = new StringBuilder();
        boolean inFence = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
            }
            Matcher heading = inFence ? null : HEADING.matcher(line);
            if (heading != null && heading.matches()) {
                String headingTitle =
                        heading.group(2) == null ? "" : heading.group(2).strip();
                if (headingTitle.isEmpty()) {
                    throw problem(file, i + 1, "a chapter heading needs a title");
                }
                close(drafts, file, title == null && !body.toString().isBlank() ? "Prologue" : title, body, titleLine);
                title = headingTitle;
                titleLine = i + 1;
                body.setLength(0);
            } else {
                body.append(line).append('\n');
            }
        }
        close(drafts, file, title == null ? titleFromFile(file) : title, body, titleLine);
        if (drafts.size() > MAX_CHAPTERS) {
            throw problem(file, 1, "at most " + MAX_CHAPTERS + " chapters per import");
        }
        return drafts;
    }

    private static void close(List<Draft> drafts, String file, String title, StringBuilder body, int line) {
        if (title == null) {
            return;
        }
        if (title.length() > 200) {
            throw problem(file, line, "the title is longer than 200 characters");
        }
        drafts.add(new Draft(title, body.toString().strip(), null, file, line));
    }

    static List<Draft> fromZip(byte[] zip) {
        Map<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            boolean any = false;
            while ((entry = in.getNextEntry()) != null) {
                any = true;
                String name = entry.getName();
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (entry.isDirectory() || name.startsWith("__MACOSX/") || base.startsWith(".")) {
                    continue;
                }
                if (!base.toLowerCase().endsWith(".md")) {
                    throw problem(name, 0, "only .md files can be imported");
                }
                byte[] data = in.readNBytes((int) Math.min(MAX_UNZIPPED_BYTES - total + 1, Integer.MAX_VALUE - 8));
                total += data.length;
                if (total > MAX_UNZIPPED_BYTES) {
                    throw problem(
                            name, 0, "the archive is larger than " + (MAX_UNZIPPED_BYTES >> 20) + " MiB unzipped");
                }
                files.put(name, data);
            }
            if (!any) {
                throw problem("(upload)", 0, "not a zip archive");
            }
        } catch (ZipException e) {
            throw problem("(upload)", 0, "not a valid zip archive (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw problem("(upload)", 0, "the archive could not be read");
        }
        if (files.isEmpty()) {
            throw problem("(upload)", 0, "the archive holds no .md files");
        }
        if (files.size() > MAX_CHAPTERS) {
            throw problem("(upload)", 0, "at most " + MAX_CHAPTERS + " chapters per import");
        }
        List<Draft> drafts = new ArrayList<>();
        files.forEach((name, data) -> drafts.add(oneChapter(name, utf8(name, data))));
        return drafts;
    }

    /** A whole file as one chapter: front matter, else its first heading, else its name, gives the title. */
    private static Draft oneChapter(String file, String text) {
        String[] lines = text.split("\r?\n", -1);
        String title = null;
        BigDecimal number = null;
        int start = 0;
        if (lines.length > 0 && lines[0].strip().equals("---")) {
            int end = -1;
            for (int i = 1; i < lines.length; i++) {
                if (lines[i].strip().equals("---")) {
                    end = i;
                    break;
                }
                Matcher kv = FRONT_MATTER_LINE.matcher(lines[i].strip());
                if (lines[i].isBlank()) {
                    continue;
                }
                if (!kv.matches()) {
                    throw problem(file, i + 1, "front matter lines are key: value");
                }
                String value = unquote(kv.group(2).strip());
                switch (kv.group(1)) {
                    case "title" -> title = value;
                    case "number" -> {
                        try {
                            number = new BigDecimal(value);
                            if (number.signum() < 0 || number.scale() > 2) {
                                throw new NumberFormatException();
                            }
                        } catch (NumberFormatException e) {
                            throw problem(file, i + 1, "number must be a chapter number such as 3 or 3.5");
                        }
                    }
                    default -> {} // other keys (volume, tags…) are ignored
                }
            }
            if (end < 0) {
                throw problem(file, 1, "the front matter is not closed with ---");
            }
            start = end + 1;
        }
        StringBuilder body = new StringBuilder();
        for (int i = start; i < lines.length; i++) {
            Matcher heading = HEADING.matcher(lines[i]);
            if (title == null
                    && body.toString().isBlank()
                    && heading.matches()
                    && heading.group(2) != null
                    && !heading.group(2).isBlank()) {
                title = heading.group(2).strip();
                continue;
            }
            body.append(lines[i]).append('\n');
        }
        String finalTitle = title == null || title.isBlank() ? titleFromFile(file) : title;
        if (finalTitle.length() > 200) {
            throw problem(file, 1, "the title is longer than 200 characters");
        }
        return new Draft(finalTitle, body.toString().strip(), number, file, 1);
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"");
        }
        return v;
    }

    private static String titleFromFile(String file) {
        String base = file.substring(file.lastIndexOf('/') + 1).replaceFirst("(?i)\\.md$", "");
        String words = base.replaceFirst("^\\d+[-_ .]*", "")
                .replace('-', ' ')
                .replace('_', ' ')
                .strip();
        return words.isEmpty() ? "Untitled" : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** Strict UTF-8: the decoder stops at the first bad byte, whose line is reported. */
    private static String utf8(String file, byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw problem(file, line, "the file is not UTF-8 text");
        }
        decoder.flush(out);
        String text = out.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    static ApiException problem(String file, int line, String message) {
        String where = line > 0 ? file + " line " + line : file;
        return new ApiException.Validation(
                "import.invalid_file",
                where + ": " + message + ". Nothing was imported.",
                List.of(new ApiException.FieldError(file, (line > 0 ? "line " + line + ": " : "") + message)));
    }
}
