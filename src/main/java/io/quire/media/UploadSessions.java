package io.quire.media;

import io.quire.platform.auth.Principal;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.crypto.SecretTokens;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.quire.platform.jobs.Job;
import io.quire.platform.jobs.JobHandler;
import io.quire.platform.jobs.JobQueue;
import io.quire.platform.jobs.JobRequest;
import io.quire.platform.net.TargetGuard;
import io.quire.platform.storage.LocalStorage;
import io.quire.platform.storage.Storage;
import io.quire.platform.storage.Storages;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Uploads whose bytes do not come in the request that starts them. A direct upload gets a URL to PUT the file to —
 * presigned for S3, so the bytes go straight to the bucket; a one-time URL Quire itself receives for the local disk —
 * and is completed by a second call that checks the object (it exists, its size, its type from its bytes) before it
 * becomes a file and is charged to the quota. A from-URL upload is fetched by the workers. Either way the session
 * row keeps where it stands and, when it failed, why.
 */
public final class UploadSessions {
    public static final String FETCH_JOB = "media.fetch";
    public static final String EXPIRE_JOB = "media.upload_expire";

    private final Pool pool;
    private final Storage storage;
    private final MediaService media;
    private final JobQueue jobs;
    private final Uploads uploads;
    private final TargetGuard guard;
    private final UrlFetcher fetcher;
    private final long maxFileBytes;
    private final Duration ttl;
    private final String apiBase;

    /** The settings sessions need beyond their collaborators. */
    public record Settings(long maxFileBytes, Duration ttl, long fetchTimeoutMs, boolean fetchPrivateHosts) {}

    public UploadSessions(
            io.vertx.core.Vertx vertx,
            Pool pool,
            Storage storage,
            MediaService media,
            JobQueue jobs,
            String uploadDir,
            Settings settings,
            String apiBase) {
        this.pool = pool;
        this.storage = storage;
        this.media = media;
        this.jobs = jobs;
        this.uploads = new Uploads(vertx, uploadDir);
        this.guard = new TargetGuard(false, settings.fetchPrivateHosts());
        this.fetcher = new UrlFetcher(vertx, guard, uploadDir, settings.fetchTimeoutMs());
        this.maxFileBytes = settings.maxFileBytes();
        this.ttl = settings.ttl();
        this.apiBase = apiBase.replaceAll("/+$", "");
    }

    /** The sessions as the configuration sets them up. */
    public static UploadSessions from(
            io.vertx.core.Vertx vertx, Pool pool, Storage storage, MediaService media, QuireConfig config) {
        QuireConfig.Media m = config.media();
        return new UploadSessions(
                vertx,
                pool,
                storage,
                media,
                new JobQueue(config.jobs()),
                Storages.uploadDirectory(config),
                new Settings(
                        m.maxFileBytes(),
                        Duration.ofSeconds(m.directUploadTtlSeconds()),
                        m.fetchTimeoutMs(),
                        m.fetchAllowPrivateHosts()),
                config.publicBaseUrl());
    }

    /** A direct upload's request: what the file will be, and where it goes. */
    public record Direct(String filename, long fileSize, String contentType, MediaService.Details details) {}

    /** Starts a direct upload: refused up front when the size is over the file limit or what the quota has left. */
    public Future<JsonObject> start(Principal p, Direct d) {
        if (d.fileSize() > maxFileBytes) {
            return Future.failedFuture(tooLarge());
        }
        UUID id = Ids.newId();
        String stagingKey = "incoming/" + id;
        Instant expires = Instant.now().plus(ttl);
        boolean local = storage instanceof LocalStorage;
        String token = local ? SecretTokens.random() : null;
        return media.mayUseSite(p, d.details().siteId())
                .compose(v -> media.remaining(p))
                .compose(left -> d.fileSize() > left
                        ? Future.failedFuture(media.quotaExceeded())
                        : storage.presignPut(stagingKey, d.contentType(), d.fileSize(), ttl))
                .compose(presigned -> pool.withTransaction(tx -> tx.preparedQuery(UploadSql.INSERT)
                                .execute(insert(
                                        id,
                                        p.userId(),
                                        UploadSource.DIRECT,
                                        stagingKey,
                                        d.fileSize(),
                                        d.filename(),
                                        null,
                                        token == null ? null : SecretTokens.sha256(token),
                                        d.details(),
                                        expires))
                                .compose(rows ->
                                        jobs.enqueue(tx, expireJob(id, expires)).map(rows)))
                        .map(rows -> {
                            String url =
                                    presigned.orElse(apiBase + "/api/v1/media/upload/direct/" + id + "?token=" + token);
                            return json(rows.iterator().next())
                                    .put("method", "PUT")
                                    .put("url", url)
                                    .put("headers", new JsonObject().put("Content-Type", d.contentType()))
                                    .put("maxBytes", d.fileSize());
                        }));
    }

    /**
     * Receives a local direct upload's PUT. The URL is used once: it is taken before the body is read, and given back
     * only when the body broke off.
     */
    public Future<JsonObject> receive(UUID id, String token, HttpServerRequest request) {
        if (!(storage instanceof LocalStorage local) || token == null) {
            return Future.failedFuture(invalidUrl());
        }
        return pool.preparedQuery(UploadSql.CLAIM)
                .execute(Tuple.of(id, SecretTokens.sha256(token)))
                .compose(rows -> rows.size() == 1
                        ? Future.succeededFuture(rows.iterator().next())
                        : whyNotClaimed(id))
                .compose(row -> uploads.receiveBody(
                                request, local.pathOf(row.getString("staging_key")), row.getLong("declared_size"))
                        .recover(e -> pool.preparedQuery(UploadSql.UNCLAIM)
                                .execute(Tuple.of(id))
                                .transform(x -> Future.failedFuture(e)))
                        .map(size -> new JsonObject()
                                .put("uploadId", id.toString())
                                .put("status", UploadStatus.UPLOADED.name())
                                .put("receivedBytes", size)));
    }

    private Future<Row> whyNotClaimed(UUID id) {
        return pool.preparedQuery(UploadSql.GET).execute(Tuple.of(id)).compose(rows -> {
            Row r = rows.size() == 0 ? null : rows.iterator().next();
            if (r == null || r.getString("token_hash") == null) {
                return Future.failedFuture(invalidUrl());
            }
            if (!r.getString("status").equals(UploadStatus.PENDING.name())) {
                return Future.failedFuture(ApiException.Conflict.status(
                        "media.upload_used", "This upload URL was used already.", r.getString("status")));
            }
            return Future.failedFuture(
                    r.getOffsetDateTime("expires_at").isBefore(OffsetDateTime.now())
                            ? new ApiException.Forbidden("media.upload_expired", "This upload URL has expired.")
                            : invalidUrl());
        });
    }

    /** The outcome of a completion: the file, and whether this call made it (201) or an earlier one did (200). */
    public record Completed(JsonObject file, boolean created) {}

    /** Completes a direct upload: the object must be there, within its size, of an accepted type. */
    public Future<Completed> complete(Principal p, UUID id) {
        return own(p, id).compose(row -> {
            UploadStatus status = UploadStatus.valueOf(row.getString("status"));
            if (status == UploadStatus.COMPLETED) {
                return media.get(p, row.getUUID("file_id")).map(f -> new Completed(f, false));
            }
            if (status == UploadStatus.FAILED) {
                return Future.failedFuture(failedAlready(row));
            }
            if (UploadSource.valueOf(row.getString("source")) == UploadSource.URL) {
                return Future.failedFuture(ApiException.Conflict.status(
                        "media.upload_not_direct",
                        "A from-URL upload completes itself: GET its status.",
                        status.name()));
            }
            String staging = row.getString("staging_key");
            if (row.getOffsetDateTime("expires_at").isBefore(OffsetDateTime.now())) {
                return fail(id, "media.upload_expired", "The upload URL expired before the upload was completed.")
                        .compose(v -> storage.delete(staging))
                        .compose(v -> Future.failedFuture(ApiException.Conflict.status(
                                "media.upload_expired",
                                "The upload URL expired before the upload was completed.",
                                UploadStatus.FAILED.name())));
            }
            return storage.inspect(staging, MediaTypes.PREFIX_BYTES)
                    .recover(e -> Future.failedFuture(
                            e instanceof Storage.Missing
                                    ? ApiException.Conflict.status(
                                            "media.upload_missing",
                                            "Nothing has been uploaded to this upload's URL yet.",
                                            status.name())
                                    : e))
                    .compose(found -> {
                        long declared = row.getLong("declared_size");
                        if (found.size() > declared || found.size() > maxFileBytes) {
                            ApiException e = new ApiException.TooLarge(
                                    "media.too_large",
                                    "The uploaded object has " + found.size() + " bytes; this upload was for "
                                            + declared + ".",
                                    new JsonObject().put("maxBytes", declared));
                            return storage.delete(staging).compose(v -> failed(id, e));
                        }
                        return media.adopt(p.userId(), staging, found, row.getString("filename"), details(row))
                                .recover(e -> e instanceof ApiException api ? failed(id, api) : Future.failedFuture(e));
                    })
                    .compose(file -> pool.preparedQuery(UploadSql.COMPLETED)
                            .execute(Tuple.of(id, UUID.fromString(file.getString("id"))))
                            .map(x -> new Completed(file, true)));
        });
    }

    /** Starts a fetch by the workers; the URL's form is checked now, its address when it is fetched. */
    public Future<JsonObject> fromUrl(Principal p, String url, String filename, MediaService.Details details) {
        String problem = guard.urlProblem(url);
        if (problem != null) {
            return Future.failedFuture(new ApiException.Validation(
                    "request.invalid",
                    "Some fields are invalid.",
                    List.of(new ApiException.FieldError("url", problem))));
        }
        UUID id = Ids.newId();
        String name = filename != null ? filename : UrlFetcher.nameOf(java.net.URI.create(url));
        return media.mayUseSite(p, details.siteId())
                .compose(v -> pool.withTransaction(tx -> tx.preparedQuery(UploadSql.INSERT)
                        .execute(insert(
                                id,
                                p.userId(),
                                UploadSource.URL,
                                null,
                                null,
                                name,
                                url,
                                null,
                                details,
                                Instant.now().plus(Duration.ofDays(1))))
                        .compose(rows -> jobs.enqueue(
                                        tx,
                                        JobRequest.of(FETCH_JOB, new JsonObject().put("uploadId", id.toString()))
                                                .dedupedBy(FETCH_JOB + ":" + id))
                                .map(x -> json(rows.iterator().next())))));
    }

    public Future<JsonObject> status(Principal p, UUID id) {
        return own(p, id).map(UploadSessions::json);
    }

    public Map<String, JobHandler> handlers() {
        return Map.of(FETCH_JOB, this::fetch, EXPIRE_JOB, this::expire);
    }

    /**
     * Fetches a from-URL upload. What the URL gave that cannot be a file (refused address, too large, wrong type,
     * over quota, timed out) is the session's error and the job is done; a failure of Quire's own is retried.
     */
    private Future<Void> fetch(Job job) {
        UUID id = UUID.fromString(job.payload().getString("uploadId"));
        return pool.preparedQuery(UploadSql.GET).execute(Tuple.of(id)).compose(rows -> {
            Row row = rows.size() == 0 ? null : rows.iterator().next();
            if (row == null || !row.getString("status").equals(UploadStatus.PENDING.name())) {
                return Future.succeededFuture();
            }
            UUID userId = row.getUUID("user_id");
            return media.remaining(userId).compose(left -> {
                long cap = Math.max(0, Math.min(maxFileBytes, left));
                return fetcher.fetch(row.getString("source_url"), cap)
                        .recover(e -> Future.failedFuture(
                                e instanceof ApiException.TooLarge && left < maxFileBytes ? media.quotaExceeded() : e))
                        .compose(received -> media.store(
                                        userId,
                                        new Uploads.Received(
                                                received.path(),
                                                received.size(),
                                                received.sha256(),
                                                received.prefix(),
                                                row.getString("filename"),
                                                null),
                                        details(row))
                                .onFailure(e -> uploads.discard(received.path())))
                        .compose(file -> pool.preparedQuery(UploadSql.COMPLETED)
                                .execute(Tuple.of(id, UUID.fromString(file.getString("id")))))
                        .<Void>mapEmpty()
                        .recover(e -> {
                            if (e instanceof UrlFetcher.Failed f) {
                                return fail(id, f.code, f.getMessage());
                            }
                            if (e instanceof ApiException api) {
                                return fail(id, api.code(), api.getMessage());
                            }
                            return Future.failedFuture(e);
                        });
            });
        });
    }

    /** A direct upload never completed: its object (if any) removed, the session failed. */
    private Future<Void> expire(Job job) {
        UUID id = UUID.fromString(job.payload().getString("uploadId"));
        return pool.preparedQuery(UploadSql.GET).execute(Tuple.of(id)).compose(rows -> {
            Row row = rows.size() == 0 ? null : rows.iterator().next();
            if (row == null
                    || row.getString("staging_key") == null
                    || row.getString("status").equals(UploadStatus.COMPLETED.name())) {
                return Future.succeededFuture();
            }
            return storage.delete(row.getString("staging_key"))
                    .compose(v -> row.getString("status").equals(UploadStatus.FAILED.name())
                            ? Future.succeededFuture()
                            : fail(
                                    id,
                                    "media.upload_expired",
                                    "The upload URL expired before the upload was completed."));
        });
    }

    private <T> Future<T> failed(UUID id, ApiException e) {
        return fail(id, e.code(), e.getMessage()).transform(x -> Future.failedFuture(e));
    }

    private Future<Void> fail(UUID id, String code, String detail) {
        return pool.preparedQuery(UploadSql.FAILED)
                .execute(Tuple.of(id, code, detail))
                .mapEmpty();
    }

    private Future<Row> own(Principal p, UUID id) {
        return pool.preparedQuery(UploadSql.OWN)
                .execute(Tuple.of(id, p.userId()))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(new ApiException.NotFound("media.upload_not_found", "Not found."))
                        : Future.succeededFuture(rows.iterator().next()));
    }

    private static ApiException failedAlready(Row row) {
        return ApiException.Conflict.status(
                "media.upload_failed",
                "This upload failed (" + row.getString("error_code") + "): start a new one.",
                UploadStatus.FAILED.name());
    }

    private ApiException tooLarge() {
        return new ApiException.TooLarge(
                "media.too_large",
                "The file is larger than the " + maxFileBytes + " bytes an upload may be.",
                new JsonObject().put("maxBytes", maxFileBytes));
    }

    private static ApiException invalidUrl() {
        return new ApiException.Forbidden("media.upload_url_invalid", "This is not a valid upload URL.");
    }

    private static Tuple insert(
            UUID id,
            UUID userId,
            UploadSource source,
            String stagingKey,
            Long size,
            String filename,
            String url,
            String tokenHash,
            MediaService.Details d,
            Instant expires) {
        return Tuple.tuple()
                .addUUID(id)
                .addUUID(userId)
                .addUUID(d.siteId())
                .addString(source.name())
                .addString(stagingKey)
                .addLong(size)
                .addString(filename)
                .addString(url)
                .addString(tokenHash)
                .addString(d.folder())
                .addString(d.altText())
                .addString(d.caption())
                .addArrayOfString(d.tags().toArray(String[]::new))
                .addOffsetDateTime(expires.atOffset(ZoneOffset.UTC));
    }

    private static MediaService.Details details(Row r) {
        return new MediaService.Details(
                r.getUUID("site_id"),
                r.getString("folder"),
                r.getString("alt_text"),
                r.getString("caption"),
                List.of(r.getArrayOfStrings("tags")));
    }

    private static JobRequest expireJob(UUID id, Instant expires) {
        return JobRequest.of(EXPIRE_JOB, new JsonObject().put("uploadId", id.toString()))
                .at(expires.plusSeconds(60))
                .dedupedBy(EXPIRE_JOB + ":" + id);
    }

    static JsonObject json(Row r) {
        JsonObject error = r.getString("error_code") == null
                ? null
                : new JsonObject().put("code", r.getString("error_code")).put("detail", r.getString("error_detail"));
        UUID file = r.getUUID("file_id");
        return new JsonObject()
                .put("uploadId", r.getUUID("id").toString())
                .put("source", r.getString("source"))
                .put("status", r.getString("status"))
                .put("filename", r.getString("filename"))
                .put("declaredSize", r.getLong("declared_size"))
                .put("sourceUrl", r.getString("source_url"))
                .put("fileId", file == null ? null : file.toString())
                .put("error", error)
                .put("expiresAt", r.getOffsetDateTime("expires_at").toInstant().toString())
                .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString());
    }
}
