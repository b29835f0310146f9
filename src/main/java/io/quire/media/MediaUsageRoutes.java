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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** What my files take, where, what downloads of them served, and the limits on my uploads. */
public final class MediaUsageRoutes {
    private static final String TAG = "media";
    private static final String BASE = "/api/v1/media";
    private static final List<String> ACCEPTED =
            List.of("image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf");

    private final MediaService media;
    private final MediaUsage usage;
    private final long maxFileBytes;

    public MediaUsageRoutes(MediaService media, MediaUsage usage, long maxFileBytes) {
        this.media = media;
        this.usage = usage;
        this.maxFileBytes = maxFileBytes;
    }

    public void mount(Api api) {
        components(api);
        api.on(
                Endpoint.get(BASE + "/storage")
                        .id("getMediaStorage")
                        .tag(TAG)
                        .summary("My storage use, by kind, and my quota")
                        .access(Access.signedIn())
                        .ok(ref("StorageUsage")),
                call -> media.usage(call.user()).map(Reply::ok));
        api.on(
                Endpoint.get(BASE + "/storage/breakdown")
                        .id("getMediaStorageBreakdown")
                        .tag(TAG)
                        .summary("My storage use by folder, by site and by type, and my largest files")
                        .access(Access.signedIn())
                        .ok(ref("StorageBreakdown")),
                call -> usage.breakdown(call.user()).map(Reply::ok));
        api.on(
                Endpoint.get(BASE + "/bandwidth")
                        .id("getMediaBandwidth")
                        .tag(TAG)
                        .summary("The bytes downloads of my files served this month (counted every few seconds)")
                        .access(Access.signedIn())
                        .ok(object().required("usedBytes", integer())
                                .required("periodStart", string().format("date-time"))),
                call -> usage.bandwidth(call.user()).map(Reply::ok));
        api.on(
                Endpoint.get(BASE + "/limits")
                        .id("getMediaLimits")
                        .tag(TAG)
                        .summary("The limits that apply to my uploads (my quota follows my role)")
                        .access(Access.signedIn())
                        .ok(object().required("maxFileBytes", integer())
                                .required("quotaBytes", integer())
                                .required("acceptedTypes", array(string()))),
                call -> media.usage(call.user())
                        .map(u -> Reply.ok(new JsonObject()
                                .put("maxFileBytes", maxFileBytes)
                                .put("quotaBytes", u.getLong("quotaBytes"))
                                .put("acceptedTypes", new JsonArray(ACCEPTED)))));
    }

    private static void components(Api api) {
        ObjectSchema kindUse = object().required("bytes", integer()).required("files", nullable(integer()));
        api.component(
                "StorageUsage",
                object().required("totalBytes", integer())
                        .required("quotaBytes", integer())
                        .required("remainingBytes", integer())
                        .required("totalFiles", integer())
                        .required(
                                "byKind",
                                object().required("IMAGE", kindUse)
                                        .required("DOCUMENT", kindUse)
                                        .required("VIDEO", kindUse)
                                        .required("OTHER", kindUse)));
        api.component(
                "StorageBreakdown",
                object().required(
                                "byFolder",
                                array(object().required("folder", nullable(string()))
                                        .with(object().required("files", integer())
                                                .required("bytes", integer()))))
                        .required(
                                "bySite",
                                array(object().required("siteId", nullable(uuid()))
                                        .with(object().required("files", integer())
                                                .required("bytes", integer()))))
                        .required(
                                "byMimeType",
                                array(object().required("mimeType", string())
                                        .with(object().required("files", integer())
                                                .required("bytes", integer()))))
                        .required(
                                "largest",
                                array(object().required("id", uuid())
                                        .required("filename", string())
                                        .required("mimeType", string())
                                        .required("fileSize", integer()))));
    }
}
