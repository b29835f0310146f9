package io.quire.media;

import io.vertx.core.buffer.Buffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What is learnt about a file while its bytes stream past: its size, SHA-256 and first bytes (for its type). */
final class Intake {
    private final MessageDigest digest;
    private final Buffer prefix = Buffer.buffer();
    private long size;

    Intake() {
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    void take(Buffer chunk) {
        size += chunk.length();
        digest.update(chunk.getBytes());
        if (prefix.length() < MediaTypes.PREFIX_BYTES) {
            prefix.appendBuffer(chunk, 0, Math.min(chunk.length(), MediaTypes.PREFIX_BYTES - prefix.length()));
        }
    }

    long size() {
        return size;
    }

    /** The file as received at {@code path}; call once, at the end. */
    Uploads.Received received(String path, String originalName, io.vertx.core.MultiMap fields) {
        return new Uploads.Received(
                path, size, HexFormat.of().formatHex(digest.digest()), prefix.getBytes(), originalName, fields);
    }
}
