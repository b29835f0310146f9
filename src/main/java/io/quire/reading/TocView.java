package io.quire.reading;

import io.quire.platform.cache.Bytes;
import io.quire.platform.cache.ReadCache;
import io.quire.platform.clock.Times;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A series' table of contents as the read path serves it. The rendering for the site's members (nothing locked)
 * is made once per load; the rendering for everyone else depends on the clock too — a SCHEDULED_FREE chapter
 * unlocks at its time — so it is made on first use and again once the next such time has passed.
 */
final class TocView {
    /** One chapter line: just what the table of contents shows and decides {@code locked} from. */
    record Entry(
            UUID id,
            double number,
            Integer volume,
            String title,
            String slug,
            String publishedAt,
            int wordCount,
            int readingMinutes,
            String accessLevel,
            OffsetDateTime scheduledFreeAt,
            UUID minimumTierId,
            int revision) {
        Entitlements.Access access(UUID siteId) {
            return new Entitlements.Access(siteId, accessLevel, scheduledFreeAt, minimumTierId, id);
        }
    }

    /** A finished body and its ETag; {@code validUntil} is when the clock changes it (null: never). */
    record Rendering(Buffer body, String etag, OffsetDateTime validUntil) {}

    final UUID seriesId;
    final UUID siteId;
    private final List<Entry> entries;
    private final Rendering forMembers;
    private final AtomicReference<Rendering> forEveryone = new AtomicReference<>();

    TocView(UUID seriesId, UUID siteId, List<Entry> entries) {
        this.seriesId = seriesId;
        this.siteId = siteId;
        this.entries = List.copyOf(entries);
        this.forMembers = render(Entitlements.Grant.EVERYTHING);
    }

    /** Through the Redis tier: the chapter lines travel; the renderings are made again on arrival (cheap). */
    static final ReadCache.Codec<TocView> CODEC = new ReadCache.Codec<>() {
        private static final int VERSION = 2;

        @Override
        public Buffer encode(TocView toc) {
            Bytes.Writer w = new Bytes.Writer()
                    .integer(VERSION)
                    .uuid(toc.seriesId)
                    .uuid(toc.siteId)
                    .integer(toc.entries.size());
            for (Entry e : toc.entries) {
                w.uuid(e.id())
                        .number(e.number())
                        .integer(e.volume() == null ? Integer.MIN_VALUE : e.volume())
                        .string(e.title())
                        .string(e.slug())
                        .string(e.publishedAt())
                        .integer(e.wordCount())
                        .integer(e.readingMinutes())
                        .string(e.accessLevel())
                        .string(
                                e.scheduledFreeAt() == null
                                        ? null
                                        : e.scheduledFreeAt().toString())
                        .string(
                                e.minimumTierId() == null
                                        ? null
                                        : e.minimumTierId().toString())
                        .integer(e.revision());
            }
            return w.done();
        }

        @Override
        public TocView decode(Buffer bytes) {
            Bytes.Reader r = new Bytes.Reader(bytes);
            if (r.integer() != VERSION) {
                throw new IllegalArgumentException("another layout");
            }
            UUID seriesId = r.uuid();
            UUID siteId = r.uuid();
            int count = r.integer();
            List<Entry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                UUID id = r.uuid();
                double number = r.number();
                int volume = r.integer();
                String title = r.string();
                String slug = r.string();
                String publishedAt = r.string();
                int words = r.integer();
                int minutes = r.integer();
                String access = r.string();
                String freeAt = r.string();
                String tier = r.string();
                entries.add(new Entry(
                        id,
                        number,
                        volume == Integer.MIN_VALUE ? null : volume,
                        title,
                        slug,
                        publishedAt,
                        words,
                        minutes,
                        access,
                        freeAt == null ? null : OffsetDateTime.parse(freeAt),
                        tier == null ? null : UUID.fromString(tier),
                        r.integer()));
            }
            return new TocView(seriesId, siteId, entries);
        }
    };

    static TocView of(Row series, Iterable<Row> chapters) {
        List<Entry> entries = new ArrayList<>();
        for (Row r : chapters) {
            entries.add(new Entry(
                    r.getUUID("id"),
                    ChapterView.number(r),
                    r.getShort("volume_number") == null
                            ? null
                            : r.getShort("volume_number").intValue(),
                    r.getString("title"),
                    r.getString("slug"),
                    Times.iso(r.getOffsetDateTime("published_at")),
                    r.getInteger("word_count"),
                    r.getInteger("reading_minutes"),
                    r.getString("access_level"),
                    r.getOffsetDateTime("scheduled_free_at"),
                    r.getUUID("minimum_tier_id"),
                    r.getInteger("revision")));
        }
        return new TocView(series.getUUID("id"), series.getUUID("site_id"), entries);
    }

    /**
     * The rendering for a caller with {@code grant}: the site's people see nothing locked; a reader who paid for
     * something gets one made for them (their subscription's tiers and purchases); everyone else shares one.
     */
    Rendering rendering(Entitlements.Grant grant) {
        if (grant.everything()) {
            return forMembers;
        }
        if (!grant.isEmpty()) {
            // most subscribers may read every line: they share the members' rendering; the rest get one made for them
            return entries.stream().allMatch(e -> grant.allows(e.access(siteId))) ? forMembers : render(grant);
        }
        Rendering current = forEveryone.get();
        if (current == null
                || current.validUntil() != null && !OffsetDateTime.now().isBefore(current.validUntil())) {
            current = render(Entitlements.Grant.NONE);
            forEveryone.set(current); // two threads may both render; they render the same thing
        }
        return current;
    }

    /** Roughly what the entry costs the heap (both renderings), for the cache's weight bound. */
    int bytes() {
        return 256 + entries.size() * 200 + forMembers.body().length() * 2;
    }

    private Rendering render(Entitlements.Grant grant) {
        JsonArray data = new JsonArray();
        StringBuilder fingerprint = new StringBuilder("toc:" + seriesId + ":" + grant.everything());
        OffsetDateTime now = OffsetDateTime.now();
        OffsetDateTime validUntil = null;
        for (Entry e : entries) {
            boolean locked = !grant.allows(e.access(siteId));
            if (locked
                    && e.scheduledFreeAt() != null
                    && e.scheduledFreeAt().isAfter(now)
                    && (validUntil == null || e.scheduledFreeAt().isBefore(validUntil))) {
                validUntil = e.scheduledFreeAt();
            }
            fingerprint
                    .append(':')
                    .append(e.id())
                    .append('@')
                    .append(e.revision())
                    .append(locked);
            data.add(new JsonObject()
                    .put("id", e.id().toString())
                    .put("chapterNumber", e.number())
                    .put("volumeNumber", e.volume())
                    .put("title", e.title())
                    .put("slug", e.slug())
                    .put("publishedAt", e.publishedAt())
                    .put("wordCount", e.wordCount())
                    .put("readingMinutes", e.readingMinutes())
                    .put("accessLevel", e.accessLevel())
                    .put("locked", locked));
        }
        Buffer body = new JsonObject()
                .put("seriesId", seriesId.toString())
                .put("data", data)
                .putNull("nextCursor")
                .toBuffer();
        return new Rendering(body, ReadingService.etag(fingerprint.toString()), validUntil);
    }
}
