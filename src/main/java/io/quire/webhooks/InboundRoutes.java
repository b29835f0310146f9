package io.quire.webhooks;

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

    public void mount(Router router) {
        for (String gateway : PaymentGatewayIds.ALL) {
            router.post("/api/v1/webhooks/" + gateway + "/:authorPublicId")
                    .handler(ctx -> receive(ctx, gateway, "authorPublicId"));
        }
        router.post("/api/v1/webhooks/inbound/:sourceId").handler(ctx -> receive(ctx, "standard", "sourceId"));
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
                    if (outcome.status() == 200) {
                        Responses.json(
                                ctx,
                                200,
                                new JsonObject()
                                        .put("received", true)
                                        .put("eventId", outcome.eventId().toString())
                                        .put("duplicate", outcome.duplicate()));
                    } else {
                        ctx.fail(problem(outcome));
                    }
                })
                .onFailure(e -> ctx.fail(new ApiException.Unavailable(
                        "webhook.inbox_unavailable",
                        "The webhook inbox cannot take the event right now; send it again later.")));
    }

    private static ApiException problem(Inbound.Outcome o) {
        return switch (o.status()) {
            case 400 -> new ApiException.BadRequest(o.code(), o.detail());
            case 401 -> new ApiException.Unauthorized(o.code(), o.detail());
            case 404 -> new ApiException.NotFound(o.code(), o.detail());
            default -> new ApiException.Unavailable(o.code(), o.detail());
        };
    }
}
