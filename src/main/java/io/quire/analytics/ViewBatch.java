package io.quire.analytics;

import io.quire.platform.bus.RequestAddress;
import java.util.List;
import java.util.UUID;

/**
 * Chapter reads an HTTP verticle counted since its last flush, summed per series, handed to the ingest verticle,
 * which answers with the number of series it took.
 */
public record ViewBatch(List<SeriesViews> views) {
  public static final RequestAddress<ViewBatch, Integer> ADDRESS =
      RequestAddress.of("quire.ingest.views", ViewBatch.class, Integer.class);

  /** {@code count} reads of chapters of one series. */
  public record SeriesViews(UUID seriesId, long count) {}
}
