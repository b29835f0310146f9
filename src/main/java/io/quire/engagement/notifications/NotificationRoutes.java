package io.quire.engagement.notifications;

import static io.quire.platform.api.Schema.anyObject;
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
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.quire.platform.api.Violations;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;

/** §12.2 notifications ({@link Inbox}): list, unread count, read all, read one, dismiss, settings, unsubscribe. */
public final class NotificationRoutes {
    private static final String TAG = "engagement";
    private final Inbox inbox;

    public NotificationRoutes(Inbox inbox) {
        this.inbox = inbox;
    }

    public void mount(Api api) {
        api.component(
                "Notification",
                object().required("id", uuid())
                        .required("type", type())
                        .required("title", string())
                        .required("body", nullable(string()))
                        .required("data", nullable(anyObject()))
                        .required("read", Schema.bool())
                        .required("readAt", nullable(string().format("date-time")))
                        .required("createdAt", string().format("date-time")));
        api.component(
                "NotificationSettings",
                object().required(
                                "types",
                                anyObject()
                                        .description(
                                                "Per type: {inApp: boolean, email: boolean} (defaults: both on)")));
        api.on(
                Endpoint.get("/api/v1/notifications")
                        .id("listNotifications")
                        .tag(TAG)
                        .summary("My notifications, newest first (dismissed ones left out)")
                        .access(Access.session())
                        .paged()
                        .query("status", string().oneOf("unread", "all"), "Default all")
                        .query("type", type(), "Only this type")
                        .ok(Schema.list(ref("Notification"))),
                call -> inbox.list(
                                call.user().userId(),
                                "unread".equals(call.query("status")),
                                call.query("type"),
                                call.query("cursor"),
                                call.limit())
                        .map(Reply::ok));
        api.on(
                Endpoint.get("/api/v1/notifications/unread-count")
                        .id("getNotificationUnreadCount")
                        .tag(TAG)
                        .summary("How many are unread")
                        .access(Access.session())
                        .ok(object().required("count", integer())),
                call -> inbox.unread(call.user().userId()).map(n -> Reply.ok(new JsonObject().put("count", n))));
        api.on(
                Endpoint.patch("/api/v1/notifications/read-all")
                        .id("markAllNotificationsRead")
                        .tag(TAG)
                        .summary("Mark all read")
                        .access(Access.session())
                        .ok(object().required("marked", integer())),
                call -> inbox.readAll(call.user().userId()).map(n -> Reply.ok(new JsonObject().put("marked", n))));
        api.on(
                Endpoint.get("/api/v1/notifications/settings")
                        .id("getNotificationSettings")
                        .tag(TAG)
                        .summary("Per type: in the app, by email (defaults: both on)")
                        .access(Access.session())
                        .ok(ref("NotificationSettings")),
                call -> inbox.settings(call.user().userId()).map(Reply::ok));
        api.on(
                Endpoint.patch("/api/v1/notifications/settings")
                        .id("updateNotificationSettings")
                        .tag(TAG)
                        .summary("Change some types' choices")
                        .access(Access.session())
                        .body(object().required(
                                        "types",
                                        anyObject()
                                                .maxProperties(20)
                                                .description("{TYPE: {inApp?: boolean, email?: boolean}}")))
                        .ok(ref("NotificationSettings")),
                call -> inbox.changeSettings(
                                call.user().userId(), choices(call.body().getJsonObject("types")))
                        .map(Reply::ok));
        // one click from an email (RFC 8058: mail clients POST here from List-Unsubscribe); no sign-in, the token is
        // enough
        api.on(
                Endpoint.post("/api/v1/notifications/unsubscribe")
                        .id("unsubscribeByToken")
                        .tag(TAG)
                        .summary("One-click unsubscribe from an email (RFC 8058)")
                        .description("The link's signed token is the only credential: it turns that type's email "
                                + "off and leaves the in-app choice.")
                        .query("token", string(), "From the email's link")
                        .ok(object().required("unsubscribed", Schema.bool()).required("type", type()))
                        .problems(400),
                call -> inbox.unsubscribe(call.query("token"))
                        .map(t -> Reply.ok(
                                new JsonObject().put("unsubscribed", true).put("type", t))));
        api.on(
                Endpoint.patch("/api/v1/notifications/{notificationId}/read")
                        .id("markNotificationRead")
                        .tag(TAG)
                        .summary("Mark one read")
                        .access(Access.session())
                        .ok(ref("Notification")),
                call -> inbox.read(call.user().userId(), notification(call)).map(Reply::ok));
        api.on(
                Endpoint.delete("/api/v1/notifications/{notificationId}")
                        .id("deleteNotification")
                        .tag(TAG)
                        .summary("Dismiss one (kept, no longer listed)")
                        .access(Access.session())
                        .noContent(),
                call -> inbox.dismiss(call.user().userId(), notification(call)).map(v -> Reply.noContent()));
    }

    private static io.quire.platform.api.StringSchema type() {
        return string().oneOf(NotificationTypes.ALL.toArray(String[]::new));
    }

    private static UUID notification(Call call) {
        return call.id("notificationId", "notification.not_found");
    }

    /** Each entry a known type with boolean {@code inApp} and/or {@code email}; all wrong ones in one 422. */
    private static JsonObject choices(JsonObject given) {
        Violations violations = new Violations();
        JsonObject clean = new JsonObject();
        for (Map.Entry<String, Object> e : given) {
            if (!NotificationTypes.ALL.contains(e.getKey())
                    || !(e.getValue() instanceof JsonObject choice)
                    || choice.fieldNames().stream().anyMatch(k -> !k.equals("inApp") && !k.equals("email"))
                    || choice.stream().anyMatch(c -> !(c.getValue() instanceof Boolean))) {
                violations.add("types." + e.getKey(), "must be a known type with boolean inApp and/or email");
            } else {
                clean.put(e.getKey(), choice);
            }
        }
        violations.throwIfAny("Some fields are invalid.");
        return clean;
    }
}
