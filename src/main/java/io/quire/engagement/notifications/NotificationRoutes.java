package io.quire.engagement.notifications;

import io.quire.platform.auth.Authz;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.quire.platform.http.TimeCursor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
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

    public void mount(Router router) {
        router.get(BASE).handler(Authz.session()).handler(this::list);
        router.get(BASE + "/unread-count")
                .handler(Authz.session())
                .handler(ctx -> pool.preparedQuery(NotificationSql.UNREAD)
                        .execute(Tuple.of(Authz.require(ctx).userId()))
                        .onSuccess(rows -> Responses.json(
                                ctx,
                                200,
                                new JsonObject()
                                        .put("count", rows.iterator().next().getLong("n"))))
                        .onFailure(ctx::fail));
        router.patch(BASE + "/read-all")
                .handler(Authz.session())
                .handler(ctx -> pool.preparedQuery(NotificationSql.READ_ALL)
                        .execute(Tuple.of(Authz.require(ctx).userId()))
                        .onSuccess(rows -> Responses.json(ctx, 200, new JsonObject().put("marked", rows.rowCount())))
                        .onFailure(ctx::fail));
        router.get(BASE + "/settings")
                .handler(Authz.session())
                .handler(ctx -> pool.preparedQuery(NotificationSql.SETTINGS)
                        .execute(Tuple.of(Authz.require(ctx).userId()))
                        .onSuccess(rows -> Responses.json(
                                ctx,
                                200,
                                settings(
                                        rows.size() == 0
                                                ? new JsonObject()
                                                : rows.iterator().next().getJsonObject("settings"))))
                        .onFailure(ctx::fail));
        router.patch(BASE + "/settings").handler(Authz.session()).handler(this::saveSettings);
        // one click from an email (RFC 8058: mail clients POST here from List-Unsubscribe); no sign-in, the token is
        // enough
        router.post(BASE + "/unsubscribe").handler(ctx -> {
            UnsubscribeTokens.Subject who = tokens.verify(ctx.request().getParam("token"));
            if (who == null || !NotificationTypes.ALL.contains(who.type())) {
                ctx.fail(new ApiException.BadRequest(
                        "unsubscribe.invalid_token", "This unsubscribe link is not valid."));
                return;
            }
            pool.preparedQuery(NotificationSql.SAVE_SETTINGS)
                    .execute(Tuple.of(
                            who.userId(), new JsonObject().put(who.type(), new JsonObject().put("email", false))))
                    .onSuccess(rows -> Responses.json(
                            ctx, 200, new JsonObject().put("unsubscribed", true).put("type", who.type())))
                    .onFailure(ctx::fail);
        });
        router.patch(BASE + "/:notificationId/read")
                .handler(Authz.session())
                .handler(ctx -> pool.preparedQuery(NotificationSql.READ_ONE)
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
        router.delete(BASE + "/:notificationId")
                .handler(Authz.session())
                .handler(ctx -> pool.preparedQuery(NotificationSql.DISMISS)
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
}
