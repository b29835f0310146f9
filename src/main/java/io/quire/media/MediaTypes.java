package io.quire.media;

import io.quire.platform.http.ApiException;
import org.apache.tika.Tika;

/**
 * What an upload is, decided from its first bytes (Apache Tika's magic-number detection), never from its name or
 * the client's Content-Type: a PNG named {@code .jpg} is a PNG. PNG, JPEG, GIF and WebP images and PDF documents
 * are accepted; SVG is refused (it can carry scripts, and sanitising SVG is a project of its own), as is anything
 * else.
 */
final class MediaTypes {
    private MediaTypes() {}

    /** Tika's type registry is loaded once (it parses its XML on first use: call from a worker). */
    private static final Tika TIKA = new Tika();

    /** How many first bytes the detection needs at most. */
    static final int PREFIX_BYTES = 8192;

    record Detected(String mimeType, MediaKind kind, String extension) {}

    static Detected detect(byte[] prefix) {
        String type = TIKA.detect(prefix);
        return switch (type) {
            case "image/png" -> new Detected(type, MediaKind.IMAGE, "png");
            case "image/jpeg" -> new Detected(type, MediaKind.IMAGE, "jpg");
            case "image/gif" -> new Detected(type, MediaKind.IMAGE, "gif");
            case "image/webp" -> new Detected(type, MediaKind.IMAGE, "webp");
            case "application/pdf" -> new Detected(type, MediaKind.DOCUMENT, "pdf");
            case "image/svg+xml" ->
                throw new ApiException.UnsupportedMediaType(
                        "media.svg_refused",
                        "SVG files can carry scripts and are not accepted; upload PNG, JPEG, GIF or WebP.");
            default ->
                throw new ApiException.UnsupportedMediaType(
                        "media.unsupported_type",
                        "This file is " + type + "; uploads may be PNG, JPEG, GIF or WebP images, or PDF documents.");
        };
    }

    /** A file name safe to show and to put in Content-Disposition: its base name, plain characters, the true extension. */
    static String safeName(String original, String extension) {
        String base = original == null ? "" : original.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        base = base.replaceAll("[^\\p{L}\\p{N} ._-]", "_").strip();
        if (base.isEmpty() || base.chars().allMatch(c -> c == '.' || c == '_')) {
            base = "file";
        }
        if (base.length() > 100) {
            base = base.substring(0, 100);
        }
        return base + "." + extension;
    }
}
