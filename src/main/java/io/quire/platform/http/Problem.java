package io.quire.platform.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** An RFC 9457 problem body: {@code type, title, status, detail, code, requestId, errors[]}. */
public record Problem(
        int status,
        String code,
        String detail,
        String requestId,
        List<ApiException.FieldError> errors,
        JsonObject extensions) {
    public Problem(int status, String code, String detail, String requestId, List<ApiException.FieldError> errors) {
        this(status, code, detail, requestId, errors, new JsonObject());
    }

    public static final String CONTENT_TYPE = "application/problem+json";

    public JsonObject toJson() {
        JsonArray fieldErrors = new JsonArray();
        for (ApiException.FieldError e : errors) {
            fieldErrors.add(new JsonObject().put("field", e.field()).put("message", e.message()));
        }
        return extensions
                .copy()
                .put("type", "urn:quire:problem:" + code)
                .put("title", title(status))
                .put("status", status)
                .put("detail", detail)
                .put("code", code)
                .put("requestId", requestId)
                .put("errors", fieldErrors);
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 413 -> "Content Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 422 -> "Unprocessable Content";
            case 423 -> "Locked";
            case 428 -> "Precondition Required";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Bad Request";
        };
    }
}
