package io.quire.media;

import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import java.util.Locale;
import java.util.UUID;

/** Avatars (§2 /users/me/avatar) and site branding (§3 /sites/:siteId/branding/logo|favicon) from uploaded images. */
public final class ProfileImageRoutes {
    private static final String TAG = "media";

    private final ProfileImages images;

    public ProfileImageRoutes(ProfileImages images) {
        this.images = images;
    }

    public void mount(Api api) {
        api.on(
                Endpoint.post("/api/v1/users/me/avatar")
                        .id("setAvatar")
                        .tag(TAG)
                        .summary("Make one of my uploaded images my avatar (public from then on)")
                        .description("Upload it first (POST /media/upload); avatarUrl on my profile becomes its"
                                + " public URL. 422 media.image_not_usable for anything but a live image of mine.")
                        .access(Access.signedIn())
                        .body(object().required("mediaId", uuid()))
                        .ok(object().required("mediaId", nullable(uuid())).required("avatarUrl", nullable(string())))
                        .problems(422),
                call -> images.avatar(call.user(), UUID.fromString(call.body().getString("mediaId")))
                        .map(Reply::ok));
        api.on(
                Endpoint.delete("/api/v1/users/me/avatar")
                        .id("removeAvatar")
                        .tag(TAG)
                        .summary("Remove my avatar (the image stays in my library)")
                        .access(Access.signedIn())
                        .noContent(),
                call -> images.avatar(call.user(), null).map(v -> Reply.noContent()));
        for (ProfileImages.SiteSlot slot : ProfileImages.SiteSlot.values()) {
            String name = slot.name().toLowerCase(Locale.ROOT);
            String path = "/api/v1/sites/{siteId}/branding/" + name;
            String title = slot == ProfileImages.SiteSlot.LOGO ? "Logo" : "Favicon";
            api.on(
                    Endpoint.post(path)
                            .id("setSite" + title)
                            .tag(TAG)
                            .summary("Set the site's " + name + " to an uploaded image (public from then on)")
                            .description("The image must be the manager's own or one uploaded for this site (422"
                                    + " media.image_not_usable otherwise). Site managers only.")
                            .access(Access.signedIn())
                            .body(object().required("mediaId", uuid()))
                            .ok(object().required("mediaId", nullable(uuid())).required("url", nullable(string())))
                            .problems(403, 404, 422),
                    call -> images.siteImage(
                                    call.user(),
                                    call.id("siteId", "site.not_found"),
                                    slot,
                                    UUID.fromString(call.body().getString("mediaId")))
                            .map(Reply::ok));
            api.on(
                    Endpoint.delete(path)
                            .id("removeSite" + title)
                            .tag(TAG)
                            .summary("Remove the site's " + name + " (the image stays in the library)")
                            .access(Access.signedIn())
                            .noContent()
                            .problems(403, 404),
                    call -> images.siteImage(call.user(), call.id("siteId", "site.not_found"), slot, null)
                            .map(v -> Reply.noContent()));
        }
    }
}
