package io.quire.reading;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.quire.testing.TestApp;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Chapter reads are counted off the hot path (HTTP verticle → ingest verticle → one write per batch) and rank the popular sort. */
class ViewsTest {

  long seriesViews(TestApp app, String seriesId) {
    try {
      var rows = app.db.preparedQuery("SELECT views FROM series_stats WHERE series_id = $1").execute(Tuple.of(UUID.fromString(seriesId)))
          .await(10, TimeUnit.SECONDS);
      return rows.size() == 0 ? 0 : rows.iterator().next().getLong("views");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void readsAreCountedAndRankThePopularSort() throws Exception {
    try (TestApp app = TestApp.builder().env("QUIRE_READING_VIEW_FLUSH_MILLIS", "100").start()) {
      Api api = new Api(app);
      Authoring fixtures = Authoring.in(app);
      Authoring.User author = fixtures.author();
      String site = fixtures.site(author).getString("id");
      String[] series = new String[3];
      String[] chapters = new String[3];
      for (int i = 0; i < 3; i++) {
        series[i] = fixtures.series(author, site).getString("id");
        ok(api.post("/api/v1/series/" + series[i] + "/publish", null, author.token()), 200);
        chapters[i] = fixtures.chapter(author, series[i], "One", "Once upon a time.").getString("id");
        ok(api.post("/api/v1/chapters/" + chapters[i] + "/publish", null, author.token()), 200);
      }
      // series 1 read three times (once answered 304), series 2 once, series 0 never; metadata is not a read
      String etag = api.get("/api/v1/chapters/" + chapters[1] + "/read", null).getHeader("ETag");
      assertNotNull(etag);
      ok(api.get("/api/v1/chapters/" + chapters[1] + "/read", fixtures.reader().token()), 200);
      assertEquals(304, app.client.get("/api/v1/chapters/" + chapters[1] + "/read").putHeader("If-None-Match", etag).send()
          .await(10, TimeUnit.SECONDS).statusCode());
      ok(api.get("/api/v1/chapters/" + chapters[2] + "/read", null), 200);
      ok(api.get("/api/v1/chapters/" + chapters[0] + "/public", null), 200);
      problem(api.get("/api/v1/chapters/" + UUID.randomUUID() + "/read", null), 404, "chapter.not_found");

      Eventually.await(() -> seriesViews(app, series[1]) == 3 && seriesViews(app, series[2]) == 1, 10_000, "the views to be written");
      assertEquals(0, seriesViews(app, series[0]));

      // popular: most viewed first, one page at a time with the cursor
      String base = "/api/v1/sites/" + site + "/series/public?sort=popular&limit=2";
      JsonObject first = ok(api.get(base, null), 200);
      assertEquals(List.of(series[1], series[2]), ids(first));
      assertEquals(3L, first.getJsonArray("data").getJsonObject(0).getLong("viewCount"));
      JsonObject second = ok(api.get(base + "&cursor=" + first.getString("nextCursor"), null), 200);
      assertEquals(List.of(series[0]), ids(second));
      assertEquals(null, second.getString("nextCursor"));

      // a cursor is bound to its sort
      JsonObject byTitle = ok(api.get("/api/v1/sites/" + site + "/series/public?sort=title&limit=1", null), 200);
      problem(api.get(base + "&cursor=" + byTitle.getString("nextCursor"), null), 400, "request.bad_cursor");
    }
  }

  static List<String> ids(JsonObject page) {
    return page.getJsonArray("data").stream().map(s -> ((JsonObject) s).getString("id")).toList();
  }
}
