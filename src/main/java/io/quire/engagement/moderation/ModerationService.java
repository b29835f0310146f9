package io.quire.engagement.moderation;

import io.quire.engagement.comments.CommentService;
import io.quire.engagement.notifications.Notify;
import io.quire.engagement.reviews.ReviewService;
import io.quire.identity.AdminUserService;
import io.quire.platform.auth.Principal;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.TimeCursor;
import io.quire.platform.ids.Ids;
import io.quire.sites.SiteService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reports and what is done about them. Anyone signed in reports a comment, review, chapter, series or user (not
 * their own, once while open). A site's owner, editors and admins see the reports on its content and act on
 * comments and reviews (hide, remove, warn, no action) or escalate; platform admins see everything and may also
 * suspend, ban or delete accounts. Every action is logged with who, why and what the content was, and the
 * reporter is told the outcome.
 */
public final class ModerationService {
    static final List<String> REASONS = List.of(
            "SPAM",
            "HARASSMENT",
            "HATE_SPEECH",
            "VIOLENCE_PROMOTION",
            "SEXUAL_CONTENT_UNTAGGED",
            "COPYRIGHT_INFRINGEMENT",
            "MISINFORMATION",
            "DOXXING",
            "CSAM",
            "OTHER");
    static final List<String> ACTIONS = List.of(
            "NO_ACTION",
            "WARNING_ISSUED",
            "CONTENT_HIDDEN",
            "CONTENT_REMOVED",
            "USER_SUSPENDED_7_DAYS",
            "USER_SUSPENDED_30_DAYS",
            "USER_SUSPENDED_PERMANENT",
            "USER_BANNED",
            "ACCOUNT_DELETED");
    static final List<String> TARGETS = List.of("comment", "review", "chapter", "series", "user");
    static final List<String> STATUSES =
            List.of("PENDING", "UNDER_REVIEW", "RESOLVED_ACTION_TAKEN", "RESOLVED_NO_ACTION", "DISMISSED", "ESCALATED");
    private static final Set<String> SITE_ACTIONS =
            Set.of("NO_ACTION", "WARNING_ISSUED", "CONTENT_HIDDEN", "CONTENT_REMOVED");
    private static final Map<String, String> TARGET_SQL = Map.of(
            "comment",
            ReportSql.TARGET_COMMENT,
            "review",
            ReportSql.TARGET_REVIEW,
            "chapter",
            ReportSql.TARGET_CHAPTER,
            "series",
            ReportSql.TARGET_SERIES,
            "user",
            ReportSql.TARGET_USER);

    private final Pool pool;
    private final AdminUserService accounts;

    public ModerationService(Pool pool, AdminUserService accounts) {
        this.pool = pool;
        this.accounts = accounts;
    }

    Future<JsonObject> report(
            Principal p, String targetType, UUID targetId, String reason, String description, List<String> evidence) {
        return pool.preparedQuery(TARGET_SQL.get(targetType))
                .execute(Tuple.of(targetId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(new ApiException.NotFound(
                                "report.target_not_found", "There is nothing to report there."));
                    }
                    Row t = rows.iterator().next();
                    if (p.userId().equals(t.getUUID("owner_id"))) {
                        return Future.failedFuture(new ApiException.Validation(
                                "report.own_content", "You cannot report yourself or your own content.", List.of()));
                    }
                    UUID id = Ids.newId();
                    int priority = switch (reason) {
                        case "CSAM" -> 3;
                        case "DOXXING", "VIOLENCE_PROMOTION" -> 2;
                        case "HARASSMENT", "HATE_SPEECH" -> 1;
                        default -> 0;
                    };
                    return pool.preparedQuery(ReportSql.INSERT)
                            .execute(Tuple.tuple()
                                    .addUUID(id)
                                    .addUUID(p.userId())
                                    .addString(targetType)
                                    .addUUID(targetId)
                                    .addUUID(t.getUUID("owner_id"))
                                    .addUUID(t.getUUID("site_id"))
                                    .addString(reason)
                                    .addString(description)
                                    .addArrayOfString(evidence.toArray(String[]::new))
                                    .addShort((short) priority))
                            .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
                                    ? Future.failedFuture(new ApiException.Conflict(
                                            "report.duplicate", "You have an open report on this already.", List.of()))
                                    : Future.failedFuture(e))
                            .compose(v -> one(id));
                });
    }

    Future<JsonObject> mine(Principal p, String cursor, int limit) {
        TimeCursor after = TimeCursor.decode(cursor);
        return pool.preparedQuery(ReportSql.MINE)
                .execute(Tuple.of(p.userId(), after.at(), after.id(), limit + 1))
                .map(rows -> TimeCursor.page(rows, limit, r -> json(r, false), "created_at", "id"));
    }

    Future<JsonObject> siteReports(Principal p, UUID siteId, String status, boolean queue, int limit) {
        return SiteService.membership(pool, siteId, p)
                .compose(m -> {
                    m.requireManage();
                    return pool.preparedQuery(ReportSql.FOR_SITE).execute(Tuple.of(siteId, status, queue, limit));
                })
                .map(ModerationService::list);
    }

    Future<JsonObject> allReports(String status, String targetType, int limit) {
        return pool.preparedQuery(ReportSql.ALL)
                .execute(Tuple.of(status, targetType, limit))
                .map(ModerationService::list);
    }

    Future<JsonObject> adminReport(UUID reportId) {
        return load(reportId).map(r -> json(r, true));
    }

    /** A site moderator's action: content actions on comments and reviews, or none; accounts are the platform's. */
    Future<JsonObject> siteAction(Principal p, UUID siteId, UUID reportId, String action, String notes) {
        return siteReport(p, siteId, reportId).compose(r -> {
            if (!SITE_ACTIONS.contains(action)) {
                return Future.failedFuture(new ApiException.Forbidden(
                        "report.action_forbidden",
                        "Accounts are suspended or banned by the platform's admins: escalate the report."));
            }
            return act(p, r, action, notes);
        });
    }

    Future<JsonObject> escalate(Principal p, UUID siteId, UUID reportId) {
        return siteReport(p, siteId, reportId).compose(r -> {
            requireOpen(r);
            return pool.preparedQuery(ReportSql.ESCALATE)
                    .execute(Tuple.of(reportId))
                    .map(rows -> json(rows.iterator().next(), true));
        });
    }

    /** A report on the site's content, for one of its moderators; any other report is 404 here. */
    private Future<Row> siteReport(Principal p, UUID siteId, UUID reportId) {
        return SiteService.membership(pool, siteId, p)
                .compose(m -> {
                    m.requireManage();
                    return load(reportId);
                })
                .compose(r -> siteId.equals(r.getUUID("site_id"))
                        ? Future.succeededFuture(r)
                        : Future.failedFuture(new ApiException.NotFound("report.not_found", "Not found.")));
    }

    Future<JsonObject> adminAction(Principal p, UUID reportId, String action, String notes) {
        return load(reportId).compose(r -> act(p, r, action, notes));
    }

    private Future<JsonObject> act(Principal p, Row report, String action, String notes) {
        requireOpen(report);
        String type = report.getString("target_type");
        UUID target = report.getUUID("target_id");
        boolean content = action.equals("CONTENT_HIDDEN") || action.equals("CONTENT_REMOVED");
        if (content && !type.equals("comment") && !type.equals("review")) {
            return Future.failedFuture(new ApiException.Validation(
                    "report.action_unsupported",
                    "Hide or remove chapters and series from their author's tools; here, content actions apply to comments and reviews.",
                    List.of()));
        }
        boolean account = action.startsWith("USER_") || action.equals("ACCOUNT_DELETED");
        UUID targetUser = report.getUUID("target_user_id");
        Future<Void> onAccount = !account
                ? Future.succeededFuture()
                : targetUser == null
                        ? Future.failedFuture(new ApiException.Validation(
                                "report.no_account", "This report names no account.", List.of()))
                        : accounts.update(
                                        p,
                                        targetUser,
                                        new AdminUserService.Change(
                                                null,
                                                switch (action) {
                                                    case "USER_BANNED" -> "BANNED";
                                                    case "ACCOUNT_DELETED" -> "DELETED";
                                                    default -> "SUSPENDED";
                                                },
                                                "moderation: " + action + (notes == null ? "" : " — " + notes)))
                                .mapEmpty();
        String status = action.equals("NO_ACTION") ? "RESOLVED_NO_ACTION" : "RESOLVED_ACTION_TAKEN";
        return onAccount.compose(v -> pool.withTransaction(tx -> contentAction(tx, type, target, action)
                .compose(snapshot -> tx.preparedQuery(ReportSql.LOG)
                        .execute(Tuple.tuple()
                                .addUUID(Ids.newId())
                                .addUUID(p.userId())
                                .addString(type)
                                .addUUID(target)
                                .addUUID(targetUser)
                                .addUUID(report.getUUID("site_id"))
                                .addString(action)
                                .addString(report.getString("reason"))
                                .addString(notes)
                                .addUUID(report.getUUID("id"))
                                .addJsonObject(snapshot)))
                .compose(x -> tx.preparedQuery(ReportSql.RESOLVE)
                        .execute(Tuple.of(report.getUUID("id"), status, action, notes, p.userId())))
                .compose(rows -> notifyOutcome(tx, report, action)
                        .map(n -> json(rows.iterator().next(), true)))));
    }

    /** Hides or removes a comment or review (keeping what it said in the log), and returns that snapshot. */
    private Future<JsonObject> contentAction(SqlClient tx, String type, UUID target, String action) {
        return tx.preparedQuery(TARGET_SQL.get(type)).execute(Tuple.of(target)).compose(rows -> {
            JsonObject snapshot =
                    rows.size() == 0 ? new JsonObject() : rows.iterator().next().getJsonObject("snapshot");
            if (!action.equals("CONTENT_HIDDEN") && !action.equals("CONTENT_REMOVED")) {
                return Future.succeededFuture(snapshot);
            }
            boolean remove = action.equals("CONTENT_REMOVED");
            return (type.equals("comment")
                            ? CommentService.moderate(tx, target, remove)
                            : ReviewService.moderate(tx, target, remove))
                    .map(v -> snapshot);
        });
    }

    /** The reporter learns the outcome; a warned user learns of the warning. */
    private static Future<Void> notifyOutcome(SqlClient tx, Row report, String action) {
        JsonObject data = new JsonObject()
                .put("reportId", report.getUUID("id").toString())
                .put("outcome", action);
        Future<Void> reporter = Notify.inApp(
                tx,
                report.getUUID("reporter_id"),
                "REPORT_OUTCOME",
                "Your report was reviewed",
                action.equals("NO_ACTION") ? "No action was needed." : "Action was taken.",
                data,
                "report:" + report.getUUID("id"));
        UUID warned = report.getUUID("target_user_id");
        return !action.equals("WARNING_ISSUED") || warned == null
                ? reporter
                : reporter.compose(v -> Notify.inApp(
                        tx,
                        warned,
                        "REPORT_OUTCOME",
                        "You received a warning",
                        "A moderator found that your content broke the rules (" + report.getString("reason") + ").",
                        data,
                        "warning:" + report.getUUID("id")));
    }

    Future<JsonObject> log(String targetType, UUID targetId, UUID moderator, String action, int limit) {
        return pool.preparedQuery(ReportSql.LOG_PAGE)
                .execute(Tuple.of(targetType, targetId, moderator, action, limit))
                .map(rows -> {
                    JsonArray data = new JsonArray();
                    for (Row r : rows) {
                        data.add(new JsonObject()
                                .put("id", r.getUUID("id").toString())
                                .put(
                                        "moderatorId",
                                        r.getUUID("moderator_id") == null
                                                ? null
                                                : r.getUUID("moderator_id").toString())
                                .put("moderatorUsername", r.getString("moderator_username"))
                                .put("targetType", r.getString("target_type"))
                                .put("targetId", r.getUUID("target_id").toString())
                                .put("action", r.getString("action"))
                                .put("reason", r.getString("reason"))
                                .put("notes", r.getString("notes"))
                                .put(
                                        "reportId",
                                        r.getUUID("report_id") == null
                                                ? null
                                                : r.getUUID("report_id").toString())
                                .put("contentSnapshot", r.getJsonObject("content_snapshot"))
                                .put("createdAt", Times.iso(r.getOffsetDateTime("created_at"))));
                    }
                    return new JsonObject().put("data", data).put("nextCursor", (String) null);
                });
    }

    private static void requireOpen(Row r) {
        String status = r.getString("status");
        if (status.startsWith("RESOLVED") || status.equals("DISMISSED")) {
            throw ApiException.Conflict.status("report.closed", "This report was resolved already.", status);
        }
    }

    private Future<Row> load(UUID reportId) {
        return pool.preparedQuery(ReportSql.ONE)
                .execute(Tuple.of(reportId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(new ApiException.NotFound("report.not_found", "Not found."))
                        : Future.succeededFuture(rows.iterator().next()));
    }

    private Future<JsonObject> one(UUID id) {
        return load(id).map(r -> json(r, false));
    }

    private static JsonObject list(RowSet<Row> rows) {
        JsonArray data = new JsonArray();
        rows.forEach(r -> data.add(json(r, true)));
        return new JsonObject().put("data", data).put("nextCursor", (String) null);
    }

    /** A reporter sees their report and its outcome; moderators also see who reported and their notes. */
    static JsonObject json(Row r, boolean moderator) {
        JsonObject o = new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("targetType", r.getString("target_type"))
                .put("targetId", r.getUUID("target_id").toString())
                .put("reason", r.getString("reason"))
                .put("description", r.getString("description"))
                .put("evidence", new JsonArray(List.of(r.getArrayOfStrings("evidence"))))
                .put("status", r.getString("status"))
                .put("resolution", r.getString("resolution"))
                .put("resolvedAt", Times.iso(r.getOffsetDateTime("resolved_at")))
                .put("createdAt", Times.iso(r.getOffsetDateTime("created_at")));
        if (moderator) {
            o.put("reporterId", r.getUUID("reporter_id").toString())
                    .put("priority", (int) r.getShort("priority"))
                    .put(
                            "siteId",
                            r.getUUID("site_id") == null
                                    ? null
                                    : r.getUUID("site_id").toString())
                    .put(
                            "targetUserId",
                            r.getUUID("target_user_id") == null
                                    ? null
                                    : r.getUUID("target_user_id").toString())
                    .put("resolutionNote", r.getString("resolution_note"));
        }
        return o;
    }
}
