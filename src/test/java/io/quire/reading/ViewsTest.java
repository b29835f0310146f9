package io.quire.reading;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quire.analytics.AnalyticsClient;
import io.quire.analytics.rollup.RollupJob;
import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A series' viewCount and the popular sort come from the analytics rollups of the page views readers' clients
 * send; reading a chapter counts nothing on the hot path.
 */
class ViewsTest extends SharedApp {

    @Test
    void rolledUpPageViewsRankThePopularSort() throws Exception {
        Authoring.User author = fixtures.author();
        String site = fixtures.site(author).getString("id");
        String[] series = new String[3];
        String[] chapters = new String[3];
        for (int i = 0; i < 3; i++) {
            series[i] = fixtures.series(author, site).getString("id");
            ok(api.post("/api/v1/series/" + series[i] + "/publish", null, author.token()), 200);
            chapters[i] = fixtures.chapter(author, series[i], "One", "Once upon a time.")
                    .getString("id");
            ok(api.post("/api/v1/chapters/" + chapters[i] + "/publish", null, author.token()), 200);
        }
        // reads alone are not views
        ok(api.get("/api/v1/chapters/" + chapters[0] + "/read", null), 200);
        // series 1 viewed three times, series 2 once, series 0 never (a chapter start is not a page view)
        JsonArray events = new JsonArray();
        for (int i = 0; i < 3; i++) {
            events.add(AnalyticsClient.event("PAGE_VIEW").put("chapterId", chapters[1]));
        }
        events.add(AnalyticsClient.event("PAGE_VIEW").put("chapterId", chapters[2]));
        events.add(AnalyticsClient.event("CHAPTER_START").put("chapterId", chapters[0]));
        AnalyticsClient collector = new AnalyticsClient(app);
        ok(collector.post(collector.key(site, author), events), 202);
        new RollupJob(app.db).handle(null).await(30, TimeUnit.SECONDS);

        // popular: most viewed first, one page at a time with the cursor
        String base = "/api/v1/sites/" + site + "/series/public?sort=popular&limit=2";
        JsonObject first = ok(api.get(base, null), 200);
        assertEquals(List.of(series[1], series[2]), ids(first));
        assertEquals(3L, first.getJsonArray("data").getJsonObject(0).getLong("viewCount"));
        assertEquals(1L, first.getJsonArray("data").getJsonObject(1).getLong("viewCount"));
        JsonObject second = ok(api.get(base + "&cursor=" + first.getString("nextCursor"), null), 200);
        assertEquals(List.of(series[0]), ids(second));
        assertEquals(0L, second.getJsonArray("data").getJsonObject(0).getLong("viewCount"));
        assertEquals(null, second.getString("nextCursor"));

        // and each chapter's viewCount, for its authors
        assertEquals(
                3L,
                ok(api.get("/api/v1/chapters/" + chapters[1], author.token()), 200)
                        .getLong("viewCount"));
        assertEquals(
                0L,
                ok(api.get("/api/v1/chapters/" + chapters[0], author.token()), 200)
                        .getLong("viewCount"));

        // a cursor is bound to its sort
        JsonObject byTitle = ok(api.get("/api/v1/sites/" + site + "/series/public?sort=title&limit=1", null), 200);
        problem(api.get(base + "&cursor=" + byTitle.getString("nextCursor"), null), 400, "request.bad_cursor");
    }

    static List<String> ids(JsonObject page) {
        return page.getJsonArray("data").stream()
                .map(s -> ((JsonObject) s).getString("id"))
                .toList();
    }
}
