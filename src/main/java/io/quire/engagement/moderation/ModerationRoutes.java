package io.quire.engagement.moderation;

import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Role;
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

/** The §15.2 paths: reporting, a reporter's own reports, a site's queue and actions, and the admins' view and log. */
public final class ModerationRoutes {
    private final ModerationService moderation;

    public ModerationRoutes(ModerationService moderation) {
        this.moderation = moderation;
    }

    public void mount(Router router) {
        router.post("/api/v1/reports").handler(Authz.session()).handler(this::submit);
        router.get("/api/v1/my/reports")
                .handler(Authz.session())
                .handler(ctx -> answer(
                        ctx,
                        moderation.mine(Authz.require(ctx), ctx.request().getParam("cursor"), QueryParams.limit(ctx))));
        router.get("/api/v1/sites/:siteId/reports")
                .handler(Authz.session())
                .handler(ctx -> answer(
                        ctx,
                        moderation.siteReports(
                                Authz.require(ctx),
                                site(ctx),
                                oneOf(ctx, "status", ModerationService.STATUSES),
                                false,
                                QueryParams.limit(ctx))));
        router.get("/api/v1/sites/:siteId/moderation/queue")
                .handler(Authz.session())
                .handler(ctx -> answer(
                        ctx,
                        moderation.siteReports(Authz.require(ctx), site(ctx), null, true, QueryParams.limit(ctx))));
        router.post("/api/v1/sites/:siteId/moderation/:reportId/action")
                .handler(Authz.session())
                .handler(ctx -> {
                    Action a = action(ctx);
                    answer(
                            ctx,
                            moderation.siteAction(Authz.require(ctx), site(ctx), reportId(ctx), a.action(), a.notes()));
                });
        router.post("/api/v1/sites/:siteId/moderation/:reportId/escalate")
                .handler(Authz.session())
                .handler(ctx -> answer(ctx, moderation.escalate(Authz.require(ctx), site(ctx), reportId(ctx))));
        router.get("/api/v1/admin/reports")
                .handler(Authz.atLeast(Role.ADMIN))
                .handler(ctx -> answer(
                        ctx,
                        moderation.allReports(
                                oneOf(ctx, "status", ModerationService.STATUSES),
                                oneOf(ctx, "targetType", ModerationService.TARGETS),
                                QueryParams.limit(ctx))));
        router.get("/api/v1/admin/reports/:reportId")
                .handler(Authz.atLeast(Role.ADMIN))
                .handler(ctx -> answer(ctx, moderation.adminReport(reportId(ctx))));
        router.post("/api/v1/admin/reports/:reportId/action")
                .handler(Authz.atLeast(Role.ADMIN))
                .handler(ctx -> {
                    Action a = action(ctx);
                    answer(ctx, moderation.adminAction(Authz.require(ctx), reportId(ctx), a.action(), a.notes()));
                });
        router.get("/api/v1/admin/moderation/log")
                .handler(Authz.atLeast(Role.ADMIN))
                .handler(ctx -> answer(
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
}
