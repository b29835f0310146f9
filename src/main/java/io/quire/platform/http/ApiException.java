package io.quire.platform.http;

import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * The few failures a service may raise on purpose. Each carries its HTTP status, a stable machine-readable
 * {@code code} ({@code chapter.not_found}) and a human {@code detail}; {@link FailureHandler} renders them as
 * problem+json. Anything else a service throws is a bug and becomes a logged, generic 500.
 */
public abstract sealed class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final List<FieldError> errors;
    private final JsonObject extensions;

    private ApiException(int status, String code, String detail, List<FieldError> errors) {
        this(status, code, detail, errors, new JsonObject());
    }

    private ApiException(int status, String code, String detail, List<FieldError> errors, JsonObject extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
        this.extensions = extensions;
    }

    /** Extra problem members (RFC 9457 extensions), such as {@code currentRevision}. */
    public JsonObject extensions() {
        return extensions;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** A failure the client may retry later; {@code Retry-After} carries the wait. */
    public interface RetryLater {
        long retryAfterSeconds();
    }

    /** One invalid input field. */
    public record FieldError(String field, String message) {}

    /** 400: the request cannot be read (bad JSON, bad parameter syntax). */
    public static final class BadRequest extends ApiException {
        public BadRequest(String code, String detail) {
            super(400, code, detail, List.of());
        }
    }

    /** 401: no valid credentials. */
    public static final class Unauthorized extends ApiException {
        public Unauthorized(String code, String detail) {
            super(401, code, detail, List.of());
        }
    }

    /** 403: known caller, not allowed (only where hiding the resource with a 404 is pointless). */
    public static final class Forbidden extends ApiException {
        public Forbidden(String code, String detail) {
            super(403, code, detail, List.of());
        }
    }

    /** 415: the body is not in a media type the endpoint reads. */
    public static final class UnsupportedMediaType extends ApiException {
        public UnsupportedMediaType(String detail) {
            super(415, "request.unsupported_media_type", detail, List.of());
        }

        /** A refused kind of file, with its own code ({@code media.unsupported_type}). */
        public UnsupportedMediaType(String code, String detail) {
            super(415, code, detail, List.of());
        }
    }

    /** 423: the account is locked for a while (too many failed sign-ins); {@code Retry-After} says how long. */
    /** 413: more than a limit allows (a file's size, a storage quota); {@code extensions} say which and how much. */
    public static final class TooLarge extends ApiException {
        public TooLarge(String code, String detail, JsonObject extensions) {
            super(413, code, detail, List.of(), extensions);
        }
    }

    public static final class Locked extends ApiException implements RetryLater {
        private final long retryAfterSeconds;

        public Locked(String code, String detail, long retryAfterSeconds) {
            super(423, code, detail, List.of());
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** 404: missing, or not visible to this caller. */
    public static final class NotFound extends ApiException {
        public NotFound(String code, String detail) {
            super(404, code, detail, List.of());
        }
    }

    /** 409: the write clashes with the current state (duplicate, wrong state). */
    public static final class Conflict extends ApiException {
        public Conflict(String code, String detail, List<FieldError> errors) {
            super(409, code, detail, errors);
        }

        /** An illegal state transition; the problem carries {@code currentStatus}. */
        public static Conflict status(String code, String detail, String currentStatus) {
            return new Conflict(code, detail, new JsonObject().put("currentStatus", currentStatus));
        }

        private Conflict(String code, String detail, JsonObject extensions) {
            super(409, code, detail, List.of(), extensions);
        }
    }

    /** 412: a stale {@code If-Match} or base revision; the problem carries {@code currentRevision}. */
    public static final class PreconditionFailed extends ApiException {
        public PreconditionFailed(String code, String detail, long currentRevision) {
            super(412, code, detail, List.of(), new JsonObject().put("currentRevision", currentRevision));
        }
    }

    /** 428: this write must say which revision it was based on ({@code If-Match} or {@code baseRevision}). */
    public static final class PreconditionRequired extends ApiException {
        public PreconditionRequired(String code, String detail) {
            super(428, code, detail, List.of());
        }
    }

    /** 422: well-formed but invalid input, with one entry per bad field. */
    public static final class Validation extends ApiException {
        public Validation(String code, String detail, List<FieldError> errors) {
            super(422, code, detail, errors);
        }
    }

    /** 429: over a rate limit; {@code retryAfterSeconds} becomes the {@code Retry-After} header. */
    public static final class RateLimited extends ApiException implements RetryLater {
        private final long retryAfterSeconds;

        public RateLimited(String code, String detail, long retryAfterSeconds) {
            super(429, code, detail, List.of());
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** 503: a dependency (PostgreSQL, Redis, a verticle) is down or the instance is draining. */
    public static final class Unavailable extends ApiException {
        public Unavailable(String code, String detail) {
            super(503, code, detail, List.of());
        }
    }

    /**
     * A refusal decided in another verticle (ingest, webhooks) and answered here as it was decided: any 4xx or
     * 503 status, its code and detail, and extra problem members.
     */
    public static final class Relayed extends ApiException {
        public Relayed(int status, String code, String detail, List<FieldError> errors, JsonObject extensions) {
            super(status, code, detail, errors, extensions);
        }
    }
}
