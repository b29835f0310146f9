package io.quire.engagement.reviews;

import static io.quire.platform.api.Schema.anyObject;
import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.number;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Authz;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.UUID;

/** The §11.2 review paths. */
public final class ReviewRoutes {
    private final ReviewService reviews;

    public ReviewRoutes(ReviewService reviews) {
        this.reviews = reviews;
    }

    public void mount(Api api) {
        components(api);
        api.raw(
                Endpoint.get("/api/v1/series/{seriesId}/reviews")
                        .id("listSeriesReviews")
                        .tag("engagement")
                        .summary("Reviews, newest first, with the series' average rating and count")
                        .access(Access.anyone())
                        .paged()
                        .ok(
                                200,
                                object().optional("data", array(ref("Review")))
                                        .optional("nextCursor", nullable(string()))
                                        .optional("ratingCount", integer())
                                        .optional("ratingAverage", nullable(number())),
                                "OK")
                        .problems(400, 422),
                ctx -> answer(
                        ctx,
                        200,
                        reviews.list(
                                series(ctx),
                                Authz.principal(ctx),
                                ctx.request().getParam("cursor"),
                                QueryParams.limit(ctx))));
        api.raw(
                Endpoint.post("/api/v1/series/{seriesId}/reviews")
                        .id("reviewSeries")
                        .tag("engagement")
                        .summary("Review a series you have read (reading progress recorded); one per reader")
                        .access(Access.session())
                        .body(object().required("rating", integer().range(1, 5))
                                .optional(
                                        "subRatings",
                                        anyObject()
                                                .description(
                                                        "story, characters, writing, worldBuilding, updateStability: each 1–5"))
                                .optional("title", string().length(1, 200))
                                .required("content", string().length(0, 10000))
                                .optional("hasSpoiler", Schema.bool()))
                        .ok(201, ref("Review"), "OK")
                        .problems(409),
                ctx -> answer(ctx, 201, reviews.create(Authz.require(ctx), series(ctx), input(ctx, true))));
        api.raw(
                Endpoint.get("/api/v1/reviews/{reviewId}")
                        .id("getReview")
                        .tag("engagement")
                        .summary("One review")
                        .access(Access.anyone())
                        .ok(200, ref("Review"), "OK"),
                ctx -> answer(ctx, 200, reviews.get(review(ctx), Authz.principal(ctx))));
        api.raw(
                Endpoint.patch("/api/v1/reviews/{reviewId}")
                        .id("updateReview")
                        .tag("engagement")
                        .summary("Edit your review")
                        .access(Access.session())
                        .body(object().optional("rating", integer().range(1, 5))
                                .optional(
                                        "subRatings",
                                        anyObject()
                                                .description(
                                                        "story, characters, writing, worldBuilding, updateStability: each 1–5"))
                                .optional("title", string().length(1, 200))
                                .optional("content", string().length(0, 10000))
                                .optional("hasSpoiler", Schema.bool()))
                        .ok(200, ref("Review"), "OK"),
                ctx -> answer(ctx, 200, reviews.edit(Authz.require(ctx), review(ctx), input(ctx, false))));
        api.raw(
                Endpoint.delete("/api/v1/reviews/{reviewId}")
                        .id("deleteReview")
                        .tag("engagement")
                        .summary("Delete your review (moderators: any)")
                        .access(Access.session())
                        .noContent(),
                ctx -> reviews.delete(Authz.require(ctx), review(ctx))
                        .onSuccess(v -> Responses.noContent(ctx))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.post("/api/v1/reviews/{reviewId}/respond")
                        .id("respondToReview")
                        .tag("engagement")
                        .summary("The series' author responds, once; the reviewer is notified")
                        .access(Access.session())
                        .body(object().required("content", string()))
                        .ok(200, ref("Review"), "OK")
                        .problems(409),
                ctx -> {
                    RequestBody body = RequestBody.of(ctx);
                    String content = body.requiredString("content", 1, 5000);
                    body.validate();
                    answer(ctx, 200, reviews.respond(Authz.require(ctx), review(ctx), content));
                });
        api.raw(
                Endpoint.post("/api/v1/reviews/{reviewId}/hide")
                        .id("hideReview")
                        .tag("engagement")
                        .summary("Hide (moderators); left out of the average")
                        .access(Access.session())
                        .ok(200, ref("Review"), "OK"),
                ctx -> answer(ctx, 200, reviews.hide(Authz.require(ctx), review(ctx), true)));
        api.raw(
                Endpoint.post("/api/v1/reviews/{reviewId}/unhide")
                        .id("unhideReview")
                        .tag("engagement")
                        .summary("Show again (moderators)")
                        .access(Access.session())
                        .ok(200, ref("Review"), "OK"),
                ctx -> answer(ctx, 200, reviews.hide(Authz.require(ctx), review(ctx), false)));
        api.raw(
                Endpoint.post("/api/v1/reviews/{reviewId}/vote")
                        .id("voteReview")
                        .tag("engagement")
                        .summary("Vote helpful or not (one vote per reader, changeable; not on your own)")
                        .access(Access.session())
                        .body(object().required("helpful", Schema.bool()))
                        .ok(200, ref("Review"), "OK"),
                ctx -> {
                    RequestBody body = RequestBody.of(ctx);
                    Boolean helpful = body.optionalBoolean("helpful");
                    if (helpful == null && !body.has("helpful")) {
                        body.error("helpful", "is required");
                    }
                    body.validate();
                    answer(ctx, 200, reviews.vote(Authz.require(ctx), review(ctx), helpful));
                });
        api.raw(
                Endpoint.delete("/api/v1/reviews/{reviewId}/vote")
                        .id("unvoteReview")
                        .tag("engagement")
                        .summary("Take your vote back")
                        .access(Access.session())
                        .ok(200, ref("Review"), "OK"),
                ctx -> answer(ctx, 200, reviews.vote(Authz.require(ctx), review(ctx), null)));
    }

    private static UUID series(RoutingContext ctx) {
        return PathParams.uuid(ctx, "seriesId", "series.not_found");
    }

    private static UUID review(RoutingContext ctx) {
        return PathParams.uuid(ctx, "reviewId", "review.not_found");
    }

    private static ReviewService.Input input(RoutingContext ctx, boolean creating) {
        RequestBody body = RequestBody.of(ctx);
        Integer rating = body.optionalInteger("rating", 1, 5);
        if (creating && rating == null && !body.has("rating")) {
            body.error("rating", "is required");
        }
        String title = body.optionalString("title", 1, 200);
        String content =
                creating ? body.requiredString("content", 1, 10_000) : body.optionalString("content", 1, 10_000);
        JsonObject sub = body.optionalObject("subRatings", ReviewService.SUB_RATINGS.size());
        if (sub != null) {
            for (Map.Entry<String, Object> e : sub) {
                if (!ReviewService.SUB_RATINGS.contains(e.getKey())
                        || !(e.getValue() instanceof Integer v)
                        || v < 1
                        || v > 5) {
                    body.error(
                            "subRatings." + e.getKey(),
                            "must be one of " + ReviewService.SUB_RATINGS + " rated 1 to 5");
                }
            }
        }
        Boolean spoiler = body.optionalBoolean("hasSpoiler");
        body.validate();
        return new ReviewService.Input(rating, sub, title, content, spoiler);
    }

    private static void answer(RoutingContext ctx, int status, Future<JsonObject> result) {
        result.onSuccess(b -> Responses.json(ctx, status, b)).onFailure(ctx::fail);
    }

    /** The shapes this feature's answers share, as {@code #/components/schemas}. */
    private static void components(Api api) {
        api.component(
                "Review",
                object().optional("id", string())
                        .optional("seriesId", nullable(string()))
                        .optional(
                                "author",
                                nullable(object().optional("id", string())
                                        .optional("username", string())
                                        .optional("displayName", string())))
                        .optional("rating", integer())
                        .optional("subRatings", anyObject())
                        .optional("title", nullable(string()))
                        .optional("content", nullable(string()))
                        .optional("contentHtml", nullable(string()))
                        .optional("hasSpoiler", Schema.bool())
                        .optional("isHidden", Schema.bool())
                        .optional("isEdited", Schema.bool())
                        .optional("authorResponse", nullable(string()))
                        .optional("authorRespondedAt", nullable(string()))
                        .optional("helpfulCount", integer())
                        .optional("unhelpfulCount", integer())
                        .optional("createdAt", string()));
    }
}
