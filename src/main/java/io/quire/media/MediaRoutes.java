package io.quire.media;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.bool;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.number;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Call;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.ObjectSchema;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Principal;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.storage.Storage;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Media: uploads, the caller's files, their variants, downloads with Range, storage use. */
public final class MediaRoutes {
    public static final String UPLOAD = "/api/v1/media/upload";
    private static final String TAG = "media";
    private static final String BASE = "/api/v1/media";
    /** What multipart framing adds to a file's size at most, in the Content-Length checked before reading. */
    private static final long FRAMING = 16 * 1024;

    private final MediaService media;
    private final Uploads uploads;
    private final Storage storage;
    private final long maxFileBytes;

    public MediaRoutes(
            MediaService media, Storage storage, io.vertx.core.Vertx vertx, String uploadDir, long maxFileBytes) {
        this.media = media;
        this.uploads = new Uploads(vertx, uploadDir);
        this.storage = storage;
        this.maxFileBytes = maxFileBytes;
    }

    private static final ObjectSchema CHANGE = object().optional("altText", nullable(string().length(0, 500)))
            .optional("caption", nullable(string().length(0, 2000)))
            .optional("folder", nullable(string().length(1, 200)))
            .optional("tags", array(string().length(1, 50)).size(0, 20));

    public void mount(Api api) {
        components(api);
        api.tag(TAG, MediaGuide.TEXT);
        api.raw(
                Endpoint.post(UPLOAD)
                        .id("uploadMedia")
                        .tag(TAG)
                        .summary("Upload one file (multipart/form-data, part `file`), streamed to storage")
                        .description("Other form fields: siteId, folder, altText, caption, tags (comma-separated). The"
                                + " type comes from the file's bytes: PNG, JPEG, GIF, WebP or PDF (415 otherwise; SVG"
                                + " is refused). 413 media.too_large over media.maxFileBytes, 413 media.quota_exceeded"
                                + " past the caller's quota — both before the body is read when Content-Length shows"
                                + " it. Images are then processed by the workers (isProcessed, variants).")
                        .access(Access.signedIn())
                        .rawBody("multipart/form-data")
                        .ok(201, ref("MediaFile"), "The stored file")
                        .problems(400, 403, 404, 413, 415, 422),
                this::upload);
        api.on(
                Endpoint.get(BASE)
                        .id("listMedia")
                        .tag(TAG)
                        .summary("My files, newest first")
                        .access(Access.signedIn())
                        .paged()
                        .query("kind", string().oneOf(MediaKind.class), "Only this kind")
                        .query("folder", string().length(1, 200), "Only this folder")
                        .query("siteId", uuid(), "Only files for this site")
                        .query("tag", string().length(1, 50), "Only files with this tag")
                        .ok(Schema.list(ref("MediaFile"))),
                call -> {
                    String kind = call.query("kind");
                    String site = call.query("siteId");
                    return media.list(
                                    call.user(),
                                    kind == null ? null : MediaKind.valueOf(kind),
                                    call.query("folder"),
                                    site == null ? null : UUID.fromString(site),
                                    call.query("tag"),
                                    call.query("cursor"),
                                    call.limit())
                            .map(page -> Reply.list(page.getJsonArray("data"), page.getString("nextCursor")));
                });
        api.on(
                Endpoint.get(BASE + "/{fileId}")
                        .id("getMedia")
                        .tag(TAG)
                        .summary("A file's details (its uploader's, or its site's people)")
                        .access(Access.signedIn())
                        .ok(ref("MediaFile"))
                        .problems(404),
                call -> media.get(call.user(), fileId(call)).map(Reply::ok));
        api.on(
                Endpoint.patch(BASE + "/{fileId}")
                        .id("updateMedia")
                        .tag(TAG)
                        .summary("Change a file's alt text, caption, folder or tags (a sent null clears)")
                        .access(Access.signedIn())
                        .body(CHANGE)
                        .ok(ref("MediaFile"))
                        .problems(403, 404),
                call -> {
                    JsonObject b = call.body();
                    JsonArray tags = b.getJsonArray("tags");
                    return media.update(
                                    call.user(),
                                    fileId(call),
                                    new MediaService.Change(
                                            b.containsKey("altText"),
                                            b.getString("altText"),
                                            b.containsKey("caption"),
                                            b.getString("caption"),
                                            b.containsKey("folder"),
                                            b.getString("folder"),
                                            tags == null
                                                    ? null
                                                    : tags.stream()
                                                            .map(String::valueOf)
                                                            .toList()))
                            .map(Reply::ok);
                });
        api.on(
                Endpoint.delete(BASE + "/{fileId}")
                        .id("deleteMedia")
                        .tag(TAG)
                        .summary("Delete a file: gone at once, its storage use released; its objects removed by a job")
                        .access(Access.signedIn())
                        .query("force", bool(), "Delete it even while in use (409 media.in_use otherwise)")
                        .noContent()
                        .problems(403, 404, 409),
                call -> media.delete(call.user(), fileId(call), "true".equals(call.query("force")))
                        .map(v -> Reply.noContent()));
        api.on(
                Endpoint.get(BASE + "/{fileId}/variants")
                        .id("listMediaVariants")
                        .tag(TAG)
                        .summary("An image's variants (thumb 320, medium 960, large 1920 wide, where smaller than it)")
                        .access(Access.signedIn())
                        .ok(object().required("data", array(ref("MediaVariant"))))
                        .problems(404),
                call -> media.variants(call.user(), fileId(call)).map(v -> Reply.ok(new JsonObject().put("data", v))));
        api.on(
                Endpoint.post(BASE + "/{fileId}/process")
                        .id("processMedia")
                        .tag(TAG)
                        .summary("Process an image again (dimensions, placeholder, variants)")
                        .access(Access.signedIn())
                        .optionalBody(object())
                        .ok(
                                202,
                                object().required("fileId", uuid()).required("status", string().oneOf("queued")),
                                "Queued")
                        .problems(403, 404, 409),
                call -> media.reprocess(call.user(), fileId(call)).map(Reply::accepted));
        for (boolean attachment : new boolean[] {true, false}) {
            api.raw(
                    Endpoint.get(BASE + "/{fileId}/" + (attachment ? "download" : "stream"))
                            .id(attachment ? "downloadMedia" : "streamMedia")
                            .tag(TAG)
                            .summary(
                                    attachment
                                            ? "Download a file (or ?variant=thumb|medium|large) as an attachment"
                                            : "The file (or a variant) inline, for players and <img>")
                            .description("Range requests answer 206 with Content-Range (one range; 416 beyond the end);"
                                    + " the ETag is the content's SHA-256, If-None-Match answers 304.")
                            .access(Access.signedIn())
                            .query(
                                    "variant",
                                    string().oneOf("original", "thumb", "medium", "large"),
                                    "default original")
                            .header("Range", "bytes=start-end")
                            .okAs(200, "application/octet-stream", "The bytes (their own Content-Type)")
                            .okAs(206, "application/octet-stream", "The requested range")
                            .conditional()
                            .problems(404, 416),
                    ctx -> download(ctx, attachment));
        }
    }

    private void upload(RoutingContext ctx) {
        Principal p = Authz.require(ctx);
        String type = ctx.request().getHeader("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("multipart/form-data")) {
            ctx.fail(new ApiException.UnsupportedMediaType(
                    "media.multipart_required", "Send the file as multipart/form-data, in a part named file."));
            return;
        }
        long declared = contentLength(ctx);
        if (declared > maxFileBytes + FRAMING) {
            ctx.response().putHeader("Connection", "close");
            ctx.fail(new ApiException.TooLarge(
                    "media.too_large",
                    "The file is larger than the " + maxFileBytes + " bytes an upload may be.",
                    new JsonObject().put("maxBytes", maxFileBytes)));
            return;
        }
        media.remaining(p)
                .compose(left -> {
                    if (declared > left + FRAMING) {
                        ctx.response().putHeader("Connection", "close");
                        return Future.failedFuture(media.quotaExceeded());
                    }
                    return uploads.receive(ctx.request(), Math.min(maxFileBytes, Math.max(0, left)) + 1)
                            .compose(received -> {
                                if (received.size() > maxFileBytes) {
                                    uploads.discard(received.path());
                                    return Future.failedFuture(new ApiException.TooLarge(
                                            "media.too_large",
                                            "The file is larger than the " + maxFileBytes + " bytes an upload may be.",
                                            new JsonObject().put("maxBytes", maxFileBytes)));
                                }
                                MediaService.Details details;
                                try {
                                    details = details(received.fields());
                                } catch (ApiException e) {
                                    uploads.discard(received.path());
                                    return Future.failedFuture(e);
                                }
                                return media.create(p, received, details)
                                        .onFailure(e -> uploads.discard(received.path()));
                            })
                            .recover(e -> e instanceof ApiException.TooLarge tl
                                            && tl.code().equals("media.too_large")
                                            && left < maxFileBytes
                                    // the cut-off was the quota, not the file limit
                                    ? Future.failedFuture(media.quotaExceeded())
                                    : Future.failedFuture(e));
                })
                .onSuccess(file -> Reply.created(file).send(ctx))
                .onFailure(ctx::fail);
    }

    private static long contentLength(RoutingContext ctx) {
        try {
            String length = ctx.request().getHeader("Content-Length");
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The form's other fields, checked like a JSON body would be. */
    private static MediaService.Details details(MultiMap form) {
        List<ApiException.FieldError> errors = new ArrayList<>();
        UUID siteId = null;
        String site = blankToNull(form.get("siteId"));
        if (site != null) {
            try {
                siteId = UUID.fromString(site);
            } catch (IllegalArgumentException e) {
                errors.add(new ApiException.FieldError("siteId", "must be a site id"));
            }
        }
        String folder = text(form, "folder", 200, errors);
        String alt = text(form, "altText", 500, errors);
        String caption = text(form, "caption", 2000, errors);
        List<String> tags = new ArrayList<>();
        String tagList = blankToNull(form.get("tags"));
        if (tagList != null) {
            Arrays.stream(tagList.split(","))
                    .map(String::strip)
                    .filter(t -> !t.isEmpty())
                    .forEach(tags::add);
            if (tags.size() > 20 || tags.stream().anyMatch(t -> t.length() > 50)) {
                errors.add(new ApiException.FieldError("tags", "at most 20 tags of at most 50 characters"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiException.Validation("request.invalid", "Some fields are invalid.", errors);
        }
        return new MediaService.Details(siteId, folder, alt, caption, List.copyOf(tags));
    }

    private static String text(MultiMap form, String field, int max, List<ApiException.FieldError> errors) {
        String value = blankToNull(form.get(field));
        if (value != null && (value.length() > max || value.chars().anyMatch(c -> c < 0x20 && c != '\n'))) {
            errors.add(new ApiException.FieldError(field, "must be at most " + max + " characters of text"));
        }
        return value;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private void download(RoutingContext ctx, boolean attachment) {
        Principal p = Authz.require(ctx);
        UUID id = PathParams.uuid(ctx, "fileId", "media.not_found");
        String variant = ctx.request().getParam("variant");
        if (variant != null
                && !variant.equals("original")
                && ImageProcessor.SIZES.stream().noneMatch(size -> size.name().equals(variant))) {
            ctx.fail(new ApiException.Validation(
                    "request.invalid",
                    "Some fields are invalid.",
                    List.of(new ApiException.FieldError("variant", "must be original, thumb, medium or large"))));
            return;
        }
        media.stored(p, id, variant)
                .compose(stored -> Ranges.send(ctx, storage, stored, attachment))
                .onFailure(ctx::fail);
    }

    private static UUID fileId(Call call) {
        return call.id("fileId", "media.not_found");
    }

    private static void components(Api api) {
        Schema time = string().format("date-time");
        api.component(
                "MediaFile",
                object().required("id", uuid())
                        .required("userId", uuid())
                        .required("siteId", nullable(uuid()))
                        .required("filename", string())
                        .required("originalFilename", string())
                        .required("mimeType", string())
                        .required("kind", string().oneOf(MediaKind.class))
                        .required("fileSize", integer())
                        .required("sha256", string())
                        .required("storageProvider", string())
                        .required("width", nullable(integer()))
                        .required("height", nullable(integer()))
                        .required("aspectRatio", nullable(number()))
                        .required("dominantColor", nullable(string()))
                        .required("placeholderUrl", nullable(string()))
                        .required("isProcessed", bool())
                        .required("processedAt", nullable(time))
                        .required("processingError", nullable(string()))
                        .required("altText", nullable(string()))
                        .required("caption", nullable(string()))
                        .required("folder", nullable(string()))
                        .required("tags", array(string()))
                        .required("usageCount", integer())
                        .required("lastUsedAt", nullable(time))
                        .required("scanStatus", string())
                        .required("downloadUrl", string())
                        .required("streamUrl", string())
                        .required("createdAt", time)
                        .required("updatedAt", time));
        api.component(
                "MediaVariant",
                object().required("name", string())
                        .required("mimeType", string())
                        .required("width", integer())
                        .required("height", integer())
                        .required("fileSize", integer())
                        .required("url", string()));
    }
}
