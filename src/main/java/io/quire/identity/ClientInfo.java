package io.quire.identity;

import io.quire.platform.auth.Authz;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** Where a request comes from, for sessions ("device, IP, last active") and rate limits. */
record ClientInfo(String ip, String userAgent) {
    static ClientInfo of(io.quire.platform.api.Call call) {
        String ua = call.header(HttpHeaders.USER_AGENT.toString());
        return new ClientInfo(call.clientIp(), ua == null ? null : ua.substring(0, Math.min(ua.length(), 512)));
    }

    static ClientInfo of(RoutingContext ctx) {
        String ua = ctx.request().getHeader(HttpHeaders.USER_AGENT);
        return new ClientInfo(Authz.clientIp(ctx), ua == null ? null : ua.substring(0, Math.min(ua.length(), 512)));
    }

    /** A coarse device class from the User-Agent; enough to tell sessions apart in a list. */
    String deviceType() {
        if (userAgent == null) {
            return "unknown";
        }
        String ua = userAgent.toLowerCase();
        if (ua.contains("ipad") || ua.contains("tablet")) {
            return "tablet";
        }
        if (ua.contains("mobi") || ua.contains("android") || ua.contains("iphone")) {
            return "mobile";
        }
        if (ua.contains("mozilla")) {
            return "desktop";
        }
        return "other";
    }
}
