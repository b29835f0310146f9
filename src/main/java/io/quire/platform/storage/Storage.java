package io.quire.platform.storage;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

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
}
