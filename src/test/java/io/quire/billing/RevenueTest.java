package io.quire.billing;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quire.testing.Api;
import io.quire.testing.Authoring;
import io.quire.testing.Eventually;
import io.quire.testing.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The revenue rollups against figures worked out by hand: payments and subscriptions on two known days, the
 * {@code billing.revenue} job run (twice: the same rows), then the snapshots, the month, the timeline and the stats.
 */
class RevenueTest {
    static TestApp app;
    static Api api;
    static Authoring fixtures;

    @BeforeAll
    static void start() {
        app = TestApp.builder().env("QUIRE_JOBS_POLL_INTERVAL_MS", "50").start();
        api = new Api(app);
        fixtures = Authoring.in(app);
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
    }

    @Test
    void snapshotsSummariesTimelineAndStatsMatchTheHandFigures() throws Exception {
        Authoring.User author = fixtures.author();
        Authoring.User reader = fixtures.reader();
        String site = fixtures.site(author).getString("id");
        String tier = ok(
                        api.post(
                                "/api/v1/sites/" + site + "/tiers",
                                new JsonObject()
                                        .put("name", "T")
                                        .put("monthlyPrice", 1000)
                                        .put("currency", "USD"),
                                author.token()),
                        201)
                .getString("id");
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate d1 = today.minusDays(2);
        LocalDate d2 = today.minusDays(1);
        // day 1: a subscription payment, a purchase, a tip (refunded on day 2), and a failed payment that counts for
        // nothing
        pay(author, reader, site, "SUBSCRIPTION", "SUCCEEDED", 1000, 30L, 100L, d1 + " 09:00", 0, null);
        pay(author, reader, site, "ONE_TIME_PURCHASE", "SUCCEEDED", 200, 10L, 20L, d1 + " 10:00", 0, null);
        pay(author, reader, site, "TIP", "REFUNDED", 500, null, 50L, d1 + " 11:00", 500, d2 + " 08:00");
        pay(author, reader, site, "TIP", "FAILED", 999, null, null, d1 + " 12:00", 0, null);
        // subscribers: one from before, one new on day 1 (annual), one that ended on day 1
        sub(author, fixtures.reader(), site, tier, "MONTHLY", 1000, d1.minusDays(4) + " 00:00", null);
        Authoring.User annual = fixtures.reader();
        sub(author, annual, site, tier, "ANNUAL", 12000, d1 + " 13:00", null);
        sub(author, fixtures.reader(), site, tier, "MONTHLY", 1000, d1.minusDays(30) + " 00:00", d1 + " 10:00");

        for (int run = 0; run < 2; run++) {
            long before = app.count("SELECT count(*) FROM jobs WHERE type = 'billing.revenue' AND status = 'done'");
            job(d1);
            job(d2);
            Eventually.await(
                    () -> app.count("SELECT count(*) FROM jobs WHERE type = 'billing.revenue' AND status = 'done'")
                            >= before + 2,
                    10_000,
                    "revenue jobs done");
        }
        JsonArray days = ok(api.get("/api/v1/payments/timeline?from=" + d1 + "&to=" + d2, author.token()), 200)
                .getJsonArray("data");
        assertEquals(2, days.size(), days.encode());
        JsonObject first = days.getJsonObject(0);
        assertEquals(
                new JsonObject()
                        .put("date", d1.toString())
                        .put("currency", "USD")
                        .put("subscriptionRevenue", 1000)
                        .put("purchaseRevenue", 200)
                        .put("tipRevenue", 500)
                        .put("giftRevenue", 0)
                        .put("gross", 1700)
                        .put("gatewayFees", 40)
                        .put("platformFees", 170)
                        .put("refunds", 0)
                        .put("net", 1490)
                        .put("activeSubscribers", 2)
                        .put("newSubscribers", 1)
                        .put("churnedSubscribers", 1)
                        .put("mrr", 2000),
                first);
        JsonObject second = days.getJsonObject(1);
        assertEquals(500, second.getLong("refunds"));
        assertEquals(-500, second.getLong("net"));
        assertEquals(0, second.getLong("gross"));
        assertEquals(2000, second.getLong("mrr"));
        assertEquals(
                2,
                app.count("SELECT count(*) FROM author_revenue_snapshots WHERE author_id = '" + author.id() + "'"),
                "idempotent");

        if (d1.getMonth() == d2.getMonth()) {
            JsonObject month = ok(
                            api.get(
                                    "/api/v1/payments/timeline?interval=month&from=" + d1 + "&to=" + d2,
                                    author.token()),
                            200)
                    .getJsonArray("data")
                    .getJsonObject(0);
            assertEquals(990, month.getLong("net"));
            assertEquals(1700, month.getLong("gross"));
            assertEquals(0.3333, month.getDouble("churnRate"), 0.00001, "1 churned of (2 at the start + 1 new)");
        }
        JsonObject stats = ok(api.get("/api/v1/payments/stats", author.token()), 200)
                .getJsonArray("data")
                .getJsonObject(0);
        assertEquals(2000, stats.getLong("mrr"));
        assertEquals(24000, stats.getLong("arr"));
        assertEquals(2, stats.getLong("activeSubscribers"));
        assertEquals(0.3333, stats.getDouble("churnRate"), 0.00001);
        assertEquals(1000, stats.getLong("arpu"));
        assertEquals(3000, stats.getLong("ltv"), "ARPU / churn");
        assertEquals(990, stats.getLong("net30d"));
        assertEquals(
                0,
                ok(api.get("/api/v1/payments/stats", fixtures.author().token()), 200)
                        .getJsonArray("data")
                        .size(),
                "another author's is empty");
        problem(api.get("/api/v1/payments/timeline?interval=week", author.token()), 422, "request.invalid");

        // the site's own report, from its payments
        JsonObject siteReport = ok(
                api.get("/api/v1/sites/" + site + "/analytics/revenue?from=" + d1 + "&to=" + d2, author.token()), 200);
        assertEquals(
                new JsonObject().put("gross", 1700).put("net", 990).put("refunds", 500),
                siteReport.getJsonObject("totals").getJsonObject("USD"));
        assertEquals(1, siteReport.getJsonArray("timeline").size());
        assertEquals(1490, siteReport.getJsonArray("timeline").getJsonObject(0).getLong("net"));
        assertEquals(
                new JsonObject()
                        .put("started", 1)
                        .put("ended", 1)
                        .put("live", 2)
                        .put("mrr", 2000),
                siteReport.getJsonObject("subscribers"));
        problem(
                api.get(
                        "/api/v1/sites/" + site + "/analytics/revenue",
                        fixtures.author().token()),
                404,
                "site.not_found");
        problem(
                api.get("/api/v1/sites/" + site + "/analytics/revenue?interval=year", author.token()),
                422,
                "analytics.invalid_range");

        // the series conversion report's paid step: the annual subscriber had read the series the day they subscribed
        String series = fixtures.series(author, site).getString("id");
        app.db
                .preparedQuery(
                        "INSERT INTO analytics_visitor_days (site_id, series_id, day, visitor_id, stage) VALUES ($1, $2, $3, $4, 1)")
                .execute(Tuple.of(UUID.fromString(site), UUID.fromString(series), d1, annual.id()))
                .await(5, TimeUnit.SECONDS);
        JsonObject conversion = ok(
                api.get("/api/v1/series/" + series + "/analytics/conversion?from=" + d1 + "&to=" + d2, author.token()),
                200);
        assertEquals(
                1,
                conversion.getJsonArray("paidSubscriptions").getJsonObject(0).getLong("subscriptions"),
                conversion.encode());
        problem(api.get("/api/v1/payments/timeline?from=yesterday", author.token()), 422, "request.invalid");
    }

    static void job(LocalDate day) throws Exception {
        app.db
                .preparedQuery(
                        "INSERT INTO jobs (id, type, payload, max_attempts) VALUES (gen_random_uuid(), 'billing.revenue', $1, 3)")
                .execute(Tuple.of(new JsonObject().put("day", day.toString())))
                .await(5, TimeUnit.SECONDS);
    }

    static void pay(
            Authoring.User author,
            Authoring.User reader,
            String site,
            String type,
            String status,
            long gross,
            Long fee,
            Long platform,
            String processed,
            long refunded,
            String refundedAt)
            throws Exception {
        app.db
                .preparedQuery("""
            INSERT INTO payments (id, reader_id, author_id, site_id, type, status, gross_amount, gateway_fee, platform_fee, net_amount,
                                  currency, gateway, refunded_amount, refunded_at, processed_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $7::bigint - coalesce($8::bigint, 0) - coalesce($9::bigint, 0), 'USD', 'stripe', $10,
                    $11::text::timestamp AT TIME ZONE 'UTC', $12::text::timestamp AT TIME ZONE 'UTC')
            """)
                .execute(Tuple.tuple()
                        .addUUID(UUID.randomUUID())
                        .addUUID(reader.id())
                        .addUUID(author.id())
                        .addUUID(UUID.fromString(site))
                        .addString(type)
                        .addString(status)
                        .addLong(gross)
                        .addValue(fee)
                        .addValue(platform)
                        .addLong(refunded)
                        .addString(refundedAt)
                        .addString(processed))
                .await(5, TimeUnit.SECONDS);
    }

    static void sub(
            Authoring.User author,
            Authoring.User reader,
            String site,
            String tier,
            String cycle,
            long price,
            String created,
            String expired)
            throws Exception {
        app.db
                .preparedQuery("""
            INSERT INTO reader_subscriptions (id, reader_id, site_id, author_id, tier_id, status, billing_cycle, price, currency, gateway,
                                              current_period_start, current_period_end, expires_at, created_at)
            VALUES ($1, $2, $3, $4, $5, CASE WHEN $8::text::timestamp IS NULL THEN 'ACTIVE' ELSE 'EXPIRED' END, $6, $7, 'USD', 'stripe',
                    $9::text::timestamp AT TIME ZONE 'UTC', $9::text::timestamp AT TIME ZONE 'UTC' + interval '1 month',
                    $8::text::timestamp AT TIME ZONE 'UTC', $9::text::timestamp AT TIME ZONE 'UTC')
            """)
                .execute(Tuple.tuple()
                        .addUUID(UUID.randomUUID())
                        .addUUID(reader.id())
                        .addUUID(UUID.fromString(site))
                        .addUUID(author.id())
                        .addUUID(UUID.fromString(tier))
                        .addString(cycle)
                        .addLong(price)
                        .addString(expired)
                        .addString(created))
                .await(5, TimeUnit.SECONDS);
    }
}
