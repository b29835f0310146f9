package io.quire.platform.http;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;

/**
 * Requests the HTTP decoder could not read (headers over the limit, a request line too long, garbage) never reach
 * the router; Vert.x answers them itself with an empty body. This answers them like every other error: a
 * problem+json with a stable code, and the connection closed, since what follows on it cannot be trusted.
 */
public final class InvalidRequests implements Handler<HttpServerRequest> {
    @Override
    public void handle(HttpServerRequest request) {
        DecoderResult result = request.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        Problem problem;
        if (cause instanceof TooLongHttpHeaderException) {
            problem = problem(
                    431, "request.headers_too_large", "The request's headers are larger than this server accepts.");
        } else if (cause instanceof TooLongHttpLineException) {
            problem = problem(414, "request.uri_too_long", "The request line is longer than this server accepts.");
        } else if (cause instanceof TooLongFrameException) {
            problem = problem(413, "request.too_large", "The request is larger than this server accepts.");
        } else {
            problem = problem(400, "request.malformed", "The request could not be read.");
        }
        request.response()
                .setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader(RequestIdHandler.HEADER, problem.requestId())
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(problem.toJson().toBuffer())
                .onComplete(v -> request.connection().close());
    }

    private static Problem problem(int status, String code, String detail) {
        return new Problem(status, code, detail, RequestIdHandler.newId(), List.of());
    }
}
