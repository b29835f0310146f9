package io.quire.platform.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a JSON request body field by field, collecting every problem, then {@link #validate()} throws one 422
 * listing them all. Unknown fields are ignored; wrong types are errors. Not-JSON is 415, broken JSON 400.
 */
public final class RequestBody {
    private final JsonObject json;
    private final List<ApiException.FieldError> errors = new ArrayList<>();

    private RequestBody(JsonObject json) {
        this.json = json;
    }

    public static RequestBody of(RoutingContext ctx) {
        return new RequestBody(object(ctx));
    }

    /** The body as a JSON object: not JSON is a 415, an empty body or broken JSON or a non-object a 400. */
    public static JsonObject object(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            throw new ApiException.UnsupportedMediaType("Send the body as application/json.");
        }
        if (ctx.body() == null || ctx.body().length() == 0) {
            throw new ApiException.BadRequest("request.empty_body", "The request body is empty.");
        }
        Object parsed;
        try {
            parsed = ctx.body().buffer().toJsonValue();
        } catch (DecodeException e) {
            throw new ApiException.BadRequest("request.malformed_json", "The request body is not valid JSON.");
        }
        if (!(parsed instanceof JsonObject object)) {
            throw new ApiException.BadRequest("request.not_an_object", "The request body must be a JSON object.");
        }
        return object;
    }

    public boolean has(String field) {
        return json.containsKey(field);
    }

    /** A string of {@code min}..{@code max} characters (after trimming when {@code trim}); null if invalid. */
    public String requiredString(String field, int min, int max) {
        Object v = json.getValue(field);
        if (v == null) {
            return error(field, "is required");
        }
        return checkString(field, v, min, max);
    }

    /** Like {@link #requiredString}, but absent (or null) is allowed and gives null. */
    public String optionalString(String field, int min, int max) {
        Object v = json.getValue(field);
        return v == null ? null : checkString(field, v, min, max);
    }

    public String matching(String field, String value, Pattern pattern, String rule) {
        if (value != null && !pattern.matcher(value).matches()) {
            return error(field, rule);
        }
        return value;
    }

    public Boolean optionalBoolean(String field) {
        Object v = json.getValue(field);
        if (v == null || v instanceof Boolean) {
            return (Boolean) v;
        }
        error(field, "must be true or false");
        return null;
    }

    public Integer optionalInteger(String field, int min, int max) {
        Object v = json.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            error(field, "must be an integer");
            return null;
        }
        if (n.longValue() < min || n.longValue() > max) {
            error(field, "must be between " + min + " and " + max);
            return null;
        }
        return n.intValue();
    }

    /** A number from {@code min} to {@code max}; null when absent or invalid (the error is collected). */
    public Double optionalNumber(String field, double min, double max) {
        Object v = json.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof Number n) || n.doubleValue() < min || n.doubleValue() > max) {
            error(field, "must be a number from " + (long) min + " to " + (long) max);
            return null;
        }
        return n.doubleValue();
    }

    /** A list of strings, each 1..{@code maxItemLength}; null when absent. */
    public List<String> optionalStrings(String field, int maxItems, int maxItemLength) {
        Object v = json.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonArray array) || array.size() > maxItems) {
            error(field, "must be a list of at most " + maxItems + " strings");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof String s) || s.isBlank() || s.length() > maxItemLength) {
                error(field, "items must be non-empty strings of at most " + maxItemLength + " characters");
                return null;
            }
            out.add(s.trim());
        }
        return out;
    }

    public JsonObject optionalObject(String field, int maxKeys) {
        Object v = json.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof JsonObject o) || o.size() > maxKeys) {
            error(field, "must be an object with at most " + maxKeys + " keys");
            return null;
        }
        return o;
    }

    /** The field's exact text, untrimmed (passwords); call after a {@code requiredString} check. */
    public String rawString(String field) {
        return json.getValue(field) instanceof String s ? s : null;
    }

    /** The whole body as an object of at most {@code maxKeys} keys and {@code maxChars} encoded characters. */
    public JsonObject asObject(int maxKeys, int maxChars) {
        if (json.size() > maxKeys) {
            return error("(body)", "may have at most " + maxKeys + " keys");
        }
        if (json.encode().length() > maxChars) {
            return error("(body)", "may be at most " + maxChars + " characters of JSON");
        }
        return json;
    }

    /** A number field as sent (for exact decimals); a non-number is a field error and gives null. */
    public Number rawNumber(String field) {
        Object v = json.getValue(field);
        if (v == null || v instanceof Number) {
            return (Number) v;
        }
        return error(field, "must be a number");
    }

    /** Adds a rule failure found by the caller. */
    public <T> T error(String field, String message) {
        errors.add(new ApiException.FieldError(field, message));
        return null;
    }

    /** Throws 422 with every collected field error, if any. */
    public RequestBody validate() {
        if (!errors.isEmpty()) {
            throw new ApiException.Validation("request.invalid", "Some fields are invalid.", errors);
        }
        return this;
    }

    private String checkString(String field, Object v, int min, int max) {
        if (!(v instanceof String s)) {
            return error(field, "must be a string");
        }
        String trimmed = s.strip();
        if (trimmed.length() < min || trimmed.length() > max) {
            return error(
                    field,
                    min == max ? "must be " + min + " characters" : "must be " + min + " to " + max + " characters");
        }
        return trimmed;
    }
}
