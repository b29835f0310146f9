package io.quire.analytics.reports;

import io.quire.platform.http.Csv;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /sites/:siteId/analytics/export}: a site's daily rollups or raw events for a range, as CSV or JSON,
 * streamed from a cursor straight to the response — 200 rows fetched at a time, paused while the client is slow —
 * so an export of millions of rows holds a few hundred in memory. Raw events leave out the user id.
 */
final class Export {
    private static final Logger log = LoggerFactory.getLogger(Export.class);
    static final List<String> DAILY = List.of(
            "entity_type",
            "entity_id",
            "day",
            "page_views",
            "unique_visitors",
            "sessions",
            "bounces",
            "session_seconds",
            "readers",
            "chapter_starts",
            "chapter_completes",
            "progress_sum",
            "progress_count",
            "subscription_views",
            "subscription_starts",
            "shares",
            "series_views");
    static final List<String> EVENTS = List.of(
            "event_id",
            "event_type",
            "occurred_at",
            "series_id",
            "chapter_id",
            "visitor_id",
            "session_id",
            "path",
            "referrer_host",
            "utm_source",
            "utm_medium",
            "utm_campaign",
            "utm_term",
            "utm_content",
            "device_type",
            "browser",
            "browser_version",
            "os",
            "os_version",
            "screen_size",
            "country",
            "percent",
            "properties");
    static final String DAILY_SQL = "SELECT " + String.join(", ", DAILY)
            + " FROM analytics_aggregates WHERE site_id = $1 AND day BETWEEN $2 AND $3 AND $4::timestamptz < $5 ORDER BY day, entity_type, entity_id";
    static final String EVENTS_SQL = "SELECT " + String.join(", ", EVENTS)
            + " FROM analytics_events WHERE site_id = $1 AND $2::date <= $3::date AND occurred_at >= $4 AND occurred_at < $5 ORDER BY occurred_at";

    private Export() {}

    /** Streams the rows; the response has its status and headers set by the caller, and is ended here. */
    static Future<Void> stream(
            Pool pool, HttpServerResponse response, UUID site, ReportRange range, boolean events, boolean csv) {
        List<String> columns = events ? EVENTS : DAILY;
        Tuple args = Tuple.of(
                site,
                range.from(),
                range.to(),
                range.from().atStartOfDay(range.zone()).toOffsetDateTime(),
                range.to().plusDays(1).atStartOfDay(range.zone()).toOffsetDateTime());
        return pool.getConnection()
                .compose(conn -> conn.begin()
                        .compose(tx -> conn.prepare(events ? EVENTS_SQL : DAILY_SQL)
                                .compose(ps -> {
                                    RowStream<Row> rows = ps.createStream(200, args);
                                    response.setChunked(true);
                                    response.write(csv ? String.join(",", columns) + "\n" : "[");
                                    boolean[] first = {true};
                                    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
                                    response.closeHandler(v -> {
                                        rows.close();
                                        done.tryFail("client went away");
                                    });
                                    rows.exceptionHandler(e -> {
                                        log.warn("analytics export stopped: {}", e.getMessage());
                                        response.reset();
                                        done.tryFail(e);
                                    });
                                    rows.endHandler(v -> {
                                        response.end(csv ? "" : "]\n");
                                        done.tryComplete();
                                    });
                                    rows.handler(row -> {
                                        response.write(
                                                csv
                                                        ? csvLine(row, columns)
                                                        : (first[0] ? "\n" : ",\n")
                                                                + json(row, columns)
                                                                        .encode());
                                        first[0] = false;
                                        if (response.writeQueueFull()) {
                                            rows.pause();
                                            response.drainHandler(d -> rows.resume());
                                        }
                                    });
                                    return done.future();
                                })
                                .eventually(() -> close(tx, conn))));
    }

    private static Future<Void> close(Transaction tx, SqlConnection conn) {
        return tx.rollback().eventually(conn::close).recover(e -> Future.succeededFuture());
    }

    private static String csvLine(Row row, List<String> columns) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            line.append(Csv.field(value(row, columns.get(i))));
        }
        return line.append('\n').toString();
    }

    private static JsonObject json(Row row, List<String> columns) {
        JsonObject o = new JsonObject();
        for (String c : columns) {
            Object v = value(row, c);
            o.put(c, c.equals("properties") && v != null ? new JsonObject(v.toString()) : v);
        }
        return o;
    }

    private static Object value(Row row, String column) {
        Object v = row.getValue(column);
        if (v instanceof UUID || v instanceof java.time.temporal.Temporal) {
            return v.toString();
        }
        if (v instanceof JsonObject j) {
            return j.encode();
        }
        return v;
    }
}
