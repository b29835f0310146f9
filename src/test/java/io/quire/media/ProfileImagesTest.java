package io.quire.media;

import static io.quire.media.Samples.png;
import static io.quire.testing.Api.fieldError;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Avatars and site logos and favicons from uploaded images: public once set, a use of the file while set. */
class ProfileImagesTest {
    private static TestApp app;
    private static Api api;
    private static Authoring fixtures;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        api = new Api(app);
        fixtures = Authoring.in(app);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void anAvatarIsPublicWhileSetAndItsFileInUse() throws Exception {
        Authoring.User reader = fixtures.reader();
        String image = upload(reader, png(96, 96));
        assertEquals(404, anonymous(image).statusCode(), "private until it is an avatar");

        JsonObject set =
                ok(api.post("/api/v1/users/me/avatar", new JsonObject().put("mediaId", image), reader.token()), 200);
        assertTrue(set.getString("avatarUrl").endsWith("/api/v1/media/" + image + "/public"), set.encode());
        assertEquals(
                set.getString("avatarUrl"),
                ok(api.get("/api/v1/users/me", reader.token()), 200).getString("avatarUrl"));
        HttpResponse<Buffer> served = anonymous(image);
        assertEquals(200, served.statusCode());
        assertEquals("public, max-age=3600", served.getHeader("Cache-Control"));
        assertEquals(
                1, ok(api.get("/api/v1/media/" + image, reader.token()), 200).getInteger("usageCount"));
        problem(api.delete("/api/v1/media/" + image, reader.token()), 409, "media.in_use");

        Authoring.User other = fixtures.reader();
        JsonObject notYours = problem(
                api.post("/api/v1/users/me/avatar", new JsonObject().put("mediaId", image), other.token()),
                422,
                "media.image_not_usable");
        assertEquals("must be one of your images", fieldError(notYours, "mediaId"));
        problem(
                api.post("/api/v1/users/me/avatar", new JsonObject().put("mediaId", "nope"), reader.token()),
                422,
                "request.invalid");

        assertEquals(204, api.delete("/api/v1/users/me/avatar", reader.token()).statusCode());
        assertNull(ok(api.get("/api/v1/users/me", reader.token()), 200).getString("avatarUrl"));
        assertEquals(404, anonymous(image).statusCode(), "private again");
        assertEquals(
                0, ok(api.get("/api/v1/media/" + image, reader.token()), 200).getInteger("usageCount"));
    }

    @Test
    void aSiteLogoAndFaviconAreSetByItsManagers() throws Exception {
        Authoring.User owner = fixtures.author();
        JsonObject site = fixtures.site(owner);
        String siteId = site.getString("id");
        String logo = upload(owner, png(400, 100));
        String icon = upload(owner, png(32, 32));

        JsonObject set = ok(
                api.post(
                        "/api/v1/sites/" + siteId + "/branding/logo",
                        new JsonObject().put("mediaId", logo),
                        owner.token()),
                200);
        assertEquals(logo, set.getString("mediaId"));
        ok(
                api.post(
                        "/api/v1/sites/" + siteId + "/branding/favicon",
                        new JsonObject().put("mediaId", icon),
                        owner.token()),
                200);
        JsonObject shown = ok(api.get("/api/v1/sites/by-slug/" + site.getString("slug"), null), 200);
        assertEquals(logo, shown.getString("logoMediaId"));
        assertEquals(icon, shown.getString("faviconMediaId"));
        assertEquals(200, anonymous(logo).statusCode());
        assertEquals(200, anonymous(icon).statusCode());

        Authoring.User stranger = fixtures.author();
        String theirs = upload(stranger, png(50, 50));
        problem(
                api.post(
                        "/api/v1/sites/" + siteId + "/branding/logo",
                        new JsonObject().put("mediaId", theirs),
                        stranger.token()),
                404,
                "site.not_found");
        JsonObject refused = problem(
                api.post(
                        "/api/v1/sites/" + siteId + "/branding/logo",
                        new JsonObject().put("mediaId", theirs),
                        owner.token()),
                422,
                "media.image_not_usable");
        assertEquals("must be one of your images, or one made for this site", fieldError(refused, "mediaId"));

        assertEquals(
                204,
                api.delete("/api/v1/sites/" + siteId + "/branding/logo", owner.token())
                        .statusCode());
        assertNull(ok(api.get("/api/v1/sites/" + siteId, owner.token()), 200).getString("logoMediaId"));
        assertEquals(404, anonymous(logo).statusCode());
    }

    private static HttpResponse<Buffer> anonymous(String id) throws Exception {
        return app.client.get("/api/v1/media/" + id + "/public").send().await(10, TimeUnit.SECONDS);
    }

    private static String upload(Authoring.User user, byte[] data) throws Exception {
        String boundary = "profile-boundary";
        Buffer body = Buffer.buffer()
                .appendString("--" + boundary
                        + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"i.png\"\r\n\r\n")
                .appendBytes(data)
                .appendString("\r\n--" + boundary + "--\r\n");
        return ok(
                        app.client
                                .post("/api/v1/media/upload")
                                .putHeader("Authorization", "Bearer " + user.token())
                                .putHeader("Content-Type", "multipart/form-data; boundary=" + boundary)
                                .sendBuffer(body)
                                .await(30, TimeUnit.SECONDS),
                        201)
                .getString("id");
    }
}
