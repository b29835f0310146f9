package io.quire.analytics;

import io.quire.platform.bus.RequestAddress;
import java.util.List;
import java.util.UUID;

/**
 * Chapter reads an HTTP verticle counted since its last flush, handed to the ingest verticle, which answers with
 * the number of chapters written once the counts are committed.
 */
public record ViewBatch(List<ChapterViews> views) {
  public static final RequestAddress<ViewBatch, Integer> ADDRESS =
      RequestAddress.of("quire.ingest.views", ViewBatch.class, Integer.class);

  /** {@code count} reads of one chapter. */
  public record ChapterViews(UUID chapterId, UUID seriesId, UUID siteId, long count) {}
}
