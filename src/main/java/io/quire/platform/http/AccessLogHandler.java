package io.quire.platform.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured line per request when the response ends (logger {@code quire.access}), with the problem's code
 * when the answer is one: a 404 for a probed id is this line, not a stack trace.
 */
public final class AccessLogHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger("quire.access");

    @Override
    public void handle(RoutingContext ctx) {
        long started = System.nanoTime();
        ctx.addBodyEndHandler(v -> {
            HttpServerRequest request = ctx.request();
            long micros = (System.nanoTime() - started) / 1000;
            int status = ctx.response().getStatusCode();
            String code = ctx.get(FailureHandler.PROBLEM_CODE);
            log.atInfo()
                    .addKeyValue("method", request.method().name())
                    .addKeyValue("path", request.path())
                    .addKeyValue("status", status)
                    .addKeyValue("code", code == null ? "-" : code)
                    .addKeyValue("durationMs", micros / 1000.0)
                    .addKeyValue("bytes", ctx.response().bytesWritten())
                    .addKeyValue(
                            "remote",
                            request.remoteAddress() == null
                                    ? "-"
                                    : request.remoteAddress().hostAddress())
                    .log("http");
        });
        ctx.next();
    }
}
