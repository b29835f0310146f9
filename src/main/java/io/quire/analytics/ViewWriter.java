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
 * sums once per interval in one statement to {@code series_stats}. Merging first matters: each series row is
 * written once per interval, not once per HTTP verticle per interval. Rows are taken in id order so two
 * processes writing the same series wait for each other instead of deadlocking; series purged since they were
 * read are skipped. Counts taken but not yet written (at most one interval's worth) die with the process unless
 * it stops gracefully.
 */
public final class ViewWriter {
  private static final Logger log = LoggerFactory.getLogger(ViewWriter.class);
  static final int MAX_SERIES = 200_000;
  static final String UPSERT = """
      INSERT INTO series_stats AS s (series_id, views)
      SELECT t.series_id, t.n FROM unnest($1::uuid[], $2::bigint[]) AS t(series_id, n)
        JOIN series se ON se.id = t.series_id
       ORDER BY t.series_id
      ON CONFLICT (series_id) DO UPDATE SET views = s.views + EXCLUDED.views, updated_at = now()
      """;

  private final Pool pool;
  /** series → count; touched only on the ingest verticle's event loop. */
  private Map<UUID, long[]> pending = new HashMap<>();
  private Future<Void> writing = Future.succeededFuture();

  public ViewWriter(Pool pool) {
    this.pool = pool;
  }

  /** Writes what is pending every {@code intervalMs}, on the calling verticle's context. */
  public ViewWriter start(Vertx vertx, long intervalMs) {
    vertx.setPeriodic(intervalMs, id -> write());
    return this;
  }

  /** Takes a batch into the pending sums; answers how many series it named. */
  public Future<Integer> accept(ViewBatch batch) {
    for (ViewBatch.SeriesViews v : batch.views()) {
      merge(v.seriesId(), v.count());
    }
    return Future.succeededFuture(batch.views().size());
  }

  private void merge(UUID seriesId, long count) {
    long[] sum = pending.get(seriesId);
    if (sum != null) {
      sum[0] += count;
    } else if (pending.size() < MAX_SERIES) {
      pending.put(seriesId, new long[] {count});
    }
  }

  /** Writes the pending sums (after any write still running); on failure they stay pending for the next round. */
  public Future<Void> write() {
    writing = writing.eventually(() -> {
      if (pending.isEmpty()) {
        return Future.succeededFuture();
      }
      Map<UUID, long[]> sending = pending;
      pending = new HashMap<>();
      List<UUID> ids = new ArrayList<>(sending.keySet());
      ids.sort(null);
      Tuple args = Tuple.tuple().addArrayOfUUID(ids.toArray(UUID[]::new))
          .addArrayOfLong(ids.stream().map(id -> sending.get(id)[0]).toArray(Long[]::new));
      return pool.preparedQuery(UPSERT).execute(args).<Void>mapEmpty().recover(e -> {
        log.warn("view counts not written ({} series), keeping them for the next round: {}", ids.size(), e.getMessage());
        sending.forEach((id, n) -> merge(id, n[0]));
        return Future.succeededFuture();
      });
    });
    return writing;
  }
}
