package io.quire.billing.payouts;

import io.quire.platform.ids.Ids;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Records a payout as the gateway reports it: one row per gateway payout, updated by later events and never by
 * an older one ({@code state_at}), so a late "in transit" cannot undo "paid".
 */
public final class Payouts {
    static final String UPSERT = """
      INSERT INTO author_payouts (id, author_id, gateway, gateway_payout_id, amount, fees, currency, status, arrival_date, reference,
                                  failure_code, failure_message, state_at)
      VALUES ($1, $2, $3, $4, $5, coalesce($6::bigint, 0), upper($7), $8, $9, $10, $11, $12, $13)
      ON CONFLICT (gateway, gateway_payout_id) DO UPDATE SET
        amount = EXCLUDED.amount, fees = EXCLUDED.fees, status = EXCLUDED.status,
        arrival_date = coalesce(EXCLUDED.arrival_date, author_payouts.arrival_date),
        reference = coalesce(EXCLUDED.reference, author_payouts.reference), failure_code = EXCLUDED.failure_code,
        failure_message = EXCLUDED.failure_message, state_at = EXCLUDED.state_at, updated_at = now()
       WHERE author_payouts.state_at <= EXCLUDED.state_at AND author_payouts.author_id = EXCLUDED.author_id
      """;

    /** What one payout event says. */
    public record Reported(
            UUID authorId,
            String gateway,
            String payoutId,
            long amount,
            Long fees,
            String currency,
            String status,
            LocalDate arrival,
            String reference,
            String failureCode,
            String failureMessage,
            OffsetDateTime at) {}

    private Payouts() {}

    public static Future<Void> record(SqlConnection tx, Reported r) {
        if (r.payoutId() == null || r.currency() == null || r.authorId() == null) {
            return Future.succeededFuture();
        }
        return tx.preparedQuery(UPSERT)
                .execute(Tuple.tuple()
                        .addUUID(Ids.newId())
                        .addUUID(r.authorId())
                        .addString(r.gateway())
                        .addString(r.payoutId())
                        .addLong(r.amount())
                        .addValue(r.fees())
                        .addString(r.currency())
                        .addString(r.status())
                        .addLocalDate(r.arrival())
                        .addString(r.reference())
                        .addString(r.failureCode())
                        .addString(r.failureMessage())
                        .addOffsetDateTime(r.at() == null ? OffsetDateTime.now() : r.at()))
                .mapEmpty();
    }
}
