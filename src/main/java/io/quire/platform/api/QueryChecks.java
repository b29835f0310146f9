package io.quire.platform.api;

import io.vertx.ext.web.RoutingContext;

/** A declared query parameter's rules, applied to its text: numbers are parsed first, then checked. */
final class QueryChecks {
    private QueryChecks() {}

    static void check(RoutingContext ctx, Endpoint endpoint) {
        Violations violations = new Violations();
        for (Endpoint.Param p : endpoint.params.values()) {
            if (!p.in().equals("query")) {
                continue;
            }
            // through vertx-web, which answers a query that is not valid percent-encoding with a 400, not an exception
            java.util.List<String> values = ctx.queryParam(p.name());
            String raw = values.isEmpty() ? null : values.get(0);
            if (raw == null || raw.isBlank()) {
                continue;
            }
            p.schema().check(p.name(), typed(p.schema(), raw.trim()), violations);
        }
        violations.throwIfAny("Some query parameters are invalid.");
    }

    private static Object typed(Schema schema, String raw) {
        if (schema instanceof NumberSchema) {
            try {
                return raw.contains(".") || raw.contains("e") || raw.contains("E")
                        ? (Object) Double.parseDouble(raw)
                        : (Object) Long.parseLong(raw);
            } catch (NumberFormatException e) {
                return raw; // a string: the schema says it must be a number
            }
        }
        if (schema == Schema.bool()) {
            return raw.equals("true") ? Boolean.TRUE : raw.equals("false") ? Boolean.FALSE : raw;
        }
        return raw;
    }
}
