package io.quire.media;

import io.quire.platform.auth.Principal;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.TimeCursor;
import io.quire.platform.ids.Ids;
import io.quire.platform.jobs.JobQueue;
import io.quire.platform.jobs.JobRequest;
import io.quire.platform.storage.Storage;
import io.quire.sites.SiteService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * Uploaded files: stored under a random key, recorded with the user's storage use in one transaction (so the quota
 * is exact, even for concurrent uploads), processed by the workers when they are images. A file belongs to its
 * uploader; when it names a site, the site's people may see and download it too. Anyone else gets a 404.
 */
public final class MediaService {
    public static final String PROCESS_JOB = "media.process";
    public static final String PURGE_JOB = "media.purge";

    private final Vertx vertx;
    private final Pool pool;
    private final Storage storage;
    private final JobQueue jobs;
    private final Quotas quotas;
    private final String apiBase;

    /** What a user may store: readers {@code readerBytes}, authors and everyone above {@code authorBytes}. */
    public record Quotas(long readerBytes, long authorBytes) {}

    public MediaService(Vertx vertx, Pool pool, Storage storage, JobQueue jobs, Quotas quotas, String apiBase) {
        this.vertx = vertx;
        this.pool = pool;
        this.storage = storage;
        this.jobs = jobs;
        this.quotas = quotas;
        this.apiBase = apiBase.replaceAll("/+$", "");
    }

    /** The service as the configuration sets it up. */
    public static MediaService from(Vertx vertx, Pool pool, Storage storage, QuireConfig config) {
        return new MediaService(
                vertx,
                pool,
                storage,
                new JobQueue(config.jobs()),
                new Quotas(config.media().readerQuotaBytes(), config.media().quotaBytes()),
                config.publicBaseUrl());
    }

    /** What an upload says about itself besides the file: where it goes and how it is described. */
    public record Details(UUID siteId, String folder, String altText, String caption, List<String> tags) {}

    /** A file to send: where its bytes are, what to call them, and whose bandwidth they count to. */
    public record Stored(String key, long size, String mimeType, String sha256, String filename, UUID ownerId) {}

    /** Bytes the user may still store. */
    public Future<Long> remaining(Principal p) {
        return remaining(p.userId());
    }

    Future<Long> remaining(UUID userId) {
        return usageRow(userId).map(u -> u.getLong("quota_bytes") - u.getLong("total_bytes"));
    }

    /** Stores a received upload as a new file of {@code p}'s, or fails and leaves nothing behind. */
    public Future<JsonObject> create(Principal p, Uploads.Received upload, Details details) {
        return mayUseSite(p, details.siteId()).compose(v -> store(p.userId(), upload, details));
    }

    /** A site named for an upload must be one the caller may create content on (403/404 otherwise). */
    public Future<Void> mayUseSite(Principal p, UUID siteId) {
        return siteId == null
                ? Future.succeededFuture()
                : SiteService.membership(pool, siteId, p).map(m -> {
                    m.requireCreate();
                    return null;
                });
    }

    /** Stores a file received on local disk (a form upload, a fetched URL) for a user already allowed to. */
    Future<JsonObject> store(UUID userId, Uploads.Received upload, Details details) {
        UUID id = Ids.newId();
        return detect(upload.prefix()).compose(type -> {
            String key = key(id, type.extension());
            Incoming incoming = new Incoming(upload.originalName(), upload.size(), upload.sha256());
            return storage.putFile(key, upload.path(), type.mimeType())
                    .compose(stored -> record(userId, id, key, incoming, type, details)
                            .recover(e -> storage.delete(key).transform(x -> Future.failedFuture(e))));
        });
    }

    /**
     * Makes an object a client put in storage itself (at {@code stagingKey}) a file of the user's: its type from its
     * bytes, moved under a key of Quire's, recorded and charged like any upload. Refused, the object is removed.
     */
    Future<JsonObject> adopt(UUID userId, String stagingKey, Storage.Inspected found, String name, Details details) {
        UUID id = Ids.newId();
        return detect(found.prefix())
                .recover(e -> storage.delete(stagingKey).transform(x -> Future.failedFuture(e)))
                .compose(type -> {
                    String key = key(id, type.extension());
                    return storage.move(stagingKey, key)
                            .compose(moved -> record(
                                            userId,
                                            id,
                                            key,
                                            new Incoming(name, found.size(), found.sha256()),
                                            type,
                                            details)
                                    .recover(e -> storage.delete(key).transform(x -> Future.failedFuture(e))));
                });
    }

    /**
     * A copy of a file the caller may see, as a new file of theirs (in {@code folder}, or the original's): its object
     * copied inside the store, charged to their quota, processed again when an image.
     */
    public Future<JsonObject> copy(Principal p, UUID id, boolean folderSet, String folder) {
        return visible(p, id).compose(f -> {
            UUID copyId = Ids.newId();
            String extension = f.storageKey().replaceAll(".*\\.", "");
            String key = key(copyId, extension);
            MediaTypes.Detected type = new MediaTypes.Detected(f.mimeType(), f.kind(), extension);
            Details details = new Details(
                    f.row().getUUID("site_id"),
                    folderSet ? folder : f.row().getString("folder"),
                    f.row().getString("alt_text"),
                    f.row().getString("caption"),
                    List.of(f.row().getArrayOfStrings("tags")));
            return storage.copy(f.storageKey(), key)
                    .compose(v -> record(
                                    p.userId(),
                                    copyId,
                                    key,
                                    new Incoming(f.row().getString("original_filename"), f.size(), f.sha256()),
                                    type,
                                    details)
                            .recover(e -> storage.delete(key).transform(x -> Future.failedFuture(e))));
        });
    }

    private Future<MediaTypes.Detected> detect(byte[] prefix) {
        return vertx.executeBlocking(() -> MediaTypes.detect(prefix), false);
    }

    /** A new file's bytes as received: what its sender called it, its size and hash. */
    private record Incoming(String originalName, long size, String sha256) {}

    private Future<JsonObject> record(
            UUID userId, UUID id, String key, Incoming upload, MediaTypes.Detected type, Details details) {
        return pool.withTransaction(tx -> charge(tx, userId, upload.size(), type.kind(), 1)
                .compose(v -> tx.preparedQuery(MediaSql.INSERT)
                        .execute(Tuple.tuple()
                                .addUUID(id)
                                .addUUID(userId)
                                .addUUID(details.siteId())
                                .addString(MediaTypes.safeName(upload.originalName(), type.extension()))
                                .addString(upload.originalName() == null ? "" : upload.originalName())
                                .addString(type.mimeType())
                                .addString(type.kind().name())
                                .addLong(upload.size())
                                .addString(upload.sha256())
                                .addString(storage.provider())
                                .addString(key)
                                .addString(details.altText())
                                .addString(details.caption())
                                .addString(details.folder())
                                .addArrayOfString(details.tags().toArray(String[]::new))))
                .compose(rows -> {
                    MediaFile file = new MediaFile(rows.iterator().next());
                    Future<?> processing = type.kind() == MediaKind.IMAGE
                            ? jobs.enqueue(tx, processJob(id, "upload"))
                            : Future.succeededFuture();
                    return processing.map(x -> file.toJson(apiBase));
                }));
    }

    /** Adds (or with negative numbers releases) storage use; over the quota is a 413 and nothing changes. */
    private Future<Void> charge(SqlClient tx, UUID userId, long bytes, MediaKind kind, int files) {
        return tx.preparedQuery(MediaSql.USAGE_ROW)
                .execute(Tuple.of(userId))
                .compose(v -> tx.preparedQuery(MediaSql.CHARGE)
                        .execute(Tuple.of(
                                userId, bytes, kind.name(), files, quotas.readerBytes(), quotas.authorBytes())))
                .compose(rows -> rows.size() == 1 ? Future.succeededFuture() : Future.failedFuture(quotaExceeded()));
    }

    ApiException quotaExceeded() {
        return new ApiException.TooLarge(
                "media.quota_exceeded",
                "This upload would take your files past your storage quota (GET /api/v1/media/storage shows it).",
                new JsonObject());
    }

    public Future<JsonObject> get(Principal p, UUID id) {
        return visible(p, id).map(f -> f.toJson(apiBase));
    }

    /** The caller's own files, newest first. */
    public Future<JsonObject> list(
            Principal p, MediaKind kind, String folder, UUID siteId, String tag, String cursor, int limit) {
        TimeCursor after = TimeCursor.decode(cursor);
        return pool.preparedQuery(MediaSql.LIST)
                .execute(Tuple.tuple()
                        .addUUID(p.userId())
                        .addString(kind == null ? null : kind.name())
                        .addString(folder)
                        .addUUID(siteId)
                        .addString(tag)
                        .addOffsetDateTime(after.at())
                        .addUUID(after.id())
                        .addInteger(limit + 1))
                .map(rows -> TimeCursor.page(rows, limit, r -> new MediaFile(r).toJson(apiBase), "created_at", "id"));
    }

    /** A metadata change: a {@code …Set} flag says the field was sent (null clears it); null tags leave them. */
    public record Change(
            boolean altTextSet,
            String altText,
            boolean captionSet,
            String caption,
            boolean folderSet,
            String folder,
            List<String> tags) {}

    public Future<JsonObject> update(Principal p, UUID id, Change c) {
        return owned(p, id)
                .compose(f -> pool.preparedQuery(MediaSql.UPDATE)
                        .execute(Tuple.tuple()
                                .addUUID(id)
                                .addUUID(p.userId())
                                .addBoolean(c.altTextSet())
                                .addString(c.altText())
                                .addBoolean(c.captionSet())
                                .addString(c.caption())
                                .addBoolean(c.folderSet())
                                .addString(c.folder())
                                .addArrayOfString(
                                        c.tags() == null ? null : c.tags().toArray(String[]::new))))
                .map(rows -> new MediaFile(rows.iterator().next()).toJson(apiBase));
    }

    /**
     * Deletes a file: at once for every caller, its storage use released in the same transaction; its objects are
     * removed by a job. A file in use is a 409 unless {@code force}.
     */
    public Future<Void> delete(Principal p, UUID id, boolean force) {
        return owned(p, id)
                .compose(f -> pool.withTransaction(tx -> tx.preparedQuery(MediaSql.SOFT_DELETE)
                        .execute(Tuple.of(id, p.userId(), force))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                return Future.failedFuture(new ApiException.Conflict(
                                        "media.in_use",
                                        "This file is in use (usageCount "
                                                + f.row().getInteger("usage_count")
                                                + "); send ?force=true to delete it anyway.",
                                        List.of()));
                            }
                            Row r = rows.iterator().next();
                            return charge(
                                            tx,
                                            p.userId(),
                                            -r.getLong("file_size"),
                                            MediaKind.valueOf(r.getString("kind")),
                                            -1)
                                    .compose(v -> jobs.enqueue(
                                            tx,
                                            JobRequest.of(PURGE_JOB, new JsonObject().put("fileId", id.toString()))
                                                    .dedupedBy("media.purge:" + id)))
                                    .mapEmpty();
                        })));
    }

    public Future<JsonArray> variants(Principal p, UUID id) {
        return visible(p, id)
                .compose(f -> pool.preparedQuery(MediaSql.VARIANTS).execute(Tuple.of(id)))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(v -> out.add(MediaFile.variantJson(v, apiBase)));
                    return out;
                });
    }

    /** Runs processing again (after a failure, or to rebuild the variants). */
    public Future<JsonObject> reprocess(Principal p, UUID id) {
        return owned(p, id).compose(f -> {
            if (f.kind() != MediaKind.IMAGE) {
                return Future.failedFuture(
                        new ApiException.Conflict("media.not_an_image", "Only images are processed.", List.of()));
            }
            return jobs.enqueue(pool, processJob(id, Ids.newId().toString()))
                    .map(v -> new JsonObject().put("fileId", id.toString()).put("status", "queued"));
        });
    }

    /** The original or a named variant, for a caller who may see the file. */
    public Future<Stored> stored(Principal p, UUID id, String variant) {
        return visible(p, id).compose(f -> storedOf(f, variant));
    }

    /**
     * The original or a variant of a live file, whoever asks: for callers that decided themselves that it may be
     * served (public reads of covers, and of chapter pages the reader may see).
     */
    public Future<Stored> storedForAnyone(UUID id, String variant) {
        return pool.preparedQuery(MediaSql.GET)
                .execute(Tuple.tuple().addUUID(id).addUUID(null))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(new ApiException.NotFound("media.not_found", "Not found."))
                        : storedOf(new MediaFile(rows.iterator().next()), variant));
    }

    private Future<Stored> storedOf(MediaFile f, String variant) {
        if (variant == null || variant.equals("original")) {
            return Future.succeededFuture(
                    new Stored(f.storageKey(), f.size(), f.mimeType(), f.sha256(), f.filename(), f.ownerId()));
        }
        return pool.preparedQuery(MediaSql.VARIANT)
                .execute(Tuple.of(f.id(), variant))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(new ApiException.NotFound(
                                "media.variant_not_found",
                                "This file has no variant '" + variant
                                        + "' (yet): GET its variants to see which exist."));
                    }
                    Row v = rows.iterator().next();
                    String name = f.filename().replaceAll("\\.[a-z0-9]+$", "") + "-" + variant + "."
                            + v.getString("storage_key").replaceAll(".*\\.", "");
                    return Future.succeededFuture(new Stored(
                            v.getString("storage_key"),
                            v.getLong("file_size"),
                            v.getString("mime_type"),
                            v.getString("sha256"),
                            name,
                            f.ownerId()));
                });
    }

    /** The caller's storage use and quota. */
    public Future<JsonObject> usage(Principal p) {
        return usageRow(p.userId()).map(u -> {
            long used = u.getLong("total_bytes");
            long quota = u.getLong("quota_bytes");
            JsonObject out = new JsonObject()
                    .put("totalBytes", used)
                    .put("quotaBytes", quota)
                    .put("remainingBytes", Math.max(0, quota - used))
                    .put("totalFiles", u.getInteger("total_files"));
            JsonObject byKind = new JsonObject();
            for (MediaKind k : MediaKind.values()) {
                String col = k.name().toLowerCase();
                byKind.put(
                        k.name(),
                        new JsonObject()
                                .put("bytes", u.getLong(col + "_bytes"))
                                .put("files", k == MediaKind.OTHER ? null : u.getInteger(col + "_files")));
            }
            return out.put("byKind", byKind);
        });
    }

    /** The user's usage row, with zeros before their first file, and their quota. */
    Future<Row> usageRow(UUID userId) {
        return pool.preparedQuery(MediaSql.USAGE)
                .execute(Tuple.of(userId, quotas.readerBytes(), quotas.authorBytes()))
                .map(rows -> rows.iterator().next());
    }

    private Future<MediaFile> visible(Principal p, UUID id) {
        return pool.preparedQuery(MediaSql.GET)
                .execute(Tuple.of(id, p.userId()))
                .compose(rows -> {
                    if (rows.size() == 0 || !rows.iterator().next().getBoolean("visible")) {
                        return Future.failedFuture(new ApiException.NotFound("media.not_found", "Not found."));
                    }
                    return Future.succeededFuture(new MediaFile(rows.iterator().next()));
                });
    }

    /** A file the caller may change: their own (the site's other people see it, they do not change it). */
    private Future<MediaFile> owned(Principal p, UUID id) {
        return visible(p, id)
                .compose(f -> f.ownerId().equals(p.userId())
                        ? Future.succeededFuture(f)
                        : Future.failedFuture(new ApiException.Forbidden(
                                "media.not_yours", "Only the one who uploaded this file may change it.")));
    }

    private static JobRequest processJob(UUID id, String run) {
        return JobRequest.of(PROCESS_JOB, new JsonObject().put("fileId", id.toString()))
                .dedupedBy("media.process:" + id + ":" + run);
    }

    /** Random, Quire's own: spread over 256 directories by the id's last byte, never a name the user chose. */
    static String key(UUID id, String extension) {
        String hex = id.toString();
        return "files/" + hex.substring(hex.length() - 2) + "/" + hex + "." + extension;
    }
}
