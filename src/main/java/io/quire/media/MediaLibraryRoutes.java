package io.quire.media;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.bool;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/**
 * Folders, copy and move, and bulk changes. Mounted before {@link MediaRoutes}: {@code /media/folders} and
 * {@code /media/bulk/...} must be tried before {@code /media/{fileId}...} takes them for a file id.
 */
public final class MediaLibraryRoutes {
    private static final String TAG = "media";
    private static final String BASE = "/api/v1/media";

    private final MediaLibrary library;
    private final MediaService media;

    public MediaLibraryRoutes(MediaLibrary library, MediaService media) {
        this.library = library;
        this.media = media;
    }

    private static Schema folderName() {
        return string().length(1, 200).pattern("[^\\p{Cntrl}]+", "no control characters");
    }

    public void mount(Api api) {
        api.component(
                "MediaFolder",
                object().required("id", uuid())
                        .required("name", string())
                        .required("fileCount", integer())
                        .required("totalBytes", integer())
                        .required("createdAt", string().format("date-time"))
                        .required("updatedAt", string().format("date-time")));
        api.component(
                "BulkResult",
                object().required("succeeded", array(uuid()))
                        .required(
                                "failed",
                                array(object().required("id", uuid())
                                        .required("code", string())
                                        .required("detail", string()))));
        folders(api);
        bulk(api);
        api.on(
                Endpoint.post(BASE + "/{fileId}/copy")
                        .id("copyMedia")
                        .tag(TAG)
                        .summary("Copy a file I may see into a new file of mine (in another folder, or the same)")
                        .description("The copy is charged to my quota (413 media.quota_exceeded) and processed again.")
                        .access(Access.signedIn())
                        .optionalBody(object().optional("folder", nullable(folderName())))
                        .ok(201, ref("MediaFile"), "The copy")
                        .problems(404, 413),
                call -> media.copy(
                                call.user(),
                                call.id("fileId", "media.not_found"),
                                call.body().containsKey("folder"),
                                call.body().getString("folder"))
                        .map(Reply::created));
        api.on(
                Endpoint.post(BASE + "/{fileId}/move")
                        .id("moveMedia")
                        .tag(TAG)
                        .summary("Move a file into a folder (null: the top of my library)")
                        .access(Access.signedIn())
                        .body(object().required("folder", nullable(folderName())))
                        .ok(ref("MediaFile"))
                        .problems(403, 404),
                call -> library.move(
                                call.user(),
                                call.id("fileId", "media.not_found"),
                                call.body().getString("folder"))
                        .map(Reply::ok));
    }

    private void folders(Api api) {
        api.on(
                Endpoint.get(BASE + "/folders")
                        .id("listMediaFolders")
                        .tag(TAG)
                        .summary("My folders, by name, with how many files and bytes each holds")
                        .access(Access.signedIn())
                        .ok(object().required("data", array(ref("MediaFolder")))),
                call -> library.folders(call.user()).map(list -> Reply.ok(new JsonObject().put("data", list))));
        api.on(
                Endpoint.post(BASE + "/folders")
                        .id("createMediaFolder")
                        .tag(TAG)
                        .summary("Create a folder (a folder also appears when a file is put in a new name)")
                        .access(Access.signedIn())
                        .body(object().required("name", folderName()))
                        .ok(201, ref("MediaFolder"), "The folder")
                        .problems(409),
                call -> library.createFolder(call.user(), call.body().getString("name"))
                        .map(Reply::created));
        api.on(
                Endpoint.patch(BASE + "/folders/{folderId}")
                        .id("renameMediaFolder")
                        .tag(TAG)
                        .summary("Rename a folder; its files move with it")
                        .access(Access.signedIn())
                        .body(object().required("name", folderName()))
                        .ok(ref("MediaFolder"))
                        .problems(404, 409),
                call -> library.renameFolder(
                                call.user(),
                                call.id("folderId", "media.folder_not_found"),
                                call.body().getString("name"))
                        .map(Reply::ok));
        api.on(
                Endpoint.delete(BASE + "/folders/{folderId}")
                        .id("deleteMediaFolder")
                        .tag(TAG)
                        .summary("Delete a folder; its files stay, at the top of my library")
                        .access(Access.signedIn())
                        .noContent()
                        .problems(404),
                call -> library.deleteFolder(call.user(), call.id("folderId", "media.folder_not_found"))
                        .map(v -> Reply.noContent()));
    }

    private void bulk(Api api) {
        Schema ids = array(uuid()).size(1, 100);
        api.on(
                Endpoint.post(BASE + "/bulk/delete")
                        .id("bulkDeleteMedia")
                        .tag(TAG)
                        .summary("Delete up to 100 of my files; each id succeeds or fails on its own")
                        .access(Access.signedIn())
                        .body(object().required("ids", ids).optional("force", bool()))
                        .ok(ref("BulkResult")),
                call -> library.bulkDelete(
                                call.user(),
                                uuids(call.body().getJsonArray("ids")),
                                call.body().getBoolean("force", false))
                        .map(Reply::ok));
        api.on(
                Endpoint.post(BASE + "/bulk/move")
                        .id("bulkMoveMedia")
                        .tag(TAG)
                        .summary("Move up to 100 of my files into a folder (null: the top)")
                        .access(Access.signedIn())
                        .body(object().required("ids", ids).required("folder", nullable(folderName())))
                        .ok(ref("BulkResult")),
                call -> library.bulkMove(
                                call.user(),
                                uuids(call.body().getJsonArray("ids")),
                                call.body().getString("folder"))
                        .map(Reply::ok));
        Schema tags = array(string().length(1, 50)).size(0, 20);
        api.on(
                Endpoint.post(BASE + "/bulk/tag")
                        .id("bulkTagMedia")
                        .tag(TAG)
                        .summary("Add and remove tags on up to 100 of my files")
                        .access(Access.signedIn())
                        .body(object().required("ids", ids)
                                .optional("add", tags)
                                .optional("remove", tags)
                                .requireAnyOf("send add or remove", "add", "remove"))
                        .ok(ref("BulkResult")),
                call -> library.bulkTag(
                                call.user(),
                                uuids(call.body().getJsonArray("ids")),
                                strings(call.body().getJsonArray("add")),
                                strings(call.body().getJsonArray("remove")))
                        .map(Reply::ok));
    }

    private static List<UUID> uuids(JsonArray a) {
        return a.stream().map(o -> UUID.fromString(String.valueOf(o))).toList();
    }

    private static List<String> strings(JsonArray a) {
        return a == null ? List.of() : a.stream().map(String::valueOf).toList();
    }
}
