package io.quire.platform.http;

import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Query parameters shared by list endpoints. */
public final class QueryParams {
    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private QueryParams() {}

    /** {@code limit}: 1 to {@value #MAX_LIMIT}, {@value #DEFAULT_LIMIT} when absent; anything else is a 422. */
    public static int limit(RoutingContext ctx) {
        Integer limit = integer(ctx, "limit");
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw invalid("limit", "must be 1 to " + MAX_LIMIT);
        }
        return limit;
    }

    /** An optional integer parameter; a non-integer is a 422 naming it. */
    public static Integer integer(RoutingContext ctx, String name) {
        List<String> values = ctx.queryParam(name);
        if (values.isEmpty() || values.get(0).isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(values.get(0).trim());
        } catch (NumberFormatException e) {
            throw invalid(name, "must be an integer");
        }
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException.Validation(
                "request.invalid",
                "Some query parameters are invalid.",
                List.of(new ApiException.FieldError(field, message)));
    }
}
