package io.quire.analytics;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest verticle's side of view counting: merges the batches every HTTP verticle hands over and writes the
 * sums once per interval in one statement — per chapter per UTC day, and per series in total. Merging first
 * matters: under a read load spread over many chapters, each chapter row is written once per interval rather than
 * once per HTTP verticle per interval. Rows are taken in id order so two processes writing the same chapters
 * wait for each other instead of deadlocking; chapters purged since they were read are skipped. Counts taken but
 * not yet written (at most one interval's worth) die with the process unless it stops gracefully.
 */
public final class ViewWriter {
  private static final Logger log = LoggerFactory.getLogger(ViewWriter.class);
  static final int MAX_CHAPTERS = 200_000;
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
  /** chapter → (series, site, count); touched only on the ingest verticle's event loop. */
  private Map<UUID, ViewBatch.ChapterViews> pending = new HashMap<>();
  private Future<Void> writing = Future.succeededFuture();

  public ViewWriter(Pool pool) {
    this.pool = pool;
  }

  /** Writes what is pending every {@code intervalMs}, on the calling verticle's context. */
  public ViewWriter start(Vertx vertx, long intervalMs) {
    vertx.setPeriodic(intervalMs, id -> write());
    return this;
  }

  /** Takes a batch into the pending sums; answers how many chapters it named. */
  public Future<Integer> accept(ViewBatch batch) {
    for (ViewBatch.ChapterViews v : batch.views()) {
      merge(v);
    }
    return Future.succeededFuture(batch.views().size());
  }

  private void merge(ViewBatch.ChapterViews v) {
    ViewBatch.ChapterViews old = pending.get(v.chapterId());
    if (old != null) {
      pending.put(v.chapterId(), new ViewBatch.ChapterViews(v.chapterId(), v.seriesId(), v.siteId(), old.count() + v.count()));
    } else if (pending.size() < MAX_CHAPTERS) {
      pending.put(v.chapterId(), v);
    }
  }

  /** Writes the pending sums (after any write still running); on failure they stay pending for the next round. */
  public Future<Void> write() {
    writing = writing.eventually(() -> {
      if (pending.isEmpty()) {
        return Future.succeededFuture();
      }
      Map<UUID, ViewBatch.ChapterViews> sending = pending;
      pending = new HashMap<>();
      List<ViewBatch.ChapterViews> views = new ArrayList<>(sending.values());
      views.sort(java.util.Comparator.comparing(ViewBatch.ChapterViews::chapterId));
      Tuple args = Tuple.of(
          views.stream().map(ViewBatch.ChapterViews::chapterId).toArray(UUID[]::new),
          views.stream().map(ViewBatch.ChapterViews::seriesId).toArray(UUID[]::new),
          views.stream().map(ViewBatch.ChapterViews::siteId).toArray(UUID[]::new),
          views.stream().map(ViewBatch.ChapterViews::count).toArray(Long[]::new));
      return pool.preparedQuery(UPSERT).execute(args).<Void>mapEmpty().recover(e -> {
        log.warn("view counts not written ({} chapters), keeping them for the next round: {}", views.size(), e.getMessage());
        views.forEach(this::merge);
        return Future.succeededFuture();
      });
    });
    return writing;
  }
}
