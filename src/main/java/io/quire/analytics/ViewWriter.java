package io.quire.analytics;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Writes a batch of chapter reads in one statement: per chapter per UTC day, and per series in total. Rows are
 * taken in id order so two batches touching the same chapters wait for each other instead of deadlocking;
 * chapters purged since they were read are skipped.
 */
public final class ViewWriter {
  static final String UPSERT = """
      WITH v AS (
        SELECT t.chapter_id, t.series_id, t.site_id, t.n
          FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::bigint[]) AS t(chapter_id, series_id, site_id, n)
          JOIN chapters c ON c.id = t.chapter_id
      ), days AS (
        INSERT INTO chapter_view_days AS d (chapter_id, day, series_id, site_id, views)
        SELECT chapter_id, (now() AT TIME ZONE 'UTC')::date, series_id, site_id, n FROM v ORDER BY chapter_id
        ON CONFLICT (chapter_id, day) DO UPDATE SET views = d.views + EXCLUDED.views
      )
      INSERT INTO series_stats AS s (series_id, views)
      SELECT v.series_id, sum(v.n) FROM v JOIN series se ON se.id = v.series_id GROUP BY v.series_id ORDER BY v.series_id
      ON CONFLICT (series_id) DO UPDATE SET views = s.views + EXCLUDED.views, updated_at = now()
      """;

  private final Pool pool;

  public ViewWriter(Pool pool) {
    this.pool = pool;
  }

  /** Commits the batch; answers how many chapters it named. */
  public Future<Integer> write(ViewBatch batch) {
    List<ViewBatch.ChapterViews> views = batch.views().stream()
        .sorted(Comparator.comparing(ViewBatch.ChapterViews::chapterId)).toList();
    if (views.isEmpty()) {
      return Future.succeededFuture(0);
    }
    Tuple args = Tuple.of(
        views.stream().map(ViewBatch.ChapterViews::chapterId).toArray(UUID[]::new),
        views.stream().map(ViewBatch.ChapterViews::seriesId).toArray(UUID[]::new),
        views.stream().map(ViewBatch.ChapterViews::siteId).toArray(UUID[]::new),
        views.stream().map(ViewBatch.ChapterViews::count).toArray(Long[]::new));
    return pool.preparedQuery(UPSERT).execute(args).map(rows -> views.size());
  }
}
