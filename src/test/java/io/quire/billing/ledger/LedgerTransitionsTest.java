package io.quire.billing.ledger;

import static io.quire.testing.Api.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quire.platform.jobs.JobQueue;
import io.quire.platform.mail.Mailer;
import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The ledger's transitions against the real tables, without HTTP: every gateway report against every subscription
 * state, a failed renewal against every state, and stale, duplicate and out-of-order events, which must change
 * nothing.
 */
class LedgerTransitionsTest extends SharedApp {
    private static final OffsetDateTime T0 = OffsetDateTime.of(2026, 11, 1, 12, 0, 0, 0, ZoneOffset.UTC);
    private static Ledger ledger;
    private static Authoring.User author;
    private static UUID site;
    private static UUID tier;

    @BeforeAll
    static void world() {
        ledger = new Ledger(10, new Mailer(new JobQueue(app.config.jobs())));
        author = fixtures.author();
        site = UUID.fromString(fixtures.site(author).getString("id"));
        tier = UUID.fromString(ok(
                        api.post(
                                "/api/v1/sites/" + site + "/tiers",
                                new JsonObject()
                                        .put("name", "Ledger")
                                        .put("monthlyPrice", 500)
                                        .put("currency", "USD"),
                                author.token()),
                        201)
                .getString("id"));
    }

    @Test
    void aGatewayReportMovesASubscriptionOnlyWhereItsStateAllows() {
        for (SubscriptionStatus from : SubscriptionStatus.values()) {
            for (SubscriptionStatus reported : SubscriptionStatus.values()) {
                UUID sub = subscription(from, T0);
                apply(tx -> ledger.subscriptionState(tx, ref(T0.plusMinutes(1)), null, sub, state(reported)));
                SubscriptionStatus expected = from.acceptsGatewayReport(reported) ? reported : from;
                assertEquals(expected, status(sub), from + " told " + reported);
            }
        }
        // the rules themselves, stated once more in words the enum cannot bend
        assertEquals(SubscriptionStatus.EXPIRED, reportedTo(SubscriptionStatus.EXPIRED, SubscriptionStatus.ACTIVE));
        assertEquals(SubscriptionStatus.CANCELLED, reportedTo(SubscriptionStatus.ACTIVE, SubscriptionStatus.CANCELLED));
        assertEquals(SubscriptionStatus.ACTIVE, reportedTo(SubscriptionStatus.PAST_DUE, SubscriptionStatus.ACTIVE));
    }

    private static SubscriptionStatus reportedTo(SubscriptionStatus from, SubscriptionStatus reported) {
        UUID sub = subscription(from, T0);
        apply(tx -> ledger.subscriptionState(tx, ref(T0.plusMinutes(1)), null, sub, state(reported)));
        return status(sub);
    }

    @Test
    void aFailedRenewalPutsBehindOnlyWhatCanFallBehind() {
        for (SubscriptionStatus from : SubscriptionStatus.values()) {
            UUID sub = subscription(from, T0);
            apply(tx -> ledger.invoiceFailed(
                    tx, ref(T0.plusMinutes(1)), sub, paid("in_" + UUID.randomUUID()), "card_declined", "Declined"));
            SubscriptionStatus expected = from.fallsBehindOnFailedRenewal() ? SubscriptionStatus.PAST_DUE : from;
            assertEquals(expected, status(sub), "a failed renewal of a " + from + " subscription");
        }
    }

    @Test
    void aStaleReportChangesNothingAndANewerOneStillApplies() {
        UUID sub = subscription(SubscriptionStatus.ACTIVE, T0);
        apply(tx ->
                ledger.subscriptionState(tx, ref(T0.minusMinutes(5)), null, sub, state(SubscriptionStatus.CANCELLED)));
        assertEquals(SubscriptionStatus.ACTIVE, status(sub), "an event older than the state is ignored");

        apply(tx ->
                ledger.subscriptionState(tx, ref(T0.plusMinutes(5)), null, sub, state(SubscriptionStatus.CANCELLED)));
        assertEquals(SubscriptionStatus.CANCELLED, status(sub));
        apply(tx -> ledger.subscriptionState(tx, ref(T0.plusMinutes(2)), null, sub, state(SubscriptionStatus.ACTIVE)));
        assertEquals(
                SubscriptionStatus.CANCELLED, status(sub), "an older ACTIVE arriving late does not undo the cancel");
        apply(tx -> ledger.invoiceFailed(
                tx, ref(T0.plusMinutes(1)), sub, paid("in_" + UUID.randomUUID()), "card_declined", "Declined"));
        assertEquals(SubscriptionStatus.CANCELLED, status(sub), "a stale failed renewal does not either");
    }

    @Test
    void aDuplicateReportIsAppliedOnce() {
        UUID sub = subscription(SubscriptionStatus.ACTIVE, T0);
        Ledger.Ref ref = ref(T0.plusMinutes(1));
        apply(tx -> ledger.subscriptionState(tx, ref, null, sub, state(SubscriptionStatus.CANCELLED)));
        apply(tx -> ledger.subscriptionState(tx, ref, null, sub, state(SubscriptionStatus.CANCELLED)));
        assertEquals(SubscriptionStatus.CANCELLED, status(sub));
        assertEquals(1, events(sub, "subscription.cancelled"), "one event for one change, however often told");
        assertEquals(2, version(sub), "inserted at 1, changed once");
    }

    @Test
    void aPaidInvoiceIsRecordedOnceAndExtendsThePeriodOnce() {
        UUID sub = subscription(SubscriptionStatus.ACTIVE, T0);
        OffsetDateTime end = periodEnd(sub);
        String invoice = "in_" + UUID.randomUUID();
        Ledger.Paid paid = paid(invoice);
        apply(tx -> ledger.invoicePaid(tx, ref(T0.plusMinutes(1)), sub, paid));
        OffsetDateTime extended = periodEnd(sub);
        apply(tx -> ledger.invoicePaid(tx, ref(T0.plusMinutes(1)), sub, paid));
        assertEquals(extended, periodEnd(sub), "the same invoice told twice extends once");
        assertEquals(1, payments(sub, invoice));
        assertEquals(true, extended.isAfter(end), "the period moved on: " + end + " → " + extended);
    }

    @Test
    void refundsOnlyGrow() {
        UUID sub = subscription(SubscriptionStatus.ACTIVE, T0);
        String invoice = "in_" + UUID.randomUUID();
        Ledger.Paid paid = paid(invoice);
        apply(tx -> ledger.invoicePaid(tx, ref(T0.plusMinutes(1)), sub, paid));
        String key = paid.gatewayPaymentId();
        apply(tx -> ledger.refunded(tx, ref(T0.plusMinutes(2)), key, 200, "re_1"));
        apply(tx -> ledger.refunded(tx, ref(T0.plusMinutes(3)), key, 100, "re_0"));
        apply(tx -> ledger.refunded(tx, ref(T0.plusMinutes(2)), key, 200, "re_1"));
        Row payment = payment(sub, invoice);
        assertEquals(200, payment.getLong("refunded_amount"), "a lower or repeated total changes nothing");
        assertEquals(PaymentStatus.PARTIALLY_REFUNDED, PaymentStatus.of(payment));
        assertEquals(SubscriptionStatus.ACTIVE, status(sub), "a partial refund takes nothing back");
        apply(tx -> ledger.refunded(tx, ref(T0.plusMinutes(4)), key, 500, "re_2"));
        assertEquals(PaymentStatus.REFUNDED, PaymentStatus.of(payment(sub, invoice)));
    }

    // ---- the world

    private static Ledger.Ref ref(OffsetDateTime at) {
        return new Ledger.Ref("stripe", "evt_" + UUID.randomUUID(), at);
    }

    private static Ledger.State state(SubscriptionStatus status) {
        return new Ledger.State(status, null, null, null, null, false);
    }

    private static Ledger.Paid paid(String invoice) {
        return new Ledger.Paid(null, "pi_" + invoice, invoice, 500L, 20L, null, null, T0, T0.plusMonths(2));
    }

    /** A subscription in {@code status} whose state was last set at {@code at}, of a new reader (one live each). */
    private static UUID subscription(SubscriptionStatus status, OffsetDateTime at) {
        UUID id = UUID.randomUUID();
        await(app.db
                .preparedQuery("""
            INSERT INTO reader_subscriptions (id, reader_id, site_id, author_id, tier_id, status, billing_cycle, price,
                                              currency, gateway, gateway_subscription_id, current_period_start,
                                              current_period_end, state_at)
            VALUES ($1, $2, $3, $4, $5, $6, 'MONTHLY', 500, 'USD', 'stripe', $7, $8, $8 + interval '1 month', $8)
            """)
                .execute(Tuple.tuple()
                        .addUUID(id)
                        .addUUID(fixtures.reader().id())
                        .addUUID(site)
                        .addUUID(author.id())
                        .addUUID(tier)
                        .addString(status.name())
                        .addString("sub_" + id)
                        .addOffsetDateTime(at)));
        return id;
    }

    private static void apply(Function<SqlConnection, Future<?>> change) {
        await(app.db.withTransaction(tx -> change.apply(tx).mapEmpty()));
    }

    private static Row subscriptionRow(UUID id) {
        return await(app.db
                        .preparedQuery("SELECT * FROM reader_subscriptions WHERE id = $1")
                        .execute(Tuple.of(id)))
                .iterator()
                .next();
    }

    private static SubscriptionStatus status(UUID id) {
        return SubscriptionStatus.of(subscriptionRow(id));
    }

    private static OffsetDateTime periodEnd(UUID id) {
        return subscriptionRow(id).getOffsetDateTime("current_period_end");
    }

    private static long version(UUID id) {
        return subscriptionRow(id).getLong("version");
    }

    private static long events(UUID sub, String topic) {
        return await(app.db
                        .preparedQuery("SELECT count(*) AS n FROM outbox WHERE topic = $1 AND payload::text LIKE $2")
                        .execute(Tuple.of(topic, "%" + sub + "%")))
                .iterator()
                .next()
                .getLong("n");
    }

    private static long payments(UUID sub, String invoice) {
        return await(app.db
                        .preparedQuery(
                                "SELECT count(*) AS n FROM payments WHERE subscription_id = $1 AND gateway_invoice_id = $2")
                        .execute(Tuple.of(sub, invoice)))
                .iterator()
                .next()
                .getLong("n");
    }

    private static Row payment(UUID sub, String invoice) {
        return await(app.db
                        .preparedQuery("SELECT * FROM payments WHERE subscription_id = $1 AND gateway_invoice_id = $2")
                        .execute(Tuple.of(sub, invoice)))
                .iterator()
                .next();
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
