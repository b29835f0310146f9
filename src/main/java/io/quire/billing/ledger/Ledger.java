package io.quire.billing.ledger;

import io.quire.engagement.notifications.Notify;
import io.quire.platform.ids.Ids;
import io.quire.platform.mail.MailMessage;
import io.quire.platform.mail.Mailer;
import io.quire.platform.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place payments and subscriptions change state, whichever gateway's event caused it: each gateway's
 * handler ({@code billing/events}) reads its own payload into these calls. Everything happens in the inbox's
 * transaction, and each change writes its {@code payment_events} row, an outbox event for authors' webhooks and
 * cache invalidation, and the reader's notification.
 *
 * <p>Order: a subscription records the gateway time of the event that last set its state ({@code state_at}) and
 * an older event does not change it; periods only move forward; refunded amounts only grow. Payments themselves
 * are recorded whatever the order (one row per invoice), so a late renewal is never lost.
 */
public final class Ledger {
    private static final Logger log = LoggerFactory.getLogger(Ledger.class);

    /** Which event, from which gateway, created when (the gateway's clock). */
    public record Ref(String gateway, String eventId, OffsetDateTime at) {
        public Ref {
            at = at == null ? OffsetDateTime.now() : at;
        }
    }

    /**
     * A successful charge. {@code reference} is our payment id (echoed by the gateway) when known; the rest is what
     * the event carries, each may be null.
     */
    public record Paid(
            UUID reference,
            String gatewayPaymentId,
            String invoiceId,
            Long amount,
            Long fee,
            String gatewaySubscriptionId,
            String customerId,
            OffsetDateTime periodStart,
            OffsetDateTime periodEnd) {}

    /** A subscription's state as the gateway reports it; null fields are unchanged. */
    public record State(
            SubscriptionStatus status,
            OffsetDateTime periodStart,
            OffsetDateTime periodEnd,
            Boolean autoRenew,
            Boolean trialing,
            boolean replacePeriod) {}

    private final int platformFeePercent;
    private final Mailer mailer;

    public Ledger(int platformFeePercent, Mailer mailer) {
        this.platformFeePercent = platformFeePercent;
        this.mailer = mailer;
    }

    // ---- checkouts

    /** A checkout was paid: the payment succeeds, and what it bought starts (subscription, chapter, gift). */
    public Future<Void> checkoutPaid(SqlConnection tx, Ref ref, Paid p) {
        if (p.reference() == null) {
            log.info("{} event {} names no Quire payment; nothing to apply", ref.gateway(), ref.eventId());
            return Future.succeededFuture();
        }
        return one(tx, LedgerSql.PAYMENT_BY_ID, Tuple.of(p.reference(), ref.gateway()))
                .compose(payment -> {
                    if (payment == null) {
                        log.info(
                                "{} event {} names payment {}, which is not ours",
                                ref.gateway(),
                                ref.eventId(),
                                p.reference());
                        return Future.succeededFuture();
                    }
                    if (PaymentStatus.of(payment).settled()) {
                        return Future
                                .succeededFuture(); // told twice (two event types, or a retry under a new id): applied
                        // once
                    }
                    return succeed(tx, ref, payment, p, "checkout.completed").compose(after -> switch (after.getString(
                            "type")) {
                        case "SUBSCRIPTION" ->
                            after.getUUID("subscription_id") == null
                                    ? Future.<Void>succeededFuture()
                                    : subscriptionById(tx, after.getUUID("subscription_id"))
                                            .compose(sub -> sub == null
                                                    ? Future.<Void>succeededFuture()
                                                    : start(tx, ref, sub, p));
                        case "ONE_TIME_PURCHASE" ->
                            tx.preparedQuery(LedgerSql.GRANT_PURCHASE)
                                    .execute(Tuple.of(
                                            after.getUUID("reader_id"),
                                            after.getUUID("chapter_id"),
                                            after.getUUID("site_id"),
                                            after.getUUID("id")))
                                    .mapEmpty();
                        case "GIFT" ->
                            tx.preparedQuery(LedgerSql.GIFT_PAID)
                                    .execute(Tuple.of(after.getUUID("gift_id")))
                                    .mapEmpty();
                        default -> Future.<Void>succeededFuture();
                    });
                });
    }

    /** A checkout's payment failed or lapsed at the gateway: the payment ends; a subscription it opened never starts. */
    public Future<Void> checkoutFailed(
            SqlConnection tx,
            Ref ref,
            UUID reference,
            String gatewayPaymentId,
            String code,
            String message,
            boolean expired) {
        if (reference == null) {
            return Future.succeededFuture();
        }
        return one(tx, LedgerSql.PAYMENT_BY_ID, Tuple.of(reference, ref.gateway()))
                .compose(payment -> {
                    if (payment == null || PaymentStatus.of(payment) != PaymentStatus.PENDING) {
                        return Future.succeededFuture(); // paid meanwhile, or already ended: a failed attempt changes
                        // nothing
                    }
                    Future<Row> ended = expired
                            ? tx.preparedQuery(
                                            "UPDATE payments SET status = 'EXPIRED', state_at = $2, updated_at = now() WHERE id = $1 RETURNING *")
                                    .execute(Tuple.of(payment.getUUID("id"), ref.at()))
                                    .map(rows -> rows.iterator().next())
                            : tx.preparedQuery(LedgerSql.FAIL)
                                    .execute(Tuple.of(payment.getUUID("id"), code, message, gatewayPaymentId, ref.at()))
                                    .map(rows -> rows.iterator().next());
                    return ended.compose(after -> paymentChanged(
                                    tx, ref, payment, after, expired ? "checkout.expired" : "payment.failed"))
                            .compose(after -> after.getUUID("subscription_id") == null
                                    ? Future.succeededFuture()
                                    : subscriptionById(tx, after.getUUID("subscription_id"))
                                            .compose(sub -> sub == null
                                                            || SubscriptionStatus.of(sub)
                                                                    != SubscriptionStatus.INCOMPLETE
                                                    ? Future.succeededFuture()
                                                    : setState(
                                                            tx,
                                                            ref,
                                                            sub,
                                                            new State(
                                                                    SubscriptionStatus.EXPIRED,
                                                                    null,
                                                                    null,
                                                                    false,
                                                                    null,
                                                                    false),
                                                            null,
                                                            null,
                                                            "subscription.updated")));
                });
    }

    // ---- subscriptions

    /** An invoice of a subscription was paid: a renewal (or the first invoice) is recorded and the period extends. */
    public Future<Void> invoicePaid(SqlConnection tx, Ref ref, UUID subscriptionRef, Paid p) {
        return subscription(tx, ref, p.gatewaySubscriptionId(), subscriptionRef).compose(sub -> {
            if (sub == null) {
                log.info(
                        "{} invoice {} is for an unknown subscription {}",
                        ref.gateway(),
                        p.invoiceId(),
                        p.gatewaySubscriptionId());
                return Future.succeededFuture();
            }
            // a period comes with the event (Stripe, Razorpay) or is one cycle on (Xendit): only a newly paid invoice
            // extends by a cycle
            return invoicePayment(tx, ref, sub, p, PaymentStatus.SUCCEEDED, null, null)
                    .compose(fresh ->
                            fresh || p.periodEnd() != null ? start(tx, ref, sub, p) : Future.succeededFuture());
        });
    }

    /** A renewal charge failed: the invoice's payment is FAILED and an active subscription becomes PAST_DUE. */
    public Future<Void> invoiceFailed(
            SqlConnection tx, Ref ref, UUID subscriptionRef, Paid p, String code, String message) {
        return subscription(tx, ref, p.gatewaySubscriptionId(), subscriptionRef).compose(sub -> {
            if (sub == null) {
                return Future.succeededFuture();
            }
            return invoicePayment(tx, ref, sub, p, PaymentStatus.FAILED, code, message)
                    .compose(v -> {
                        if (!SubscriptionStatus.of(sub).fallsBehindOnFailedRenewal() || newer(sub, ref)) {
                            return Future.succeededFuture();
                        }
                        return setState(
                                tx,
                                ref,
                                sub,
                                new State(SubscriptionStatus.PAST_DUE, null, null, null, null, false),
                                null,
                                null,
                                "subscription.updated");
                    });
        });
    }

    /** The gateway says what the subscription is now (updated, cancelled, paused, deleted). */
    public Future<Void> subscriptionState(
            SqlConnection tx, Ref ref, String gatewaySubscriptionId, UUID subscriptionRef, State s) {
        return subscription(tx, ref, gatewaySubscriptionId, subscriptionRef).compose(sub -> {
            if (sub == null || newer(sub, ref) || s.status() == null) {
                return Future.succeededFuture();
            }
            SubscriptionStatus status = SubscriptionStatus.of(sub);
            if (!status.acceptsGatewayReport(s.status())) {
                return Future
                        .succeededFuture(); // an ended subscription does not come back; one not yet paid waits for its
                // payment
            }
            if (status == s.status() && s.periodEnd() == null && s.autoRenew() == null) {
                return Future.succeededFuture();
            }
            return setState(tx, ref, sub, s, gatewaySubscriptionId, null, status.topicFor(s.status()));
        });
    }

    /**
     * A change made here rather than at the gateway's word (the reader cancels or resumes, the expiry job ends a
     * lapsed subscription): stamped with the present, so a gateway event older than it does not undo it.
     */
    public Future<Void> localChange(SqlConnection tx, UUID subscriptionId, State s, String reason, String topic) {
        return subscriptionById(tx, subscriptionId)
                .compose(sub -> sub == null
                        ? Future.succeededFuture()
                        : tx.preparedQuery(LedgerSql.CANCEL_REASON)
                                .execute(Tuple.of(subscriptionId, reason))
                                .compose(v -> setState(
                                        tx, new Ref("quire", null, OffsetDateTime.now()), sub, s, null, null, topic)));
    }

    /** Checkouts past their expiry that were never paid: EXPIRED, and their seats given back. How many. */
    public Future<Integer> expireCheckouts(SqlConnection tx, int max) {
        return tx.preparedQuery("""
        SELECT id, gateway FROM payments WHERE status = 'PENDING' AND checkout_expires_at < now()
         ORDER BY checkout_expires_at LIMIT $1 FOR UPDATE SKIP LOCKED
        """).execute(Tuple.of(max)).compose(rows -> {
            Future<Void> chain = Future.succeededFuture();
            for (Row r : rows) {
                chain = chain.compose(v -> checkoutFailed(
                        tx,
                        new Ref(r.getString("gateway"), null, OffsetDateTime.now()),
                        r.getUUID("id"),
                        null,
                        null,
                        null,
                        true));
            }
            return chain.map(rows.size());
        });
    }

    /**
     * Subscriptions whose time is up: CANCELLED past their period, ACTIVE or PAST_DUE past the period and the grace
     * days with no renewal heard of. They become EXPIRED and give their seats back. How many.
     */
    public Future<Integer> expireLapsed(SqlConnection tx, int graceDays, int max) {
        return tx.preparedQuery("""
        SELECT id FROM reader_subscriptions
         WHERE status = 'CANCELLED' AND current_period_end < now()
            OR status IN ('ACTIVE', 'PAST_DUE') AND current_period_end + make_interval(days => $1) < now()
         LIMIT $2 FOR UPDATE SKIP LOCKED
        """).execute(Tuple.of(graceDays, max)).compose(rows -> {
            Future<Void> chain = Future.succeededFuture();
            for (Row r : rows) {
                chain = chain.compose(v -> localChange(
                        tx,
                        r.getUUID("id"),
                        new State(SubscriptionStatus.EXPIRED, null, null, false, null, false),
                        null,
                        "subscription.updated"));
            }
            return chain.map(rows.size());
        });
    }

    // ---- refunds and disputes

    /** The gateway refunded {@code refundedTotal} of a payment so far; a full refund takes back what it bought. */
    public Future<Void> refunded(
            SqlConnection tx, Ref ref, String gatewayPaymentKey, long refundedTotal, String refundId) {
        return one(tx, LedgerSql.PAYMENT_BY_GATEWAY_ID, Tuple.of(ref.gateway(), gatewayPaymentKey))
                .compose(payment -> {
                    if (payment == null || refundedTotal <= payment.getLong("refunded_amount")) {
                        return Future.succeededFuture(); // unknown, or no more than already recorded (a duplicate or an
                        // older event)
                    }
                    return tx.preparedQuery(LedgerSql.REFUND)
                            .execute(Tuple.of(payment.getUUID("id"), refundedTotal, refundId))
                            .map(rows -> rows.iterator().next())
                            .compose(after -> paymentChanged(tx, ref, payment, after, "payment.refunded"))
                            .compose(after -> after.getLong("refunded_amount") >= after.getLong("gross_amount")
                                    ? takeBack(tx, ref, after, "refunded")
                                    : Future.succeededFuture());
                });
    }

    /** A dispute opened, changed or closed ({@code outcome} won or lost when closed). A lost dispute takes back what was bought. */
    public Future<Void> disputed(
            SqlConnection tx, Ref ref, String gatewayPaymentKey, String status, String reason, String outcome) {
        return one(tx, LedgerSql.PAYMENT_BY_GATEWAY_ID, Tuple.of(ref.gateway(), gatewayPaymentKey))
                .compose(payment -> {
                    if (payment == null) {
                        return Future.succeededFuture();
                    }
                    return tx.preparedQuery(LedgerSql.DISPUTE)
                            .execute(Tuple.of(payment.getUUID("id"), status, reason, ref.at(), outcome))
                            .map(rows -> rows.iterator().next())
                            .compose(after -> paymentChanged(
                                    tx,
                                    ref,
                                    payment,
                                    after,
                                    outcome == null ? "payment.disputed" : "payment.dispute_" + outcome))
                            .compose(after -> "lost".equals(outcome)
                                    ? takeBack(tx, ref, after, "dispute lost")
                                    : Future.succeededFuture());
                });
    }

    /** Ends what a payment bought, at once: the subscription is cancelled with no time left, the chapter locked again. */
    private Future<Void> takeBack(SqlConnection tx, Ref ref, Row payment, String why) {
        return switch (payment.getString("type")) {
            case "SUBSCRIPTION" ->
                payment.getUUID("subscription_id") == null
                        ? Future.succeededFuture()
                        : subscriptionById(tx, payment.getUUID("subscription_id"))
                                .compose(sub -> sub == null
                                                || !SubscriptionStatus.of(sub).canBeTakenBack()
                                        ? Future.succeededFuture()
                                        : tx.preparedQuery(LedgerSql.CANCEL_REASON)
                                                .execute(Tuple.of(sub.getUUID("id"), why))
                                                .compose(v -> setState(
                                                        tx,
                                                        ref,
                                                        sub,
                                                        new State(
                                                                SubscriptionStatus.CANCELLED,
                                                                null,
                                                                OffsetDateTime.now(),
                                                                false,
                                                                null,
                                                                true),
                                                        null,
                                                        null,
                                                        "subscription.cancelled")));
            // the payment's own event (payment.refunded or payment.disputed) evicts the reader's cached access
            case "ONE_TIME_PURCHASE" ->
                tx.preparedQuery(LedgerSql.REVOKE_PURCHASE)
                        .execute(Tuple.of(payment.getUUID("id")))
                        .mapEmpty();
            case "GIFT" ->
                tx.preparedQuery(LedgerSql.GIFT_REFUNDED)
                        .execute(Tuple.of(payment.getUUID("gift_id")))
                        .mapEmpty();
            default -> Future.succeededFuture();
        };
    }

    // ---- the pieces

    private Future<Row> succeed(SqlConnection tx, Ref ref, Row payment, Paid p, String eventType) {
        return tx.preparedQuery(LedgerSql.SUCCEED)
                .execute(Tuple.tuple()
                        .addUUID(payment.getUUID("id"))
                        .addString("SUCCEEDED")
                        .addString(p.gatewayPaymentId())
                        .addString(p.invoiceId())
                        .addValue(p.amount())
                        .addValue(p.fee())
                        .addInteger(platformFeePercent)
                        .addOffsetDateTime(ref.at()))
                .map(rows -> rows.iterator().next())
                .compose(after -> paymentChanged(tx, ref, payment, after, eventType));
    }

    /** The payment of one invoice: the checkout's own payment for the first invoice, else a row of its own. */
    /** Whether the invoice's payment newly succeeded. */
    private Future<Boolean> invoicePayment(
            SqlConnection tx, Ref ref, Row sub, Paid p, PaymentStatus status, String code, String message) {
        Future<Row> existing = p.invoiceId() == null
                ? Future.succeededFuture(null)
                : one(tx, LedgerSql.PAYMENT_BY_INVOICE, Tuple.of(ref.gateway(), p.invoiceId()));
        return existing.compose(found -> found != null
                        ? Future.succeededFuture(found)
                        : one(tx, LedgerSql.FIRST_PAYMENT, Tuple.of(sub.getUUID("id")))
                                .map(first -> first != null
                                                && (PaymentStatus.of(first) == PaymentStatus.PENDING
                                                        || PaymentStatus.of(first) == PaymentStatus.SUCCEEDED)
                                        ? first
                                        : null))
                .compose(payment -> {
                    if (payment != null) {
                        PaymentStatus was = PaymentStatus.of(payment);
                        if (status == PaymentStatus.SUCCEEDED) {
                            return was == PaymentStatus.SUCCEEDED && payment.getString("gateway_invoice_id") != null
                                    ? Future.succeededFuture(false)
                                    : succeed(tx, ref, payment, p, "invoice.paid")
                                            .map(was != PaymentStatus.SUCCEEDED);
                        }
                        return was == PaymentStatus.PENDING || was == PaymentStatus.PROCESSING
                                ? tx.preparedQuery(LedgerSql.FAIL)
                                        .execute(Tuple.of(
                                                payment.getUUID("id"), code, message, p.gatewayPaymentId(), ref.at()))
                                        .compose(rows -> paymentChanged(
                                                tx,
                                                ref,
                                                payment,
                                                rows.iterator().next(),
                                                "invoice.payment_failed"))
                                        .map(false)
                                : Future.succeededFuture(false);
                    }
                    long amount = p.amount() == null ? sub.getLong("price") : p.amount();
                    return tx.preparedQuery(LedgerSql.INSERT_RENEWAL)
                            .execute(Tuple.tuple()
                                    .addUUID(Ids.newId())
                                    .addUUID(sub.getUUID("id"))
                                    .addString(status.name())
                                    .addLong(amount)
                                    .addValue(p.fee())
                                    .addInteger(platformFeePercent)
                                    .addString(p.gatewayPaymentId())
                                    .addString(p.invoiceId())
                                    .addOffsetDateTime(ref.at())
                                    .addString(code)
                                    .addString(message))
                            .compose(rows -> rows.size() == 0
                                    ? Future.succeededFuture(false)
                                    : paymentChanged(
                                                    tx,
                                                    ref,
                                                    null,
                                                    rows.iterator().next(),
                                                    status == PaymentStatus.SUCCEEDED
                                                            ? "invoice.paid"
                                                            : "invoice.payment_failed")
                                            .map(status == PaymentStatus.SUCCEEDED));
                });
    }

    /**
     * A payment starts or extends a subscription: INCOMPLETE (or a checkout that expired before it was paid) becomes
     * ACTIVE with its first period; ACTIVE, PAST_DUE and PAUSED become ACTIVE with the period extended. A CANCELLED or
     * EXPIRED subscription that had started keeps its state: the payment is recorded, but a late event does not
     * revive what a cancel, refund or dispute ended.
     */
    private Future<Void> start(SqlConnection tx, Ref ref, Row sub, Paid p) {
        SubscriptionStatus status = SubscriptionStatus.of(sub);
        boolean neverStarted = status == SubscriptionStatus.INCOMPLETE
                || status == SubscriptionStatus.EXPIRED && sub.getOffsetDateTime("current_period_end") == null;
        if (!neverStarted && (status == SubscriptionStatus.CANCELLED || status == SubscriptionStatus.EXPIRED)) {
            return Future.succeededFuture();
        }
        SubscriptionStatus next = !neverStarted && newer(sub, ref)
                ? status
                : SubscriptionStatus.ACTIVE; // a newer state stands; the period may still extend
        OffsetDateTime paidTo = sub.getOffsetDateTime("current_period_end");
        OffsetDateTime trialEnd = sub.getOffsetDateTime("trial_ends_at");
        boolean trialStarts = neverStarted && sub.getBoolean("is_trialing") && trialEnd != null;
        OffsetDateTime end = p.periodEnd() != null
                ? p.periodEnd()
                : trialStarts
                        ? trialEnd
                        : defaultEnd(
                                sub, neverStarted || paidTo == null || paidTo.isBefore(ref.at()) ? ref.at() : paidTo);
        // a trial ends with the first payment of money
        Boolean trialing = trialStarts ? Boolean.TRUE : p.amount() != null && p.amount() > 0 ? Boolean.FALSE : null;
        OffsetDateTime begin = p.periodStart() != null ? p.periodStart() : neverStarted ? ref.at() : null;
        String topic = neverStarted ? "subscription.created" : "subscription.updated";
        return tx.preparedQuery(LedgerSql.HOLD_SEAT)
                .execute(Tuple.of(sub.getUUID("id")))
                .compose(v -> setState(
                        tx,
                        ref,
                        sub,
                        new State(next, begin, end, null, trialing, false),
                        p.gatewaySubscriptionId(),
                        p.customerId(),
                        topic));
    }

    private static OffsetDateTime defaultEnd(Row sub, OffsetDateTime from) {
        return sub.getString("billing_cycle").equals("ANNUAL") ? from.plusYears(1) : from.plusMonths(1);
    }

    private Future<Void> setState(
            SqlConnection tx, Ref ref, Row sub, State s, String gatewaySubscriptionId, String customer, String topic) {
        return tx.preparedQuery(LedgerSql.SET_SUBSCRIPTION)
                .execute(Tuple.tuple()
                        .addUUID(sub.getUUID("id"))
                        .addString(s.status() == null ? null : s.status().name())
                        .addString(gatewaySubscriptionId)
                        .addString(customer)
                        .addOffsetDateTime(s.periodStart())
                        .addOffsetDateTime(s.periodEnd())
                        .addValue(s.autoRenew())
                        .addValue(s.trialing())
                        .addOffsetDateTime(ref.at())
                        .addBoolean(s.replacePeriod()))
                .map(rows -> rows.iterator().next())
                .compose(after -> (SubscriptionStatus.of(after) == SubscriptionStatus.EXPIRED
                        ? tx.preparedQuery(LedgerSql.RELEASE_SEAT)
                                .execute(Tuple.of(after.getUUID("id")))
                                .map(after)
                        : Future.succeededFuture(after)))
                .compose(after -> {
                    if (SubscriptionStatus.of(after) == SubscriptionStatus.of(sub)
                            && java.util.Objects.equals(
                                    after.getOffsetDateTime("current_period_end"),
                                    sub.getOffsetDateTime("current_period_end"))
                            && after.getBoolean("auto_renew").equals(sub.getBoolean("auto_renew"))) {
                        return Future.succeededFuture();
                    }
                    return Subscriptions.changed(tx, sub, after, topic, ref.eventId(), mailer);
                });
    }

    /** Writes the payment's history row, its outbox event and the reader's notice for a change of status. */
    private Future<Row> paymentChanged(SqlConnection tx, Ref ref, Row before, Row after, String eventType) {
        PaymentStatus previous = before == null ? null : PaymentStatus.of(before);
        PaymentStatus now = PaymentStatus.of(after);
        JsonObject meta = new JsonObject()
                .put("gateway", ref.gateway())
                .put("amount", after.getLong("gross_amount"))
                .put("refundedAmount", after.getLong("refunded_amount"));
        Future<Void> history = tx.preparedQuery(LedgerSql.EVENT)
                .execute(Tuple.of(
                        after.getUUID("id"),
                        after.getUUID("subscription_id"),
                        eventType,
                        previous == null ? null : previous.name(),
                        now.name(),
                        ref.eventId(),
                        meta))
                .mapEmpty();
        String topic = eventType.equals("payment.refunded")
                ? "payment.refunded"
                : eventType.startsWith("payment.dispute")
                        ? "payment.disputed"
                        : now == PaymentStatus.SUCCEEDED && previous != PaymentStatus.SUCCEEDED
                                ? "payment.succeeded"
                                : now == PaymentStatus.FAILED && previous != PaymentStatus.FAILED
                                        ? "payment.failed"
                                        : null;
        if (topic == null) {
            return history.map(after);
        }
        JsonObject payload = Payments.event(after);
        return history.compose(v -> Outbox.append(tx, topic, after.getUUID("id").toString(), payload))
                .compose(v -> Notify.inApp(
                        tx,
                        after.getUUID("reader_id"),
                        "PAYMENT",
                        Payments.noticeTitle(topic, after),
                        Payments.noticeBody(after),
                        payload,
                        topic + ":" + after.getUUID("id") + ":" + after.getLong("refunded_amount")))
                .compose(v -> email(
                        tx, after.getUUID("reader_id"), Payments.noticeTitle(topic, after), Payments.receipt(after)))
                .map(after);
    }

    private Future<Void> email(SqlConnection tx, UUID reader, String subject, String text) {
        return tx.preparedQuery(LedgerSql.READER_EMAIL)
                .execute(Tuple.of(reader))
                .compose(rows -> rows.size() == 0
                        ? Future.succeededFuture()
                        : mailer.queue(
                                        tx,
                                        new MailMessage(
                                                rows.iterator().next().getString("email"), subject, text, "billing"))
                                .mapEmpty());
    }

    // ---- lookups

    private Future<Row> subscription(SqlConnection tx, Ref ref, String gatewayId, UUID ours) {
        Future<Row> byGateway = gatewayId == null
                ? Future.succeededFuture(null)
                : one(tx, LedgerSql.SUBSCRIPTION_BY_GATEWAY_ID, Tuple.of(ref.gateway(), gatewayId));
        return byGateway.compose(
                found -> found != null || ours == null ? Future.succeededFuture(found) : subscriptionById(tx, ours));
    }

    private static Future<Row> subscriptionById(SqlConnection tx, UUID id) {
        return one(tx, LedgerSql.SUBSCRIPTION_BY_ID, Tuple.of(id));
    }

    /** Whether the subscription's state was set by an event newer than this one. */
    private static boolean newer(Row sub, Ref ref) {
        OffsetDateTime at = sub.getOffsetDateTime("state_at");
        return at != null && at.isAfter(ref.at());
    }

    static Future<Row> one(SqlConnection tx, String sql, Tuple args) {
        return tx.preparedQuery(sql)
                .execute(args)
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
    }
}
