package io.quire.analytics.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quire.analytics.realtime.Realtime;
import io.quire.platform.auth.Principal;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.ratelimit.LeasedLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest verticle's work for one request: read the batch, find its site from the key (or the API key's
 * owner), take from the site's rate limit, check every event, enrich the good ones (agent, visitor, country,
 * series) and hand them to the {@link EventWriter}; answer once they are committed.
 */
public final class IngestService {
    private static final Logger log = LoggerFactory.getLogger(IngestService.class);

    private final QuireConfig config;
    private final SiteKeys sites;
    private final ContentIndex content;
    private final DailySalts salts;
    private final UserAgents agents;
    private final EventWriter writer;
    private final LeasedLimiter limiter;
    private final Realtime realtime;
    private final Counter accepted;
    private final Counter rejected;
    private final Counter bots;
    private final Counter overloaded;

    public IngestService(
            Vertx vertx, Pool pool, Redis redis, QuireConfig config, UserAgents agents, MeterRegistry metrics) {
        this.config = config;
        this.sites = new SiteKeys(pool);
        this.content = new ContentIndex(pool);
        this.salts = new DailySalts(pool);
        this.agents = agents;
        this.realtime = config.analytics().realtime() ? new Realtime(redis, config.redis()) : null;
        this.writer = new EventWriter(vertx, pool, config.analytics(), this::committed);
        this.limiter =
                config.rateLimit().enabled() ? new LeasedLimiter(redis, config.redis(), config.rateLimit()) : null;
        this.accepted = metrics.counter("quire_analytics_events_accepted");
        this.rejected = metrics.counter("quire_analytics_events_rejected");
        this.bots = metrics.counter("quire_analytics_bot_events_dropped");
        this.overloaded = metrics.counter("quire_analytics_batches_refused_overloaded");
    }

    /** Rows waiting to be written (for the status reply). */
    public int queued() {
        return writer.queued();
    }

    /** Writes what is queued; the verticle's stop waits for it. */
    public Future<Void> drain() {
        return writer.drain();
    }

    /** Forgets a site's cached keys (after a rotation in this process). */
    public void forgetSite(UUID siteId) {
        sites.forget(siteId);
    }

    public Future<IngestReply> ingest(IngestRequest req) {
        Instant now = Instant.now();
        EventParser.Parsed parsed;
        try {
            parsed = EventParser.parse(req.body(), req.contentType());
            checkSize(parsed.events().size());
        } catch (Refusal r) {
            return Future.succeededFuture(r.reply);
        }
        return site(req, parsed, now)
                .compose(site -> limit(site)
                        .compose(decision -> accept(req, parsed, site, now)
                                .map(reply -> reply.withLimit(decision))
                                .recover(e -> e instanceof Refusal r
                                        ? Future.succeededFuture(r.reply.withLimit(decision))
                                        : Future.failedFuture(e))))
                .recover(e -> {
                    if (e instanceof Refusal r) {
                        return Future.succeededFuture(r.reply);
                    }
                    log.warn("analytics batch not stored: {}", e.toString());
                    return Future.succeededFuture(new Refusal(
                                    503,
                                    "analytics.write_failed",
                                    "The events could not be stored; nothing from this batch was acknowledged. Send it again.")
                            .reply);
                });
    }

    private void checkSize(int n) {
        if (n == 0) {
            throw new Refusal(422, "analytics.batch_empty", "The batch holds no events.");
        }
        if (n > config.analytics().maxEventsPerRequest()) {
            throw new Refusal(
                    413,
                    "analytics.too_many_events",
                    "A batch may hold at most " + config.analytics().maxEventsPerRequest() + " events; this one holds "
                            + n + ".");
        }
    }

    // ---- which site, and may the caller write to it

    private Future<UUID> site(IngestRequest req, EventParser.Parsed parsed, Instant now) {
        UUID named = req.siteId() != null ? req.siteId() : uuidOrNull(parsed.siteId());
        if (named == null
                && parsed.events().get(0) instanceof Map<?, ?> first
                && first.get("siteId") instanceof String s) {
            named = uuidOrNull(s);
        }
        Principal p = req.principal();
        if (p != null && p.isApiKey()) {
            if (!p.hasScope("analytics:write")) {
                return Future.failedFuture(
                        new Refusal(403, "auth.scope_missing", "This API key lacks the 'analytics:write' scope."));
            }
            UUID target = p.siteId() != null ? p.siteId() : named;
            if (target == null) {
                return Future.failedFuture(new Refusal(
                        400,
                        "analytics.site_required",
                        "Name the site: the siteId query parameter, or siteId on the events."));
            }
            return sites.site(target, false).map(s -> {
                if (s == null
                        || s.deleted()
                        || !s.ownerId().equals(p.userId()) && !p.role().isAdmin()) {
                    throw new Refusal(404, "analytics.site_not_found", "There is no such site, or it is not yours.");
                }
                return s.siteId();
            });
        }
        String key = req.key() != null ? req.key() : parsed.key();
        if (key == null || key.isEmpty()) {
            return Future.failedFuture(
                    new Refusal(
                            401,
                            "analytics.key_missing",
                            "Send the site's ingest key in the X-Quire-Key header, the key query parameter or the body's ingestKey."));
        }
        if (named == null) {
            return sites.forKey(key, now).map(s -> {
                if (s == null) {
                    throw new Refusal(401, "analytics.key_invalid", "This ingest key opens no site.");
                }
                return live(s);
            });
        }
        UUID target = named;
        return sites.site(target, false)
                .compose(s -> {
                    if (s == null || s.deleted()) {
                        return Future.failedFuture(
                                new Refusal(404, "analytics.site_not_found", "There is no such site."));
                    }
                    // the cached keys may predate a rotation on another instance: look once more before refusing
                    return s.accepts(key, now) ? Future.succeededFuture(s) : sites.site(target, true);
                })
                .map(s -> {
                    if (s == null || !s.accepts(key, now)) {
                        throw new Refusal(401, "analytics.key_invalid", "This ingest key does not belong to the site.");
                    }
                    return live(s);
                });
    }

    private static UUID live(SiteKeys.SiteAuth s) {
        if (s.deleted()) {
            throw new Refusal(404, "analytics.site_not_found", "There is no such site.");
        }
        return s.siteId();
    }

    private Future<LeasedLimiter.Decision> limit(UUID site) {
        if (limiter == null) {
            return Future.succeededFuture(null);
        }
        int perMinute = config.analytics().siteRequestsPerMinute();
        return limiter.take(new LeasedLimiter.Subject("ingest-site", site.toString()), perMinute)
                .recover(e -> Future.failedFuture(
                        new Refusal(503, "ratelimit.unavailable", "Rate limits cannot be checked right now.")))
                .map(d -> {
                    if (!d.allowed()) {
                        throw new Refusal(Refusal.later(
                                        "analytics.site_rate_limited",
                                        "This site sends more than " + perMinute
                                                + " batches a minute. Try again in " + d.retryAfterSeconds()
                                                + " seconds.",
                                        d.retryAfterSeconds())
                                .reply
                                .withLimit(d));
                    }
                    return d;
                });
    }

    // ---- the events

    private Future<IngestReply> accept(IngestRequest req, EventParser.Parsed parsed, UUID site, Instant now) {
        List<Object> items = parsed.events();
        if (!writer.hasRoom(items.size())) {
            overloaded.increment();
            return Future.failedFuture(Refusal.later(
                    "analytics.overloaded", "The ingest queue is full. Send this batch again in a second.", 1));
        }
        Principal p = req.principal();
        boolean relayed = p != null && p.isApiKey();
        JsonArray errors = new JsonArray();
        List<EventRow> rows = new ArrayList<>(items.size());
        List<Integer> indexes = new ArrayList<>(items.size());
        Set<UUID> contentIds = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                EventRow row = EventValidator.validate(items.get(i), site, now, relayed);
                rows.add(row);
                indexes.add(i);
                if (row.chapterId != null) {
                    contentIds.add(row.chapterId);
                }
                if (row.seriesId != null) {
                    contentIds.add(row.seriesId);
                }
            } catch (EventValidator.Invalid bad) {
                errors.add(error(i, bad.code, bad.getMessage()));
            }
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return content.load(contentIds).compose(v -> salts.load(today)).compose(salt -> {
            List<EventRow> good = new ArrayList<>(rows.size());
            int dropped = 0;
            UserAgents.Agent requestAgent = relayed ? UserAgents.UNKNOWN : agents.of(req.userAgent());
            String country = country(req.country());
            for (int k = 0; k < rows.size(); k++) {
                EventRow row = rows.get(k);
                String problem = checkContent(row, site);
                if (problem != null) {
                    errors.add(error(
                            indexes.get(k),
                            problem,
                            problem.equals("event.series_mismatch")
                                    ? "seriesId is not the chapter's series."
                                    : "No such " + problem.substring(14) + " in this site."));
                    continue;
                }
                UserAgents.Agent agent = row.relayedUserAgent != null ? agents.of(row.relayedUserAgent) : requestAgent;
                if (agent.bot()) {
                    dropped++;
                    continue;
                }
                enrich(
                        row,
                        agent,
                        country,
                        p,
                        salt,
                        site,
                        relayed ? row.relayedIp : req.clientIp(),
                        row.relayedUserAgent != null ? row.relayedUserAgent : relayed ? null : req.userAgent());
                good.add(row);
            }
            bots.increment(dropped);
            rejected.increment(errors.size());
            if (good.isEmpty() && !errors.isEmpty()) {
                errors.getList()
                        .sort((a, b) -> Integer.compare(
                                ((JsonObject) a).getInteger("index"), ((JsonObject) b).getInteger("index")));
                return Future.succeededFuture(IngestReply.allInvalid(errors));
            }
            int droppedBots = dropped;
            return writer.write(good)
                    .map(done -> {
                        accepted.increment(good.size());
                        errors.getList()
                                .sort((a, b) -> Integer.compare(
                                        ((JsonObject) a).getInteger("index"), ((JsonObject) b).getInteger("index")));
                        return IngestReply.accepted(good.size(), errors, null).dropped(droppedBots);
                    })
                    .recover(e -> e instanceof EventWriter.Overloaded
                            ? Future.failedFuture(Refusal.later(
                                    "analytics.overloaded",
                                    "The ingest queue is full. Send this batch again in a second.",
                                    1))
                            : Future.failedFuture(e));
        });
    }

    private String checkContent(EventRow row, UUID site) {
        if (row.chapterId != null) {
            ContentIndex.Ref ref = content.get(row.chapterId);
            if (!site.equals(ref.siteId()) || ref.seriesId().equals(row.chapterId)) {
                return "event.unknown_chapter";
            }
            if (row.seriesId != null && !row.seriesId.equals(ref.seriesId())) {
                return "event.series_mismatch";
            }
            row.seriesId = ref.seriesId();
        } else if (row.seriesId != null) {
            ContentIndex.Ref ref = content.get(row.seriesId);
            if (!site.equals(ref.siteId()) || !row.seriesId.equals(ref.seriesId())) {
                return "event.unknown_series";
            }
        }
        return null;
    }

    private static void enrich(
            EventRow row,
            UserAgents.Agent agent,
            String country,
            Principal p,
            byte[] salt,
            UUID site,
            String ip,
            String userAgent) {
        row.deviceType = agent.deviceType();
        row.browser = agent.browser();
        row.browserVersion = agent.browserVersion();
        row.os = agent.os();
        row.osVersion = agent.osVersion();
        row.country = country;
        if (p != null && !p.isApiKey()) {
            row.userId = p.userId();
            row.visitorId = p.userId();
        } else {
            row.visitorId = VisitorIds.anonymous(salt, site, ip, userAgent);
        }
    }

    /** Two letters from the trusted proxy, upper-cased; anything else (XX, T1, junk) is no country. */
    private static String country(String header) {
        if (header == null
                || header.length() != 2
                || !Character.isLetter(header.charAt(0))
                || !Character.isLetter(header.charAt(1))) {
            return null;
        }
        String c = header.toUpperCase(java.util.Locale.ROOT);
        return c.equals("XX") ? null : c;
    }

    private static JsonObject error(int index, String code, String message) {
        return new JsonObject().put("index", index).put("code", code).put("message", message);
    }

    private static UUID uuidOrNull(String s) {
        if (s == null || s.length() != 36) {
            return null;
        }
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    // ---- after commit: the live counters

    private void committed(List<EventRow> batch) {
        if (realtime == null) {
            return;
        }
        // counted in the minute the event happened; events older than the realtime window (late or replayed) are not
        // live
        long oldest = Instant.now().getEpochSecond() / 60 - 30;
        Map<Long, Map<UUID, Realtime.SiteMinute>> byMinute = new HashMap<>();
        for (EventRow r : batch) {
            long minute = r.occurredAt.toEpochSecond() / 60;
            if (minute < oldest) {
                continue;
            }
            Realtime.SiteMinute m = byMinute.computeIfAbsent(minute, k -> new HashMap<>())
                    .computeIfAbsent(r.siteId, s -> new Realtime.SiteMinute());
            m.visitors.add(r.visitorId.toString());
            if (r.type == EventType.PAGE_VIEW) {
                m.views++;
                if (r.chapterId != null) {
                    m.chapters.merge(r.chapterId.toString(), 1L, Long::sum);
                }
            }
        }
        byMinute.forEach((minute, bySite) -> realtime.record(minute, bySite)
                .onFailure(e -> log.debug("realtime counters not updated: {}", e.getMessage())));
    }
}
