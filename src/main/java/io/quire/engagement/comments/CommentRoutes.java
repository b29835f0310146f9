package io.quire.engagement.comments;

import io.quire.platform.auth.Authz;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/** The §11.2 comment paths. Reading needs no sign-in (a locked chapter's comments need its entitlement); writing does. */
public final class CommentRoutes {
    static final int MAX_CHARS = 10_000;
    private final CommentService comments;

    public CommentRoutes(CommentService comments) {
        this.comments = comments;
    }

    public void mount(Router router) {
        router.get("/api/v1/chapters/:chapterId/comments").handler(ctx -> {
            String sort = ctx.request().getParam("sort", "newest");
            if (!List.of("newest", "oldest", "top").contains(sort)) {
                throw new ApiException.Validation(
                        "request.invalid",
                        "Some query parameters are invalid.",
                        List.of(new ApiException.FieldError("sort", "must be newest, oldest or top")));
            }
            answer(
                    ctx,
                    200,
                    comments.list(
                            chapter(ctx),
                            Authz.principal(ctx),
                            sort,
                            ctx.request().getParam("cursor"),
                            QueryParams.limit(ctx)));
        });
        router.post("/api/v1/chapters/:chapterId/comments")
                .handler(Authz.session())
                .handler(ctx -> write(
                        ctx,
                        body -> comments.create(Authz.require(ctx), chapter(ctx), null, body.content, body.spoiler)));
        router.get("/api/v1/comments/:commentId")
                .handler(ctx -> answer(ctx, 200, comments.get(comment(ctx), Authz.principal(ctx))));
        router.patch("/api/v1/comments/:commentId")
                .handler(Authz.session())
                .handler(ctx -> write(
                        ctx,
                        200,
                        body -> comments.edit(Authz.require(ctx), comment(ctx), body.content, body.spoilerGiven)));
        router.delete("/api/v1/comments/:commentId")
                .handler(Authz.session())
                .handler(ctx -> comments.delete(Authz.require(ctx), comment(ctx))
                        .onSuccess(v -> Responses.noContent(ctx))
                        .onFailure(ctx::fail));
        router.post("/api/v1/comments/:commentId/reply")
                .handler(Authz.session())
                .handler(ctx -> write(
                        ctx,
                        body -> comments.create(Authz.require(ctx), null, comment(ctx), body.content, body.spoiler)));
        router.get("/api/v1/comments/:commentId/replies")
                .handler(ctx -> answer(
                        ctx,
                        200,
                        comments.replies(
                                comment(ctx),
                                Authz.principal(ctx),
                                ctx.request().getParam("cursor"),
                                QueryParams.limit(ctx))));
        for (String action : List.of("hide", "unhide", "pin", "unpin")) {
            router.post("/api/v1/comments/:commentId/" + action)
                    .handler(Authz.session())
                    .handler(ctx -> answer(ctx, 200, comments.moderate(Authz.require(ctx), comment(ctx), action)));
        }
    }

    private static UUID chapter(RoutingContext ctx) {
        return PathParams.uuid(ctx, "chapterId", "chapter.not_found");
    }

    private static UUID comment(RoutingContext ctx) {
        return PathParams.uuid(ctx, "commentId", "comment.not_found");
    }

    private record Input(String content, boolean spoiler, Boolean spoilerGiven) {}

    private static void write(RoutingContext ctx, java.util.function.Function<Input, Future<JsonObject>> action) {
        write(ctx, 201, action);
    }

    private static void write(
            RoutingContext ctx, int status, java.util.function.Function<Input, Future<JsonObject>> action) {
        RequestBody body = RequestBody.of(ctx);
        String content = body.requiredString("content", 1, MAX_CHARS);
        if (content != null && content.isBlank()) {
            body.error("content", "must not be blank");
        }
        Boolean spoiler = body.optionalBoolean("hasSpoiler");
        body.validate();
        answer(ctx, status, action.apply(new Input(content.strip(), spoiler != null && spoiler, spoiler)));
    }

    private static void answer(RoutingContext ctx, int status, Future<JsonObject> result) {
        result.onSuccess(body -> Responses.json(ctx, status, body)).onFailure(ctx::fail);
    }
}
