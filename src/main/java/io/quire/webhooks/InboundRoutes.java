package io.quire.webhooks;

import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
import io.quire.platform.bus.Bus;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.Responses;
import io.quire.platform.inbox.PaymentGatewayIds;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where gateways post: {@code /webhooks/{stripe|razorpay|xendit}/:authorPublicId} and the Standard Webhooks
 * {@code /webhooks/inbound/:sourceId}. The HTTP verticle only carries the raw bytes and headers to the webhooks
 * verticle and answers what it says; it answers 2xx only once the event is committed there. A body over
 * {@code webhooks.maxBodyBytes} is refused with 413 before it is read, and recorded like every other refusal.
 */
public final class InboundRoutes {
    private static final long TIMEOUT_MS = 10_000;
    private final Bus bus;
    private final Rejections rejections;

    public InboundRoutes(Bus bus, Rejections rejections) {
        this.bus = bus;
        this.rejections = rejections;
    }

    /** {@code router} for the one failure hook: a body over the limit is counted as a rejection before routing. */
    public void mount(Api api, Router router) {
        components(api);
        api.raw(
                Endpoint.post("/api/v1/webhooks/inbound/{sourceId}")
                        .id("receiveStandardWebhook")
                        .tag("webhooks")
                        .summary("Any sender signing with Standard Webhooks")
                        .access(Access.anyone())
                        .header("webhook-id", "webhook-id")
                        .header("webhook-timestamp", "webhook-timestamp")
                        .header("webhook-signature", "webhook-signature")
                        .rawBody("application/json")
                        .ok(200, ref("WebhookReceived"), "OK"),
                ctx -> receive(ctx, "standard", "sourceId"));
        // after the inbound path, which the gateway parameter would otherwise take; one path for every gateway in
        // PaymentGatewayIds, each verified by its own verifier
        api.raw(
                Endpoint.post("/api/v1/webhooks/{gateway}/{authorPublicId}")
                        .id("receiveGatewayWebhook")
                        .tag("webhooks")
                        .summary("A payment gateway's events for an author, verified by the gateway's own signature")
                        .description("Stripe signs with `Stripe-Signature` (300 s tolerance), Razorpay with "
                                + "`X-Razorpay-Signature`, Xendit with `x-callback-token`. The event is stored once "
                                + "(deduplicated by its id) and processed from the inbox.")
                        .pathParam(
                                "gateway",
                                string().oneOf(PaymentGatewayIds.ALL.toArray(String[]::new)),
                                "Which gateway")
                        .pathParam("authorPublicId", string(), "The author's public id, from their webhook URL")
                        .header("Stripe-Signature", "Stripe's signature")
                        .header("X-Razorpay-Signature", "Razorpay's signature")
                        .header("x-callback-token", "Xendit's callback token")
                        .rawBody("application/json")
                        .ok(200, ref("WebhookReceived"), "Stored (or already stored)"),
                ctx -> {
                    String gateway = ctx.pathParam("gateway");
                    if (!PaymentGatewayIds.ALL.contains(gateway)) {
                        ctx.next(); // no such gateway: no route
                        return;
                    }
                    receive(ctx, gateway, "authorPublicId");
                });
        // a body over the limit fails in the body handler, before the route: counted here, answered by the failure
        // handler
        router.route("/api/v1/webhooks/*").failureHandler(ctx -> {
            if (ctx.statusCode() == 413) {
                String[] parts = ctx.normalizedPath().split("/");
                String gateway = parts.length > 4 ? (parts[4].equals("inbound") ? "standard" : parts[4]) : "unknown";
                rejections.record(gateway, parts.length > 5 ? parts[5] : "", 413, "request.too_large");
            }
            ctx.next();
        });
    }

    private void receive(RoutingContext ctx, String gateway, String param) {
        Map<String, String> headers = new HashMap<>();
        ctx.request().headers().forEach((name, value) -> headers.putIfAbsent(name.toLowerCase(Locale.ROOT), value));
        Buffer body = ctx.body() == null || ctx.body().buffer() == null
                ? Buffer.buffer()
                : ctx.body().buffer();
        bus.request(Inbound.ADDRESS, new Inbound(gateway, ctx.pathParam(param), Map.copyOf(headers), body), TIMEOUT_MS)
                .onSuccess(outcome -> {
                    if (outcome.accepted()) {
                        Responses.json(
                                ctx,
                                200,
                                new JsonObject()
                                        .put("received", true)
                                        .put("eventId", outcome.eventId().toString())
                                        .put("duplicate", outcome.duplicate()));
                    } else {
                        ctx.fail(outcome.refusal());
                    }
                })
                .onFailure(e -> ctx.fail(new ApiException.Unavailable(
                        "webhook.inbox_unavailable",
                        "The webhook inbox cannot take the event right now; send it again later.")));
    }

    /** The shapes this feature's answers share, as {@code #/components/schemas}. */
    private static void components(Api api) {
        api.component(
                "WebhookReceived",
                object().optional("received", Schema.bool())
                        .optional("eventId", string())
                        .optional("duplicate", Schema.bool()));
    }
}
