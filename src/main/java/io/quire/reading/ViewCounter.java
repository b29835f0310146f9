package io.quire.reading;

import io.micrometer.core.instrument.Counter;
import io.quire.analytics.ViewBatch;
import io.quire.platform.bus.Bus;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts chapter reads without touching the database on the read path: each HTTP verticle instance adds them up
 * in memory (on its event loop, so no locking) and hands the sums to the ingest verticle once per flush interval.
 * If the ingest verticle cannot take them (not deployed here, or the database is down) they are kept for the
 * next flush, up to a bound past which new chapters are dropped and counted in {@code quire_views_dropped_total}:
 * view counts are statistics, not money.
 */
public final class ViewCounter {
  private static final Logger log = LoggerFactory.getLogger(ViewCounter.class);
  static final int MAX_CHAPTERS = 100_000;

  private record Key(UUID chapterId, UUID seriesId, UUID siteId) {}

  private final Bus bus;
  private final Counter dropped;
  private Map<Key, long[]> pending = new HashMap<>();

  public ViewCounter(Bus bus, Counter dropped) {
    this.bus = bus;
    this.dropped = dropped;
  }

  /** Flushes every {@code intervalMs} on the calling verticle's context (cancelled with it). */
  public ViewCounter start(Vertx vertx, long intervalMs) {
    vertx.setPeriodic(intervalMs, id -> flush());
    return this;
  }

  public void count(UUID chapterId, UUID seriesId, UUID siteId) {
    add(new Key(chapterId, seriesId, siteId), 1);
  }

  private void add(Key key, long n) {
    long[] sum = pending.get(key);
    if (sum != null) {
      sum[0] += n;
    } else if (pending.size() < MAX_CHAPTERS) {
      pending.put(key, new long[] {n});
    } else {
      dropped.increment(n);
    }
  }

  /** Hands what was counted to the ingest verticle; on failure the counts go back into the next batch. */
  public Future<Void> flush() {
    if (pending.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<Key, long[]> sending = pending;
    pending = new HashMap<>();
    List<ViewBatch.ChapterViews> views = new ArrayList<>(sending.size());
    sending.forEach((k, n) -> views.add(new ViewBatch.ChapterViews(k.chapterId(), k.seriesId(), k.siteId(), n[0])));
    return bus.request(ViewBatch.ADDRESS, new ViewBatch(views), 10_000).<Void>mapEmpty().recover(e -> {
      log.warn("view counts not written yet ({} chapters), keeping them for the next flush: {}", views.size(), e.getMessage());
      sending.forEach((k, n) -> add(k, n[0]));
      return Future.succeededFuture();
    });
  }
}
