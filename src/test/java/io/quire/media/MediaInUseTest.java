package io.quire.media;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.quire.testing.SharedApp;
import io.quire.testing.Subscriptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Media where readers meet it: comic pages in the chapter's read answer and behind the paywall (a locked chapter
 * shows its preview pages to everyone, the rest only to entitled readers, never to shared caches), series covers,
 * and images in use refused deletion without a force.
 */
class MediaInUseTest extends SharedApp {
    private static final String BOUNDARY = "in-use-boundary";

    @Test
    void comicPagesFollowThePaywallAndCoversFollowTheSeries() throws Exception {
        Authoring.User author = fixtures.author();
        String site = fixtures.site(author).getString("id");
        String series = fixtures.series(author, site).getString("id");
        ok(api.post("/api/v1/series/" + series + "/publish", null, author.token()), 200);
        List<String> images = List.of(image(author), image(author), image(author), image(author), image(author));
        String free = fixtures.chapter(author, series, "Free pages", "").getString("id");
        String locked = fixtures.chapter(author, series, "Locked pages", "").getString("id");
        fixtures.forSubscribers(author, locked);
        JsonArray set = ok(
                        api.put(
                                "/api/v1/chapters/" + free + "/pages",
                                pages(images.get(0), images.get(1)),
                                author.token()),
                        200)
                .getJsonArray("data");
        assertEquals(2, set.size());
        assertEquals(images.get(1), set.getJsonObject(1).getString("mediaId"));
        assertEquals(1, set.getJsonObject(1).getInteger("position"));
        ok(
                api.put(
                        "/api/v1/chapters/" + locked + "/pages",
                        pages(images.get(2), images.get(3), images.get(4)),
                        author.token()),
                200);
        for (String id : List.of(free, locked)) {
            ok(api.post("/api/v1/chapters/" + id + "/publish", null, author.token()), 200);
        }

        // someone else's image, someone else's chapter
        Authoring.User other = fixtures.author();
        String theirs = image(other);
        problem(
                api.put("/api/v1/chapters/" + free + "/pages", pages(theirs), author.token()),
                422,
                "chapter.page_not_usable");
        problem(api.put("/api/v1/chapters/" + free + "/pages", pages(theirs), other.token()), 404, "chapter.not_found");

        // the free chapter: every page, public
        JsonArray freePages =
                ok(api.get("/api/v1/chapters/" + free + "/read", null), 200).getJsonArray("pages");
        assertEquals(2, freePages.size());
        HttpResponse<Buffer> page = fetch(freePages.getJsonObject(0).getString("url"), null);
        assertEquals(200, page.statusCode());
        assertEquals("image/png", page.getHeader("Content-Type"));
        assertEquals("public, max-age=3600", page.getHeader("Cache-Control"));

        // the locked chapter: its preview page for anyone, the others only for a subscriber, privately
        JsonObject anonymous = ok(api.get("/api/v1/chapters/" + locked + "/read", null), 200);
        assertTrue(anonymous.getBoolean("locked"));
        JsonArray preview = anonymous.getJsonArray("pages");
        assertEquals(1, preview.size(), "3 pages: one preview page (at most half)");
        assertEquals(images.get(2), preview.getJsonObject(0).getString("mediaId"));
        assertEquals(200, fetch(preview.getJsonObject(0).getString("url"), null).statusCode());
        String lockedPage = "/api/v1/media/" + images.get(3) + "/public";
        Authoring.User reader = fixtures.reader();
        problem(fetch(lockedPage, null), 404, "media.not_found");
        problem(fetch(lockedPage, reader.token()), 404, "media.not_found");
        problem(fetch(lockedPage + "?variant=thumb", reader.token()), 404, "media.not_found");
        Authoring.User subscriber = fixtures.reader();
        Subscriptions.active(app.db, subscriber.id(), site, author.id(), fixtures.tier(author, site));
        HttpResponse<Buffer> paid = fetch(lockedPage, subscriber.token());
        assertEquals(200, paid.statusCode());
        assertEquals("private, no-store", paid.getHeader("Cache-Control"), "never kept by a shared cache");
        assertEquals(
                3,
                ok(api.get("/api/v1/chapters/" + locked + "/read", subscriber.token()), 200)
                        .getJsonArray("pages")
                        .size());
        problem(fetch("/api/v1/media/" + theirs + "/public", null), 404, "media.not_found");
        problem(fetch("/api/v1/media/" + UUID.randomUUID() + "/public", null), 404, "media.not_found");

        // reordered: readers see the new order within a second
        ok(api.put("/api/v1/chapters/" + free + "/pages", pages(images.get(1), images.get(0)), author.token()), 200);
        Eventually.await(
                () -> ok(api.get("/api/v1/chapters/" + free + "/read", null), 200)
                        .getJsonArray("pages")
                        .getJsonObject(0)
                        .getString("mediaId")
                        .equals(images.get(1)),
                5_000,
                "the cached chapter evicted");

        // a cover: public while the series is visible
        String cover = image(author);
        problem(fetch("/api/v1/media/" + cover + "/public", null), 404, "media.not_found");
        JsonObject withCover = ok(
                api.put("/api/v1/series/" + series + "/cover", new JsonObject().put("mediaId", cover), author.token()),
                200);
        assertEquals(cover, withCover.getString("coverMediaId"));
        assertEquals(
                cover,
                ok(api.get("/api/v1/series/" + series + "/public", null), 200).getString("coverMediaId"));
        assertEquals(200, fetch("/api/v1/media/" + cover + "/public", null).statusCode());
        problem(
                api.put(
                        "/api/v1/series/" + series + "/banner",
                        new JsonObject().put("mediaId", theirs),
                        author.token()),
                422,
                "series.image_not_usable");
        problem(
                api.put("/api/v1/series/" + series + "/cover", new JsonObject().put("mediaId", cover), other.token()),
                404,
                "series.not_found");

        // in use: deleting needs a force
        assertEquals(
                1, ok(api.get("/api/v1/media/" + cover, author.token()), 200).getInteger("usageCount"));
        problem(api.delete("/api/v1/media/" + cover, author.token()), 409, "media.in_use");
        ok(api.put("/api/v1/series/" + series + "/cover", new JsonObject().putNull("mediaId"), author.token()), 200);
        assertEquals(
                0, ok(api.get("/api/v1/media/" + cover, author.token()), 200).getInteger("usageCount"));
        problem(fetch("/api/v1/media/" + cover + "/public", null), 404, "media.not_found");
        assertEquals(204, api.delete("/api/v1/media/" + cover, author.token()).statusCode());
        assertEquals(
                409,
                api.delete("/api/v1/media/" + images.get(0), author.token()).statusCode());
        assertEquals(
                204,
                api.delete("/api/v1/media/" + images.get(0) + "?force=true", author.token())
                        .statusCode());
    }

    private static JsonObject pages(String... ids) {
        JsonArray list = new JsonArray();
        for (String id : ids) {
            list.add(new JsonObject().put("mediaId", id));
        }
        return new JsonObject().put("pages", list);
    }

    private static HttpResponse<Buffer> fetch(String url, String token) throws Exception {
        String path = url.startsWith("http") ? url.substring(url.indexOf("/api/v1/")) : url;
        var request = app.client.get(path);
        if (token != null) {
            request.putHeader("Authorization", "Bearer " + token);
        }
        return request.send().await(10, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** A small PNG of {@code user}'s: its id. */
    private static String image(Authoring.User user) throws Exception {
        BufferedImage img = new BufferedImage(60, 80, BufferedImage.TYPE_INT_RGB);
        img.setRGB(1, 1, (int) (Math.random() * 0xffffff)); // each one different bytes
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        Buffer body = Buffer.buffer()
                .appendString(
                        "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"page.png\"\r\n"
                                + "Content-Type: image/png\r\n\r\n")
                .appendBytes(out.toByteArray())
                .appendString("\r\n--" + BOUNDARY + "--\r\n");
        return ok(
                        app.client
                                .post("/api/v1/media/upload")
                                .putHeader("Authorization", "Bearer " + user.token())
                                .putHeader("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                                .sendBuffer(body)
                                .await(10, java.util.concurrent.TimeUnit.SECONDS),
                        201)
                .getString("id");
    }
}
