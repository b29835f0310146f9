package io.quire.analytics.ingest;

import io.quire.platform.config.QuireConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Micro-batches accepted events from many requests into one {@code INSERT … SELECT FROM unnest(…)}: a batch goes
 * when it holds {@code batchRows} rows or its oldest row has waited {@code batchMaxWaitMs}, with up to
 * {@code batchesInFlight} statements running. A request's future completes only when the statement holding its
 * rows has committed, so a 202 always means stored. Rows queued or in flight are bounded by
 * {@code maxQueuedEvents}: past that, {@link #write} refuses at once (the caller answers 429) instead of buffering.
 * Touched only on the ingest verticle's event loop.
 */
final class EventWriter {
    static final String INSERT = """
      WITH dirty AS (
        INSERT INTO analytics_dirty_days (site_id, day)
        SELECT * FROM unnest($1::uuid[], $2::date[]) ON CONFLICT DO NOTHING)
      INSERT INTO analytics_events (site_id, event_id, event_type, occurred_at, received_at, series_id, chapter_id,
        user_id, visitor_id, session_id, anonymous_id, path, referrer, referrer_host, utm_source, utm_medium,
        utm_campaign, utm_term, utm_content, device_type, browser, browser_version, os, os_version, screen_size,
        country, percent, properties)
      SELECT site_id, event_id, event_type, occurred_at, $3, series_id, chapter_id, user_id, visitor_id, session_id,
        anonymous_id, path, referrer, referrer_host, utm_source, utm_medium, utm_campaign, utm_term, utm_content,
        device_type, browser, browser_version, os, os_version, screen_size, country, percent, properties::jsonb
        FROM unnest($4::uuid[], $5::uuid[], $6::text[], $7::timestamptz[], $8::uuid[], $9::uuid[], $10::uuid[],
          $11::uuid[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[],
          $19::text[], $20::text[], $21::text[], $22::text[], $23::text[], $24::text[], $25::text[], $26::text[],
          $27::text[], $28::text[], $29::smallint[], $30::text[])
          AS t(site_id, event_id, event_type, occurred_at, series_id, chapter_id, user_id, visitor_id, session_id,
            anonymous_id, path, referrer, referrer_host, utm_source, utm_medium, utm_campaign, utm_term, utm_content,
            device_type, browser, browser_version, os, os_version, screen_size, country, percent, properties)
      ON CONFLICT DO NOTHING
      """;

    /** The queue is full: the caller answers 429. */
    static final class Overloaded extends RuntimeException {
        Overloaded() {
            super("ingest queue full", null, false, false);
        }
    }

    private final Vertx vertx;
    private final Pool pool;
    private final QuireConfig.Analytics config;
    private final Consumer<List<EventRow>> committed;
    private List<EventRow> rows = new ArrayList<>();
    private List<Promise<Void>> waiting = new ArrayList<>();
    private int queued;
    private int inFlight;
    private long timer = -1;
    private Promise<Void> drained;

    /** @param committed told of every committed batch (realtime counters), on the event loop */
    EventWriter(Vertx vertx, Pool pool, QuireConfig.Analytics config, Consumer<List<EventRow>> committed) {
        this.vertx = vertx;
        this.pool = pool;
        this.config = config;
        this.committed = committed;
    }

    /** Rows accepted and not yet committed. */
    int queued() {
        return queued;
    }

    /** Whether {@code n} more rows fit in the queue. */
    boolean hasRoom(int n) {
        return queued + n <= config.maxQueuedEvents();
    }

    /** Completes when {@code batch} is committed; fails with {@link Overloaded} at once when the queue is full. */
    Future<Void> write(List<EventRow> batch) {
        if (batch.isEmpty()) {
            return Future.succeededFuture();
        }
        if (!hasRoom(batch.size())) {
            return Future.failedFuture(new Overloaded());
        }
        Promise<Void> promise = Promise.promise();
        queued += batch.size();
        rows.addAll(batch);
        waiting.add(promise);
        if (rows.size() >= config.batchRows()) {
            flush();
        } else if (timer < 0) {
            timer = vertx.setTimer(Math.max(1, config.batchMaxWaitMs()), id -> {
                timer = -1;
                flush();
            });
        }
        return promise.future();
    }

    /** Writes everything queued (the verticle's stop): completes when nothing is left. */
    Future<Void> drain() {
        if (queued == 0) {
            return Future.succeededFuture();
        }
        if (drained == null) {
            drained = Promise.promise();
        }
        flush();
        return drained.future();
    }

    private void flush() {
        if (rows.isEmpty() || inFlight >= config.batchesInFlight()) {
            return; // a finishing statement flushes again
        }
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        List<EventRow> sending = rows;
        List<Promise<Void>> waiters = waiting;
        rows = new ArrayList<>();
        waiting = new ArrayList<>();
        inFlight++;
        pool.preparedQuery(INSERT).execute(arguments(sending)).onComplete(result -> {
            inFlight--;
            queued -= sending.size();
            for (Promise<Void> w : waiters) {
                if (result.succeeded()) {
                    w.complete();
                } else {
                    w.fail(result.cause());
                }
            }
            if (result.succeeded()) {
                committed.accept(sending);
            }
            if (!rows.isEmpty() && (rows.size() >= config.batchRows() || timer < 0 || drained != null)) {
                flush();
            }
            if (drained != null && queued == 0) {
                drained.tryComplete();
            }
        });
    }

    static Tuple arguments(List<EventRow> batch) {
        int n = batch.size();
        TreeSet<String> dirty = new TreeSet<>();
        UUID[] site = new UUID[n];
        UUID[] eventId = new UUID[n];
        String[] type = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        UUID[] series = new UUID[n];
        UUID[] chapter = new UUID[n];
        UUID[] user = new UUID[n];
        UUID[] visitor = new UUID[n];
        String[][] text = new String[17][n];
        String[] properties = new String[n];
        Short[] percent = new Short[n];
        for (int i = 0; i < n; i++) {
            EventRow r = batch.get(i);
            site[i] = r.siteId;
            eventId[i] = r.eventId;
            type[i] = r.type.name();
            at[i] = r.occurredAt;
            series[i] = r.seriesId;
            chapter[i] = r.chapterId;
            user[i] = r.userId;
            visitor[i] = r.visitorId;
            String[] t = {
                r.sessionId,
                r.anonymousId,
                r.path,
                r.referrer,
                r.referrerHost,
                r.utmSource,
                r.utmMedium,
                r.utmCampaign,
                r.utmTerm,
                r.utmContent,
                r.deviceType,
                r.browser,
                r.browserVersion,
                r.os,
                r.osVersion,
                r.screenSize,
                r.country
            };
            for (int c = 0; c < t.length; c++) {
                text[c][i] = t[c];
            }
            percent[i] = r.percent;
            properties[i] = r.properties;
            dirty.add(r.siteId + "/" + r.occurredAt.toLocalDate());
        }
        // sorted, so two statements marking the same days take their locks in the same order
        UUID[] dirtySite = new UUID[dirty.size()];
        LocalDate[] dirtyDay = new LocalDate[dirty.size()];
        int d = 0;
        for (String pair : dirty) {
            dirtySite[d] = UUID.fromString(pair.substring(0, 36));
            dirtyDay[d++] = LocalDate.parse(pair.substring(37));
        }
        Tuple args = Tuple.tuple()
                .addArrayOfUUID(dirtySite)
                .addArrayOfLocalDate(dirtyDay)
                .addOffsetDateTime(OffsetDateTime.now(ZoneOffset.UTC))
                .addArrayOfUUID(site)
                .addArrayOfUUID(eventId)
                .addArrayOfString(type)
                .addArrayOfOffsetDateTime(at)
                .addArrayOfUUID(series)
                .addArrayOfUUID(chapter)
                .addArrayOfUUID(user)
                .addArrayOfUUID(visitor);
        for (int c = 0; c < 17; c++) {
            args.addArrayOfString(text[c]);
        }
        return args.addArrayOfShort(percent).addArrayOfString(properties);
    }
}
