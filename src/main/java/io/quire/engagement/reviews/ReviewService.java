package io.quire.engagement.reviews;

import io.quire.engagement.comments.CommentText;
import io.quire.engagement.notifications.Notify;
import io.quire.platform.auth.Principal;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.TimeCursor;
import io.quire.platform.ids.Ids;
import io.quire.platform.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * Series reviews: one per reader per series, only after reading (a recorded place in the series), rated 1–5 with
 * optional sub-ratings; the series' average and count move in the same transaction. The series' author may
 * respond once; moderators (owner, editors, admins) hide; readers vote helpful once each, never on their own.
 */
public final class ReviewService {
    public static final List<String> SUB_RATINGS =
            List.of("story", "characters", "writing", "worldBuilding", "updateStability");

    private final Pool pool;

    public ReviewService(Pool pool) {
        this.pool = pool;
    }

    record Series(UUID id, UUID siteId, UUID authorId, boolean moderator) {}

    /** A review as submitted; null fields are unchanged on an edit. */
    record Input(Integer rating, JsonObject subRatings, String title, String content, Boolean spoiler) {}

    Future<Series> series(UUID seriesId, Principal p) {
        return pool.preparedQuery(ReviewSql.SERIES)
                .execute(Tuple.of(seriesId, p == null ? null : p.userId()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw new ApiException.NotFound("series.not_found", "Not found.");
                    }
                    Row r = rows.iterator().next();
                    boolean moderator = p != null
                            && !p.isApiKey()
                            && (p.userId().equals(r.getUUID("owner_id"))
                                    || p.role().isAdmin()
                                    || "EDITOR".equals(r.getString("collaborator_role")));
                    return new Series(seriesId, r.getUUID("site_id"), r.getUUID("author_id"), moderator);
                });
    }

    Future<JsonObject> list(UUID seriesId, Principal p, String cursor, int limit) {
        TimeCursor after = TimeCursor.decode(cursor);
        return series(seriesId, p)
                .compose(s -> Future.all(
                                pool.preparedQuery(ReviewSql.PAGE_NEWEST)
                                        .execute(Tuple.of(seriesId, s.moderator(), after.at(), after.id(), limit + 1)),
                                pool.preparedQuery(ReviewSql.RATING_OF).execute(Tuple.of(seriesId)))
                        .map(all -> {
                            var stats = all.<io.vertx.sqlclient.RowSet<Row>>resultAt(1);
                            Row st = stats.size() == 0 ? null : stats.iterator().next();
                            return TimeCursor.page(all.resultAt(0), limit, ReviewService::json, "created_at", "id")
                                    .put("ratingCount", st == null ? 0 : st.getInteger("rating_count"))
                                    .put(
                                            "ratingAverage",
                                            st == null || st.getValue("rating_average") == null
                                                    ? null
                                                    : ((io.vertx.sqlclient.data.Numeric) st.getValue("rating_average"))
                                                            .doubleValue());
                        }));
    }

    record Found(Row row, Series series) {}

    Future<Found> find(UUID reviewId, Principal p) {
        return pool.preparedQuery(ReviewSql.ONE).execute(Tuple.of(reviewId)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(notFound());
            }
            Row row = rows.iterator().next();
            return series(row.getUUID("series_id"), p).compose(s -> {
                boolean mine = p != null && p.userId().equals(row.getUUID("user_id"));
                return row.getBoolean("is_hidden") && !s.moderator() && !mine
                        ? Future.failedFuture(notFound())
                        : Future.succeededFuture(new Found(row, s));
            });
        });
    }

    Future<JsonObject> get(UUID reviewId, Principal p) {
        return find(reviewId, p).map(f -> json(f.row()));
    }

    Future<JsonObject> create(Principal p, UUID seriesId, Input in) {
        return series(seriesId, p).compose(s -> {
            if (p.userId().equals(s.authorId())) {
                return Future.failedFuture(
                        new ApiException.Forbidden("review.own_series", "Authors do not review their own series."));
            }
            return pool.preparedQuery(ReviewSql.HAS_READ)
                    .execute(Tuple.of(p.userId(), seriesId))
                    .compose(read -> {
                        if (!read.iterator().next().getBoolean("read")) {
                            return Future.failedFuture(
                                    new ApiException.Forbidden(
                                            "review.not_a_reader",
                                            "Read at least one chapter of the series (your reading progress records it) before reviewing it."));
                        }
                        UUID id = Ids.newId();
                        return pool.withTransaction(tx -> tx.preparedQuery(ReviewSql.INSERT)
                                        .execute(Tuple.tuple()
                                                .addUUID(id)
                                                .addUUID(seriesId)
                                                .addUUID(s.siteId())
                                                .addUUID(p.userId())
                                                .addShort(in.rating().shortValue())
                                                .addJsonObject(
                                                        in.subRatings() == null ? new JsonObject() : in.subRatings())
                                                .addString(in.title())
                                                .addString(in.content())
                                                .addString(CommentText.html(in.content()))
                                                .addBoolean(in.spoiler() != null && in.spoiler()))
                                        .compose(v -> rating(tx, seriesId))
                                        .compose(v -> event(tx, "review.created", s, id)))
                                .recover(e -> e instanceof io.vertx.pgclient.PgException pg
                                                && "23505".equals(pg.getSqlState())
                                        ? Future.failedFuture(new ApiException.Conflict(
                                                "review.exists",
                                                "You have reviewed this series already; edit that review.",
                                                List.of()))
                                        : Future.failedFuture(e))
                                .compose(v -> get(id, p));
                    });
        });
    }

    Future<JsonObject> edit(Principal p, UUID reviewId, Input in) {
        return find(reviewId, p)
                .compose(f -> {
                    if (!p.userId().equals(f.row().getUUID("user_id"))) {
                        return Future.failedFuture(
                                new ApiException.Forbidden("review.forbidden", "Only its writer may edit a review."));
                    }
                    return pool.withTransaction(tx -> tx.preparedQuery(ReviewSql.EDIT)
                            .execute(Tuple.tuple()
                                    .addUUID(reviewId)
                                    .addShort(
                                            in.rating() == null
                                                    ? null
                                                    : in.rating().shortValue())
                                    .addJsonObject(in.subRatings())
                                    .addString(in.title())
                                    .addString(in.content())
                                    .addString(in.content() == null ? null : CommentText.html(in.content()))
                                    .addBoolean(in.spoiler()))
                            .compose(v -> rating(tx, f.series().id()))
                            .compose(v -> event(tx, "review.updated", f.series(), reviewId)));
                })
                .compose(v -> get(reviewId, p));
    }

    Future<Void> delete(Principal p, UUID reviewId) {
        return find(reviewId, p).compose(f -> {
            if (!p.userId().equals(f.row().getUUID("user_id")) && !f.series().moderator()) {
                return Future.failedFuture(new ApiException.Forbidden(
                        "review.forbidden", "Only its writer or a moderator may delete a review."));
            }
            return pool.withTransaction(tx -> tx.preparedQuery(ReviewSql.DELETE)
                    .execute(Tuple.of(reviewId))
                    .compose(v -> rating(tx, f.series().id()))
                    .compose(v -> event(tx, "review.deleted", f.series(), reviewId)));
        });
    }

    /** The series' author answers once; the reviewer is told. */
    Future<JsonObject> respond(Principal p, UUID reviewId, String response) {
        return find(reviewId, p)
                .compose(f -> {
                    if (!p.userId().equals(f.series().authorId())) {
                        return Future.failedFuture(
                                new ApiException.Forbidden("review.forbidden", "Only the series' author may respond."));
                    }
                    return pool.withTransaction(tx -> tx.preparedQuery(ReviewSql.RESPOND)
                            .execute(Tuple.of(reviewId, response))
                            .compose(rows -> {
                                if (rows.size() == 0) {
                                    return Future.failedFuture(new ApiException.Conflict(
                                            "review.already_responded",
                                            "This review has a response already.",
                                            List.of()));
                                }
                                return Notify.inApp(
                                                tx,
                                                f.row().getUUID("user_id"),
                                                "REVIEW_RESPONSE",
                                                "The author responded to your review",
                                                null,
                                                new JsonObject()
                                                        .put("reviewId", reviewId.toString())
                                                        .put(
                                                                "seriesId",
                                                                f.series().id().toString()),
                                                "review-response:" + reviewId)
                                        .compose(v -> event(tx, "review.responded", f.series(), reviewId));
                            }));
                })
                .compose(v -> get(reviewId, p));
    }

    Future<JsonObject> hide(Principal p, UUID reviewId, boolean hidden) {
        return find(reviewId, p)
                .compose(f -> {
                    if (!f.series().moderator()) {
                        return Future.failedFuture(new ApiException.Forbidden(
                                "review.forbidden", "Only the site's moderators may do this."));
                    }
                    return pool.withTransaction(tx -> tx.preparedQuery(ReviewSql.SET_HIDDEN)
                            .execute(Tuple.of(reviewId, hidden))
                            .compose(v -> rating(tx, f.series().id()))
                            .compose(v ->
                                    event(tx, hidden ? "review.hidden" : "review.unhidden", f.series(), reviewId)));
                })
                .compose(v -> get(reviewId, p));
    }

    /** One vote per reader, changeable, never on one's own review. */
    Future<JsonObject> vote(Principal p, UUID reviewId, Boolean helpful) {
        return find(reviewId, p)
                .compose(f -> {
                    if (p.userId().equals(f.row().getUUID("user_id"))) {
                        return Future.failedFuture(
                                new ApiException.Forbidden("review.own_vote", "You cannot vote on your own review."));
                    }
                    return pool.withTransaction(tx -> (helpful == null
                                    ? tx.preparedQuery(ReviewSql.UNVOTE).execute(Tuple.of(reviewId, p.userId()))
                                    : tx.preparedQuery(ReviewSql.VOTE).execute(Tuple.of(reviewId, p.userId(), helpful)))
                            .compose(v ->
                                    tx.preparedQuery(ReviewSql.RECOUNT_VOTES).execute(Tuple.of(reviewId))));
                })
                .compose(v -> get(reviewId, p));
    }

    /** A moderator's action from a report, in the caller's transaction: the review hidden or deleted, the average kept right. */
    public static Future<Void> moderate(SqlClient tx, UUID reviewId, boolean remove) {
        return tx.preparedQuery(ReviewSql.SERIES_OF)
                .execute(Tuple.of(reviewId))
                .compose(rows -> rows.size() == 0
                        ? Future.succeededFuture()
                        : (remove
                                        ? tx.preparedQuery(ReviewSql.DELETE).execute(Tuple.of(reviewId))
                                        : tx.preparedQuery(ReviewSql.SET_HIDDEN).execute(Tuple.of(reviewId, true)))
                                .compose(v -> rating(tx, rows.iterator().next().getUUID("series_id"))));
    }

    private static Future<Void> rating(SqlClient tx, UUID seriesId) {
        return tx.preparedQuery(ReviewSql.RATING).execute(Tuple.of(seriesId)).mapEmpty();
    }

    private static Future<Void> event(SqlClient tx, String topic, Series s, UUID reviewId) {
        return Outbox.append(
                        tx,
                        topic,
                        reviewId.toString(),
                        new JsonObject()
                                .put("reviewId", reviewId.toString())
                                .put("seriesId", s.id().toString())
                                .put("siteId", s.siteId().toString()))
                .mapEmpty();
    }

    private static ApiException notFound() {
        return new ApiException.NotFound("review.not_found", "Not found.");
    }

    static JsonObject json(Row r) {
        return new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("seriesId", r.getUUID("series_id").toString())
                .put(
                        "author",
                        new JsonObject()
                                .put("id", r.getUUID("user_id").toString())
                                .put("username", r.getString("username"))
                                .put("displayName", r.getString("display_name")))
                .put("rating", (int) r.getShort("rating"))
                .put("subRatings", r.getJsonObject("sub_ratings"))
                .put("title", r.getString("title"))
                .put("content", r.getString("content"))
                .put("contentHtml", r.getString("content_html"))
                .put("hasSpoiler", r.getBoolean("has_spoiler"))
                .put("isHidden", r.getBoolean("is_hidden"))
                .put("isEdited", r.getValue("edited_at") != null)
                .put("authorResponse", r.getString("author_response"))
                .put("authorRespondedAt", Times.iso(r.getOffsetDateTime("author_responded_at")))
                .put("helpfulCount", r.getInteger("helpful_count"))
                .put("unhelpfulCount", r.getInteger("unhelpful_count"))
                .put("createdAt", Times.iso(r.getOffsetDateTime("created_at")));
    }
}
