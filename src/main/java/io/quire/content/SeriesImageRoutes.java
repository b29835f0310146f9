package io.quire.content;

import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import java.util.UUID;

/** {@code PUT /series/:id/cover} and {@code /banner}: which uploaded image a series shows. */
public final class SeriesImageRoutes {
    private final SeriesImages images;

    public SeriesImageRoutes(SeriesImages images) {
        this.images = images;
    }

    public void mount(Api api) {
        for (SeriesImages.Slot slot : SeriesImages.Slot.values()) {
            String name = slot.name().toLowerCase();
            api.on(
                    Endpoint.put("/api/v1/series/{seriesId}/" + name)
                            .id(slot == SeriesImages.Slot.COVER ? "setSeriesCover" : "setSeriesBanner")
                            .tag("series")
                            .summary("Set the series' " + name + " to an uploaded image (mediaId null removes it)")
                            .description("Readers get it from /media/{mediaId}/public while the series is visible.")
                            .access(Access.signedIn())
                            .body(object().optional(
                                            "mediaId", nullable(uuid().description("Null (or left out) removes it"))))
                            .ok(ref("Series"))
                            .problems(403, 404),
                    call -> {
                        String media = call.body().getString("mediaId");
                        return images.set(
                                        call.user(),
                                        call.id("seriesId", "series.not_found"),
                                        slot,
                                        media == null ? null : UUID.fromString(media))
                                .map(Reply::ok);
                    });
        }
    }
}
