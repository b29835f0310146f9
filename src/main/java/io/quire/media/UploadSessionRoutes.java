package io.quire.media;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.ObjectSchema;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** Uploads in more than one request: direct to storage (signed URL, then complete) and from a URL. */
public final class UploadSessionRoutes {
    /** Where a local direct upload's bytes are PUT: read as a stream, not by the body handler. */
    public static final String DIRECT_PUT = "/api/v1/media/upload/direct/{uploadId}";

    private static final String TAG = "media";
    private static final String BASE = "/api/v1/media/upload";

    /** How a file is described, in a JSON body: the same fields as the multipart upload's form. */
    static ObjectSchema detailsSchema() {
        // a new schema each time: with() adds to the schema it is called on
        return object().optional("siteId", uuid())
                .optional("folder", string().length(1, 200))
                .optional("altText", string().length(0, 500))
                .optional("caption", string().length(0, 2000))
                .optional("tags", array(string().length(1, 50)).size(0, 20));
    }

    private final UploadSessions sessions;

    public UploadSessionRoutes(UploadSessions sessions) {
        this.sessions = sessions;
    }

    public void mount(Api api) {
        Schema session = ref("UploadSession");
        api.component(
                "UploadSession",
                object().required("uploadId", uuid())
                        .required("source", string().oneOf(UploadSource.class))
                        .required("status", string().oneOf(UploadStatus.class))
                        .required("filename", nullable(string()))
                        .required("declaredSize", nullable(integer()))
                        .required("sourceUrl", nullable(string()))
                        .required("fileId", nullable(uuid()))
                        .required(
                                "error",
                                nullable(object().required("code", string()).required("detail", string())))
                        .required("expiresAt", string().format("date-time"))
                        .required("createdAt", string().format("date-time")));
        api.on(
                Endpoint.post(BASE + "/signed-url")
                        .id("startDirectUpload")
                        .tag(TAG)
                        .summary("Get a URL to PUT one file to, straight to storage")
                        .description("The answer's url takes one PUT of exactly fileSize bytes with the given headers:"
                                + " an S3 presigned URL when media live in a bucket, a one-time URL Quire receives"
                                + " itself when they live on its disk. Then POST /media/upload/complete. 413"
                                + " media.too_large or media.quota_exceeded before anything is sent.")
                        .access(Access.signedIn())
                        .body(detailsSchema()
                                .with(object().required("filename", string().length(1, 255))
                                        .required("fileSize", integer().range(1, Long.MAX_VALUE))
                                        .optional(
                                                "contentType",
                                                string().pattern("[a-z]+/[a-z0-9.+-]+", "a media type"))))
                        .ok(
                                201,
                                object().required("uploadId", uuid())
                                        .required("method", string().oneOf("PUT"))
                                        .required("url", string())
                                        .required("headers", object().open())
                                        .required("maxBytes", integer())
                                        .required("expiresAt", string().format("date-time"))
                                        .required("status", string().oneOf(UploadStatus.class)),
                                "Where to put the file")
                        .problems(403, 404, 413),
                call -> {
                    JsonObject b = call.body();
                    String type = b.getString("contentType", "application/octet-stream");
                    return sessions.start(
                                    call.user(),
                                    new UploadSessions.Direct(
                                            b.getString("filename"), b.getLong("fileSize"), type, details(b)))
                            .map(Reply::created);
                });
        api.raw(
                Endpoint.put(DIRECT_PUT)
                        .id("putDirectUpload")
                        .tag(TAG)
                        .summary("Receive a direct upload's bytes (the URL signed-url gave, local storage only)")
                        .description("The token in the URL is the credential: used once, until the upload expires."
                                + " The body is the file, streamed to disk; more than the declared size is a 413.")
                        .access(Access.anyone())
                        .query("token", string(), "The one-time token from signed-url")
                        .rawBody("application/octet-stream")
                        .ok(object().required("uploadId", uuid())
                                .required("status", string().oneOf("UPLOADED"))
                                .required("receivedBytes", integer()))
                        .problems(403, 409, 413),
                ctx -> {
                    UUID id = PathParams.uuid(ctx, "uploadId", "media.upload_url_invalid");
                    sessions.receive(id, ctx.request().getParam("token"), ctx.request())
                            .onSuccess(body -> Responses.json(ctx, 200, body))
                            .onFailure(ctx::fail);
                });
        api.on(
                Endpoint.post(BASE + "/complete")
                        .id("completeDirectUpload")
                        .tag(TAG)
                        .summary("Make a direct upload a file: its object checked (there, its size, its type)")
                        .description("201 with the new file; a repeated call answers 200 with the same file. 409"
                                + " media.upload_missing while nothing was put, 415 for a refused type (the object is"
                                + " removed), 413 media.quota_exceeded when the quota filled up meanwhile.")
                        .access(Access.signedIn())
                        .body(object().required("uploadId", uuid()))
                        .ok(201, ref("MediaFile"), "The file")
                        .ok(200, ref("MediaFile"), "Completed before: the same file")
                        .problems(404, 409, 413, 415),
                call -> sessions.complete(
                                call.user(), UUID.fromString(call.body().getString("uploadId")))
                        .map(done -> done.created() ? Reply.created(done.file()) : Reply.ok(done.file())));
        api.on(
                Endpoint.post(BASE + "/from-url")
                        .id("uploadMediaFromUrl")
                        .tag(TAG)
                        .summary("Upload a file fetched from a URL, by the workers")
                        .description("202 with the session; GET /media/upload/{uploadId} until it is COMPLETED"
                                + " (fileId) or FAILED (error.code: media.url_not_allowed for private or internal"
                                + " addresses, media.fetch_failed, media.fetch_timeout, media.too_large,"
                                + " media.quota_exceeded, media.unsupported_type).")
                        .access(Access.signedIn())
                        .body(detailsSchema()
                                .with(object().required("url", string().length(1, 2048))
                                        .optional("filename", string().length(1, 255))))
                        .ok(202, session, "Queued")
                        .problems(403, 404, 422),
                call -> sessions.fromUrl(
                                call.user(),
                                call.body().getString("url"),
                                call.body().getString("filename"),
                                details(call.body()))
                        .map(Reply::accepted));
        api.on(
                Endpoint.get(BASE + "/{uploadId}")
                        .id("getUploadSession")
                        .tag(TAG)
                        .summary("Where an upload stands")
                        .access(Access.signedIn())
                        .ok(session)
                        .problems(404),
                call -> sessions.status(call.user(), call.id("uploadId", "media.upload_not_found"))
                        .map(Reply::ok));
    }

    static MediaService.Details details(JsonObject b) {
        String site = b.getString("siteId");
        JsonArray tags = b.getJsonArray("tags");
        return new MediaService.Details(
                site == null ? null : UUID.fromString(site),
                b.getString("folder"),
                b.getString("altText"),
                b.getString("caption"),
                tags == null ? List.of() : tags.stream().map(String::valueOf).toList());
    }
}
