package io.quire.content;

import static io.quire.testing.Api.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.quire.testing.TestApp;
import io.quire.testing.TestDatabases;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scheduled publishing and free-unlock through the job queue: with three instances racing, a due chapter is
 * published once, within seconds; a due time that passes while nothing runs is honoured at the next start.
 */
class ScheduledPublishingTest {

    static TestApp.Builder instance(io.quire.platform.db.PgTarget db, String redisPrefix) {
        // one signing secret, as a real deployment has: a token from one instance works on the others
        return TestApp.builder()
                .database(db)
                .env("QUIRE_REDIS_KEY_PREFIX", redisPrefix)
                .env("QUIRE_JWT_SECRET", "shared-test-secret-0123456789-abcdefghij")
                .env("QUIRE_JOBS_POLL_INTERVAL_MS", "500");
    }

    static Row chapterRow(TestApp app, String id) throws Exception {
        return app.db
                .preparedQuery("SELECT status, published_at, access_level FROM chapters WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id)))
                .await(5, TimeUnit.SECONDS)
                .iterator()
                .next();
    }

    static long published(TestApp app, String id) throws Exception {
        return app.db
                .preparedQuery("SELECT count(*) FROM outbox WHERE aggregate_id = $1 AND topic = 'chapter.published'")
                .execute(Tuple.of(id))
                .await(5, TimeUnit.SECONDS)
                .iterator()
                .next()
                .getLong(0);
    }

    @Test
    void threeInstancesPublishADueChapterExactlyOnceAndOnTime() throws Exception {
        var db = TestDatabases.fresh();
        String prefix = "quire:test:sched:" + UUID.randomUUID().toString().substring(0, 6) + ":";
        List<TestApp> apps = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                apps.add(instance(db, prefix).start());
            }
            TestApp first = apps.get(0);
            Authoring fixtures = Authoring.in(first);
            Authoring.User author = fixtures.author();
            String series = fixtures.series(author, fixtures.site(author).getString("id"))
                    .getString("id");
            List<String> ids = new ArrayList<>();
            Instant due = Instant.now().plusMillis(1500).truncatedTo(ChronoUnit.MILLIS);
            for (int i = 0; i < 5; i++) {
                String id = fixtures.chapter(author, series, "Due " + i, "Words " + i)
                        .getString("id");
                ok(
                        new Api(apps.get(i % 3))
                                .post(
                                        "/api/v1/chapters/" + id + "/schedule",
                                        new JsonObject()
                                                .put("scheduledAt", due.toString())
                                                .put("timezone", "Europe/Paris"),
                                        author.token()),
                        200);
                ids.add(id);
            }
            Eventually.await(
                    () -> ids.stream().allMatch(id -> {
                        try {
                            return chapterRow(first, id).getString("status").equals("PUBLISHED");
                        } catch (Exception e) {
                            return false;
                        }
                    }),
                    8_000,
                    "all five to be published");
            long lateMs = Instant.now().toEpochMilli() - due.toEpochMilli();
            assertTrue(lateMs < 5_000, "published within 5 s of the due time: " + lateMs + " ms");
            Thread.sleep(1500); // every instance has polled again since
            for (String id : ids) {
                assertEquals(1, published(first, id), "exactly one chapter.published event for " + id);
                OffsetDateTime at = chapterRow(first, id).getOffsetDateTime("published_at");
                assertEquals(due, at.toInstant(), "published at the scheduled time");
            }
        } finally {
            for (TestApp app : apps) {
                app.close();
            }
            TestDatabases.drop(db.database());
        }
    }

    @Test
    void aDueTimeThatPassesWhileNothingRunsIsHonouredAtTheNextStart() throws Exception {
        var db = TestDatabases.fresh();
        String prefix = "quire:test:sched:" + UUID.randomUUID().toString().substring(0, 6) + ":";
        String chapter;
        String free;
        try {
            try (TestApp before = instance(db, prefix).start()) {
                Authoring fixtures = Authoring.in(before);
                Authoring.User author = fixtures.author();
                String series = fixtures.series(author, fixtures.site(author).getString("id"))
                        .getString("id");
                chapter = fixtures.chapter(author, series, "Tomorrow", "x").getString("id");
                free = fixtures.chapter(author, series, "Early access", "y").getString("id");
                Api api = new Api(before);
                Instant due = Instant.now().plusSeconds(2);
                ok(
                        api.post(
                                "/api/v1/chapters/" + chapter + "/schedule",
                                new JsonObject()
                                        .put("scheduledAt", due.toString())
                                        .put("timezone", "UTC"),
                                author.token()),
                        200);
                ok(
                        api.patch(
                                "/api/v1/chapters/" + free + "/access",
                                new JsonObject().put("accessLevel", "SUBSCRIBERS"),
                                author.token()),
                        200);
                ok(
                        api.post(
                                "/api/v1/chapters/" + free + "/schedule-free",
                                new JsonObject().put("scheduledFreeAt", due.toString()),
                                author.token()),
                        200);
            }
            Thread.sleep(3000); // the due time passes with no instance running
            try (TestApp after = instance(db, prefix).start()) {
                Eventually.await(
                        () -> {
                            try {
                                return chapterRow(after, chapter)
                                                .getString("status")
                                                .equals("PUBLISHED")
                                        && chapterRow(after, free)
                                                .getString("access_level")
                                                .equals("FREE");
                            } catch (Exception e) {
                                return false;
                            }
                        },
                        5_000,
                        "the overdue publish and unlock");
                assertEquals(1, published(after, chapter));
            }
        } finally {
            TestDatabases.drop(db.database());
        }
    }

    @Test
    void aSeriesStatusChangeCanBeScheduledAndCancelled() throws Exception {
        try (TestApp app =
                TestApp.builder().env("QUIRE_JOBS_POLL_INTERVAL_MS", "200").start()) {
            Authoring fixtures = Authoring.in(app);
            Api api = new Api(app);
            Authoring.User author = fixtures.author();
            String site = fixtures.site(author).getString("id");
            String launch = fixtures.series(author, site).getString("id");
            String kept = fixtures.series(author, site).getString("id");
            Instant soon = Instant.now().plusMillis(1000);
            JsonObject scheduled = ok(
                    api.post(
                            "/api/v1/series/" + launch + "/publish",
                            new JsonObject().put("at", soon.toString()),
                            author.token()),
                    200);
            assertEquals("DRAFT", scheduled.getString("status"));
            assertEquals("publish", scheduled.getString("scheduledAction"));
            io.quire.testing.Api.problem(
                    api.post(
                            "/api/v1/series/" + launch + "/complete",
                            new JsonObject().put("at", soon.toString()),
                            author.token()),
                    409,
                    "series.illegal_transition");
            ok(
                    api.post(
                            "/api/v1/series/" + kept + "/publish",
                            new JsonObject().put("at", soon.toString()),
                            author.token()),
                    200);
            ok(api.delete("/api/v1/series/" + kept + "/scheduled-status", author.token()), 200);
            Eventually.await(
                    () -> "ONGOING"
                            .equals(ok(api.get("/api/v1/series/" + launch, author.token()), 200)
                                    .getString("status")),
                    5_000,
                    "the scheduled publish");
            Thread.sleep(600);
            assertEquals(
                    "DRAFT",
                    ok(api.get("/api/v1/series/" + kept, author.token()), 200).getString("status"));
            assertEquals(
                    1,
                    fixtures.events(launch).stream()
                            .filter("series.published"::equals)
                            .count());
            io.quire.testing.Api.problem(
                    api.delete("/api/v1/series/" + kept + "/scheduled-status", author.token()),
                    409,
                    "series.nothing_scheduled");
        }
    }

    @Test
    void aRescheduledOrCancelledChapterIsNotPublishedAtTheOldTime() throws Exception {
        try (TestApp app =
                TestApp.builder().env("QUIRE_JOBS_POLL_INTERVAL_MS", "200").start()) {
            Authoring fixtures = Authoring.in(app);
            Api api = new Api(app);
            Authoring.User author = fixtures.author();
            String series = fixtures.series(author, fixtures.site(author).getString("id"))
                    .getString("id");
            String moved = fixtures.chapter(author, series, "Moved", "x").getString("id");
            String cancelled =
                    fixtures.chapter(author, series, "Cancelled", "y").getString("id");
            Instant soon = Instant.now().plusMillis(800);
            for (String id : List.of(moved, cancelled)) {
                ok(
                        api.post(
                                "/api/v1/chapters/" + id + "/schedule",
                                new JsonObject()
                                        .put("scheduledAt", soon.toString())
                                        .put("timezone", "UTC"),
                                author.token()),
                        200);
            }
            ok(
                    api.patch(
                            "/api/v1/chapters/" + moved + "/schedule",
                            new JsonObject()
                                    .put("scheduledAt", "2099-01-01T00:00:00Z")
                                    .put("timezone", "UTC"),
                            author.token()),
                    200);
            ok(api.delete("/api/v1/chapters/" + cancelled + "/schedule", author.token()), 200);
            Thread.sleep(2000);
            assertEquals("SCHEDULED", chapterRow(app, moved).getString("status"));
            assertEquals("DRAFT", chapterRow(app, cancelled).getString("status"));
            assertEquals(0, published(app, moved) + published(app, cancelled));
        }
    }
}
