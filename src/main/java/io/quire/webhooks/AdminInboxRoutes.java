package io.quire.webhooks;

import static io.quire.platform.api.Schema.anyObject;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Call;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Role;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/** Platform admins look into the inbox ({@link InboxAdmin}) and at the newest refused attempts ({@link Rejections}). */
public final class AdminInboxRoutes {
    private final InboxAdmin inbox;
    private final Rejections rejections;

    public AdminInboxRoutes(InboxAdmin inbox, Rejections rejections) {
        this.inbox = inbox;
        this.rejections = rejections;
    }

    public void mount(Api api) {
        api.on(
                Endpoint.get("/api/v1/admin/webhook-events")
                        .id("listAdminWebhookEvents")
                        .tag("webhooks")
                        .summary("The inbox, newest first (admin)")
                        .access(Access.atLeast(Role.ADMIN).sessionOnly())
                        .paged()
                        .query("gateway", string().oneOf("stripe", "razorpay", "xendit", "standard"), "gateway")
                        .query(
                                "status",
                                string().oneOf(
                                                "RECEIVED",
                                                "PROCESSED",
                                                "IGNORED",
                                                "SUPERSEDED",
                                                "FAILED",
                                                "DEAD_LETTER"),
                                "status")
                        .query("type", string(), "event type")
                        .query("from", string().format("date-time"), "Received at or after")
                        .query("to", string().format("date-time"), "Received before")
                        .ok(200, Schema.list(ref("WebhookEvent")), "OK")
                        .problems(400, 422),
                call -> inbox.list(
                                new InboxAdmin.Filter(
                                        call.query("gateway"),
                                        call.query("status"),
                                        call.query("type"),
                                        time(call, "from"),
                                        time(call, "to")),
                                call.query("cursor"),
                                call.limit())
                        .map(Reply::ok));
        api.on(
                Endpoint.get("/api/v1/admin/webhook-events/{eventId}")
                        .id("getAdminWebhookEvent")
                        .tag("webhooks")
                        .summary("One event with its payload and headers (admin)")
                        .access(Access.atLeast(Role.ADMIN).sessionOnly())
                        .ok(
                                200,
                                Schema.allOf(
                                        ref("WebhookEvent"),
                                        object().optional("payload", anyObject())
                                                .optional("headers", anyObject())),
                                "OK"),
                call -> inbox.one(eventId(call)).map(Reply::ok));
        api.on(
                Endpoint.post("/api/v1/admin/webhook-events/{eventId}/replay")
                        .id("replayAdminWebhookEvent")
                        .tag("webhooks")
                        .summary("Process the event again from the start (admin)")
                        .access(Access.atLeast(Role.ADMIN).sessionOnly())
                        .ok(202, object().optional("id", string()).optional("status", string()), "OK"),
                call -> {
                    UUID id = eventId(call);
                    return inbox.replay(id)
                            .map(v -> Reply.accepted(
                                    new JsonObject().put("id", id.toString()).put("status", "RECEIVED")));
                });
        api.on(
                Endpoint.get("/api/v1/admin/webhook-rejections")
                        .id("listAdminWebhookRejections")
                        .tag("webhooks")
                        .summary("The newest refused webhook attempts (admin)")
                        .access(Access.atLeast(Role.ADMIN).sessionOnly())
                        .query("limit", integer().range(1, 100), "How many (default 20)")
                        .ok(
                                200,
                                Schema.list(object().optional("at", string())
                                        .optional("gateway", string())
                                        .optional("pathId", string())
                                        .optional("status", integer())
                                        .optional("code", string())),
                                "OK"),
                call -> rejections.recent(call.limit()).map(list -> Reply.list(list, null)));
    }

    private static UUID eventId(Call call) {
        return call.id("eventId", "webhook_event.not_found");
    }

    private static OffsetDateTime time(Call call, String name) {
        String v = call.query(name);
        return v == null || v.isBlank() ? null : OffsetDateTime.parse(v.strip());
    }
}
