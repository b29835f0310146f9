package io.quire.engagement.moderation;

import static io.quire.platform.api.Schema.anyObject;
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
import io.quire.platform.auth.Role;
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

/** The §15.2 paths: reporting, a reporter's own reports, a site's queue and actions, and the admins' view and log. */
public final class ModerationRoutes {
    private final ModerationService moderation;

    public ModerationRoutes(ModerationService moderation) {
        this.moderation = moderation;
    }

    public void mount(Api api) {
        components(api);
        api.raw(
                Endpoint.post("/api/v1/reports")
                        .id("reportContent")
                        .tag("moderation")
                        .summary(
                                "Report a comment, review, chapter, series or user (not your own; one open report per target)")
                        .access(Access.session())
                        .body(object().required(
                                        "targetType", string().oneOf("comment", "review", "chapter", "series", "user"))
                                .required("targetId", string().length(36, 36))
                                .required(
                                        "reason",
                                        string().oneOf(
                                                        "SPAM",
                                                        "HARASSMENT",
                                                        "HATE_SPEECH",
                                                        "VIOLENCE_PROMOTION",
                                                        "SEXUAL_CONTENT_UNTAGGED",
                                                        "COPYRIGHT_INFRINGEMENT",
                                                        "MISINFORMATION",
                                                        "DOXXING",
                                                        "CSAM",
                                                        "OTHER"))
                                .optional("description", string().length(0, 2000))
                                .optional("evidenceUrls", array(string()).size(0, 5)))
                        .ok(201, ref("Report"), "OK")
                        .problems(404, 409),
                this::submit);
        api.raw(
                Endpoint.get("/api/v1/my/reports")
                        .id("listMyReports")
                        .tag("moderation")
                        .summary("My reports and their outcomes")
                        .access(Access.session())
                        .paged()
                        .ok(200, Schema.list(ref("Report")), "OK")
                        .problems(400, 422),
                ctx -> answer(
                        ctx,
                        moderation.mine(Authz.require(ctx), ctx.request().getParam("cursor"), QueryParams.limit(ctx))));
        api.raw(
                Endpoint.get("/api/v1/sites/{siteId}/reports")
                        .id("listSiteReports")
                        .tag("moderation")
                        .summary("Reports on the site's content (owner, editors, admins)")
                        .access(Access.session())
                        .query("status", string(), "one status")
                        .query("limit", integer(), "1–100")
                        .ok(200, Schema.list(ref("Report")), "OK")
                        .problems(422),
                ctx -> answer(
                        ctx,
                        moderation.siteReports(
                                Authz.require(ctx),
                                site(ctx),
                                oneOf(ctx, "status", ModerationService.STATUSES),
                                false,
                                QueryParams.limit(ctx))));
        api.raw(
                Endpoint.get("/api/v1/sites/{siteId}/moderation/queue")
                        .id("listSiteModerationQueue")
                        .tag("moderation")
                        .summary("The site's open reports, most urgent first")
                        .access(Access.session())
                        .query("limit", integer(), "1–100")
                        .ok(200, Schema.list(ref("Report")), "OK")
                        .problems(422),
                ctx -> answer(
                        ctx,
                        moderation.siteReports(Authz.require(ctx), site(ctx), null, true, QueryParams.limit(ctx))));
        api.raw(
                Endpoint.post("/api/v1/sites/{siteId}/moderation/{reportId}/action")
                        .id("actOnSiteReport")
                        .tag("moderation")
                        .summary(
                                "Resolve a report on the site's content: NO_ACTION, WARNING_ISSUED, CONTENT_HIDDEN or CONTENT_REMOVED (comments, reviews); account actions are the admins' (403)")
                        .access(Access.session())
                        .body(object().required(
                                        "action",
                                        string().oneOf(
                                                        "NO_ACTION",
                                                        "WARNING_ISSUED",
                                                        "CONTENT_HIDDEN",
                                                        "CONTENT_REMOVED",
                                                        "USER_SUSPENDED_7_DAYS",
                                                        "USER_SUSPENDED_30_DAYS",
                                                        "USER_SUSPENDED_PERMANENT",
                                                        "USER_BANNED",
                                                        "ACCOUNT_DELETED"))
                                .optional("notes", string().length(0, 2000)))
                        .ok(200, ref("Report"), "OK")
                        .problems(409),
                ctx -> {
                    Action a = action(ctx);
                    answer(
                            ctx,
                            moderation.siteAction(Authz.require(ctx), site(ctx), reportId(ctx), a.action(), a.notes()));
                });
        api.raw(
                Endpoint.post("/api/v1/sites/{siteId}/moderation/{reportId}/escalate")
                        .id("escalateSiteReport")
                        .tag("moderation")
                        .summary("Hand a report to the platform's admins")
                        .access(Access.session())
                        .ok(200, ref("Report"), "OK")
                        .problems(409),
                ctx -> answer(ctx, moderation.escalate(Authz.require(ctx), site(ctx), reportId(ctx))));
        api.raw(
                Endpoint.get("/api/v1/admin/reports")
                        .id("listAdminReports")
                        .tag("moderation")
                        .summary("All reports, most urgent first (admin)")
                        .access(Access.atLeast(Role.ADMIN))
                        .query("status", string(), "one status")
                        .query("targetType", string(), "one target type")
                        .query("limit", integer(), "1–100")
                        .ok(200, Schema.list(ref("Report")), "OK")
                        .problems(422),
                ctx -> answer(
                        ctx,
                        moderation.allReports(
                                oneOf(ctx, "status", ModerationService.STATUSES),
                                oneOf(ctx, "targetType", ModerationService.TARGETS),
                                QueryParams.limit(ctx))));
        api.raw(
                Endpoint.get("/api/v1/admin/reports/{reportId}")
                        .id("getAdminReport")
                        .tag("moderation")
                        .summary("One report (admin)")
                        .access(Access.atLeast(Role.ADMIN))
                        .ok(200, ref("Report"), "OK"),
                ctx -> answer(ctx, moderation.adminReport(reportId(ctx))));
        api.raw(
                Endpoint.post("/api/v1/admin/reports/{reportId}/action")
                        .id("actOnReport")
                        .tag("moderation")
                        .summary(
                                "Resolve with any action, including suspensions, bans and deletions (sessions end at once)")
                        .access(Access.atLeast(Role.ADMIN))
                        .body(object().required(
                                        "action",
                                        string().oneOf(
                                                        "NO_ACTION",
                                                        "WARNING_ISSUED",
                                                        "CONTENT_HIDDEN",
                                                        "CONTENT_REMOVED",
                                                        "USER_SUSPENDED_7_DAYS",
                                                        "USER_SUSPENDED_30_DAYS",
                                                        "USER_SUSPENDED_PERMANENT",
                                                        "USER_BANNED",
                                                        "ACCOUNT_DELETED"))
                                .optional("notes", string().length(0, 2000)))
                        .ok(200, ref("Report"), "OK")
                        .problems(409),
                ctx -> {
                    Action a = action(ctx);
                    answer(ctx, moderation.adminAction(Authz.require(ctx), reportId(ctx), a.action(), a.notes()));
                });
        api.raw(
                Endpoint.get("/api/v1/admin/moderation/log")
                        .id("listAdminModerationLog")
                        .tag("moderation")
                        .summary("Every moderation action with who, why and the content as it was (admin)")
                        .access(Access.atLeast(Role.ADMIN))
                        .query("targetType", string(), "target type")
                        .query("targetId", string(), "target id")
                        .query("moderatorId", string(), "moderator")
                        .query("action", string(), "action")
                        .query("limit", integer(), "1–100")
                        .ok(
                                200,
                                Schema.list(object().optional("id", string())
                                        .optional("moderatorId", string())
                                        .optional("moderatorUsername", string())
                                        .optional("targetType", string())
                                        .optional("targetId", string())
                                        .optional("action", string())
                                        .optional("reason", string())
                                        .optional("notes", string())
                                        .optional("reportId", string())
                                        .optional("contentSnapshot", anyObject())
                                        .optional("createdAt", string())),
                                "OK")
                        .problems(422),
                ctx -> answer(
                        ctx,
                        moderation.log(
                                oneOf(ctx, "targetType", ModerationService.TARGETS),
                                queryUuid(ctx, "targetId"),
                                queryUuid(ctx, "moderatorId"),
                                oneOf(ctx, "action", ModerationService.ACTIONS),
                                QueryParams.limit(ctx))));
    }

    private void submit(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        String type = body.requiredString("targetType", 1, 20);
        if (type != null && !ModerationService.TARGETS.contains(type)) {
            body.error("targetType", "must be one of " + ModerationService.TARGETS);
        }
        String idText = body.requiredString("targetId", 36, 36);
        UUID id = null;
        try {
            id = idText == null ? null : UUID.fromString(idText);
        } catch (IllegalArgumentException e) {
            body.error("targetId", "must be a UUID");
        }
        String reason = body.requiredString("reason", 1, 40);
        if (reason != null && !ModerationService.REASONS.contains(reason)) {
            body.error("reason", "must be one of " + ModerationService.REASONS);
        }
        String description = body.optionalString("description", 0, 2000);
        List<String> evidence = body.optionalStrings("evidenceUrls", 5, 2000);
        if (evidence != null
                && evidence.stream().anyMatch(u -> !u.startsWith("https://") && !u.startsWith("http://"))) {
            body.error("evidenceUrls", "must be http(s) URLs");
        }
        body.validate();
        moderation
                .report(Authz.require(ctx), type, id, reason, description, evidence == null ? List.of() : evidence)
                .onSuccess(r -> Responses.json(ctx, 201, r))
                .onFailure(ctx::fail);
    }

    private record Action(String action, String notes) {}

    private static Action action(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        String action = body.requiredString("action", 1, 40);
        if (action != null && !ModerationService.ACTIONS.contains(action)) {
            body.error("action", "must be one of " + ModerationService.ACTIONS);
        }
        String notes = body.optionalString("notes", 0, 2000);
        body.validate();
        return new Action(action, notes);
    }

    private static UUID site(RoutingContext ctx) {
        return PathParams.uuid(ctx, "siteId", "site.not_found");
    }

    private static UUID reportId(RoutingContext ctx) {
        return PathParams.uuid(ctx, "reportId", "report.not_found");
    }

    private static String oneOf(RoutingContext ctx, String name, List<String> allowed) {
        String value = ctx.request().getParam(name);
        if (value != null && !allowed.contains(value)) {
            throw new ApiException.Validation(
                    "request.invalid",
                    "Some query parameters are invalid.",
                    List.of(new ApiException.FieldError(name, "must be one of " + allowed)));
        }
        return value;
    }

    private static UUID queryUuid(RoutingContext ctx, String name) {
        String value = ctx.request().getParam(name);
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new ApiException.Validation(
                    "request.invalid",
                    "Some query parameters are invalid.",
                    List.of(new ApiException.FieldError(name, "must be a UUID")));
        }
    }

    private static void answer(RoutingContext ctx, Future<JsonObject> result) {
        result.onSuccess(b -> Responses.json(ctx, 200, b)).onFailure(ctx::fail);
    }

    /** The shapes this feature's answers share, as {@code #/components/schemas}. */
    private static void components(Api api) {
        api.component(
                "Report",
                object().optional("id", string())
                        .optional("targetType", string().oneOf("comment", "review", "chapter", "series", "user"))
                        .optional("targetId", string())
                        .optional("reason", string())
                        .optional("description", nullable(string()))
                        .optional("evidence", array(string()))
                        .optional(
                                "status",
                                string().oneOf(
                                                "PENDING",
                                                "UNDER_REVIEW",
                                                "RESOLVED_ACTION_TAKEN",
                                                "RESOLVED_NO_ACTION",
                                                "DISMISSED",
                                                "ESCALATED"))
                        .optional("resolution", nullable(string()))
                        .optional("resolvedAt", nullable(string()))
                        .optional("createdAt", string())
                        .optional("reporterId", string().description("moderators only"))
                        .optional("priority", integer())
                        .optional("siteId", nullable(string()))
                        .optional("targetUserId", nullable(string()))
                        .optional("resolutionNote", nullable(string())));
    }
}
