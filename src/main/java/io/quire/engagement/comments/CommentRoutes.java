package io.quire.engagement.comments;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The §11.2 comment paths. Reading needs no sign-in (a locked chapter's comments need its entitlement); writing does. */
public final class CommentRoutes {
    static final int MAX_CHARS = 10_000;
    private static final String TAG = "engagement";
    private static final ObjectSchema BODY = object().required(
                    "content",
                    string().length(1, MAX_CHARS).description("Markdown-lite: emphasis, code, links, quotes, lists"))
            .optional("hasSpoiler", Schema.bool());
    private static final Map<String, String> MODERATION = Map.of(
            "hide", "Hide a comment (moderators)",
            "unhide", "Show a hidden comment again, or approve a held one (moderators)",
            "pin", "Pin a top-level comment (moderators)",
            "unpin", "Unpin (moderators)");
    private final CommentService comments;

    public CommentRoutes(CommentService comments) {
        this.comments = comments;
    }

    public void mount(Api api) {
        components(api);
        api.on(
                Endpoint.get("/api/v1/chapters/{chapterId}/comments")
                        .id("listChapterComments")
                        .tag(TAG)
                        .summary("Top-level comments (newest, oldest or top), each with its first 3 replies")
                        .description("Pinned ones lead the first page. A locked chapter's comments are for readers "
                                + "entitled to it (403 `comments.locked`).")
                        .paged()
                        .query("sort", string().oneOf("newest", "oldest", "top"), "Default newest")
                        .ok(object().optional("data", array(ref("Comment")))
                                .optional("pinned", array(ref("Comment")))
                                .optional("nextCursor", nullable(string()))
                                .optional("commentsEnabled", Schema.bool())
                                .optional("moderator", Schema.bool()))
                        .problems(403),
                call -> comments.list(
                                chapter(call),
                                call.caller(),
                                call.query("sort") == null ? "newest" : call.query("sort"),
                                call.query("cursor"),
                                call.limit())
                        .map(Reply::ok));
        api.on(
                Endpoint.post("/api/v1/chapters/{chapterId}/comments")
                        .id("createChapterComment")
                        .tag(TAG)
                        .summary("Comment on a chapter you may read")
                        .description("Held (PENDING) under pre-moderation, or when link-heavy or repeated.")
                        .access(Access.session())
                        .body(BODY)
                        .ok(201, ref("Comment"), "Posted (or held)"),
                call -> comments.create(call.user(), chapter(call), null, content(call), spoiler(call))
                        .map(Reply::created));
        api.on(
                Endpoint.get("/api/v1/comments/{commentId}")
                        .id("getComment")
                        .tag(TAG)
                        .summary("One comment")
                        .ok(ref("Comment"))
                        .problems(403),
                call -> comments.get(comment(call), call.caller()).map(Reply::ok));
        api.on(
                Endpoint.patch("/api/v1/comments/{commentId}")
                        .id("updateComment")
                        .tag(TAG)
                        .summary("Edit your comment (marked edited after 15 minutes)")
                        .access(Access.session())
                        .body(BODY)
                        .ok(ref("Comment"))
                        .problems(409),
                call -> comments.edit(
                                call.user(),
                                comment(call),
                                content(call),
                                call.body().getBoolean("hasSpoiler"))
                        .map(Reply::ok));
        api.on(
                Endpoint.delete("/api/v1/comments/{commentId}")
                        .id("deleteComment")
                        .tag(TAG)
                        .summary("Delete your comment (moderators: any); one with replies stays as a tombstone")
                        .access(Access.session())
                        .noContent(),
                call -> comments.delete(call.user(), comment(call)).map(v -> Reply.noContent()));
        api.on(
                Endpoint.post("/api/v1/comments/{commentId}/reply")
                        .id("replyToComment")
                        .tag(TAG)
                        .summary("Reply to a visible comment; its writer is notified")
                        .access(Access.session())
                        .body(BODY)
                        .ok(201, ref("Comment"), "Posted (or held)")
                        .problems(409),
                call -> comments.create(call.user(), null, comment(call), content(call), spoiler(call))
                        .map(Reply::created));
        api.on(
                Endpoint.get("/api/v1/comments/{commentId}/replies")
                        .id("listCommentReplies")
                        .tag(TAG)
                        .summary("A comment's replies, oldest first")
                        .paged()
                        .ok(Schema.list(ref("Comment")))
                        .problems(403),
                call -> comments.replies(comment(call), call.caller(), call.query("cursor"), call.limit())
                        .map(Reply::ok));
        // in a fixed order: the document (and the names clients are generated with) must not change between runs
        for (String action : List.of("hide", "unhide", "pin", "unpin")) {
            api.on(
                    Endpoint.post("/api/v1/comments/{commentId}/" + action)
                            .id(action + "Comment")
                            .tag(TAG)
                            .summary(MODERATION.get(action))
                            .access(Access.session())
                            .ok(ref("Comment"))
                            .problems(409, 422),
                    call -> comments.moderate(call.user(), comment(call), action)
                            .map(Reply::ok));
        }
    }

    private static UUID chapter(Call call) {
        return call.id("chapterId", "chapter.not_found");
    }

    private static UUID comment(Call call) {
        return call.id("commentId", "comment.not_found");
    }

    private static String content(Call call) {
        return call.body().getString("content");
    }

    private static boolean spoiler(Call call) {
        return Boolean.TRUE.equals(call.body().getBoolean("hasSpoiler"));
    }

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
