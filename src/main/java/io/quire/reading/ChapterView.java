package io.quire.reading;

import io.quire.platform.cache.Bytes;
import io.quire.platform.cache.ReadCache;
import io.quire.platform.clock.Times;
import io.quire.platform.links.ReaderLinks;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.data.Numeric;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One published chapter as the read path serves it: the finished response bytes and ETags of each rendering,
 * made once per cache load so a cached read is a lookup, an entitlement check and a write. The full and the locked
 * renderings are separate values; which one a caller gets is decided per request. Nothing of the text is kept
 * beyond what the renderings hold — a locked rendering holds only the preview.
 *
 * @param version what the answers depend on (the chapter's revision, its neighbours, the series' texts); the
 *     cache entry carries it and the ETags are made from it
 */
record ChapterView(
        UUID id,
        UUID seriesId,
        UUID siteId,
        String accessLevel,
        OffsetDateTime scheduledFreeAt,
        UUID minimumTierId,
        String version,
        Rendering full,
        Rendering locked) {

    /** The {@code read} and {@code public} (metadata) answers for one entitlement, with their ETags. */
    record Rendering(Buffer read, String readEtag, Buffer info, String infoEtag) {
        int bytes() {
            return read.length() + info.length() + 2 * readEtag.length();
        }
    }

    /** Through the Redis tier: the renderings travel as they are, nothing is rendered again. */
    static final ReadCache.Codec<ChapterView> CODEC = new ReadCache.Codec<>() {
        // 3: previews are capped at a share of the chapter; entries of older layouts may hold a whole short chapter
        private static final int VERSION = 5;

        @Override
        public Buffer encode(ChapterView v) {
            Bytes.Writer w = new Bytes.Writer()
                    .integer(VERSION)
                    .uuid(v.id())
                    .uuid(v.seriesId())
                    .uuid(v.siteId())
                    .string(v.accessLevel())
                    .string(
                            v.scheduledFreeAt() == null
                                    ? null
                                    : v.scheduledFreeAt().toString())
                    .string(v.minimumTierId() == null ? null : v.minimumTierId().toString())
                    .string(v.version());
            write(w, v.full());
            w.integer(v.locked() == null ? 0 : 1);
            if (v.locked() != null) {
                write(w, v.locked());
            }
            return w.done();
        }

        @Override
        public ChapterView decode(Buffer bytes) {
            Bytes.Reader r = new Bytes.Reader(bytes);
            if (r.integer() != VERSION) {
                throw new IllegalArgumentException("another layout");
            }
            UUID id = r.uuid();
            UUID seriesId = r.uuid();
            UUID siteId = r.uuid();
            String accessLevel = r.string();
            String freeAt = r.string();
            String tier = r.string();
            String version = r.string();
            Rendering full = read(r);
            Rendering locked = r.integer() == 1 ? read(r) : null;
            return new ChapterView(
                    id,
                    seriesId,
                    siteId,
                    accessLevel,
                    freeAt == null ? null : OffsetDateTime.parse(freeAt),
                    tier == null ? null : UUID.fromString(tier),
                    version,
                    full,
                    locked);
        }

        private static void write(Bytes.Writer w, Rendering r) {
            w.buffer(r.read()).string(r.readEtag()).buffer(r.info()).string(r.infoEtag());
        }

        private static Rendering read(Bytes.Reader r) {
            return new Rendering(r.buffer(), r.string(), r.buffer(), r.string());
        }
    };

    Entitlements.Access access() {
        return new Entitlements.Access(siteId, accessLevel, scheduledFreeAt, minimumTierId, id);
    }

    /** Roughly what the entry costs the heap, for the cache's weight bound. */
    int bytes() {
        return 256 + version.length() + full.bytes() + (locked == null ? 0 : locked.bytes());
    }

    /**
     * Renders {@code r} (a {@link ReadingSql#CHAPTER} row). {@code previewHtml} is null for a FREE chapter, which
     * has no locked rendering.
     */
    static ChapterView of(Row r, String previewHtml, ReaderLinks links) {
        UUID id = r.getUUID("id");
        // the page a share or a canonical link points at (og:url): the site's reader site, else this resource
        String readerUrl = links.site(r.getUUID("site_id"), r.getString("site_slug"), r.getString("reader_base_url"))
                .chapter(id, r.getString("series_slug"), r.getString("slug"));
        String version = r.getInteger("revision") + ":" + r.getLong("purchase_price") + ":" + r.getUUID("previous_id")
                + ":" + r.getUUID("next_id") + ":" + r.getString("series_title") + ":"
                + r.getShort("series_preview_paragraphs") + ":" + r.getString("series_paywall_message") + ":"
                + readerUrl + ":" + r.getString("pages");
        JsonArray pages = pages(new JsonArray(r.getString("pages")), links.api());
        JsonObject fullInfo = meta(r, false, readerUrl);
        JsonObject fullRead = meta(r, false, readerUrl)
                .put("contentHtml", r.getString("content_html"))
                .put("authorNoteHtml", r.getString("author_note_html"))
                .put("authorNotePosition", r.getString("author_note_position"))
                .put("pages", pages);
        Rendering full = rendering(id, version, true, fullRead, fullInfo);
        Rendering locked = null;
        if (previewHtml != null) {
            String message = r.getString("paywall_message") != null
                    ? r.getString("paywall_message")
                    : r.getString("series_paywall_message");
            JsonObject lockedRead = meta(r, true, readerUrl)
                    .put("previewHtml", previewHtml)
                    .put("pages", previewPages(pages, previewCount(r)))
                    .put("paywallMessage", message)
                    .put(
                            "requiredAccess",
                            new JsonObject()
                                    .put("level", r.getString("access_level"))
                                    .put(
                                            "minimumTierId",
                                            r.getUUID("minimum_tier_id") == null
                                                    ? null
                                                    : r.getUUID("minimum_tier_id")
                                                            .toString())
                                    .put("freeAt", Times.iso(r.getOffsetDateTime("scheduled_free_at")))
                                    // when the author sells the chapter on its own: POST /chapters/{id}/unlock buys it
                                    .put("price", r.getLong("purchase_price"))
                                    .put("priceCurrency", r.getString("purchase_currency")));
            locked = rendering(id, version, false, lockedRead, meta(r, true, readerUrl));
        }
        return new ChapterView(
                id,
                r.getUUID("series_id"),
                r.getUUID("site_id"),
                r.getString("access_level"),
                r.getOffsetDateTime("scheduled_free_at"),
                r.getUUID("minimum_tier_id"),
                version,
                full,
                locked);
    }

    /** The pages with the URLs a reader fetches them from (the access check is made there, per request). */
    private static JsonArray pages(JsonArray raw, String api) {
        JsonArray out = new JsonArray();
        for (Object o : raw) {
            JsonObject p = (JsonObject) o;
            String url = api + "/api/v1/media/" + p.getString("mediaId") + "/public";
            out.add(p.copy().put("url", url).put("thumbUrl", url + "?variant=thumb"));
        }
        return out;
    }

    /**
     * A locked chapter shows its first pages as its preview: as many as its preview paragraphs, but at most half of
     * them, so at least one page is always withheld.
     */
    static JsonArray previewPages(JsonArray pages, int previewCount) {
        int shown = Math.min(previewCount, pages.size() / 2);
        JsonArray out = new JsonArray();
        for (int i = 0; i < shown; i++) {
            out.add(pages.getValue(i));
        }
        return out;
    }

    private static int previewCount(Row r) {
        Short own = r.getShort("preview_paragraphs");
        return own != null ? own : r.getShort("series_preview_paragraphs");
    }

    private static Rendering rendering(UUID id, String version, boolean entitled, JsonObject read, JsonObject info) {
        return new Rendering(
                read.toBuffer(),
                ReadingService.etag("read:" + id + ":" + version + ":" + entitled),
                info.toBuffer(),
                ReadingService.etag("info:" + id + ":" + version + ":" + entitled));
    }

    private static JsonObject meta(Row r, boolean locked, String readerUrl) {
        return new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("seriesId", r.getUUID("series_id").toString())
                .put("seriesTitle", r.getString("series_title"))
                .put("title", r.getString("title"))
                .put("slug", r.getString("slug"))
                .put("chapterNumber", number(r))
                .put(
                        "volumeNumber",
                        r.getShort("volume_number") == null
                                ? null
                                : r.getShort("volume_number").intValue())
                .put("publishedAt", Times.iso(r.getOffsetDateTime("published_at")))
                .put("wordCount", r.getInteger("word_count"))
                .put("readingMinutes", r.getInteger("reading_minutes"))
                .put("accessLevel", r.getString("access_level"))
                .put("locked", locked)
                .put("readerUrl", readerUrl)
                .put(
                        "previousId",
                        r.getUUID("previous_id") == null
                                ? null
                                : r.getUUID("previous_id").toString())
                .put(
                        "nextId",
                        r.getUUID("next_id") == null
                                ? null
                                : r.getUUID("next_id").toString());
    }

    static double number(Row r) {
        return r.get(Numeric.class, "chapter_number")
                .bigDecimalValue()
                .stripTrailingZeros()
                .doubleValue();
    }
}
