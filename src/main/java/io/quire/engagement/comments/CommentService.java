package io.quire.engagement.comments;

import io.quire.engagement.notifications.Notify;
import io.quire.platform.auth.Principal;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.quire.platform.outbox.Outbox;
import io.quire.reading.Entitlements;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Chapter comments: threads of any depth, listed two levels at a time; the site's moderation mode (post: visible at
 * once, pre: held until approved); link-heavy or repeated comments held too; a deleted comment with replies kept as
 * a tombstone. Only readers who may read the chapter may read or write its comments. Moderators are the site's
 * owner, editors, admins and the chapter's author.
 */
public final class CommentService {
    static final int FIRST_REPLIES = 3;
    static final int MAX_LINKS = 3;

    private final Pool pool;
    private final Entitlements entitlements;

    public CommentService(Pool pool, Entitlements entitlements) {
        this.pool = pool;
        this.entitlements = entitlements;
    }

    /** The chapter as the caller meets it. */
    public record Context(
            UUID chapterId, UUID siteId, UUID authorId, boolean moderator, boolean commentsEnabled, String mode) {}

    /** The chapter as {@code p} meets it; 404 if readers cannot see it, 403 if it is locked for {@code p}. */
    public Future<Context> context(UUID chapterId, Principal p) {
        return pool.preparedQuery(CommentSql.CHAPTER)
                .execute(Tuple.of(chapterId, p == null ? null : p.userId()))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(new ApiException.NotFound("chapter.not_found", "Not found."));
                    }
                    Row r = rows.iterator().next();
                    UUID site = r.getUUID("site_id");
                    boolean moderator = p != null
                            && !p.isApiKey()
                            && (p.userId().equals(r.getUUID("owner_id"))
                                    || p.role().isAdmin()
                                    || "EDITOR".equals(r.getString("collaborator_role"))
                                    || p.userId().equals(r.getUUID("author_id")));
                    Context ctx = new Context(
                            chapterId,
                            site,
                            r.getUUID("author_id"),
                            moderator,
                            r.getBoolean("comments_enabled"),
                            r.getString("comments_moderation_mode"));
                    return entitlements
                            .entitled(
                                    p,
                                    new Entitlements.Access(
                                            site,
                                            r.getString("access_level"),
                                            r.getOffsetDateTime("scheduled_free_at")))
                            .compose(
                                    ok -> ok || moderator
                                            ? Future.succeededFuture(ctx)
                                            : Future.failedFuture(
                                                    new ApiException.Forbidden(
                                                            "comments.locked",
                                                            "This chapter's comments are for its readers: unlock the chapter to read and write them.")));
                });
    }

    // ---- reading

    Future<JsonObject> list(UUID chapterId, Principal p, String sort, String cursor, int limit) {
        return context(chapterId, p).compose(ctx -> {
            UUID me = p == null ? null : p.userId();
            Cursor after = Cursor.decode(cursor, sort);
            String sql = switch (sort) {
                case "oldest" -> CommentSql.TOP_OLDEST;
                case "top" -> CommentSql.TOP_SCORE;
                default -> CommentSql.TOP_NEWEST;
            };
            Tuple args = Tuple.of(
                    chapterId,
                    me,
                    ctx.moderator(),
                    sort.equals("top") ? after.score() : after.at(),
                    after.id(),
                    limit + 1);
            Future<RowSet<Row>> pinned = cursor == null
                    ? pool.preparedQuery(CommentSql.PINNED).execute(Tuple.of(chapterId, me, ctx.moderator()))
                    : Future.succeededFuture(null);
            return Future.all(pool.preparedQuery(sql).execute(args), pinned).compose(all -> {
                RowSet<Row> rows = all.resultAt(0);
                List<Row> page = new ArrayList<>();
                rows.forEach(r -> {
                    if (page.size() < limit) {
                        page.add(r);
                    }
                });
                String next = rows.size() > limit ? Cursor.after(page.get(page.size() - 1), sort) : null;
                List<Row> pins = new ArrayList<>();
                if (all.resultAt(1) != null) {
                    all.<RowSet<Row>>resultAt(1).forEach(pins::add);
                }
                List<Row> parents = new ArrayList<>(page);
                parents.addAll(pins);
                return replies(parents, me, ctx.moderator())
                        .map(replies -> new JsonObject()
                                .put("data", withReplies(page, replies, ctx))
                                .put("pinned", withReplies(pins, replies, ctx))
                                .put("nextCursor", next)
                                .put("commentsEnabled", ctx.commentsEnabled())
                                .put("moderator", ctx.moderator()));
            });
        });
    }

    private Future<Map<UUID, List<Row>>> replies(List<Row> parents, UUID me, boolean moderator) {
        UUID[] ids = parents.stream()
                .filter(r -> r.getInteger("reply_count") > 0)
                .map(r -> r.getUUID("id"))
                .distinct()
                .toArray(UUID[]::new);
        if (ids.length == 0) {
            return Future.succeededFuture(Map.of());
        }
        return pool.preparedQuery(CommentSql.FIRST_REPLIES)
                .execute(Tuple.of(ids, me, moderator, FIRST_REPLIES))
                .map(rows -> {
                    Map<UUID, List<Row>> byParent = new LinkedHashMap<>();
                    rows.forEach(r -> byParent.computeIfAbsent(r.getUUID("parent_id"), k -> new ArrayList<>())
                            .add(r));
                    return byParent;
                });
    }

    private static JsonArray withReplies(List<Row> rows, Map<UUID, List<Row>> replies, Context ctx) {
        JsonArray out = new JsonArray();
        for (Row r : rows) {
            JsonArray first = new JsonArray();
            replies.getOrDefault(r.getUUID("id"), List.of()).forEach(reply -> first.add(json(reply, ctx.moderator())));
            out.add(json(r, ctx.moderator()).put("replies", first));
        }
        return out;
    }

    Future<JsonObject> replies(UUID commentId, Principal p, String cursor, int limit) {
        return visible(commentId, p).compose(found -> {
            Cursor after = Cursor.decode(cursor, "oldest");
            UUID me = p == null ? null : p.userId();
            return pool.preparedQuery(CommentSql.REPLIES)
                    .execute(Tuple.of(commentId, me, found.ctx().moderator(), after.at(), after.id(), limit + 1))
                    .map(rows -> {
                        JsonArray data = new JsonArray();
                        Row last = null;
                        for (Row r : rows) {
                            if (data.size() == limit) {
                                break;
                            }
                            data.add(json(r, found.ctx().moderator()));
                            last = r;
                        }
                        return new JsonObject()
                                .put("data", data)
                                .put("nextCursor", rows.size() > limit ? Cursor.after(last, "oldest") : null);
                    });
        });
    }

    /** A comment with its chapter context, if the caller may see it; else 404. */
    public record Found(Row row, Context ctx) {}

    public Future<Found> visible(UUID commentId, Principal p) {
        return pool.preparedQuery(CommentSql.ONE).execute(Tuple.of(commentId)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(notFound());
            }
            Row row = rows.iterator().next();
            return context(row.getUUID("chapter_id"), p).compose(ctx -> {
                String status = row.getString("status");
                boolean mine = p != null && p.userId().equals(row.getUUID("user_id"));
                boolean seen = status.equals("VISIBLE")
                        || status.equals("DELETED")
                        || ctx.moderator()
                        || status.equals("PENDING") && mine;
                return seen ? Future.succeededFuture(new Found(row, ctx)) : Future.failedFuture(notFound());
            });
        });
    }

    Future<JsonObject> get(UUID commentId, Principal p) {
        return visible(commentId, p).map(f -> json(f.row(), f.ctx().moderator()));
    }

    // ---- writing

    Future<JsonObject> create(Principal p, UUID chapterId, UUID parentId, String content, boolean spoiler) {
        Future<Row> parent = parentId == null
                ? Future.succeededFuture(null)
                : visible(parentId, p).compose(f -> {
                    String status = f.row().getString("status");
                    return status.equals("VISIBLE")
                            ? Future.succeededFuture(f.row())
                            : Future.failedFuture(new ApiException.Conflict(
                                    "comment.not_replyable", "Only visible comments take replies.", List.of()));
                });
        return parent.compose(parentRow -> context(parentRow == null ? chapterId : parentRow.getUUID("chapter_id"), p)
                .compose(ctx -> {
                    if (!ctx.commentsEnabled()) {
                        return Future.failedFuture(new ApiException.Forbidden(
                                "comments.disabled", "Comments are turned off on this site."));
                    }
                    return pool.preparedQuery(CommentSql.DUPLICATE)
                            .execute(Tuple.of(p.userId(), content))
                            .compose(dup -> {
                                String held = ctx.moderator()
                                        ? null
                                        : ctx.mode().equals("pre")
                                                ? "pre_moderation"
                                                : CommentText.links(content) > MAX_LINKS
                                                        ? "links"
                                                        : dup.iterator().next().getLong("n") > 0 ? "duplicate" : null;
                                UUID id = Ids.newId();
                                int depth = parentRow == null ? 0 : parentRow.getInteger("depth") + 1;
                                return pool.withTransaction(tx -> tx.preparedQuery(CommentSql.INSERT)
                                                .execute(Tuple.tuple()
                                                        .addUUID(id)
                                                        .addUUID(ctx.chapterId())
                                                        .addUUID(ctx.siteId())
                                                        .addUUID(p.userId())
                                                        .addUUID(parentRow == null ? null : parentRow.getUUID("id"))
                                                        .addShort((short) depth)
                                                        .addString(content)
                                                        .addString(CommentText.html(content))
                                                        .addBoolean(spoiler)
                                                        .addString(held == null ? "VISIBLE" : "PENDING")
                                                        .addString(held))
                                                .compose(v -> parentRow == null
                                                        ? Future.succeededFuture()
                                                        : recount(tx, parentRow.getUUID("id")))
                                                .compose(v -> held == null && parentRow != null
                                                        ? notifyReply(tx, parentRow, id, p)
                                                        : Future.succeededFuture())
                                                .compose(v -> event(tx, "comment.created", ctx, id)))
                                        .compose(v -> get(id, p));
                            });
                }));
    }

    Future<JsonObject> edit(Principal p, UUID commentId, String content, Boolean spoiler) {
        return visible(commentId, p)
                .compose(f -> {
                    if (!p.userId().equals(f.row().getUUID("user_id"))) {
                        return Future.failedFuture(
                                new ApiException.Forbidden("comment.forbidden", "Only its writer may edit a comment."));
                    }
                    if (f.row().getString("status").equals("DELETED")) {
                        return Future.failedFuture(ApiException.Conflict.status(
                                "comment.deleted", "A deleted comment cannot be edited.", "DELETED"));
                    }
                    return pool.withTransaction(tx -> tx.preparedQuery(CommentSql.EDIT)
                            .execute(Tuple.of(commentId, content, CommentText.html(content), spoiler))
                            .compose(v -> event(tx, "comment.updated", f.ctx(), commentId)));
                })
                .compose(v -> get(commentId, p));
    }

    /** Own comment, or a moderator's call: removed, or a tombstone when it has replies. */
    Future<Void> delete(Principal p, UUID commentId) {
        return visible(commentId, p).compose(f -> {
            if (!p.userId().equals(f.row().getUUID("user_id")) && !f.ctx().moderator()) {
                return Future.failedFuture(new ApiException.Forbidden(
                        "comment.forbidden", "Only its writer or a moderator may delete a comment."));
            }
            if (f.row().getString("status").equals("DELETED")) {
                return Future.succeededFuture();
            }
            UUID parent = f.row().getUUID("parent_id");
            boolean hasReplies = f.row().getInteger("reply_count") > 0;
            return pool.withTransaction(tx -> tx.preparedQuery(hasReplies ? CommentSql.TOMBSTONE : CommentSql.DELETE)
                    .execute(Tuple.of(commentId))
                    .compose(v -> parent == null ? Future.succeededFuture() : recount(tx, parent))
                    .compose(v -> event(tx, "comment.deleted", f.ctx(), commentId)));
        });
    }

    /** hide, unhide (also approves a held comment), pin, unpin: moderators only. */
    Future<JsonObject> moderate(Principal p, UUID commentId, String action) {
        return visible(commentId, p)
                .compose(f -> {
                    if (!f.ctx().moderator()) {
                        return Future.failedFuture(new ApiException.Forbidden(
                                "comment.forbidden", "Only the site's moderators may do this."));
                    }
                    String status = f.row().getString("status");
                    if (status.equals("DELETED")) {
                        return Future.failedFuture(
                                ApiException.Conflict.status("comment.deleted", "The comment was deleted.", status));
                    }
                    if (action.startsWith("pin") || action.startsWith("unpin")) {
                        if (f.row().getUUID("parent_id") != null) {
                            return Future.failedFuture(new ApiException.Validation(
                                    "comment.pin_top_level_only", "Only top-level comments can be pinned.", List.of()));
                        }
                        return pool.withTransaction(tx -> tx.preparedQuery(CommentSql.SET_PINNED)
                                .execute(Tuple.of(commentId, action.equals("pin")))
                                .compose(v -> event(
                                        tx,
                                        "comment." + (action.equals("pin") ? "pinned" : "unpinned"),
                                        f.ctx(),
                                        commentId)));
                    }
                    String to = action.equals("hide") ? "HIDDEN" : "VISIBLE";
                    UUID parent = f.row().getUUID("parent_id");
                    return pool.withTransaction(tx -> tx.preparedQuery(CommentSql.SET_STATUS)
                            .execute(Tuple.of(commentId, to))
                            .compose(v -> parent == null ? Future.succeededFuture() : recount(tx, parent))
                            .compose(v -> event(
                                    tx,
                                    "comment." + (action.equals("hide") ? "hidden" : "unhidden"),
                                    f.ctx(),
                                    commentId)));
                })
                .compose(v -> get(commentId, p));
    }

    private static Future<Void> recount(SqlClient tx, UUID parent) {
        return tx.preparedQuery(CommentSql.RECOUNT).execute(Tuple.of(parent)).mapEmpty();
    }

    /** "Someone replied to your comment", unless it is your own reply. */
    private static Future<Void> notifyReply(SqlClient tx, Row parent, UUID replyId, Principal p) {
        UUID to = parent.getUUID("user_id");
        if (to == null || to.equals(p.userId())) {
            return Future.succeededFuture();
        }
        return Notify.inApp(
                tx,
                to,
                "COMMENT_REPLY",
                "New reply to your comment",
                null,
                new JsonObject()
                        .put("commentId", replyId.toString())
                        .put("parentId", parent.getUUID("id").toString())
                        .put("chapterId", parent.getUUID("chapter_id").toString()),
                "reply:" + replyId);
    }

    /**
     * A moderator's action from a report, in the caller's transaction: the comment hidden, or removed as a tombstone
     * (its replies keep their place); its parent's reply count follows.
     */
    public static Future<Void> moderate(SqlClient tx, UUID commentId, boolean remove) {
        return (remove
                        ? tx.preparedQuery(CommentSql.TOMBSTONE).execute(Tuple.of(commentId))
                        : tx.preparedQuery(CommentSql.SET_STATUS).execute(Tuple.of(commentId, "HIDDEN")))
                .compose(v -> tx.preparedQuery(CommentSql.PARENT).execute(Tuple.of(commentId)))
                .compose(rows -> rows.size() == 0 || rows.iterator().next().getUUID("parent_id") == null
                        ? Future.succeededFuture()
                        : recount(tx, rows.iterator().next().getUUID("parent_id")));
    }

    private static Future<Void> event(SqlClient tx, String topic, Context ctx, UUID commentId) {
        return Outbox.append(
                        tx,
                        topic,
                        commentId.toString(),
                        new JsonObject()
                                .put("commentId", commentId.toString())
                                .put("chapterId", ctx.chapterId().toString())
                                .put("siteId", ctx.siteId().toString()))
                .mapEmpty();
    }

    private static ApiException notFound() {
        return new ApiException.NotFound("comment.not_found", "Not found.");
    }

    /** The public shape; a tombstone keeps its place and replies but no text or writer. */
    static JsonObject json(Row r, boolean moderator) {
        boolean deleted = r.getString("status").equals("DELETED");
        UUID user = r.getUUID("user_id");
        JsonObject o = new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("chapterId", r.getUUID("chapter_id").toString())
                .put(
                        "parentId",
                        r.getUUID("parent_id") == null
                                ? null
                                : r.getUUID("parent_id").toString())
                .put("depth", (int) r.getShort("depth"))
                .put("status", r.getString("status"))
                .put("deleted", deleted)
                .put(
                        "author",
                        deleted || user == null
                                ? null
                                : new JsonObject()
                                        .put("id", user.toString())
                                        .put("username", r.getString("username"))
                                        .put("displayName", r.getString("display_name")))
                .put("content", deleted ? null : r.getString("content"))
                .put("contentHtml", deleted ? null : r.getString("content_html"))
                .put("hasSpoiler", r.getBoolean("has_spoiler"))
                .put("isPinned", r.getBoolean("is_pinned"))
                .put("isEdited", r.getValue("edited_at") != null)
                .put("editedAt", Times.iso(r.getOffsetDateTime("edited_at")))
                .put("replyCount", r.getInteger("reply_count"))
                .put("reactionCount", r.getInteger("reaction_count"))
                .put("createdAt", Times.iso(r.getOffsetDateTime("created_at")));
        if (moderator && r.getString("held_reason") != null) {
            o.put("heldReason", r.getString("held_reason"));
        }
        return o;
    }
}
