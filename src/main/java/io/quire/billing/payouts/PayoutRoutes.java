package io.quire.billing.payouts;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Authz;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.Csv;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.Responses;
import io.quire.platform.http.TimeCursor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * §8.2 author payouts, as the gateways reported them (Stripe {@code payout.*}, Razorpay {@code settlement.processed}):
 * list (newest first, by status), one, stats per currency, CSV export. Only the author's own.
 */
public final class PayoutRoutes {
    private static final List<String> STATUSES = List.of("PENDING", "IN_TRANSIT", "PAID", "FAILED", "CANCELLED");
    static final String LIST = """
      SELECT * FROM author_payouts WHERE author_id = $1 AND ($2::text IS NULL OR status = $2)
         AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4))
       ORDER BY created_at DESC, id DESC LIMIT $5
      """;
    static final String ONE = "SELECT * FROM author_payouts WHERE id = $1 AND author_id = $2";
    static final String STATS = """
      SELECT currency, coalesce(sum(amount) FILTER (WHERE status = 'PAID'), 0) AS paid,
             coalesce(sum(amount) FILTER (WHERE status IN ('PENDING', 'IN_TRANSIT')), 0) AS on_the_way,
             coalesce(sum(fees) FILTER (WHERE status = 'PAID'), 0) AS fees,
             count(*) FILTER (WHERE status = 'PAID') AS paid_count, count(*) FILTER (WHERE status = 'FAILED') AS failed_count,
             max(arrival_date) FILTER (WHERE status = 'PAID') AS last_arrival
        FROM author_payouts WHERE author_id = $1 GROUP BY currency ORDER BY currency
      """;
    static final String EXPORT = "SELECT * FROM author_payouts WHERE author_id = $1 ORDER BY created_at, id";

    private final Pool pool;

    public PayoutRoutes(Pool pool) {
        this.pool = pool;
    }

    public void mount(Api api) {
        components(api);
        api.raw(
                Endpoint.get("/api/v1/payouts/stats")
                        .id("getPayoutStats")
                        .tag("billing")
                        .summary("Per currency: paid, on the way, fees, counts, last arrival")
                        .access(Access.signedIn())
                        .ok(
                                200,
                                object().optional(
                                                "data",
                                                array(object().optional("currency", nullable(string()))
                                                        .optional("paid", integer())
                                                        .optional("onTheWay", integer())
                                                        .optional("fees", integer())
                                                        .optional("paidCount", integer())
                                                        .optional("failedCount", integer())
                                                        .optional("lastArrival", string()))),
                                "OK"),
                ctx -> pool.preparedQuery(STATS)
                        .execute(Tuple.of(Authz.require(ctx).userId()))
                        .onSuccess(rows -> {
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
                                                    : r.getLocalDate("last_arrival")
                                                            .toString())));
                            Responses.json(ctx, 200, new JsonObject().put("data", data));
                        })
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.get("/api/v1/payouts/export")
                        .id("exportPayouts")
                        .tag("billing")
                        .summary("My payouts as CSV")
                        .access(Access.signedIn())
                        .ok(200, string(), "OK"),
                ctx -> pool.preparedQuery(EXPORT)
                        .execute(Tuple.of(Authz.require(ctx).userId()))
                        .onSuccess(rows -> {
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
                            ctx.response()
                                    .putHeader("Content-Type", "text/csv; charset=utf-8")
                                    .putHeader("Content-Disposition", "attachment; filename=\"payouts.csv\"")
                                    .end(csv.toString());
                        })
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.get("/api/v1/payouts")
                        .id("listPayouts")
                        .tag("billing")
                        .summary("My payouts as the gateways reported them, newest first")
                        .access(Access.signedIn())
                        .paged()
                        .query("status", string(), "PENDING, IN_TRANSIT, PAID, FAILED or CANCELLED")
                        .ok(200, Schema.list(ref("Payout")), "OK")
                        .problems(400, 422),
                ctx -> {
                    String status = ctx.queryParams().get("status");
                    if (status != null && !STATUSES.contains(status)) {
                        throw new ApiException.Validation(
                                "request.invalid",
                                "The request is invalid.",
                                List.of(new ApiException.FieldError("status", "must be one of " + STATUSES)));
                    }
                    TimeCursor after = TimeCursor.decode(ctx.queryParams().get("cursor"));
                    int limit = QueryParams.limit(ctx);
                    pool.preparedQuery(LIST)
                            .execute(Tuple.tuple()
                                    .addUUID(Authz.require(ctx).userId())
                                    .addString(status)
                                    .addOffsetDateTime(after.at())
                                    .addUUID(after.id())
                                    .addInteger(limit + 1))
                            .onSuccess(rows -> Responses.json(
                                    ctx, 200, TimeCursor.page(rows, limit, PayoutRoutes::json, "created_at", "id")))
                            .onFailure(ctx::fail);
                });
        api.raw(
                Endpoint.get("/api/v1/payouts/{payoutId}")
                        .id("getPayout")
                        .tag("billing")
                        .summary("One of my payouts")
                        .access(Access.signedIn())
                        .ok(200, ref("Payout"), "OK"),
                ctx -> {
                    UUID id = PathParams.uuid(ctx, "payoutId", "payout.not_found");
                    pool.preparedQuery(ONE)
                            .execute(Tuple.of(id, Authz.require(ctx).userId()))
                            .onSuccess(rows -> {
                                if (rows.size() == 0) {
                                    ctx.fail(new ApiException.NotFound("payout.not_found", "Not found."));
                                } else {
                                    Responses.json(
                                            ctx, 200, json(rows.iterator().next()));
                                }
                            })
                            .onFailure(ctx::fail);
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

    /** The shapes this feature's answers share, as {@code #/components/schemas}. */
    private static void components(Api api) {
        api.component(
                "Payout",
                object().optional("id", string())
                        .optional("gateway", string())
                        .optional("gatewayPayoutId", string())
                        .optional("status", string().oneOf("PENDING", "IN_TRANSIT", "PAID", "FAILED", "CANCELLED"))
                        .optional("amount", integer())
                        .optional("fees", integer())
                        .optional("currency", nullable(string()))
                        .optional("arrivalDate", nullable(string()))
                        .optional("reference", nullable(string()))
                        .optional("failureCode", nullable(string()))
                        .optional("failureMessage", nullable(string()))
                        .optional("createdAt", string())
                        .optional("updatedAt", string()));
    }
}
