package io.quire.engagement.moderation;

import static io.quire.platform.api.Schema.anyObject;
import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Call;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.ObjectSchema;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.quire.platform.api.StringSchema;
import io.quire.platform.auth.Role;
import io.vertx.core.json.JsonArray;
import java.util.List;
import java.util.UUID;

/** The §15.2 paths: reporting, a reporter's own reports, a site's queue and actions, and the admins' view and log. */
public final class ModerationRoutes {
    private static final String TAG = "moderation";
    private static final ObjectSchema ACTION =
            object().required("action", oneOf(ModerationService.ACTIONS)).optional("notes", string().length(0, 2000));
    private final ModerationService moderation;

    public ModerationRoutes(ModerationService moderation) {
        this.moderation = moderation;
    }

    public void mount(Api api) {
        components(api);
        api.on(
                Endpoint.post("/api/v1/reports")
                        .id("reportContent")
                        .tag(TAG)
                        .summary("Report a comment, review, chapter, series or user")
                        .description("Not your own (422 `report.own_content`); one open report per target (409).")
                        .access(Access.session())
                        .body(object().required("targetType", oneOf(ModerationService.TARGETS))
                                .required("targetId", uuid())
                                .required("reason", oneOf(ModerationService.REASONS))
                                .optional("description", string().length(0, 2000))
                                .optional(
                                        "evidenceUrls",
                                        array(string().length(1, 2000)).size(0, 5))
                                .check("evidenceUrls", "must be http(s) URLs", ModerationRoutes::httpUrls))
                        .ok(201, ref("Report"), "Reported")
                        .problems(404, 409),
                call -> {
                    JsonArray urls = call.body().getJsonArray("evidenceUrls", new JsonArray());
                    return moderation
                            .report(
                                    call.user(),
                                    call.body().getString("targetType"),
                                    UUID.fromString(call.body().getString("targetId")),
                                    call.body().getString("reason"),
                                    call.body().getString("description"),
                                    urls.stream().map(String::valueOf).toList())
                            .map(Reply::created);
                });
        api.on(
                Endpoint.get("/api/v1/my/reports")
                        .id("listMyReports")
                        .tag(TAG)
                        .summary("My reports and their outcomes")
                        .access(Access.session())
                        .paged()
                        .ok(Schema.list(ref("Report"))),
                call -> moderation
                        .mine(call.user(), call.query("cursor"), call.limit())
                        .map(Reply::ok));
        api.on(
                Endpoint.get("/api/v1/sites/{siteId}/reports")
                        .id("listSiteReports")
                        .tag(TAG)
                        .summary("Reports on the site's content (owner, editors, admins)")
                        .access(Access.session())
                        .query("status", oneOf(ModerationService.STATUSES), "Only reports in this state")
                        .query("limit", integer().range(1, 100), "How many (default 20)")
                        .ok(Schema.list(ref("Report"))),
                call -> moderation
                        .siteReports(call.user(), site(call), call.query("status"), false, call.limit())
                        .map(Reply::ok));
        api.on(
                Endpoint.get("/api/v1/sites/{siteId}/moderation/queue")
                        .id("listSiteModerationQueue")
                        .tag(TAG)
                        .summary("The site's open reports, most urgent first")
                        .access(Access.session())
                        .query("limit", integer().range(1, 100), "How many (default 20)")
                        .ok(Schema.list(ref("Report"))),
                call -> moderation
                        .siteReports(call.user(), site(call), null, true, call.limit())
                        .map(Reply::ok));
        api.on(
                Endpoint.post("/api/v1/sites/{siteId}/moderation/{reportId}/action")
                        .id("actOnSiteReport")
                        .tag(TAG)
                        .summary("Resolve a report on the site's content")
                        .description("NO_ACTION, WARNING_ISSUED, CONTENT_HIDDEN or CONTENT_REMOVED (comments, "
                                + "reviews); account actions are the admins' (403).")
                        .access(Access.session())
                        .body(ACTION)
                        .ok(ref("Report"))
                        .problems(409),
                call -> moderation
                        .siteAction(call.user(), site(call), report(call), action(call), notes(call))
                        .map(Reply::ok));
        api.on(
                Endpoint.post("/api/v1/sites/{siteId}/moderation/{reportId}/escalate")
                        .id("escalateSiteReport")
                        .tag(TAG)
                        .summary("Hand a report to the platform's admins")
                        .access(Access.session())
                        .ok(ref("Report"))
                        .problems(409),
                call -> moderation
                        .escalate(call.user(), site(call), report(call))
                        .map(Reply::ok));
        Access admins = Access.atLeast(Role.ADMIN);
        api.on(
                Endpoint.get("/api/v1/admin/reports")
                        .id("listAdminReports")
                        .tag(TAG)
                        .summary("All reports, most urgent first (admin)")
                        .access(admins)
                        .query("status", oneOf(ModerationService.STATUSES), "Only reports in this state")
                        .query("targetType", oneOf(ModerationService.TARGETS), "Only reports on this kind")
                        .query("limit", integer().range(1, 100), "How many (default 20)")
                        .ok(Schema.list(ref("Report"))),
                call -> moderation
                        .allReports(call.query("status"), call.query("targetType"), call.limit())
                        .map(Reply::ok));
        api.on(
                Endpoint.get("/api/v1/admin/reports/{reportId}")
                        .id("getAdminReport")
                        .tag(TAG)
                        .summary("One report (admin)")
                        .access(admins)
                        .ok(ref("Report")),
                call -> moderation.adminReport(report(call)).map(Reply::ok));
        api.on(
                Endpoint.post("/api/v1/admin/reports/{reportId}/action")
                        .id("actOnReport")
                        .tag(TAG)
                        .summary("Resolve with any action, including suspensions, bans and deletions")
                        .description("Sessions of a suspended, banned or deleted account end at once.")
                        .access(admins)
                        .body(ACTION)
                        .ok(ref("Report"))
                        .problems(409),
                call -> moderation
                        .adminAction(call.user(), report(call), action(call), notes(call))
                        .map(Reply::ok));
        api.on(
                Endpoint.get("/api/v1/admin/moderation/log")
                        .id("listAdminModerationLog")
                        .tag(TAG)
                        .summary("Every moderation action with who, why and the content as it was (admin)")
                        .access(admins)
                        .query("targetType", oneOf(ModerationService.TARGETS), "Only actions on this kind")
                        .query("targetId", uuid(), "Only actions on this target")
                        .query("moderatorId", uuid(), "Only this moderator's")
                        .query("action", oneOf(ModerationService.ACTIONS), "Only this action")
                        .query("limit", integer().range(1, 100), "How many (default 20)")
                        .ok(Schema.list(object().optional("id", string())
                                .optional("moderatorId", string())
                                .optional("moderatorUsername", string())
                                .optional("targetType", string())
                                .optional("targetId", string())
                                .optional("action", string())
                                .optional("reason", string())
                                .optional("notes", string())
                                .optional("reportId", string())
                                .optional("contentSnapshot", anyObject())
                                .optional("createdAt", string()))),
                call -> moderation
                        .log(
                                call.query("targetType"),
                                id(call.query("targetId")),
                                id(call.query("moderatorId")),
                                call.query("action"),
                                call.limit())
                        .map(Reply::ok));
    }

    private static StringSchema oneOf(List<String> values) {
        return string().oneOf(values.toArray(String[]::new));
    }

    private static boolean httpUrls(io.vertx.core.json.JsonObject body) {
        JsonArray urls = body.getJsonArray("evidenceUrls");
        return urls == null
                || urls.stream()
                        .allMatch(u -> String.valueOf(u).startsWith("https://")
                                || String.valueOf(u).startsWith("http://"));
    }

    private static UUID site(Call call) {
        return call.id("siteId", "site.not_found");
    }

    private static UUID report(Call call) {
        return call.id("reportId", "report.not_found");
    }

    private static String action(Call call) {
        return call.body().getString("action");
    }

    private static String notes(Call call) {
        return call.body().getString("notes");
    }

    private static UUID id(String text) {
        return text == null ? null : UUID.fromString(text);
    }

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
