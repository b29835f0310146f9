package io.quire.analytics.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quire.analytics.storage.MaintenanceJob;
import io.quire.testing.SharedApp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The daily salt behind anonymous visitor ids, and the upkeep that forgets salts and old months. */
class VisitorSaltsTest extends SharedApp {

    @Test
    void aVisitorHashesTheSameWithinADayAndDifferentlyTheNext() throws Exception {
        DailySalts salts = new DailySalts(app.db);
        DailySalts otherInstance = new DailySalts(app.db);
        LocalDate monday = LocalDate.of(2030, 1, 7);
        byte[] first = salts.load(monday).await(5, TimeUnit.SECONDS);
        assertArrayEquals(
                first, otherInstance.load(monday).await(5, TimeUnit.SECONDS), "every instance uses the day's one salt");
        byte[] next = salts.load(monday.plusDays(1)).await(5, TimeUnit.SECONDS);
        assertFalse(Arrays.equals(first, next));

        UUID site = UUID.randomUUID();
        UUID morning = VisitorIds.anonymous(first, site, "198.51.100.7", "Firefox");
        assertEquals(morning, VisitorIds.anonymous(first, site, "198.51.100.7", "Firefox"));
        assertNotEquals(
                morning, VisitorIds.anonymous(next, site, "198.51.100.7", "Firefox"), "the next day is a new visitor");
        assertNotEquals(
                morning,
                VisitorIds.anonymous(first, UUID.randomUUID(), "198.51.100.7", "Firefox"),
                "other sites never match");
        assertNotEquals(morning, VisitorIds.anonymous(first, site, "198.51.100.8", "Firefox"));
    }

    @Test
    void upkeepDeletesSaltsOlderThan48HoursAndMonthsPastRetentionAndCreatesMonthsAhead() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        DailySalts salts = new DailySalts(app.db);
        for (int back = 0; back <= 3; back++) {
            salts.load(today.minusDays(back)).await(5, TimeUnit.SECONDS);
        }
        app.count("SELECT count(*) FROM (SELECT analytics_ensure_partition('2021-03-01')) x");
        app.count("INSERT INTO analytics_events (site_id, event_type, occurred_at, received_at, visitor_id) "
                + "VALUES (gen_random_uuid(), 'PAGE_VIEW', '2021-03-05Z', now(), gen_random_uuid()) RETURNING 1");

        new MaintenanceJob(app.db, app.config.analytics()).handle(null).await(10, TimeUnit.SECONDS);

        assertEquals(0, app.count("SELECT count(*) FROM analytics_salts WHERE day < current_date - 1"));
        assertEquals(
                2,
                app.count("SELECT count(*) FROM analytics_salts WHERE day BETWEEN '" + today.minusDays(1) + "' AND '"
                        + today + "'"));
        assertEquals(
                0,
                app.count("SELECT count(*) FROM pg_class WHERE relname = 'analytics_events_2021_03'"),
                "past retention");
        for (int ahead = -1; ahead <= app.config.analytics().partitionsAhead(); ahead++) {
            String name = "analytics_events_"
                    + today.withDayOfMonth(1)
                            .plusMonths(ahead)
                            .toString()
                            .substring(0, 7)
                            .replace('-', '_');
            assertEquals(1, app.count("SELECT count(*) FROM pg_class WHERE relname = '" + name + "'"), name);
            assertEquals(
                    1,
                    app.count("SELECT count(*) FROM pg_class WHERE relname = '" + name + "_dedupe'"),
                    name + " dedupe index");
        }
    }
}
