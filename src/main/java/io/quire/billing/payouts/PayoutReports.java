package io.quire.billing.payouts;

import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.Csv;
import io.quire.platform.http.TimeCursor;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/** An author's payouts as the gateways reported them ({@link Payouts}): the list, one, per-currency stats, CSV. */
public final class PayoutReports {
    /** A payout's state as the gateway reports it. */
    public enum Status {
        PENDING,
        IN_TRANSIT,
        PAID,
        FAILED,
        CANCELLED
    }

    private static final String LIST = """
      SELECT * FROM author_payouts WHERE author_id = $1 AND ($2::text IS NULL OR status = $2)
         AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4))
       ORDER BY created_at DESC, id DESC LIMIT $5
      """;
    private static final String ONE = "SELECT * FROM author_payouts WHERE id = $1 AND author_id = $2";
    private static final String STATS = """
      SELECT currency, coalesce(sum(amount) FILTER (WHERE status = 'PAID'), 0) AS paid,
             coalesce(sum(amount) FILTER (WHERE status IN ('PENDING', 'IN_TRANSIT')), 0) AS on_the_way,
             coalesce(sum(fees) FILTER (WHERE status = 'PAID'), 0) AS fees,
             count(*) FILTER (WHERE status = 'PAID') AS paid_count, count(*) FILTER (WHERE status = 'FAILED') AS failed_count,
             max(arrival_date) FILTER (WHERE status = 'PAID') AS last_arrival
        FROM author_payouts WHERE author_id = $1 GROUP BY currency ORDER BY currency
      """;
    private static final String EXPORT = "SELECT * FROM author_payouts WHERE author_id = $1 ORDER BY created_at, id";

    private final Pool pool;

    public PayoutReports(Pool pool) {
        this.pool = pool;
    }

    /** Newest first; {@code status} null for all. */
    public Future<JsonObject> list(UUID author, Status status, String cursor, int limit) {
        TimeCursor after = TimeCursor.decode(cursor);
        return pool.preparedQuery(LIST)
                .execute(Tuple.tuple()
                        .addUUID(author)
                        .addString(status == null ? null : status.name())
                        .addOffsetDateTime(after.at())
                        .addUUID(after.id())
                        .addInteger(limit + 1))
                .map(rows -> TimeCursor.page(rows, limit, PayoutReports::json, "created_at", "id"));
    }

    public Future<JsonObject> one(UUID author, UUID id) {
        return pool.preparedQuery(ONE)
                .execute(Tuple.of(id, author))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(new ApiException.NotFound("payout.not_found", "Not found."))
                        : Future.succeededFuture(json(rows.iterator().next())));
    }

    /** Per currency: paid, on the way, fees, counts, the last arrival. */
    public Future<JsonObject> stats(UUID author) {
        return pool.preparedQuery(STATS).execute(Tuple.of(author)).map(rows -> {
            JsonArray data = new JsonArray();
            rows.forEach(r -> data.add(new JsonObject()
                    .put("currency", r.getString("currency"))
                    .put("paid", r.getLong("paid"))
                    .put("onTheWay", r.getLong("on_the_way"))
                    .put("fees", r.getLong("fees"))
                    .put("paidCount", r.getLong("paid_count"))
                    .put("failedCount", r.getLong("failed_count"))
                    .put(
                            "lastArrival",
                            r.getLocalDate("last_arrival") == null
                                    ? null
                                    : r.getLocalDate("last_arrival").toString())));
            return new JsonObject().put("data", data);
        });
    }

    /** Every payout, oldest first, as CSV. */
    public Future<String> csv(UUID author) {
        return pool.preparedQuery(EXPORT).execute(Tuple.of(author)).map(rows -> {
            StringBuilder csv = new StringBuilder(Csv.line(
                    "id",
                    "gateway",
                    "gateway_payout_id",
                    "status",
                    "amount",
                    "fees",
                    "currency",
                    "arrival_date",
                    "reference",
                    "created_at"));
            for (Row r : rows) {
                csv.append(Csv.line(
                        r.getUUID("id"),
                        r.getString("gateway"),
                        r.getString("gateway_payout_id"),
                        r.getString("status"),
                        r.getLong("amount"),
                        r.getLong("fees"),
                        r.getString("currency"),
                        r.getLocalDate("arrival_date"),
                        r.getString("reference"),
                        Times.iso(r.getOffsetDateTime("created_at"))));
            }
            return csv.toString();
        });
    }

    static JsonObject json(Row r) {
        return new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("gateway", r.getString("gateway"))
                .put("gatewayPayoutId", r.getString("gateway_payout_id"))
                .put("status", r.getString("status"))
                .put("amount", r.getLong("amount"))
                .put("fees", r.getLong("fees"))
                .put("currency", r.getString("currency"))
                .put(
                        "arrivalDate",
                        r.getLocalDate("arrival_date") == null
                                ? null
                                : r.getLocalDate("arrival_date").toString())
                .put("reference", r.getString("reference"))
                .put("failureCode", r.getString("failure_code"))
                .put("failureMessage", r.getString("failure_message"))
                .put("createdAt", Times.iso(r.getOffsetDateTime("created_at")))
                .put("updatedAt", Times.iso(r.getOffsetDateTime("updated_at")));
    }
}
