package io.quire.reading;

import io.quire.platform.auth.Principal;
import io.quire.platform.cache.ReadCache;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import io.vertx.sqlclient.data.Numeric;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The public read model: a series' table of contents, a chapter's metadata, and the chapter itself for this
 * caller — in full when entitled, else a preview of its first paragraphs and the paywall. Every answer carries a
 * strong ETag computed before the body, so a matching {@code If-None-Match} costs no rendering.
 */
public final class ReadingService {
  private final Vertx vertx;
  private final Pool pool;
  private final Entitlements entitlements;
  private final ReadCache cache;

  public ReadingService(Vertx vertx, Pool pool, Entitlements entitlements, ReadCache cache) {
    this.vertx = vertx;
    this.pool = pool;
    this.entitlements = entitlements;
    this.cache = cache;
  }

  /** The scopes a cached read model depends on: its series (chapters, order, paywall texts) and its site (visibility). */
  static Set<String> scopes(Row row, String seriesColumn) {
    return Set.of("series:" + row.getUUID(seriesColumn), "site:" + row.getUUID("site_id"));
  }

  private record Contents(Row series, List<Row> chapters) {}

  /** The visible series and its published chapters, from the cache or one pair of queries. */
  private Future<Contents> contents(UUID seriesId) {
    return cache.get(vertx, "toc:" + seriesId, () -> pool.preparedQuery(ReadingSql.SERIES).execute(Tuple.of(seriesId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(new ApiException.NotFound("series.not_found", "Not found."));
          }
          Row series = rows.iterator().next();
          return pool.preparedQuery(ReadingSql.TABLE_OF_CONTENTS).execute(Tuple.of(seriesId)).map(chapters -> {
            List<Row> list = new ArrayList<>(chapters.size());
            chapters.forEach(list::add);
            return new ReadCache.Scoped<>(new Contents(series, List.copyOf(list)), scopes(series, "id"));
          });
        }));
  }

  /** A response body (null when the caller's ETag still matches), its ETag, and whether it depends on who asks. */
  public record Answer(JsonObject body, String etag, boolean personal) {}

  public Future<Answer> tableOfContents(Principal p, UUID seriesId, String ifNoneMatch) {
    return contents(seriesId).compose(contents -> {
      Row series = contents.series();
      // one entitlement answer for paid chapters serves the whole list
      return entitlements.entitled(p, new Entitlements.Access(series.getUUID("site_id"), "SUBSCRIBERS", null)).map(member -> {
        JsonArray chapters = new JsonArray();
        StringBuilder fingerprint = new StringBuilder("toc:" + seriesId + ":" + member);
        for (Row r : contents.chapters()) {
          Entitlements.Access access = new Entitlements.Access(series.getUUID("site_id"), r.getString("access_level"),
              r.getOffsetDateTime("scheduled_free_at"));
          boolean locked = !access.freeForAll() && !member;
          fingerprint.append(':').append(r.getUUID("id")).append('@').append(r.getInteger("revision")).append(locked);
          chapters.add(new JsonObject().put("id", r.getUUID("id").toString()).put("chapterNumber", number(r))
              .put("volumeNumber", r.getShort("volume_number") == null ? null : r.getShort("volume_number").intValue())
              .put("title", r.getString("title")).put("slug", r.getString("slug"))
              .put("publishedAt", Times.iso(r.getOffsetDateTime("published_at"))).put("wordCount", r.getInteger("word_count"))
              .put("readingMinutes", r.getInteger("reading_minutes")).put("accessLevel", r.getString("access_level"))
              .put("locked", locked));
        }
        String etag = etag(fingerprint.toString());
        boolean personal = p != null;
        return Responses.matches(ifNoneMatch, etag) ? new Answer(null, etag, personal)
            : new Answer(new JsonObject().put("seriesId", seriesId.toString()).put("data", chapters).putNull("nextCursor"), etag, personal);
      });
    });
  }

  /** Metadata only, with this caller's {@code locked} flag. */
  public Future<Answer> chapterInfo(Principal p, UUID chapterId, String ifNoneMatch) {
    return load(p, chapterId).map(c -> {
      String etag = etag("info:" + chapterId + ":" + version(c.row()) + ":" + c.entitled());
      return Responses.matches(ifNoneMatch, etag) ? new Answer(null, etag, personal(p, c)) : new Answer(meta(c), etag, personal(p, c));
    });
  }

  /** The chapter for this caller: full text when entitled, otherwise the preview and the paywall. */
  public Future<Answer> read(Principal p, UUID chapterId, String ifNoneMatch) {
    return load(p, chapterId).compose(c -> {
      String etag = etag("read:" + chapterId + ":" + version(c.row()) + ":" + c.entitled());
      if (Responses.matches(ifNoneMatch, etag)) {
        return Future.succeededFuture(new Answer(null, etag, personal(p, c)));
      }
      Row r = c.row();
      JsonObject body = meta(c);
      if (c.entitled()) {
        body.put("contentHtml", r.getString("content_html")).put("authorNoteHtml", r.getString("author_note_html"))
            .put("authorNotePosition", r.getString("author_note_position"));
        return Future.succeededFuture(new Answer(body, etag, personal(p, c)));
      }
      Short own = r.getShort("preview_paragraphs");
      int paragraphs = own != null ? own : r.getShort("series_preview_paragraphs");
      String message = r.getString("paywall_message") != null ? r.getString("paywall_message") : r.getString("series_paywall_message");
      return vertx.executeBlocking(() -> Preview.firstBlocks(r.getString("content"), paragraphs), false).map(preview -> {
        body.put("previewHtml", preview).put("paywallMessage", message).put("requiredAccess", new JsonObject()
            .put("level", r.getString("access_level"))
            .put("minimumTierId", r.getUUID("minimum_tier_id") == null ? null : r.getUUID("minimum_tier_id").toString())
            .put("freeAt", Times.iso(r.getOffsetDateTime("scheduled_free_at"))));
        return new Answer(body, etag, personal(p, c));
      });
    });
  }

  private record Loaded(Row row, boolean entitled) {}

  private Future<Loaded> load(Principal p, UUID chapterId) {
    return cache.<Row>get(vertx, "chapter:" + chapterId, () -> pool.preparedQuery(ReadingSql.CHAPTER).execute(Tuple.of(chapterId))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(new ApiException.NotFound("chapter.not_found", "Not found."))
            : Future.succeededFuture(new ReadCache.Scoped<>(rows.iterator().next(), scopes(rows.iterator().next(), "series_id")))))
        .compose(r -> entitlements.entitled(p, new Entitlements.Access(r.getUUID("site_id"), r.getString("access_level"),
            r.getOffsetDateTime("scheduled_free_at"))).map(ok -> new Loaded(r, ok)));
  }

  /**
   * What a chapter answer is built from besides the chapter's own revision: its neighbours and the series' texts,
   * which change without touching the chapter.
   */
  private static String version(Row r) {
    return r.getInteger("revision") + ":" + r.getUUID("previous_id") + ":" + r.getUUID("next_id") + ":"
        + r.getString("series_title") + ":" + r.getShort("series_preview_paragraphs") + ":" + r.getString("series_paywall_message");
  }

  private static JsonObject meta(Loaded c) {
    Row r = c.row();
    return new JsonObject().put("id", r.getUUID("id").toString()).put("seriesId", r.getUUID("series_id").toString())
        .put("seriesTitle", r.getString("series_title")).put("title", r.getString("title")).put("slug", r.getString("slug"))
        .put("chapterNumber", number(r))
        .put("volumeNumber", r.getShort("volume_number") == null ? null : r.getShort("volume_number").intValue())
        .put("publishedAt", Times.iso(r.getOffsetDateTime("published_at"))).put("wordCount", r.getInteger("word_count"))
        .put("readingMinutes", r.getInteger("reading_minutes")).put("accessLevel", r.getString("access_level"))
        .put("locked", !c.entitled())
        .put("previousId", r.getUUID("previous_id") == null ? null : r.getUUID("previous_id").toString())
        .put("nextId", r.getUUID("next_id") == null ? null : r.getUUID("next_id").toString());
  }

  /** Public caching only for what is the same for everyone: an anonymous caller reading free content. */
  private static boolean personal(Principal p, Loaded c) {
    return p != null || !new Entitlements.Access(null, c.row().getString("access_level"),
        c.row().getOffsetDateTime("scheduled_free_at")).freeForAll();
  }

  private static double number(Row r) {
    return r.get(Numeric.class, "chapter_number").bigDecimalValue().stripTrailingZeros().doubleValue();
  }

  private static String etag(String fingerprint) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(fingerprint.getBytes(StandardCharsets.UTF_8));
      return "\"" + HexFormat.of().formatHex(hash, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
