package io.quire.analytics;

import static io.quire.analytics.AnalyticsClient.event;
import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code POST /api/v1/analytics/events}: what is accepted, rejected, enriched, deduplicated and refused. */
class IngestTest extends SharedApp {
    static AnalyticsClient collector;
    static Authoring.User owner;
    static String siteId;
    static String seriesId;
    static String chapterId;
    static String key;

    @BeforeAll
    static void site() {
        collector = new AnalyticsClient(app);
        owner = fixtures.author();
        siteId = fixtures.site(owner).getString("id");
        seriesId = fixtures.series(owner, siteId).getString("id");
        chapterId = fixtures.chapter(owner, seriesId, "One", "Text.").getString("id");
        key = collector.key(siteId, owner);
    }

    private static List<Row> rows(String sql, Object... args) {
        try {
            List<Row> out = new ArrayList<>();
            app.db
                    .preparedQuery(sql)
                    .execute(Tuple.from(args))
                    .await(5, TimeUnit.SECONDS)
                    .forEach(out::add);
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Row stored(String eventId) {
        List<Row> found = rows("SELECT * FROM analytics_events WHERE event_id = $1", UUID.fromString(eventId));
        assertEquals(1, found.size(), "event " + eventId + " stored once");
        return found.get(0);
    }

    @Test
    void aMixedBatchStoresTheGoodEventsEnrichedAndNamesTheBadOnesByIndex() {
        JsonObject view = event("PAGE_VIEW")
                .put("chapterId", chapterId)
                .put("url", "https://reader.example/s/one?utm_source=newsletter&utm_medium=email")
                .put("referrer", "https://www.Google.com/search?q=x")
                .put("screenSize", "1920x1080")
                .put("properties", new JsonObject().put("theme", "dark"));
        JsonObject progress =
                event("CHAPTER_PROGRESS").put("chapterId", chapterId).put("percent", 42.4);
        JsonArray batch = new JsonArray()
                .add(view)
                .add(event("NOT_A_TYPE"))
                .add(event("CHAPTER_PROGRESS").put("chapterId", chapterId))
                .add(progress)
                .add("not an object")
                .add(event("PAGE_VIEW").put("chapterId", UUID.randomUUID().toString()))
                .add(event("PAGE_VIEW").put("properties", new JsonObject().put("big", "x".repeat(2001))));
        JsonObject answer = ok(collector.post(key, batch), 202);
        assertEquals(2, answer.getInteger("accepted"));
        assertEquals(5, answer.getInteger("rejected"));
        JsonArray errors = answer.getJsonArray("errors");
        assertEquals(
                List.of(1, 2, 4, 5, 6),
                errors.stream().map(e -> ((JsonObject) e).getInteger("index")).toList());
        assertEquals(
                List.of(
                        "event.invalid_type",
                        "event.percent_required",
                        "event.not_an_object",
                        "event.unknown_chapter",
                        "event.invalid_properties"),
                errors.stream().map(e -> ((JsonObject) e).getString("code")).toList());

        Row row = stored(view.getString("eventId"));
        assertEquals(UUID.fromString(siteId), row.getUUID("site_id"));
        assertEquals(UUID.fromString(seriesId), row.getUUID("series_id"), "the chapter's series is filled in");
        assertEquals("/s/one", row.getString("path"));
        assertEquals("newsletter", row.getString("utm_source"));
        assertEquals("email", row.getString("utm_medium"));
        assertEquals("google.com", row.getString("referrer_host"));
        assertEquals("desktop", row.getString("device_type"));
        assertEquals("Chrome", row.getString("browser"));
        assertEquals("120.0", row.getString("browser_version"));
        assertEquals("Windows", row.getString("os"));
        assertEquals("dark", row.getJsonObject("properties").getString("theme"));
        assertNotNull(row.getUUID("visitor_id"));
        assertNull(row.getUUID("user_id"));
        assertEquals(42, (int) stored(progress.getString("eventId")).getShort("percent"));
        assertEquals(
                0,
                app.count(
                        "SELECT count(*) FROM analytics_events WHERE host(inet '127.0.0.1') = ANY(ARRAY[path, referrer, session_id])"),
                "the address is not stored anywhere");
    }

    @Test
    void aResentBatchIsStoredOnce() {
        JsonArray batch = new JsonArray();
        for (int i = 0; i < 20; i++) {
            batch.add(event("PAGE_VIEW").put("seriesId", seriesId));
        }
        assertEquals(20, ok(collector.post(key, batch), 202).getInteger("accepted"));
        assertEquals(20, ok(collector.post(key, batch), 202).getInteger("accepted"), "a retry is answered the same");
        String ids = batch.stream()
                .map(e -> "'" + ((JsonObject) e).getString("eventId") + "'")
                .reduce((a, b) -> a + "," + b)
                .orElseThrow();
        assertEquals(20, app.count("SELECT count(*) FROM analytics_events WHERE event_id IN (" + ids + ")"));
    }

    @Test
    void botsAreDroppedAndCounted() {
        JsonObject e = event("PAGE_VIEW");
        JsonObject answer = ok(collector.post(key, new JsonArray().add(e), AnalyticsClient.GOOGLEBOT), 202);
        assertEquals(0, answer.getInteger("accepted"));
        assertEquals(1, answer.getInteger("dropped"));
        assertEquals(
                0,
                app.count("SELECT count(*) FROM analytics_events WHERE event_id = '" + e.getString("eventId") + "'"));
        String metrics = app.client.get("/metrics").send().await().bodyAsString();
        assertTrue(
                metrics.lines()
                        .anyMatch(l -> l.startsWith("quire_analytics_bot_events_dropped_total") && !l.endsWith(" 0.0")),
                metrics);
    }

    @Test
    void theSameAnonymousVisitorHashesTheSameAndADifferentBrowserDifferently() {
        JsonObject a = event("PAGE_VIEW");
        JsonObject b = event("PAGE_VIEW");
        JsonObject c = event("PAGE_VIEW");
        ok(collector.post(key, new JsonArray().add(a)), 202);
        ok(collector.post(key, new JsonArray().add(b)), 202);
        ok(collector.post(key, new JsonArray().add(c), AnalyticsClient.IPHONE), 202);
        UUID first = stored(a.getString("eventId")).getUUID("visitor_id");
        assertEquals(first, stored(b.getString("eventId")).getUUID("visitor_id"));
        Row iphone = stored(c.getString("eventId"));
        assertNotEquals(first, iphone.getUUID("visitor_id"));
        assertEquals("mobile", iphone.getString("device_type"));
        assertEquals("iOS", iphone.getString("os"));
    }

    @Test
    void aSignedInReaderIsCountedByTheirUserId() {
        Authoring.User reader = fixtures.reader();
        JsonObject e = event("CHAPTER_START").put("chapterId", chapterId);
        ok(
                collector.send(
                        "/api/v1/analytics/events",
                        key,
                        "application/json",
                        AnalyticsClient.CHROME,
                        reader.token(),
                        new JsonArray().add(e).toBuffer()),
                202);
        Row row = stored(e.getString("eventId"));
        assertEquals(reader.id(), row.getUUID("user_id"));
        assertEquals(reader.id(), row.getUUID("visitor_id"));
    }

    @Test
    void ndjsonTextPlainAndTheEnvelopeAreAccepted() {
        JsonObject a = event("PAGE_VIEW");
        JsonObject b = event("SHARE");
        Buffer ndjson = Buffer.buffer(a.encode() + "\n\n" + b.encode() + "\n");
        assertEquals(
                2,
                ok(collector.send("/api/v1/analytics/events", key, "application/x-ndjson", null, null, ndjson), 202)
                        .getInteger("accepted"));
        // sendBeacon: no custom headers, text/plain, the key in the body
        JsonObject c = event("PAGE_VIEW").put("siteId", siteId);
        JsonObject envelope = new JsonObject().put("ingestKey", key).put("events", new JsonArray().add(c));
        assertEquals(
                1,
                ok(
                                collector.send(
                                        "/api/v1/analytics/events",
                                        null,
                                        "text/plain;charset=UTF-8",
                                        AnalyticsClient.CHROME,
                                        null,
                                        envelope.toBuffer()),
                                202)
                        .getInteger("accepted"));
        stored(c.getString("eventId"));
        // or the key in the query string
        JsonObject d = event("PAGE_VIEW");
        ok(
                collector.send(
                        "/api/v1/analytics/events?key=" + key,
                        null,
                        "application/json",
                        null,
                        null,
                        new JsonArray().add(d).toBuffer()),
                202);
        stored(d.getString("eventId"));
    }

    @Test
    void timestampsAreClampedToTheAcceptedWindow() {
        JsonObject old = event("PAGE_VIEW").put("timestamp", "2020-01-01T00:00:00Z");
        JsonObject future = event("PAGE_VIEW")
                .put("timestamp", Instant.now().plus(2, ChronoUnit.DAYS).toEpochMilli());
        JsonObject exact = event("PAGE_VIEW")
                .put(
                        "timestamp",
                        Instant.now()
                                .minus(1, ChronoUnit.HOURS)
                                .truncatedTo(ChronoUnit.SECONDS)
                                .toString());
        ok(collector.post(key, new JsonArray().add(old).add(future).add(exact)), 202);
        Instant now = Instant.now();
        Instant oldAt = stored(old.getString("eventId"))
                .getOffsetDateTime("occurred_at")
                .toInstant();
        assertTrue(
                oldAt.isAfter(now.minus(7, ChronoUnit.DAYS).minusSeconds(60))
                        && oldAt.isBefore(now.minus(7, ChronoUnit.DAYS).plusSeconds(60)),
                oldAt.toString());
        Instant futureAt = stored(future.getString("eventId"))
                .getOffsetDateTime("occurred_at")
                .toInstant();
        assertTrue(futureAt.isBefore(now.plusSeconds(301)), futureAt.toString());
        assertEquals(
                Instant.parse(exact.getString("timestamp")),
                stored(exact.getString("eventId"))
                        .getOffsetDateTime("occurred_at")
                        .toInstant());
        problem(
                collector.post(key, new JsonArray().add(event("PAGE_VIEW").put("timestamp", "yesterday"))),
                422,
                "analytics.batch_invalid");
    }

    @Test
    void badBatchesAreRefusedWithProblems() {
        String path = "/api/v1/analytics/events";
        problem(
                collector.send(path, key, "application/json", null, null, Buffer.buffer("[{not json")),
                400,
                "request.malformed_json");
        problem(
                collector.send(path, key, "application/json", null, null, Buffer.buffer("{\"a\":1}")),
                400,
                "analytics.not_a_batch");
        problem(
                collector.send(path, key, "application/xml", null, null, Buffer.buffer("<a/>")),
                415,
                "request.unsupported_media_type");
        problem(
                collector.send(path, key, "application/x-ndjson", null, null, Buffer.buffer("{}\nnope\n")),
                400,
                "request.malformed_json");
        problem(collector.post(key, new JsonArray()), 422, "analytics.batch_empty");
        JsonArray tooMany = new JsonArray();
        for (int i = 0; i < 501; i++) {
            tooMany.add(event("PAGE_VIEW"));
        }
        problem(collector.post(key, tooMany), 413, "analytics.too_many_events");
        problem(collector.post(null, new JsonArray().add(event("PAGE_VIEW"))), 401, "analytics.key_missing");
        problem(collector.post("qpk_wrong", new JsonArray().add(event("PAGE_VIEW"))), 401, "analytics.key_invalid");
        problem(
                collector.send(
                        path + "?siteId=" + UUID.randomUUID(),
                        key,
                        "application/json",
                        null,
                        null,
                        new JsonArray().add(event("PAGE_VIEW")).toBuffer()),
                404,
                "analytics.site_not_found");
        problem(
                collector.send(
                        path + "?siteId=nope",
                        key,
                        "application/json",
                        null,
                        null,
                        new JsonArray().add(event("PAGE_VIEW")).toBuffer()),
                400,
                "analytics.invalid_site_id");
        // another site's key for this site
        String otherKey = collector.key(fixtures.site(owner).getString("id"), owner);
        problem(
                collector.send(
                        path + "?siteId=" + siteId,
                        otherKey,
                        "application/json",
                        null,
                        null,
                        new JsonArray().add(event("PAGE_VIEW")).toBuffer()),
                401,
                "analytics.key_invalid");
        JsonObject allBad = problem(
                collector.post(
                        key,
                        new JsonArray()
                                .add(event("NOPE"))
                                .add(event("PAGE_VIEW")
                                        .put("siteId", UUID.randomUUID().toString()))),
                422,
                "analytics.batch_invalid");
        assertEquals(
                "event.invalid_type",
                allBad.getJsonArray("eventErrors").getJsonObject(0).getString("code"));
        assertEquals(
                "event.site_mismatch",
                allBad.getJsonArray("eventErrors").getJsonObject(1).getString("code"));
    }

    @Test
    void eachKindOfBadEventHasItsCode() {
        JsonArray batch = new JsonArray()
                .add(event("PAGE_VIEW").put("path", 42))
                .add(event("PAGE_VIEW").put("seriesId", "not-a-uuid"))
                .add(event("CHAPTER_PROGRESS").put("chapterId", chapterId).put("percent", 140))
                .add(event("PAGE_VIEW").put("timestamp", "tomorrow"))
                .add(event("CHAPTER_START"))
                .add(event("PAGE_VIEW"));
        JsonObject answer = ok(collector.post(key, batch), 202);
        assertEquals(1, answer.getInteger("accepted"));
        assertEquals(
                List.of(
                        "event.invalid_field",
                        "event.invalid_id",
                        "event.invalid_percent",
                        "event.invalid_timestamp",
                        "event.chapter_required"),
                answer.getJsonArray("errors").stream()
                        .map(e -> ((JsonObject) e).getString("code"))
                        .toList());
        problem(
                collector.send("/api/v1/analytics/events", key, "application/json", null, null, Buffer.buffer()),
                400,
                "request.empty_body");
    }

    @Test
    void withoutAnIngestVerticleCollectorsAreToldToComeBackLater() throws Exception {
        try (io.quire.testing.TestApp httpOnly = io.quire.testing.TestApp.builder()
                .env("QUIRE_VERTICLES", "http,workers")
                .start()) {
            var r = httpOnly.client
                    .post("/api/v1/analytics/events")
                    .putHeader("X-Quire-Key", "qpk_any")
                    .putHeader("Content-Type", "application/json")
                    .sendBuffer(new JsonArray().add(event("PAGE_VIEW")).toBuffer())
                    .await(20, TimeUnit.SECONDS);
            problem(r, 503, "analytics.ingest_unavailable");
        }
    }

    @Test
    void apiKeysNeedTheAnalyticsWriteScopeAndASiteOfTheirOwner() {
        String withScope = ok(
                        api.post(
                                "/api/v1/api-keys",
                                new JsonObject()
                                        .put("name", "collector")
                                        .put("scopes", new JsonArray().add("analytics:write")),
                                owner.token()),
                        201)
                .getString("key");
        String without = ok(
                        api.post(
                                "/api/v1/api-keys",
                                new JsonObject()
                                        .put("name", "reader")
                                        .put("scopes", new JsonArray().add("content:read")),
                                owner.token()),
                        201)
                .getString("key");
        String path = "/api/v1/analytics/events?siteId=" + siteId;
        JsonObject relayed =
                event("PAGE_VIEW").put("userAgent", AnalyticsClient.IPHONE).put("ip", "203.0.113.9");
        ok(apiKeyPost(path, withScope, new JsonArray().add(relayed)), 202);
        assertEquals(
                "mobile",
                stored(relayed.getString("eventId")).getString("device_type"),
                "the relayed reader's agent is used");
        problem(apiKeyPost(path, without, new JsonArray().add(event("PAGE_VIEW"))), 403, "auth.scope_missing");
        problem(
                apiKeyPost("/api/v1/analytics/events", withScope, new JsonArray().add(event("PAGE_VIEW"))),
                400,
                "analytics.site_required");
        String strangersSite = fixtures.site(fixtures.author()).getString("id");
        problem(
                apiKeyPost(
                        "/api/v1/analytics/events?siteId=" + strangersSite,
                        withScope,
                        new JsonArray().add(event("PAGE_VIEW"))),
                404,
                "analytics.site_not_found");
    }

    private static io.vertx.ext.web.client.HttpResponse<Buffer> apiKeyPost(
            String path, String apiKey, JsonArray events) {
        try {
            return app.client
                    .post(path)
                    .putHeader("X-API-Key", apiKey)
                    .putHeader("Content-Type", "application/json")
                    .sendBuffer(events.toBuffer())
                    .await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aRotatedKeyReplacesTheOldOneWhichWorksUntilItsGraceEnds() {
        Authoring.User author = fixtures.author();
        String site = fixtures.site(author).getString("id");
        String before = collector.key(site, author);
        JsonObject rotated =
                ok(api.post("/api/v1/sites/" + site + "/analytics/ingest-key/rotate", null, author.token()), 200);
        String after = rotated.getString("ingestKey");
        assertNotEquals(before, after);
        assertEquals(before, rotated.getString("previousKey"));
        ok(collector.post(after, new JsonArray().add(event("PAGE_VIEW"))), 202);
        ok(collector.post(before, new JsonArray().add(event("PAGE_VIEW"))), 202);
        app.count("UPDATE sites SET previous_ingest_key_until = now() - interval '1 second' WHERE id = '" + site
                + "' RETURNING 1");
        JsonArray batch = new JsonArray().add(event("PAGE_VIEW"));
        // the old key's site is cached for up to 30 s: name the site, which checks the key against the database
        problem(
                collector.send(
                        "/api/v1/analytics/events?siteId=" + site,
                        before,
                        "application/json",
                        null,
                        null,
                        batch.toBuffer()),
                401,
                "analytics.key_invalid");
        problem(
                api.get(
                        "/api/v1/sites/" + site + "/analytics/ingest-key",
                        fixtures.reader().token()),
                404,
                "site.not_found");
    }

    @Test
    void browsersMayPostFromAnyOriginWithTheKeyHeader() {
        var preflight = app.client
                .request(io.vertx.core.http.HttpMethod.OPTIONS, "/api/v1/analytics/events")
                .putHeader("Origin", "https://reader.example")
                .putHeader("Access-Control-Request-Method", "POST")
                .putHeader("Access-Control-Request-Headers", "content-type,x-quire-key")
                .send()
                .await();
        assertTrue(
                preflight.statusCode() == 204 || preflight.statusCode() == 200, String.valueOf(preflight.statusCode()));
        assertTrue(preflight
                .getHeader("Access-Control-Allow-Headers")
                .toLowerCase()
                .contains("x-quire-key"));
    }
}
