package io.quire.analytics.ingest;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.auth.Authz;
import io.quire.platform.bus.Bus;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.Responses;
import io.quire.platform.ratelimit.LeasedLimiter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/**
 * {@code POST /api/v1/analytics/events}: the HTTP verticle's part is HTTP only — the caller (signed-in reader or
 * API key, from the auth handler), the per-address limit, the size limit — then the raw bytes go to the ingest
 * verticle, which answers 202 once the accepted events are committed, or says why not.
 */
public final class IngestRoutes {
    public static final String PATH = "/api/v1/analytics/events";
    private static final long TIMEOUT_MS = 10_000;

    private final Bus bus;
    private final String countryHeader;

    public IngestRoutes(Bus bus, String countryHeader) {
        this.bus = bus;
        this.countryHeader = countryHeader == null || countryHeader.isEmpty() ? null : countryHeader;
    }

    public void mount(Api api) {
        api.raw(
                Endpoint.post("/api/v1/analytics/events")
                        .id("ingestEvents")
                        .tag("analytics")
                        .summary("Ingest a batch of up to 500 events (at most 1 MiB)")
                        .description(
                                "A JSON array, an envelope {ingestKey, siteId, events} (sendBeacon, text/plain) or NDJSON. Credentials: the site's public ingest key (X-Quire-Key header, key query parameter or the envelope) or an API key with analytics:write (with siteId). Answers 202 once the accepted events are committed; bad events are listed by index and the rest kept; bot traffic is dropped and counted.")
                        .access(Access.anyone())
                        .header("X-Quire-Key", "X-Quire-Key")
                        .query("key", string(), "the public ingest key, for clients that cannot set headers")
                        .query(
                                "siteId",
                                string(),
                                "The site id (required for API keys not bound to one); one that is not a UUID is a 400")
                        .rawBody("application/json", "application/x-ndjson", "text/plain")
                        .ok(
                                202,
                                object().optional("accepted", integer())
                                        .optional("rejected", integer())
                                        .optional("dropped", integer())
                                        .optional(
                                                "errors",
                                                array(object().optional("index", integer())
                                                        .optional("code", string())
                                                        .optional("message", nullable(string())))),
                                "OK")
                        .problems(403, 404),
                this::ingest);
    }

    private void ingest(RoutingContext ctx) {
        String key = ctx.request().getHeader("X-Quire-Key");
        if (key == null) {
            key = ctx.request().getParam("key");
        }
        UUID siteId;
        try {
            String named = ctx.request().getParam("siteId");
            siteId = named == null ? null : UUID.fromString(named);
        } catch (IllegalArgumentException e) {
            ctx.fail(new ApiException.BadRequest("analytics.invalid_site_id", "siteId must be a UUID."));
            return;
        }
        Buffer body = ctx.body() == null || ctx.body().buffer() == null
                ? Buffer.buffer()
                : ctx.body().buffer();
        IngestRequest request = new IngestRequest(
                body,
                ctx.request().getHeader(HttpHeaders.CONTENT_TYPE),
                key,
                siteId,
                Authz.principal(ctx),
                Authz.clientIp(ctx),
                ctx.request().getHeader(HttpHeaders.USER_AGENT),
                countryHeader == null ? null : ctx.request().getHeader(countryHeader));
        bus.request(IngestRequest.ADDRESS, request, TIMEOUT_MS)
                .onSuccess(reply -> answer(ctx, reply))
                .onFailure(e -> ctx.fail(new ApiException.Unavailable(
                        "analytics.ingest_unavailable", "Events cannot be taken right now; send them again later.")));
    }

    private static void answer(RoutingContext ctx, IngestReply reply) {
        LeasedLimiter.Decision d = reply.limit();
        if (d != null) {
            ctx.response()
                    .putHeader("RateLimit-Limit", Integer.toString(d.limit()))
                    .putHeader("RateLimit-Remaining", Integer.toString(d.remaining()))
                    .putHeader("RateLimit-Reset", Long.toString(d.resetSeconds()));
        }
        if (!reply.isAccepted()) {
            ctx.fail(reply.refusal());
            return;
        }
        Responses.json(
                ctx,
                202,
                new JsonObject()
                        .put("accepted", reply.accepted())
                        .put("rejected", reply.rejected())
                        .put("dropped", reply.dropped())
                        .put("errors", reply.errors()));
    }
}
