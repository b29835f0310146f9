package io.quire.engagement.reviews;

import static io.quire.platform.api.Schema.anyObject;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.number;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Call;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.ObjectSchema;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.quire.platform.api.Violations;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;

/** The §11.2 review paths ({@link ReviewService}). */
public final class ReviewRoutes {
    private static final String TAG = "engagement";
    /** The fields of a review; on create rating and content are required too. */
    private static final ObjectSchema FIELDS = object().optional(
                    "rating", nullable(integer().range(1, 5)))
            .optional(
                    "subRatings",
                    anyObject()
                            .maxProperties(ReviewService.SUB_RATINGS.size())
                            .description("story, characters, writing, worldBuilding, updateStability: each 1–5"))
            .optional("title", string().length(1, 200))
            .optional("content", string().length(1, 10_000))
            .optional("hasSpoiler", Schema.bool());

    private final ReviewService reviews;

    public ReviewRoutes(ReviewService reviews) {
        this.reviews = reviews;
    }

    public void mount(Api api) {
        components(api);
        api.on(
                Endpoint.get("/api/v1/series/{seriesId}/reviews")
                        .id("listSeriesReviews")
                        .tag(TAG)
                        .summary("Reviews, newest first, with the series' average rating and count")
                        .paged()
                        .ok(object().required("data", io.quire.platform.api.Schema.array(ref("Review")))
                                .required("nextCursor", nullable(string()))
                                .required("ratingCount", integer())
                                .required("ratingAverage", nullable(number()))),
                call -> reviews.list(series(call), call.caller(), call.query("cursor"), call.limit())
                        .map(Reply::ok));
        api.on(
                Endpoint.post("/api/v1/series/{seriesId}/reviews")
                        .id("reviewSeries")
                        .tag(TAG)
                        .summary("Review a series you have read (reading progress recorded); one per reader")
                        .access(Access.session())
                        .body(object().with(FIELDS)
                                .required("content", string().length(1, 10_000))
                                .check("rating", "is required", b -> b.containsKey("rating")))
                        .ok(201, ref("Review"), "Reviewed")
                        .problems(409),
                call -> reviews.create(call.user(), series(call), input(call.body()))
                        .map(Reply::created));
        api.on(
                Endpoint.get("/api/v1/reviews/{reviewId}")
                        .id("getReview")
                        .tag(TAG)
                        .summary("One review")
                        .ok(ref("Review")),
                call -> reviews.get(review(call), call.caller()).map(Reply::ok));
        api.on(
                Endpoint.patch("/api/v1/reviews/{reviewId}")
                        .id("updateReview")
                        .tag(TAG)
                        .summary("Edit your review")
                        .access(Access.session())
                        .body(FIELDS)
                        .ok(ref("Review")),
                call -> reviews.edit(call.user(), review(call), input(call.body()))
                        .map(Reply::ok));
        api.on(
                Endpoint.delete("/api/v1/reviews/{reviewId}")
                        .id("deleteReview")
                        .tag(TAG)
                        .summary("Delete your review (moderators: any)")
                        .access(Access.session())
                        .noContent(),
                call -> reviews.delete(call.user(), review(call)).map(v -> Reply.noContent()));
        api.on(
                Endpoint.post("/api/v1/reviews/{reviewId}/respond")
                        .id("respondToReview")
                        .tag(TAG)
                        .summary("The series' author responds, once; the reviewer is notified")
                        .access(Access.session())
                        .body(object().required("content", string().length(1, 5000)))
                        .ok(ref("Review"))
                        .problems(409),
                call -> reviews.respond(call.user(), review(call), call.body().getString("content"))
                        .map(Reply::ok));
        for (boolean hide : new boolean[] {true, false}) {
            api.on(
                    Endpoint.post("/api/v1/reviews/{reviewId}/" + (hide ? "hide" : "unhide"))
                            .id(hide ? "hideReview" : "unhideReview")
                            .tag(TAG)
                            .summary(hide ? "Hide (moderators); left out of the average" : "Show again (moderators)")
                            .access(Access.session())
                            .ok(ref("Review")),
                    call -> reviews.hide(call.user(), review(call), hide).map(Reply::ok));
        }
        api.on(
                Endpoint.post("/api/v1/reviews/{reviewId}/vote")
                        .id("voteReview")
                        .tag(TAG)
                        .summary("Vote helpful or not (one vote per reader, changeable; not on your own)")
                        .access(Access.session())
                        .body(object().optional("helpful", nullable(Schema.bool()))
                                .check("helpful", "is required", b -> b.containsKey("helpful")))
                        .ok(ref("Review")),
                call -> reviews.vote(call.user(), review(call), call.body().getBoolean("helpful"))
                        .map(Reply::ok));
        api.on(
                Endpoint.delete("/api/v1/reviews/{reviewId}/vote")
                        .id("unvoteReview")
                        .tag(TAG)
                        .summary("Take your vote back")
                        .access(Access.session())
                        .ok(ref("Review")),
                call -> reviews.vote(call.user(), review(call), null).map(Reply::ok));
    }

    private static UUID series(Call call) {
        return call.id("seriesId", "series.not_found");
    }

    private static UUID review(Call call) {
        return call.id("reviewId", "review.not_found");
    }

    /** The checked fields; each sub-rating must be a known one rated 1 to 5. */
    private static ReviewService.Input input(JsonObject b) {
        JsonObject sub = b.getJsonObject("subRatings");
        if (sub != null) {
            Violations violations = new Violations();
            for (Map.Entry<String, Object> e : sub) {
                if (!ReviewService.SUB_RATINGS.contains(e.getKey())
                        || !(e.getValue() instanceof Integer v)
                        || v < 1
                        || v > 5) {
                    violations.add(
                            "subRatings." + e.getKey(),
                            "must be one of " + ReviewService.SUB_RATINGS + " rated 1 to 5");
                }
            }
            violations.throwIfAny("Some fields are invalid.");
        }
        return new ReviewService.Input(
                b.getInteger("rating"), sub, b.getString("title"), b.getString("content"), b.getBoolean("hasSpoiler"));
    }

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
