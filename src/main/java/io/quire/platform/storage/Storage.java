package io.quire.platform.storage;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * Where uploaded files live, by key. Keys are chosen by Quire (random, never a user's path). One interface so a
 * platform can keep files on disk or in any S3-compatible store without the media code knowing which.
 */
public interface Storage {
    /** Its name as media rows record it ({@code local}, {@code s3}). */
    String provider();

    /** Stores the file at {@code sourcePath} under {@code key}, taking it over (the source is gone after). */
    Future<Void> putFile(String key, String sourcePath, String contentType);

    /** Stores {@code bytes} under {@code key}. */
    Future<Void> put(String key, Buffer bytes, String contentType);

    /** The whole object (for processing; objects are at most {@code media.maxFileBytes}). */
    Future<Buffer> read(String key);

    /** Ends {@code response} with bytes {@code [offset, offset + length)} of the object; headers are the caller's. */
    Future<Void> send(String key, HttpServerResponse response, long offset, long length);

    /** Removes the object; removing one that is not there succeeds. */
    Future<Void> delete(String key);

    /**
     * A URL a client may PUT exactly {@code size} bytes of {@code contentType} to, under {@code key}, for {@code ttl};
     * empty when the store has no such URLs (the local disk: Quire receives those uploads itself).
     */
    Future<Optional<String>> presignPut(String key, String contentType, long size, Duration ttl);

    /**
     * The object's size, SHA-256 and first {@code prefixBytes} bytes, read once as a stream (for checking an upload
     * that did not pass through Quire); fails with {@link Missing} when there is no such object.
     */
    Future<Inspected> inspect(String key, int prefixBytes);

    /** Copies an object to another key, inside the store (its bytes do not pass through Quire). */
    Future<Void> copy(String from, String to);

    /** Moves an object to another key (a rename on disk, a server-side copy in a bucket). */
    Future<Void> move(String from, String to);

    /** What {@link #inspect} found. */
    record Inspected(long size, String sha256, byte[] prefix) {}

    /** There is no object under the key. */
    final class Missing extends RuntimeException {
        public Missing(String key) {
            super("no object " + key, null, false, false);
        }
    }
}
