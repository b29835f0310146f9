package io.quire.reading;

import static io.quire.testing.Api.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.TestApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every public metadata GET has a strong ETag, answers a matching If-None-Match with an empty 304, and the configured Cache-Control. */
class PublicEtagTest {

    HttpResponse<Buffer> get(TestApp app, String path, String ifNoneMatch) throws Exception {
        var request = app.client.get(path);
        if (ifNoneMatch != null) {
            request.putHeader("If-None-Match", ifNoneMatch);
        }
        return request.send().await(10, TimeUnit.SECONDS);
    }

    @Test
    void publicLookupsAndListsRoundTripTheirEtags() throws Exception {
        try (TestApp app = TestApp.builder()
                .env("QUIRE_READING_PUBLIC_MAX_AGE_SECONDS", "17")
                .env("QUIRE_READING_STALE_WHILE_REVALIDATE_SECONDS", "99")
                .start()) {
            Api api = new Api(app);
            Authoring fixtures = Authoring.in(app);
            Authoring.User owner = fixtures.author();
            JsonObject site = fixtures.site(owner);
            String siteId = site.getString("id");
            ok(
                    api.patch(
                            "/api/v1/sites/" + siteId,
                            new JsonObject().put("customDomain", "etags.example.com"),
                            owner.token()),
                    200);
            JsonObject series = fixtures.series(owner, siteId);
            ok(api.post("/api/v1/series/" + series.getString("id") + "/publish", null, owner.token()), 200);
            String page = ok(
                            api.post(
                                    "/api/v1/sites/" + siteId + "/pages",
                                    new JsonObject().put("title", "About"),
                                    owner.token()),
                            201)
                    .getString("id");
            ok(api.post("/api/v1/sites/" + siteId + "/pages/" + page + "/publish", null, owner.token()), 200);

            List<String> paths = List.of(
                    "/api/v1/sites/by-slug/" + site.getString("slug"),
                    "/api/v1/sites/by-domain/etags.example.com",
                    "/api/v1/sites/" + siteId + "/public",
                    "/api/v1/sites/" + siteId + "/series/public",
                    "/api/v1/sites/" + siteId + "/series/by-slug/" + series.getString("slug"),
                    "/api/v1/series/" + series.getString("id") + "/public",
                    "/api/v1/sites/" + siteId + "/pages/by-slug/about",
                    "/api/v1/genres",
                    "/api/v1/tags");
            for (String path : paths) {
                HttpResponse<Buffer> first = get(app, path, null);
                assertEquals(200, first.statusCode(), path);
                String etag = first.getHeader("ETag");
                assertTrue(etag != null && etag.matches("\"[A-Za-z0-9_-]{22}\""), path + ": " + etag);
                assertEquals("public, max-age=17, stale-while-revalidate=99", first.getHeader("Cache-Control"), path);
                for (String validator : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
                    HttpResponse<Buffer> again = get(app, path, validator);
                    assertEquals(304, again.statusCode(), path + " with " + validator);
                    assertEquals(0, again.body() == null ? 0 : again.body().length(), path);
                    assertEquals(etag, again.getHeader("ETag"), path);
                }
                assertEquals(200, get(app, path, "\"stale\"").statusCode(), path);
            }

            // a change makes a new tag: the old copy is no longer current
            String before = get(app, paths.get(0), null).getHeader("ETag");
            ok(
                    api.patch(
                            "/api/v1/sites/" + siteId,
                            new JsonObject().put("tagline", "now with a tagline"),
                            owner.token()),
                    200);
            HttpResponse<Buffer> after = get(app, paths.get(0), before);
            assertEquals(200, after.statusCode());
            assertNotEquals(before, after.getHeader("ETag"));
            assertEquals("now with a tagline", after.bodyAsJsonObject().getString("tagline"));
        }
    }
}
