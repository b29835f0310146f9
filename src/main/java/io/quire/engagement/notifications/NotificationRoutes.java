package io.quire.engagement.notifications;

import static io.quire.platform.api.Schema.anyObject;
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
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.quire.platform.http.TimeCursor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;

/**
 * §12.2: a user's notifications ({@code status=unread|all}, {@code type}, cursor paging), unread count, read all,
 * read one, dismiss (kept, hidden), and per-type settings {@code {TYPE: {inApp, email}}}.
 */
public final class NotificationRoutes {
    private static final String BASE = "/api/v1/notifications";
    private final Pool pool;
    private final UnsubscribeTokens tokens;

    public NotificationRoutes(Pool pool, UnsubscribeTokens tokens) {
        this.pool = pool;
        this.tokens = tokens;
    }

    public void mount(Api api) {
        components(api);
        api.raw(
                Endpoint.get("/api/v1/notifications")
                        .id("listNotifications")
                        .tag("engagement")
                        .summary("My notifications, newest first (dismissed ones left out)")
                        .access(Access.session())
                        .paged()
                        .query("status", string().oneOf("unread", "all"), "default all")
                        .query(
                                "type",
                                string().oneOf(
                                                "NEW_CHAPTER",
                                                "COMMENT_REPLY",
                                                "REACTION_MILESTONE",
                                                "REVIEW_RESPONSE",
                                                "REPORT_OUTCOME",
                                                "PAYMENT",
                                                "SUBSCRIPTION"),
                                "one type")
                        .ok(200, Schema.list(ref("Notification")), "OK")
                        .problems(400, 422),
                this::list);
        api.raw(
                Endpoint.get("/api/v1/notifications/unread-count")
                        .id("getNotificationUnreadCount")
                        .tag("engagement")
                        .summary("How many are unread")
                        .access(Access.session())
                        .ok(200, object().optional("count", integer()), "OK"),
                ctx -> pool.preparedQuery(NotificationSql.UNREAD)
                        .execute(Tuple.of(Authz.require(ctx).userId()))
                        .onSuccess(rows -> Responses.json(
                                ctx,
                                200,
                                new JsonObject()
                                        .put("count", rows.iterator().next().getLong("n"))))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.patch("/api/v1/notifications/read-all")
                        .id("markAllNotificationsRead")
                        .tag("engagement")
                        .summary("Mark all read")
                        .access(Access.session())
                        .ok(200, object().optional("marked", integer()), "OK"),
                ctx -> pool.preparedQuery(NotificationSql.READ_ALL)
                        .execute(Tuple.of(Authz.require(ctx).userId()))
                        .onSuccess(rows -> Responses.json(ctx, 200, new JsonObject().put("marked", rows.rowCount())))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.get("/api/v1/notifications/settings")
                        .id("getNotificationSettings")
                        .tag("engagement")
                        .summary("Per type: in the app, by email (defaults: both on)")
                        .access(Access.session())
                        .ok(200, object().optional("types", anyObject()), "OK"),
                ctx -> pool.preparedQuery(NotificationSql.SETTINGS)
                        .execute(Tuple.of(Authz.require(ctx).userId()))
                        .onSuccess(rows -> Responses.json(
                                ctx,
                                200,
                                settings(
                                        rows.size() == 0
                                                ? new JsonObject()
                                                : rows.iterator().next().getJsonObject("settings"))))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.patch("/api/v1/notifications/settings")
                        .id("updateNotificationSettings")
                        .tag("engagement")
                        .summary("Change some types' choices")
                        .access(Access.session())
                        .body(object().required("types", anyObject()))
                        .ok(200, object().optional("types", anyObject()), "OK"),
                this::saveSettings);
        // one click from an email (RFC 8058: mail clients POST here from List-Unsubscribe); no sign-in, the token is
        // enough
        api.raw(
                Endpoint.post("/api/v1/notifications/unsubscribe")
                        .id("unsubscribeByToken")
                        .tag("engagement")
                        .summary(
                                "One-click unsubscribe from an email (RFC 8058; the link's signed token is the only credential): turns that type's email off, leaves the in-app choice")
                        .access(Access.anyone())
                        .query("token", string(), "from the email's link")
                        .ok(
                                200,
                                object().optional("unsubscribed", Schema.bool()).optional("type", string()),
                                "OK")
                        .problems(400),
                ctx -> {
                    UnsubscribeTokens.Subject who = tokens.verify(ctx.request().getParam("token"));
                    if (who == null || !NotificationTypes.ALL.contains(who.type())) {
                        ctx.fail(new ApiException.BadRequest(
                                "unsubscribe.invalid_token", "This unsubscribe link is not valid."));
                        return;
                    }
                    pool.preparedQuery(NotificationSql.SAVE_SETTINGS)
                            .execute(Tuple.of(
                                    who.userId(),
                                    new JsonObject().put(who.type(), new JsonObject().put("email", false))))
                            .onSuccess(rows -> Responses.json(
                                    ctx,
                                    200,
                                    new JsonObject().put("unsubscribed", true).put("type", who.type())))
                            .onFailure(ctx::fail);
                });
        api.raw(
                Endpoint.patch("/api/v1/notifications/{notificationId}/read")
                        .id("markNotificationRead")
                        .tag("engagement")
                        .summary("Mark one read")
                        .access(Access.session())
                        .ok(200, ref("Notification"), "OK"),
                ctx -> pool.preparedQuery(NotificationSql.READ_ONE)
                        .execute(Tuple.of(
                                PathParams.uuid(ctx, "notificationId", "notification.not_found"),
                                Authz.require(ctx).userId()))
                        .onSuccess(rows -> {
                            if (rows.size() == 0) {
                                ctx.fail(new ApiException.NotFound("notification.not_found", "Not found."));
                            } else {
                                Responses.json(ctx, 200, json(rows.iterator().next()));
                            }
                        })
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.delete("/api/v1/notifications/{notificationId}")
                        .id("deleteNotification")
                        .tag("engagement")
                        .summary("Dismiss one (kept, no longer listed)")
                        .access(Access.session())
                        .noContent(),
                ctx -> pool.preparedQuery(NotificationSql.DISMISS)
                        .execute(Tuple.of(
                                PathParams.uuid(ctx, "notificationId", "notification.not_found"),
                                Authz.require(ctx).userId()))
                        .onSuccess(rows -> {
                            if (rows.rowCount() == 0) {
                                ctx.fail(new ApiException.NotFound("notification.not_found", "Not found."));
                            } else {
                                Responses.noContent(ctx);
                            }
                        })
                        .onFailure(ctx::fail));
    }

    private void list(RoutingContext ctx) {
        int limit = QueryParams.limit(ctx);
        String status = ctx.request().getParam("status", "all");
        String type = ctx.request().getParam("type");
        if (!List.of("all", "unread").contains(status) || type != null && !NotificationTypes.ALL.contains(type)) {
            ctx.fail(new ApiException.Validation(
                    "request.invalid",
                    "Some query parameters are invalid.",
                    List.of(
                            !List.of("all", "unread").contains(status)
                                    ? new ApiException.FieldError("status", "must be unread or all")
                                    : new ApiException.FieldError("type", "must be one of " + NotificationTypes.ALL))));
            return;
        }
        TimeCursor after = TimeCursor.decode(ctx.request().getParam("cursor"));
        pool.preparedQuery(NotificationSql.LIST)
                .execute(Tuple.of(
                        Authz.require(ctx).userId(), status.equals("unread"), type, after.at(), after.id(), limit + 1))
                .onSuccess(rows -> {
                    Responses.json(
                            ctx, 200, TimeCursor.page(rows, limit, NotificationRoutes::json, "created_at", "id"));
                })
                .onFailure(ctx::fail);
    }

    private void saveSettings(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        JsonObject given = body.optionalObject("types", 20);
        JsonObject clean = new JsonObject();
        if (given == null) {
            body.error("types", "is required: {TYPE: {inApp, email}}");
        } else {
            for (Map.Entry<String, Object> e : given) {
                if (!NotificationTypes.ALL.contains(e.getKey())
                        || !(e.getValue() instanceof JsonObject choice)
                        || choice.fieldNames().stream().anyMatch(k -> !k.equals("inApp") && !k.equals("email"))
                        || choice.stream().anyMatch(c -> !(c.getValue() instanceof Boolean))) {
                    body.error("types." + e.getKey(), "must be a known type with boolean inApp and/or email");
                } else {
                    clean.put(e.getKey(), choice);
                }
            }
        }
        body.validate();
        pool.preparedQuery(NotificationSql.SAVE_SETTINGS)
                .execute(Tuple.of(Authz.require(ctx).userId(), clean))
                .onSuccess(rows ->
                        Responses.json(ctx, 200, settings(rows.iterator().next().getJsonObject("settings"))))
                .onFailure(ctx::fail);
    }

    /** Every type with its effective choices: stored ones over the defaults (in the app and by email). */
    static JsonObject settings(JsonObject stored) {
        JsonObject types = new JsonObject();
        for (String type : NotificationTypes.ALL) {
            JsonObject mine = stored.getJsonObject(type, new JsonObject());
            types.put(
                    type,
                    new JsonObject()
                            .put("inApp", mine.getBoolean("inApp", true))
                            .put("email", mine.getBoolean("email", true)));
        }
        return new JsonObject().put("types", types);
    }

    static JsonObject json(Row r) {
        return new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("type", r.getString("type"))
                .put("title", r.getString("title"))
                .put("body", r.getString("body"))
                .put("data", r.getJsonObject("data"))
                .put("read", r.getValue("read_at") != null)
                .put("readAt", Times.iso(r.getOffsetDateTime("read_at")))
                .put("createdAt", Times.iso(r.getOffsetDateTime("created_at")));
    }

    /** The shapes this feature's answers share, as {@code #/components/schemas}. */
    private static void components(Api api) {
        api.component(
                "Notification",
                object().optional("id", string())
                        .optional(
                                "type",
                                string().oneOf(
                                                "NEW_CHAPTER",
                                                "COMMENT_REPLY",
                                                "REACTION_MILESTONE",
                                                "REVIEW_RESPONSE",
                                                "REPORT_OUTCOME",
                                                "PAYMENT",
                                                "SUBSCRIPTION"))
                        .optional("title", nullable(string()))
                        .optional("body", nullable(string()))
                        .optional("data", anyObject())
                        .optional("read", Schema.bool())
                        .optional("readAt", nullable(string()))
                        .optional("createdAt", string()));
    }
}
