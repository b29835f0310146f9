package io.quire.platform.ratelimit;

import io.quire.platform.inbox.PaymentGatewayIds;
import io.vertx.core.http.HttpMethod;

/** Which budget a request spends: reads, writes, sign-in traffic, analytics ingestion, or none (gateway webhooks). */
public enum RouteClass {
    READ,
    WRITE,
    AUTH,
    INGEST,
    EXEMPT;

    /** The config name under {@code rateLimit.classes}. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Classified by path and method alone, so it is decided before any feature handler runs. Incoming webhooks are
     * exempt (gateways retry on 429 and their traffic is verified by signature, not by caller); managing outgoing
     * webhooks is not.
     */
    public static RouteClass of(HttpMethod method, String path) {
        if (path.startsWith("/api/v1/webhooks/inbound/")
                || PaymentGatewayIds.ALL.stream().anyMatch(g -> path.startsWith("/api/v1/webhooks/" + g + "/"))) {
            return EXEMPT;
        }
        if (path.startsWith("/api/v1/auth/")) {
            return AUTH;
        }
        if (path.startsWith("/api/v1/analytics/events")) {
            return INGEST;
        }
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS ? READ : WRITE;
    }
}
