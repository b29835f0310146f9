package io.quire.content;

import io.quire.media.MediaUse;
import io.quire.platform.auth.Principal;
import io.quire.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A series' cover and banner: uploaded images (the writer's own or made for the site), public while the series
 * is. Setting one is a series change like any other: a new revision and a {@code series.updated} event.
 */
public final class SeriesImages {
    /** Which image of the series. */
    public enum Slot {
        COVER("cover_media_id"),
        BANNER("banner_media_id");

        final String column;

        Slot(String column) {
            this.column = column;
        }
    }

    private final Pool pool;

    public SeriesImages(Pool pool) {
        this.pool = pool;
    }

    /** Sets ({@code mediaId}) or clears (null) the slot; the series as its writers see it. */
    public Future<JsonObject> set(Principal p, UUID seriesId, Slot slot, UUID mediaId) {
        return pool.withTransaction(tx -> SeriesService.load(tx, seriesId, p, false)
                .compose(l -> {
                    l.membership().requireManage();
                    UUID old = l.row().getUUID(slot.column);
                    Future<Void> allowed = mediaId == null
                            ? Future.succeededFuture()
                            : MediaUse.usable(
                                            tx,
                                            new UUID[] {mediaId},
                                            p.userId(),
                                            l.row().getUUID("site_id"))
                                    .compose(
                                            ok -> ok.contains(mediaId)
                                                    ? Future.succeededFuture()
                                                    : Future.failedFuture(
                                                            new ApiException.Validation(
                                                                    "series.image_not_usable",
                                                                    "That is not an image you may use here.",
                                                                    List.of(
                                                                            new ApiException.FieldError(
                                                                                    "mediaId",
                                                                                    "must be one of your images, or one made for this site")))));
                    return allowed.compose(v -> tx.preparedQuery(
                                            "UPDATE series SET " + slot.column
                                                    + " = $2, revision = revision + 1, updated_at = now() WHERE id = $1 RETURNING *")
                                    .execute(Tuple.of(seriesId, mediaId)))
                            .compose(rows -> {
                                Series series = new Series(rows.iterator().next());
                                Map<UUID, Integer> delta = new HashMap<>();
                                if (old != null) {
                                    delta.merge(old, -1, Integer::sum);
                                }
                                if (mediaId != null) {
                                    delta.merge(mediaId, 1, Integer::sum);
                                }
                                return MediaUse.count(tx, delta)
                                        .compose(x -> SeriesService.event(tx, "series.updated", series))
                                        .map(x -> series.toJson());
                            });
                }));
    }
}
