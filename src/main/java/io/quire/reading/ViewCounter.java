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
 * per series in memory (on its event loop, so no locking; a few hundred hot keys rather than one per chapter, which
 * showed in latency when a flush carried 20,000 chapters) and hands the sums to the ingest verticle once per flush
 * interval.
 * If the ingest verticle cannot take them (not deployed here, or the database is down) they are kept for the
 * next flush, up to a bound past which new series are dropped and counted in {@code quire_views_dropped_total}:
 * view counts are statistics, not money.
 */
public final class ViewCounter {
  private static final Logger log = LoggerFactory.getLogger(ViewCounter.class);
  static final int MAX_SERIES = 100_000;

  private final Bus bus;
  private final Counter dropped;
  private Map<UUID, long[]> pending = new HashMap<>();

  public ViewCounter(Bus bus, Counter dropped) {
    this.bus = bus;
    this.dropped = dropped;
  }

  /** Flushes every {@code intervalMs} on the calling verticle's context (cancelled with it). */
  public ViewCounter start(Vertx vertx, long intervalMs) {
    vertx.setPeriodic(intervalMs, id -> flush());
    return this;
  }

  /** One read of a chapter of {@code seriesId}. */
  public void count(UUID seriesId) {
    add(seriesId, 1);
  }

  private void add(UUID seriesId, long n) {
    long[] sum = pending.get(seriesId);
    if (sum != null) {
      sum[0] += n;
    } else if (pending.size() < MAX_SERIES) {
      pending.put(seriesId, new long[] {n});
    } else {
      dropped.increment(n);
    }
  }

  /** Hands what was counted to the ingest verticle; on failure the counts go back into the next batch. */
  public Future<Void> flush() {
    if (pending.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<UUID, long[]> sending = pending;
    pending = new HashMap<>();
    List<ViewBatch.SeriesViews> views = new ArrayList<>(sending.size());
    sending.forEach((id, n) -> views.add(new ViewBatch.SeriesViews(id, n[0])));
    return bus.request(ViewBatch.ADDRESS, new ViewBatch(views), 10_000).<Void>mapEmpty().recover(e -> {
      log.warn("view counts not handed over yet ({} series), keeping them for the next flush: {}", views.size(), e.getMessage());
      views.forEach(v -> add(v.seriesId(), v.count()));
      return Future.succeededFuture();
    });
  }
}
