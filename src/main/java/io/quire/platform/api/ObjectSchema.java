package io.quire.platform.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A JSON object with named properties. Unknown properties are ignored (a client may send more than an endpoint
 * reads), so {@link #check} hands on only the declared ones; a property sent as null counts as absent unless it is
 * {@link Schema#nullable}, when the null is handed on (a sent null clears a field, an absent one leaves it).
 */
public final class ObjectSchema implements Schema {
    private final Map<String, Schema> properties = new LinkedHashMap<>();
    private final Set<String> required = new LinkedHashSet<>();
    private boolean open;
    private String closedRule;
    private java.util.List<String> anyOf;
    private String anyOfRule;
    private final java.util.List<CrossCheck> crossChecks = new java.util.ArrayList<>();

    /** A rule across fields, checked on the sent object once its fields pass their own rules. */
    private record CrossCheck(String field, String message, java.util.function.Predicate<JsonObject> test) {}

    private Integer maxProperties;
    private Integer maxChars;
    private String description;
    private Object example;

    public ObjectSchema required(String name, Schema schema) {
        properties.put(name, schema);
        required.add(name);
        return this;
    }

    public ObjectSchema optional(String name, Schema schema) {
        properties.put(name, schema);
        return this;
    }

    /** Every property of {@code other} as well (a create body's fields in an update's, say). */
    public ObjectSchema with(ObjectSchema other) {
        properties.putAll(other.properties);
        required.addAll(other.required);
        crossChecks.addAll(other.crossChecks);
        return this;
    }

    /** The same properties, all optional: an update that sends only what changes. */
    public ObjectSchema allOptional() {
        ObjectSchema copy = new ObjectSchema();
        copy.properties.putAll(properties);
        copy.open = open;
        copy.maxProperties = maxProperties;
        copy.maxChars = maxChars;
        copy.description = description;
        return copy;
    }

    /** Keys beyond the declared ones are kept as sent (a map the feature reads itself), bounded in count and size. */
    public ObjectSchema open() {
        this.open = true;
        return this;
    }

    /** Keys beyond the declared ones are refused with {@code rule} (a set of known flags), not ignored. */
    public ObjectSchema closed(String rule) {
        this.closedRule = rule;
        return this;
    }

    /** At least one of {@code names} must be sent (an update of one or the other); {@code rule} says so. */
    public ObjectSchema requireAnyOf(String rule, String... names) {
        this.anyOf = java.util.List.of(names);
        this.anyOfRule = rule;
        return this;
    }

    /** A rule across fields ("reason is required to suspend or ban"): {@code message} on {@code field} when it fails. */
    public ObjectSchema check(String field, String message, java.util.function.Predicate<JsonObject> test) {
        crossChecks.add(new CrossCheck(field, message, test));
        return this;
    }

    public ObjectSchema maxProperties(int max) {
        this.maxProperties = max;
        return this;
    }

    /** At most {@code max} characters once encoded: a bound on what an open object may store. */
    public ObjectSchema maxChars(int max) {
        this.maxChars = max;
        return this;
    }

    public ObjectSchema description(String description) {
        this.description = description;
        return this;
    }

    public ObjectSchema example(Object example) {
        this.example = example;
        return this;
    }

    public Map<String, Schema> properties() {
        return properties;
    }

    @Override
    public Object check(String field, Object value, Violations violations) {
        if (!(value instanceof JsonObject in)) {
            return violations.add(field, "must be an object");
        }
        String where = field == null ? "(body)" : field;
        if (maxProperties != null && in.size() > maxProperties) {
            return violations.add(
                    where,
                    field == null
                            ? "may have at most " + maxProperties + " keys"
                            : "must be an object with at most " + maxProperties + " keys");
        }
        if (maxChars != null && in.encode().length() > maxChars) {
            return violations.add(where, "may be at most " + maxChars + " characters of JSON");
        }
        if (closedRule != null && !properties.keySet().containsAll(in.fieldNames())) {
            return violations.add(where, closedRule);
        }
        if (anyOf != null && anyOf.stream().allMatch(name -> in.getValue(name) == null)) {
            violations.add(field == null ? anyOf.get(0) : field + "." + anyOf.get(0), anyOfRule);
        }
        JsonObject out = open ? in.copy() : new JsonObject();
        for (Map.Entry<String, Schema> p : properties.entrySet()) {
            String name = field == null ? p.getKey() : field + "." + p.getKey();
            Object v = in.getValue(p.getKey());
            if (v == null) {
                if (required.contains(p.getKey())) {
                    violations.add(name, "is required");
                } else if (in.containsKey(p.getKey()) && p.getValue().nullable()) {
                    out.putNull(p.getKey());
                } else {
                    out.remove(p.getKey());
                }
                continue;
            }
            Object checked = p.getValue().check(name, v, violations);
            if (checked != null) {
                out.put(p.getKey(), checked);
            }
        }
        for (CrossCheck c : crossChecks) {
            if (!c.test().test(out)) {
                violations.add(field == null ? c.field() : field + "." + c.field(), c.message());
            }
        }
        return out;
    }

    @Override
    public JsonObject toJson() {
        JsonObject props = new JsonObject();
        properties.forEach((name, schema) -> props.put(name, schema.toJson()));
        JsonObject json = new JsonObject().put("type", "object");
        if (!props.isEmpty()) {
            json.put("properties", props);
        }
        if (!required.isEmpty()) {
            json.put("required", new JsonArray(new java.util.ArrayList<>(required)));
        }
        if (maxProperties != null) {
            json.put("maxProperties", maxProperties);
        }
        if (closedRule != null) {
            json.put("additionalProperties", false);
        }
        // said in words, not as anyOf-of-required: client generators (openapi-generator's TypeScript) drop the
        // properties' enums of an object that carries one
        java.util.List<String> rules = new java.util.ArrayList<>();
        if (anyOf != null) {
            rules.add("Send at least one of: " + String.join(", ", anyOf) + ".");
        }
        crossChecks.forEach(c -> rules.add(c.field() + ": " + c.message() + "."));
        String rule = rules.isEmpty() ? null : String.join(" ", rules);
        if (description != null || rule != null) {
            json.put("description", description == null ? rule : rule == null ? description : description + " " + rule);
        }
        if (example != null) {
            json.put("examples", new JsonArray().add(example));
        }
        return json;
    }
}
