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

  /** Where a chapter belongs, and its reads so far. */
  private static final class Count {
    final UUID seriesId;
    final UUID siteId;
    long n;

    Count(UUID seriesId, UUID siteId, long n) {
      this.seriesId = seriesId;
      this.siteId = siteId;
      this.n = n;
    }
  }

  private final Bus bus;
  private final Counter dropped;
  private Map<UUID, Count> pending = new HashMap<>();

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
    add(chapterId, seriesId, siteId, 1);
  }

  private void add(UUID chapterId, UUID seriesId, UUID siteId, long n) {
    Count count = pending.get(chapterId);
    if (count != null) {
      count.n += n;
    } else if (pending.size() < MAX_CHAPTERS) {
      pending.put(chapterId, new Count(seriesId, siteId, n));
    } else {
      dropped.increment(n);
    }
  }

  /** Hands what was counted to the ingest verticle; on failure the counts go back into the next batch. */
  public Future<Void> flush() {
    if (pending.isEmpty()) {
      return Future.succeededFuture();
    }
    Map<UUID, Count> sending = pending;
    pending = new HashMap<>();
    List<ViewBatch.ChapterViews> views = new ArrayList<>(sending.size());
    sending.forEach((id, c) -> views.add(new ViewBatch.ChapterViews(id, c.seriesId, c.siteId, c.n)));
    return bus.request(ViewBatch.ADDRESS, new ViewBatch(views), 10_000).<Void>mapEmpty().recover(e -> {
      log.warn("view counts not written yet ({} chapters), keeping them for the next flush: {}", views.size(), e.getMessage());
      views.forEach(v -> add(v.chapterId(), v.seriesId(), v.siteId(), v.count()));
      return Future.succeededFuture();
    });
  }
}
