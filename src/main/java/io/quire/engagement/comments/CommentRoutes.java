package io.quire.engagement.comments;

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
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
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

    public void mount(Api api) {
        components(api);
        api.raw(
                Endpoint.get("/api/v1/chapters/{chapterId}/comments")
                        .id("listChapterComments")
                        .tag("engagement")
                        .summary(
                                "Top-level comments (newest, oldest or top), each with its first 3 replies; pinned ones lead the first page. A locked chapter's comments are for readers entitled to it (403 comments.locked)")
                        .access(Access.anyone())
                        .paged()
                        .query("sort", string().oneOf("newest", "oldest", "top"), "default newest")
                        .ok(
                                200,
                                object().optional("data", array(ref("Comment")))
                                        .optional("pinned", array(ref("Comment")))
                                        .optional("nextCursor", nullable(string()))
                                        .optional("commentsEnabled", Schema.bool())
                                        .optional("moderator", Schema.bool()),
                                "OK")
                        .problems(400, 403, 422),
                ctx -> {
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
        api.raw(
                Endpoint.post("/api/v1/chapters/{chapterId}/comments")
                        .id("createChapterComment")
                        .tag("engagement")
                        .summary(
                                "Comment on a chapter you may read. Held (PENDING) under pre-moderation, or when link-heavy or repeated")
                        .access(Access.session())
                        .body(object().required(
                                        "content",
                                        string().length(1, 10000)
                                                .description("Markdown-lite: emphasis, code, links, quotes, lists"))
                                .optional("hasSpoiler", Schema.bool()))
                        .ok(201, ref("Comment"), "OK"),
                ctx -> write(
                        ctx,
                        body -> comments.create(Authz.require(ctx), chapter(ctx), null, body.content, body.spoiler)));
        api.raw(
                Endpoint.get("/api/v1/comments/{commentId}")
                        .id("getComment")
                        .tag("engagement")
                        .summary("One comment")
                        .access(Access.anyone())
                        .ok(200, ref("Comment"), "OK")
                        .problems(403),
                ctx -> answer(ctx, 200, comments.get(comment(ctx), Authz.principal(ctx))));
        api.raw(
                Endpoint.patch("/api/v1/comments/{commentId}")
                        .id("updateComment")
                        .tag("engagement")
                        .summary("Edit your comment (marked edited after 15 minutes)")
                        .access(Access.session())
                        .body(object().required(
                                        "content",
                                        string().length(1, 10000)
                                                .description("Markdown-lite: emphasis, code, links, quotes, lists"))
                                .optional("hasSpoiler", Schema.bool()))
                        .ok(200, ref("Comment"), "OK")
                        .problems(409),
                ctx -> write(
                        ctx,
                        200,
                        body -> comments.edit(Authz.require(ctx), comment(ctx), body.content, body.spoilerGiven)));
        api.raw(
                Endpoint.delete("/api/v1/comments/{commentId}")
                        .id("deleteComment")
                        .tag("engagement")
                        .summary("Delete your comment (moderators: any); one with replies stays as a tombstone")
                        .access(Access.session())
                        .noContent(),
                ctx -> comments.delete(Authz.require(ctx), comment(ctx))
                        .onSuccess(v -> Responses.noContent(ctx))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.post("/api/v1/comments/{commentId}/reply")
                        .id("replyToComment")
                        .tag("engagement")
                        .summary("Reply to a visible comment; its writer is notified")
                        .access(Access.session())
                        .body(object().required(
                                        "content",
                                        string().length(1, 10000)
                                                .description("Markdown-lite: emphasis, code, links, quotes, lists"))
                                .optional("hasSpoiler", Schema.bool()))
                        .ok(201, ref("Comment"), "OK")
                        .problems(409),
                ctx -> write(
                        ctx,
                        body -> comments.create(Authz.require(ctx), null, comment(ctx), body.content, body.spoiler)));
        api.raw(
                Endpoint.get("/api/v1/comments/{commentId}/replies")
                        .id("listCommentReplies")
                        .tag("engagement")
                        .summary("A comment's replies, oldest first")
                        .access(Access.anyone())
                        .paged()
                        .ok(200, Schema.list(ref("Comment")), "OK")
                        .problems(400, 403, 422),
                ctx -> answer(
                        ctx,
                        200,
                        comments.replies(
                                comment(ctx),
                                Authz.principal(ctx),
                                ctx.request().getParam("cursor"),
                                QueryParams.limit(ctx))));
        for (String action : List.of("hide", "unhide", "pin", "unpin")) {
            java.util.Map<String, String> SUMMARY = java.util.Map.of(
                    "hide",
                    "Hide a comment (moderators)",
                    "unhide",
                    "Show a hidden comment again, or approve a held one (moderators)",
                    "pin",
                    "Pin a top-level comment (moderators)",
                    "unpin",
                    "Unpin (moderators)");
            api.raw(
                    Endpoint.post("/api/v1/comments/{commentId}/" + action)
                            .id(action + "Comment")
                            .tag("engagement")
                            .summary(SUMMARY.get(action))
                            .access(Access.session())
                            .ok(200, ref("Comment"), "OK")
                            .problems(409, 422),
                    ctx -> answer(ctx, 200, comments.moderate(Authz.require(ctx), comment(ctx), action)));
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

    /** The shapes this feature's answers share, as {@code #/components/schemas}. */
    private static void components(Api api) {
        api.component(
                "Comment",
                object().optional("id", string())
                        .optional("chapterId", nullable(string()))
                        .optional("parentId", nullable(string()))
                        .optional("depth", integer())
                        .optional("status", string().oneOf("VISIBLE", "PENDING", "HIDDEN", "DELETED"))
                        .optional("deleted", Schema.bool())
                        .optional(
                                "author",
                                nullable(object().optional("id", string())
                                        .optional("username", string())
                                        .optional("displayName", string())))
                        .optional("content", nullable(string()))
                        .optional("contentHtml", nullable(string()))
                        .optional("hasSpoiler", Schema.bool())
                        .optional("isPinned", Schema.bool())
                        .optional("isEdited", Schema.bool())
                        .optional("editedAt", nullable(string()))
                        .optional("replyCount", integer())
                        .optional("reactionCount", integer())
                        .optional("createdAt", string())
                        .optional(
                                "heldReason",
                                string().description("moderators only: pre_moderation, links or duplicate")));
    }
}
