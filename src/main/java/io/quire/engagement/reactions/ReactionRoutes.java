package io.quire.engagement.reactions;

import io.quire.platform.auth.Authz;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** {@code /chapters/:chapterId/reactions} and {@code /comments/:commentId/reactions}: add, remove (?type=), summary. */
public final class ReactionRoutes {
    private final ReactionService reactions;

    public ReactionRoutes(ReactionService reactions) {
        this.reactions = reactions;
    }

    public void mount(Router router) {
        mount(router, "/api/v1/chapters/:chapterId/reactions", "chapter", "chapterId", "chapter.not_found");
        mount(router, "/api/v1/comments/:commentId/reactions", "comment", "commentId", "comment.not_found");
    }

    private void mount(Router router, String path, String targetType, String param, String notFound) {
        router.get(path)
                .handler(ctx -> reactions
                        .summary(Authz.principal(ctx), targetType, PathParams.uuid(ctx, param, notFound))
                        .onSuccess(s -> Responses.json(ctx, 200, s))
                        .onFailure(ctx::fail));
        router.post(path).handler(Authz.session()).handler(ctx -> {
            RequestBody body = RequestBody.of(ctx);
            String type = body.requiredString("type", 1, 10);
            if (type != null && !ReactionService.TYPES.contains(type)) {
                body.error("type", "must be one of " + ReactionService.TYPES);
            }
            body.validate();
            reactions
                    .add(Authz.require(ctx), targetType, PathParams.uuid(ctx, param, notFound), type)
                    .onSuccess(s -> Responses.json(ctx, s.getBoolean("added") ? 201 : 200, s))
                    .onFailure(ctx::fail);
        });
        router.delete(path).handler(Authz.session()).handler(ctx -> {
            String type = type(ctx);
            reactions
                    .remove(Authz.require(ctx), targetType, PathParams.uuid(ctx, param, notFound), type)
                    .onSuccess(s -> Responses.json(ctx, 200, s))
                    .onFailure(ctx::fail);
        });
    }

    private static String type(RoutingContext ctx) {
        String type = ctx.request().getParam("type");
        if (type == null || !ReactionService.TYPES.contains(type)) {
            throw new ApiException.Validation(
                    "request.invalid",
                    "Some query parameters are invalid.",
                    List.of(new ApiException.FieldError("type", "must be one of " + ReactionService.TYPES)));
        }
        return type;
    }
}
