package io.quire.analytics.reports;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

/** Rolled-up sums turned into the figures reports show: counts, and rates derived from them. */
final class Figures {
    private Figures() {}

    static long n(Row r, String column) {
        Object v = r.getValue(column);
        return v == null ? 0 : ((Number) v).longValue();
    }

    static Double ratio(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }

    static Double average(long sum, long count) {
        return count == 0 ? null : Math.round(sum * 10.0 / count) / 10.0;
    }

    /** The additive sums of one bucket (or of a whole range when {@code into} accumulates). */
    static final class Sums {
        long pageViews;
        long visitorDays;
        long sessions;
        long bounces;
        long sessionSeconds;
        long chapterStarts;
        long chapterCompletes;
        long progressSum;
        long progressCount;
        long subscriptionViews;
        long subscriptionStarts;
        long shares;
        long seriesViews;

        Sums add(Row r) {
            pageViews += n(r, "page_views");
            visitorDays += n(r, "visitor_days");
            sessions += n(r, "sessions");
            bounces += n(r, "bounces");
            sessionSeconds += n(r, "session_seconds");
            chapterStarts += n(r, "chapter_starts");
            chapterCompletes += n(r, "chapter_completes");
            progressSum += n(r, "progress_sum");
            progressCount += n(r, "progress_count");
            subscriptionViews += n(r, "subscription_views");
            subscriptionStarts += n(r, "subscription_starts");
            shares += n(r, "shares");
            seriesViews += n(r, "series_views");
            return this;
        }

        JsonObject traffic() {
            return new JsonObject()
                    .put("pageViews", pageViews)
                    .put("sessions", sessions)
                    .put("bounceRate", ratio(bounces, sessions))
                    .put("avgSessionSeconds", average(sessionSeconds, sessions));
        }

        JsonObject reading() {
            return new JsonObject()
                    .put("chapterStarts", chapterStarts)
                    .put("chapterCompletes", chapterCompletes)
                    .put("completionRate", ratio(chapterCompletes, chapterStarts))
                    .put("avgReadPercent", average(progressSum, progressCount))
                    .put("shares", shares);
        }

        JsonObject all() {
            return traffic()
                    .mergeIn(reading())
                    .put("seriesViews", seriesViews)
                    .put("subscriptionViews", subscriptionViews)
                    .put("subscriptionStarts", subscriptionStarts);
        }
    }
}
