package io.quire.media;

import io.quire.platform.auth.Principal;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * How a user keeps their files: named folders (a file carries its folder's name, so renaming a folder moves its
 * files in the same transaction, and deleting one puts them back at the top — no file is deleted with a folder),
 * moving files between them, and changing many files at once. Only the uploader changes a file; ids that are not
 * the caller's are reported per id, as not found.
 */
public final class MediaLibrary {
    private final Pool pool;
    private final MediaService media;

    public MediaLibrary(Pool pool, MediaService media) {
        this.pool = pool;
        this.media = media;
    }

    private static final String FOLDERS = """
      SELECT f.*, count(m.id) AS file_count, coalesce(sum(m.file_size), 0) AS total_bytes
        FROM media_folders f
        LEFT JOIN media_files m ON m.user_id = f.user_id AND m.folder = f.name AND m.deleted_at IS NULL
       WHERE f.user_id = $1 AND ($2::uuid IS NULL OR f.id = $2)
       GROUP BY f.id ORDER BY f.name
      """;

    public Future<JsonArray> folders(Principal p) {
        return pool.preparedQuery(FOLDERS)
                .execute(Tuple.tuple().addUUID(p.userId()).addUUID(null))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> out.add(folderJson(r)));
                    return out;
                });
    }

    public Future<JsonObject> createFolder(Principal p, String name) {
        return pool.preparedQuery("INSERT INTO media_folders (id, user_id, name) VALUES ($1, $2, $3) RETURNING id")
                .execute(Tuple.of(Ids.newId(), p.userId(), name))
                .recover(e -> Future.failedFuture(duplicate(e) ? folderExists(name) : e))
                .compose(rows -> folder(p, rows.iterator().next().getUUID("id")));
    }

    /** Renames a folder and moves its files with it, in one transaction. */
    public Future<JsonObject> renameFolder(Principal p, UUID id, String name) {
        return pool.withTransaction(tx -> tx.preparedQuery(
                                "SELECT name FROM media_folders WHERE id = $1 AND user_id = $2 FOR UPDATE")
                        .execute(Tuple.of(id, p.userId()))
                        .compose(rows -> {
                            if (rows.size() == 0) {
                                return Future.failedFuture(folderNotFound());
                            }
                            String old = rows.iterator().next().getString("name");
                            return tx.preparedQuery(
                                            "UPDATE media_folders SET name = $2, updated_at = now() WHERE id = $1")
                                    .execute(Tuple.of(id, name))
                                    .recover(e -> Future.failedFuture(duplicate(e) ? folderExists(name) : e))
                                    .compose(v -> tx.preparedQuery("""
                        UPDATE media_files SET folder = $3, updated_at = now()
                         WHERE user_id = $1 AND folder = $2 AND deleted_at IS NULL
                        """).execute(Tuple.of(p.userId(), old, name)));
                        }))
                .compose(v -> folder(p, id));
    }

    /** Deletes a folder; its files stay, at the top of the library. */
    public Future<Void> deleteFolder(Principal p, UUID id) {
        return pool.withTransaction(tx -> tx.preparedQuery(
                                "DELETE FROM media_folders WHERE id = $1 AND user_id = $2 RETURNING name")
                        .execute(Tuple.of(id, p.userId()))
                        .compose(rows -> rows.size() == 0
                                ? Future.failedFuture(folderNotFound())
                                : tx.preparedQuery("""
                          UPDATE media_files SET folder = NULL, updated_at = now()
                           WHERE user_id = $1 AND folder = $2 AND deleted_at IS NULL
                          """)
                                        .execute(Tuple.of(
                                                p.userId(),
                                                rows.iterator().next().getString("name")))))
                .mapEmpty();
    }

    /** Moves one file into {@code folder} (null: the top of the library). */
    public Future<JsonObject> move(Principal p, UUID id, String folder) {
        return media.update(p, id, new MediaService.Change(false, null, false, null, true, folder, null));
    }

    /** What happened to each id of a bulk change: the ids changed, and the others with why. */
    public record BulkResult(List<UUID> done, List<JsonObject> failed) {
        JsonObject toJson() {
            return new JsonObject()
                    .put(
                            "succeeded",
                            new JsonArray(done.stream().map(UUID::toString).toList()))
                    .put("failed", new JsonArray(failed));
        }
    }

    /** Deletes each file in turn, as DELETE /media/:id would (in use: refused unless forced). */
    public Future<JsonObject> bulkDelete(Principal p, List<UUID> ids, boolean force) {
        List<UUID> done = new ArrayList<>();
        List<JsonObject> failed = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (UUID id : new LinkedHashSet<>(ids)) {
            chain = chain.compose(v -> media.delete(p, id, force)
                    .map(x -> done.add(id))
                    .recover(e -> e instanceof ApiException api
                            ? Future.succeededFuture(failed.add(failure(id, api)))
                            : Future.failedFuture(e))
                    .mapEmpty());
        }
        return chain.map(v -> new BulkResult(done, failed).toJson());
    }

    public Future<JsonObject> bulkMove(Principal p, List<UUID> ids, String folder) {
        return changed(
                p,
                ids,
                "UPDATE media_files SET folder = $3, updated_at = now()"
                        + " WHERE user_id = $1 AND id = ANY ($2) AND deleted_at IS NULL RETURNING id",
                Tuple.tuple()
                        .addUUID(p.userId())
                        .addArrayOfUUID(ids.toArray(UUID[]::new))
                        .addString(folder));
    }

    /** Adds and removes tags on many files; a file keeps its tags' order, new ones after, none twice. */
    public Future<JsonObject> bulkTag(Principal p, List<UUID> ids, List<String> add, List<String> remove) {
        return changed(
                p,
                ids,
                """
                UPDATE media_files SET updated_at = now(), tags = ARRAY(
                    SELECT t FROM unnest(tags || $3::text[]) WITH ORDINALITY AS x(t, n)
                     WHERE t <> ALL ($4::text[]) GROUP BY t ORDER BY min(n))
                 WHERE user_id = $1 AND id = ANY ($2) AND deleted_at IS NULL RETURNING id
                """,
                Tuple.tuple()
                        .addUUID(p.userId())
                        .addArrayOfUUID(ids.toArray(UUID[]::new))
                        .addArrayOfString(add.toArray(String[]::new))
                        .addArrayOfString(remove.toArray(String[]::new)));
    }

    private Future<JsonObject> changed(Principal p, List<UUID> ids, String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            Set<UUID> hit = new LinkedHashSet<>();
            rows.forEach(r -> hit.add(r.getUUID("id")));
            List<JsonObject> failed = new ArrayList<>();
            for (UUID id : new LinkedHashSet<>(ids)) {
                if (!hit.contains(id)) {
                    failed.add(failure(id, new ApiException.NotFound("media.not_found", "Not found.")));
                }
            }
            return new BulkResult(List.copyOf(hit), failed).toJson();
        });
    }

    private Future<JsonObject> folder(Principal p, UUID id) {
        return pool.preparedQuery(FOLDERS)
                .execute(Tuple.tuple().addUUID(p.userId()).addUUID(id))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(folderNotFound())
                        : Future.succeededFuture(folderJson(rows.iterator().next())));
    }

    private static JsonObject folderJson(Row r) {
        return new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("name", r.getString("name"))
                .put("fileCount", r.getLong("file_count"))
                .put("totalBytes", r.getLong("total_bytes"))
                .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
                .put("updatedAt", r.getOffsetDateTime("updated_at").toInstant().toString());
    }

    private static JsonObject failure(UUID id, ApiException e) {
        return new JsonObject().put("id", id.toString()).put("code", e.code()).put("detail", e.getMessage());
    }

    private static boolean duplicate(Throwable e) {
        return e instanceof PgException pg && "23505".equals(pg.getSqlState());
    }

    private static ApiException folderExists(String name) {
        return new ApiException.Conflict(
                "media.folder_exists",
                "You have a folder named '" + name + "' already.",
                List.of(new ApiException.FieldError("name", "is taken")));
    }

    private static ApiException folderNotFound() {
        return new ApiException.NotFound("media.folder_not_found", "Not found.");
    }
}
