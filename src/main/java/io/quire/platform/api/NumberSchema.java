package io.quire.platform.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** An integer or a number, within a range. Integers arrive as {@link Long}s; numbers as {@link Double}s. */
public final class NumberSchema implements Schema {
    private final boolean integer;
    private Double min;
    private Double max;
    private String description;
    private Object example;

    NumberSchema(boolean integer) {
        this.integer = integer;
    }

    public NumberSchema range(double min, double max) {
        this.min = min;
        this.max = max;
        return this;
    }

    public NumberSchema description(String description) {
        this.description = description;
        return this;
    }

    public NumberSchema example(Object example) {
        this.example = example;
        return this;
    }

    @Override
    public Object check(String field, Object value, Violations violations) {
        if (!(value instanceof Number n)
                || integer && n.doubleValue() != Math.rint(n.doubleValue())
                || Double.isNaN(n.doubleValue())
                || Double.isInfinite(n.doubleValue())) {
            return violations.add(field, integer ? "must be an integer" : "must be a number");
        }
        if (min != null && (n.doubleValue() < min || n.doubleValue() > max)) {
            return violations.add(
                    field,
                    integer
                            ? "must be between " + (long) (double) min + " and " + (long) (double) max
                            : "must be a number from " + bound(min) + " to " + bound(max));
        }
        return integer ? (Object) n.longValue() : (Object) n.doubleValue();
    }

    private static String bound(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("type", integer ? "integer" : "number");
        if (min != null) {
            json.put("minimum", integer ? (Object) (long) (double) min : min)
                    .put("maximum", integer ? (Object) (long) (double) max : max);
        }
        if (description != null) {
            json.put("description", description);
        }
        if (example != null) {
            json.put("examples", new JsonArray().add(example));
        }
        return json;
    }
}
