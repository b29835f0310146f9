package io.quire.media;

import io.quire.platform.jobs.Job;
import io.quire.platform.jobs.JobHandler;
import io.quire.platform.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The workers' side of media: processing images (on a worker thread, never an event loop) and purging deleted
 * files' objects. Both may run twice: processing writes the same keys again, purging finds nothing left.
 */
public final class MediaJobs {
    private final Vertx vertx;
    private final Pool pool;
    private final Storage storage;
    private final long maxPixels;

    public MediaJobs(Vertx vertx, Pool pool, Storage storage, long maxPixels) {
        this.vertx = vertx;
        this.pool = pool;
        this.storage = storage;
        this.maxPixels = maxPixels;
    }

    public Map<String, JobHandler> handlers() {
        return Map.of(MediaService.PROCESS_JOB, this::process, MediaService.PURGE_JOB, this::purge);
    }

    /**
     * An image's dimensions, colour, placeholder and variants; its original re-encoded without metadata where that
     * applies (the storage use follows the new size in the same transaction). A corrupt image or one over the pixel
     * limit is recorded as its {@code processingError}: the job is done, not retried.
     */
    private Future<Void> process(Job job) {
        UUID id = UUID.fromString(job.payload().getString("fileId"));
        return pool.preparedQuery("SELECT * FROM media_files WHERE id = $1 AND deleted_at IS NULL")
                .execute(Tuple.of(id))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture();
                    }
                    MediaFile file = new MediaFile(rows.iterator().next());
                    return storage.read(file.storageKey())
                            .compose(bytes -> vertx.executeBlocking(
                                    () -> {
                                        try {
                                            return ImageProcessor.process(bytes.getBytes(), file.mimeType(), maxPixels);
                                        } catch (ImageProcessor.Unprocessable e) {
                                            return e;
                                        }
                                    },
                                    false))
                            .compose(outcome -> outcome instanceof ImageProcessor.Result r
                                    ? store(file, r)
                                    : failed(id, ((ImageProcessor.Unprocessable) outcome).getMessage()));
                });
    }

    private Future<Void> failed(UUID id, String error) {
        return pool.preparedQuery(MediaSql.PROCESSED)
                .execute(Tuple.tuple()
                        .addUUID(id)
                        .addBoolean(false)
                        .addString(error)
                        .addInteger(null)
                        .addInteger(null)
                        .addString(null)
                        .addString(null)
                        .addLong(null)
                        .addString(null))
                .mapEmpty();
    }

    private Future<Void> store(MediaFile file, ImageProcessor.Result r) {
        List<Future<Void>> writes = new ArrayList<>();
        for (ImageProcessor.Variant v : r.variants()) {
            writes.add(storage.put(variantKey(file, v), Buffer.buffer(v.bytes()), v.mimeType()));
        }
        if (r.cleanedOriginal() != null) {
            writes.add(storage.put(file.storageKey(), Buffer.buffer(r.cleanedOriginal()), file.mimeType()));
        }
        return Future.all(writes)
                .compose(all -> pool.withTransaction(tx -> {
                    Long newSize = r.cleanedOriginal() == null ? null : (long) r.cleanedOriginal().length;
                    return tx.preparedQuery(MediaSql.PROCESSED)
                            .execute(Tuple.tuple()
                                    .addUUID(file.id())
                                    .addBoolean(true)
                                    .addString(null)
                                    .addInteger(r.width())
                                    .addInteger(r.height())
                                    .addString(r.dominantColor())
                                    .addString(r.placeholder())
                                    .addLong(newSize)
                                    .addString(newSize == null ? null : sha256(r.cleanedOriginal())))
                            .compose(updated -> updated.size() == 0
                                    ? Future.succeededFuture() // deleted meanwhile: its purge removes what was written
                                    : recordVariants(tx, file, r, newSize));
                }));
    }

    private Future<Void> recordVariants(
            io.vertx.sqlclient.SqlConnection tx, MediaFile file, ImageProcessor.Result r, Long newSize) {
        Future<?> steps = Future.succeededFuture();
        if (newSize != null && newSize != file.size()) {
            // the stored bytes changed size: so does the owner's use (never refused: it is the same file)
            steps = steps.compose(x -> tx.preparedQuery(MediaSql.CHARGE)
                    .execute(Tuple.of(
                            file.ownerId(),
                            newSize - file.size(),
                            file.kind().name(),
                            0,
                            Long.MAX_VALUE,
                            Long.MAX_VALUE)));
        }
        for (ImageProcessor.Variant v : r.variants()) {
            steps = steps.compose(x -> tx.preparedQuery(MediaSql.REPLACE_VARIANT)
                    .execute(Tuple.tuple()
                            .addUUID(file.id())
                            .addString(v.name())
                            .addString(v.mimeType())
                            .addInteger(v.width())
                            .addInteger(v.height())
                            .addLong((long) v.bytes().length)
                            .addString(sha256(v.bytes()))
                            .addString(variantKey(file, v))));
        }
        return steps.mapEmpty();
    }

    /** Removes a deleted file's objects, then its row (its variants go with it). */
    private Future<Void> purge(Job job) {
        UUID id = UUID.fromString(job.payload().getString("fileId"));
        return pool.preparedQuery("""
        SELECT m.storage_key, array_remove(array_agg(v.storage_key), NULL) AS variants
          FROM media_files m LEFT JOIN media_variants v ON v.file_id = m.id
         WHERE m.id = $1 AND m.deleted_at IS NOT NULL GROUP BY m.storage_key
        """).execute(Tuple.of(id)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.succeededFuture();
            }
            Row r = rows.iterator().next();
            List<Future<Void>> deletes = new ArrayList<>();
            deletes.add(storage.delete(r.getString("storage_key")));
            for (String key : r.getArrayOfStrings("variants")) {
                deletes.add(storage.delete(key));
            }
            return Future.all(deletes)
                    .compose(all -> pool.preparedQuery(
                                    "DELETE FROM media_files WHERE id = $1 AND deleted_at IS NOT NULL")
                            .execute(Tuple.of(id)))
                    .mapEmpty();
        });
    }

    private static String variantKey(MediaFile file, ImageProcessor.Variant v) {
        return file.storageKey().replaceAll("\\.[a-z0-9]+$", "") + "-" + v.name() + "." + v.extension();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
