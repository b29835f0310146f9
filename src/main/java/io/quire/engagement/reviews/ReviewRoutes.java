package io.quire.engagement.reviews;

import io.quire.platform.auth.Authz;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.UUID;

/** The §11.2 review paths. */
public final class ReviewRoutes {
    private final ReviewService reviews;

    public ReviewRoutes(ReviewService reviews) {
        this.reviews = reviews;
    }

    public void mount(Router router) {
        router.get("/api/v1/series/:seriesId/reviews")
                .handler(ctx -> answer(
                        ctx,
                        200,
                        reviews.list(
                                series(ctx),
                                Authz.principal(ctx),
                                ctx.request().getParam("cursor"),
                                QueryParams.limit(ctx))));
        router.post("/api/v1/series/:seriesId/reviews")
                .handler(Authz.session())
                .handler(ctx -> answer(ctx, 201, reviews.create(Authz.require(ctx), series(ctx), input(ctx, true))));
        router.get("/api/v1/reviews/:reviewId")
                .handler(ctx -> answer(ctx, 200, reviews.get(review(ctx), Authz.principal(ctx))));
        router.patch("/api/v1/reviews/:reviewId")
                .handler(Authz.session())
                .handler(ctx -> answer(ctx, 200, reviews.edit(Authz.require(ctx), review(ctx), input(ctx, false))));
        router.delete("/api/v1/reviews/:reviewId")
                .handler(Authz.session())
                .handler(ctx -> reviews.delete(Authz.require(ctx), review(ctx))
                        .onSuccess(v -> Responses.noContent(ctx))
                        .onFailure(ctx::fail));
        router.post("/api/v1/reviews/:reviewId/respond")
                .handler(Authz.session())
                .handler(ctx -> {
                    RequestBody body = RequestBody.of(ctx);
                    String content = body.requiredString("content", 1, 5000);
                    body.validate();
                    answer(ctx, 200, reviews.respond(Authz.require(ctx), review(ctx), content));
                });
        router.post("/api/v1/reviews/:reviewId/hide")
                .handler(Authz.session())
                .handler(ctx -> answer(ctx, 200, reviews.hide(Authz.require(ctx), review(ctx), true)));
        router.post("/api/v1/reviews/:reviewId/unhide")
                .handler(Authz.session())
                .handler(ctx -> answer(ctx, 200, reviews.hide(Authz.require(ctx), review(ctx), false)));
        router.post("/api/v1/reviews/:reviewId/vote").handler(Authz.session()).handler(ctx -> {
            RequestBody body = RequestBody.of(ctx);
            Boolean helpful = body.optionalBoolean("helpful");
            if (helpful == null && !body.has("helpful")) {
                body.error("helpful", "is required");
            }
            body.validate();
            answer(ctx, 200, reviews.vote(Authz.require(ctx), review(ctx), helpful));
        });
        router.delete("/api/v1/reviews/:reviewId/vote")
                .handler(Authz.session())
                .handler(ctx -> answer(ctx, 200, reviews.vote(Authz.require(ctx), review(ctx), null)));
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
}
