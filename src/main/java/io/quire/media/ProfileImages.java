package io.quire.media;

import io.quire.platform.auth.Principal;
import io.quire.platform.http.ApiException;
import io.quire.sites.SiteService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Images that stand for someone: a user's avatar (one of their own images) and a site's logo and favicon (an image
 * of the manager's, or one made for the site). Each is public once set — {@code /media/:id/public} serves it to
 * anyone — and counts as a use of the file, so deleting it needs a force while it is set.
 */
public final class ProfileImages {
    /** A site's branding images. */
    public enum SiteSlot {
        LOGO("logo_media_id"),
        FAVICON("favicon_media_id");

        final String column;

        SiteSlot(String column) {
            this.column = column;
        }
    }

    private final Pool pool;
    private final String apiBase;

    public ProfileImages(Pool pool, String apiBase) {
        this.pool = pool;
        this.apiBase = apiBase.replaceAll("/+$", "");
    }

    /** Where anyone fetches a public image. */
    String publicUrl(UUID mediaId) {
        return apiBase + "/api/v1/media/" + mediaId + "/public";
    }

    /** Sets (or with null clears) the caller's avatar; {@code avatarUrl} follows it. */
    public Future<JsonObject> avatar(Principal p, UUID mediaId) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT avatar_media_id FROM users WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(p.userId()))
                .compose(rows -> {
                    UUID old = rows.iterator().next().getUUID("avatar_media_id");
                    return usable(tx, mediaId, p.userId(), null)
                            .compose(v -> tx.preparedQuery("""
                          UPDATE users SET avatar_media_id = $2, avatar_url = $3, updated_at = now() WHERE id = $1
                          """)
                                    .execute(Tuple.tuple()
                                            .addUUID(p.userId())
                                            .addUUID(mediaId)
                                            .addString(mediaId == null ? null : publicUrl(mediaId))))
                            .compose(v -> uses(tx, old, mediaId))
                            .map(v -> new JsonObject()
                                    .put("mediaId", mediaId == null ? null : mediaId.toString())
                                    .put("avatarUrl", mediaId == null ? null : publicUrl(mediaId)));
                }));
    }

    /** Sets (or with null clears) a site's logo or favicon; the site's managers only. */
    public Future<JsonObject> siteImage(Principal p, UUID siteId, SiteSlot slot, UUID mediaId) {
        return pool.withTransaction(tx -> SiteService.membership(tx, siteId, p).compose(m -> {
            m.requireManage();
            return tx.preparedQuery("SELECT " + slot.column + " AS old FROM sites WHERE id = $1 FOR UPDATE")
                    .execute(Tuple.of(siteId))
                    .compose(rows -> {
                        UUID old = rows.iterator().next().getUUID("old");
                        return usable(tx, mediaId, p.userId(), siteId)
                                .compose(v -> tx.preparedQuery("UPDATE sites SET " + slot.column
                                                + " = $2, revision = revision + 1, updated_at = now() WHERE id = $1")
                                        .execute(Tuple.tuple().addUUID(siteId).addUUID(mediaId)))
                                .compose(v -> uses(tx, old, mediaId))
                                .map(v -> new JsonObject()
                                        .put("mediaId", mediaId == null ? null : mediaId.toString())
                                        .put("url", mediaId == null ? null : publicUrl(mediaId)));
                    });
        }));
    }

    private static Future<Void> usable(SqlConnection tx, UUID mediaId, UUID userId, UUID siteId) {
        if (mediaId == null) {
            return Future.succeededFuture();
        }
        return MediaUse.usable(tx, new UUID[] {mediaId}, userId, siteId)
                .compose(ok -> ok.contains(mediaId)
                        ? Future.succeededFuture()
                        : Future.failedFuture(new ApiException.Validation(
                                "media.image_not_usable",
                                "That is not an image you may use here.",
                                List.of(new ApiException.FieldError(
                                        "mediaId",
                                        siteId == null
                                                ? "must be one of your images"
                                                : "must be one of your images, or one made for this site")))));
    }

    private static Future<Void> uses(SqlConnection tx, UUID old, UUID now) {
        Map<UUID, Integer> delta = new HashMap<>();
        if (old != null) {
            delta.merge(old, -1, Integer::sum);
        }
        if (now != null) {
            delta.merge(now, 1, Integer::sum);
        }
        return MediaUse.count(tx, delta);
    }
}
