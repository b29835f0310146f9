package io.quire.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.client.api.AuthApi;
import io.quire.client.api.AuthorsApi;
import io.quire.client.api.ChaptersApi;
import io.quire.client.api.ReadingApi;
import io.quire.client.api.SeriesApi;
import io.quire.client.api.SitesApi;
import io.quire.client.model.BecomeAuthorRequest;
import io.quire.client.model.ChapterRead;
import io.quire.client.model.CreateChapterRequest;
import io.quire.client.model.CreateSeriesRequest;
import io.quire.client.model.CreateSiteRequest;
import io.quire.client.model.RegisterRequest;
import io.quire.client.model.Site;
import io.quire.testing.TestApp;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Java client openapi-generator wrote from this build's /openapi.json (see the pom), used as a client developer
 * would: register, become an author, create a site, a series and a chapter, publish them and read the chapter.
 */
class GeneratedClientTest {
    @Test
    void aGeneratedClientRegistersPublishesAndReads() throws Exception {
        try (TestApp app = TestApp.start()) {
            ApiClient anonymous = client(app, null);
            String name = "gen" + UUID.randomUUID().toString().substring(0, 8);
            var tokens = new AuthApi(anonymous)
                    .register(new RegisterRequest()
                            .email(name + "@example.com")
                            .password("velvet-orbit-71-canyon-drift")
                            .username(name));
            assertNotNull(tokens.getAccessToken());
            var author = new AuthorsApi(client(app, tokens.getAccessToken())).becomeAuthor(new BecomeAuthorRequest());
            ApiClient signedIn = client(app, author.getAccessToken());

            Site site = new SitesApi(signedIn)
                    .createSite(new CreateSiteRequest().name("Generated").isPublic(true));
            assertEquals("Generated", site.getName());
            var series = new SeriesApi(signedIn)
                    .createSeries(site.getId(), new CreateSeriesRequest().title("Made by a client"));
            UUID seriesId = UUID.fromString(series.getId());
            new SeriesApi(signedIn).publishSeries(seriesId, new io.quire.client.model.PublishSeriesRequest());
            var chapter = new ChaptersApi(signedIn)
                    .createChapter(
                            seriesId,
                            new CreateChapterRequest().title("One").content("The first paragraph.\n\nThe second."));
            UUID chapterId = UUID.fromString(chapter.getId());
            new ChaptersApi(signedIn).publishChapter(chapterId);

            ChapterRead read = new ReadingApi(anonymous).readChapter(chapterId, null);
            assertFalse(read.getLocked());
            assertTrue(read.getContentHtml().contains("The second."), read.getContentHtml());
        }
    }

    private static ApiClient client(TestApp app, String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://127.0.0.1:" + app.port);
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }
}
