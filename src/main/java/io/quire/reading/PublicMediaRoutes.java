package io.quire.reading;

import static io.quire.platform.api.Schema.string;

import io.quire.media.MediaService;
import io.quire.media.Ranges;
import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.auth.Authz;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.storage.Storage;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Media for readers: covers, banners and chapter pages, each only while the thing it belongs to may be read. */
public final class PublicMediaRoutes {
    private static final Set<String> VARIANTS = Set.of("original", "thumb", "medium", "large");

    private final PublicMedia access;
    private final MediaService media;
    private final Storage storage;

    public PublicMediaRoutes(PublicMedia access, MediaService media, Storage storage) {
        this.access = access;
        this.media = media;
        this.storage = storage;
    }

    public void mount(Api api) {
        api.raw(
                Endpoint.get("/api/v1/media/{fileId}/public")
                        .id("readMedia")
                        .tag("reading")
                        .summary("A cover, banner or chapter page for readers (or ?variant=thumb|medium|large)")
                        .description("Public (shared caches may keep it) while the series is visible, the chapter free"
                                + " or the page one of its preview pages; a locked chapter's other pages go only to"
                                + " entitled readers (private, no-store); otherwise 404. Range and If-None-Match as"
                                + " for downloads.")
                        .access(Access.anyone())
                        .query("variant", string().oneOf("original", "thumb", "medium", "large"), "default original")
                        .okAs(200, "application/octet-stream", "The image (its own Content-Type)")
                        .okAs(206, "application/octet-stream", "The requested range")
                        .conditional()
                        .problems(404, 416),
                this::read);
    }

    private void read(RoutingContext ctx) {
        UUID id = PathParams.uuid(ctx, "fileId", "media.not_found");
        String variant = ctx.request().getParam("variant");
        if (variant != null && !VARIANTS.contains(variant)) {
            ctx.fail(new ApiException.Validation(
                    "request.invalid",
                    "Some fields are invalid.",
                    List.of(new ApiException.FieldError("variant", "must be original, thumb, medium or large"))));
            return;
        }
        access.decide(Authz.principal(ctx), id)
                .compose(cache -> media.storedForAnyone(id, variant)
                        .compose(file -> Ranges.send(ctx, storage, file, false, cache)))
                .onFailure(ctx::fail);
    }
}
