package io.quire.platform.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import io.vertx.pgclient.PgException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failure becomes a response: every route's failure and every router-level error (404, 405,
 * 413, 415) is rendered here as {@code application/problem+json}. Unexpected exceptions are logged with their
 * stack trace and answered with a generic 500 that reveals nothing.
 */
public final class FailureHandler implements Handler<RoutingContext> {
    private static final Logger log = LoggerFactory.getLogger(FailureHandler.class);
    private static final String UNIQUE_VIOLATION = "23505";

    private final Router router;

    public FailureHandler(Router router) {
        this.router = router;
    }

    /** Where the answer's problem code waits for the access log line. */
    static final String PROBLEM_CODE = "quire.problemCode";

    /** Installs this handler as the router's failure handler and for the statuses the router itself produces. */
    public static void install(Router router) {
        FailureHandler handler = new FailureHandler(router);
        router.route().failureHandler(handler);
        for (int status : new int[] {400, 404, 405, 406, 413, 415, 500}) {
            router.errorHandler(status, handler);
        }
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            // too late for a problem body: the client already has a status line
            log.warn("failure after the response started: {}", String.valueOf(ctx.failure()));
            response.reset();
            return;
        }
        Problem problem = toProblem(ctx);
        ctx.put(PROBLEM_CODE, problem.code());
        if (problem.status() < 500) {
            // an expected answer to a client's mistake (a probed id, a bad body): one line, never a stack trace
            log.debug(
                    "{} {} answered {} {}",
                    ctx.request().method(),
                    ctx.normalizedPath(),
                    problem.status(),
                    problem.code());
        }
        if (problem.status() == 405) {
            response.putHeader(
                    HttpHeaders.ALLOW, String.join(", ", AllowedMethods.forPath(router, ctx.normalizedPath())));
        }
        if (ctx.failure() instanceof ApiException.RetryLater later) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(later.retryAfterSeconds()));
        }
        if (problem.status() == 503) {
            response.putHeader(HttpHeaders.RETRY_AFTER, "5");
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.CONTENT_TYPE)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .end(problem.toJson().toBuffer());
    }

    private Problem toProblem(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        String requestId = RequestIdHandler.of(ctx);
        if (failure instanceof ApiException api) {
            return new Problem(api.status(), api.code(), api.getMessage(), requestId, api.errors(), api.extensions());
        }
        if (failure instanceof DecodeException) {
            return problem(400, "request.malformed_json", "The request body is not valid JSON.", requestId);
        }
        if (failure instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
            return problem(409, "conflict.duplicate", "A resource with these values already exists.", requestId);
        }
        if (Dependencies.isUnavailable(failure)) {
            log.warn("dependency unavailable: {}", Dependencies.describe(failure));
            return problem(
                    503,
                    "dependency.unavailable",
                    "A service Quire depends on is unavailable. Try again shortly.",
                    requestId);
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : ctx.statusCode();
        if (failure != null && !(failure instanceof HttpException) || status >= 500 || status < 400) {
            log.error("unhandled failure on {} {}", ctx.request().method(), ctx.normalizedPath(), failure);
            return problem(
                    500,
                    "internal",
                    "Something went wrong on our side. The request id identifies it in our logs.",
                    requestId);
        }
        return switch (status) {
            case 400 -> problem(400, "request.malformed", "The request could not be read.", requestId);
            case 401 -> problem(401, "auth.unauthenticated", "Valid credentials are required.", requestId);
            case 403 -> problem(403, "auth.forbidden", "You may not do this.", requestId);
            case 404 -> problem(404, "route.not_found", "No resource at " + ctx.normalizedPath() + ".", requestId);
            case 405 ->
                problem(
                        405,
                        "route.method_not_allowed",
                        ctx.request().method() + " is not allowed on " + ctx.normalizedPath() + ".",
                        requestId);
            case 406 ->
                problem(406, "request.not_acceptable", "No representation matches the Accept header.", requestId);
            case 413 ->
                problem(413, "request.too_large", "The request body is larger than this endpoint accepts.", requestId);
            case 415 ->
                problem(
                        415,
                        "request.unsupported_media_type",
                        "This endpoint does not accept the Content-Type " + contentType(ctx) + ".",
                        requestId);
            default -> problem(status, "request.rejected", "The request was rejected.", requestId);
        };
    }

    private static String contentType(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        return type == null ? "(none)" : "'" + type + "'";
    }

    private static Problem problem(int status, String code, String detail, String requestId) {
        return new Problem(status, code, detail, requestId, List.of());
    }
}
