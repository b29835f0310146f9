package io.quire.platform.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** A list of {@code items}, of {@code min} to {@code max} entries; each entry is checked as {@code field[i]}. */
public final class ArraySchema implements Schema {
    private final Schema items;
    private Integer min;
    private Integer max;
    private boolean unique;
    private String rule;
    private String description;

    ArraySchema(Schema items) {
        this.items = items;
    }

    public ArraySchema size(int min, int max) {
        this.min = min;
        this.max = max;
        return this;
    }

    /** The same, with the rule in the feature's words ("must list every page of the site once"). */
    public ArraySchema size(int min, int max, String rule) {
        this.rule = rule;
        return size(min, max);
    }

    /** Repeats are refused (a set of ids or tags). */
    public ArraySchema unique() {
        this.unique = true;
        return this;
    }

    public ArraySchema description(String description) {
        this.description = description;
        return this;
    }

    @Override
    public Object check(String field, Object value, Violations violations) {
        if (!(value instanceof JsonArray in)) {
            return violations.add(field, "must be a list");
        }
        if (min != null && (in.size() < min || in.size() > max)) {
            return violations.add(
                    field,
                    rule != null
                            ? rule
                            : min == 0
                                    ? "must be a list of at most " + max + " items"
                                    : "must be a list of " + min + " to " + max + " items");
        }
        JsonArray out = new JsonArray();
        boolean ok = true;
        for (int i = 0; i < in.size(); i++) {
            Object item = in.getValue(i);
            Object checked = item == null
                    ? violations.add(field + "[" + i + "]", "must not be null")
                    : items.check(field + "[" + i + "]", item, violations);
            if (checked == null) {
                ok = false;
            } else if (unique && out.contains(checked)) {
                violations.add(field + "[" + i + "]", "repeats an earlier item");
                ok = false;
            } else {
                out.add(checked);
            }
        }
        return ok ? out : null;
    }

    @Override
    public JsonObject toJson() {
        JsonObject json = new JsonObject().put("type", "array").put("items", items.toJson());
        if (min != null) {
            json.put("minItems", min).put("maxItems", max);
        }
        if (unique) {
            json.put("uniqueItems", true);
        }
        if (description != null) {
            json.put("description", description);
        }
        return json;
    }
}
