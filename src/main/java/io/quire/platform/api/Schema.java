package io.quire.platform.api;

import io.vertx.core.json.JsonObject;

/**
 * A JSON value's rules, written once: {@link #check} enforces them on a request (collecting every violation, as
 * {@code 422 request.invalid} lists them) and {@link #toJson} writes them into the OpenAPI document as JSON Schema
 * 2020-12. A small set on purpose: what Quire's requests use, each with the same message whoever declares it.
 */
public interface Schema {
    /**
     * {@code value} (never null: absence is the enclosing object's business) checked against the rules; the value to
     * hand on (strings trimmed unless declared raw), or null after adding a violation under {@code field}.
     */
    Object check(String field, Object value, Violations violations);

    /** The JSON Schema of this value. */
    JsonObject toJson();

    /** Whether JSON {@code null} is accepted (and handed on as null). */
    default boolean nullable() {
        return false;
    }

    static StringSchema string() {
        return new StringSchema();
    }

    /** A UUID, as ids are sent. */
    static StringSchema uuid() {
        return new StringSchema().format("uuid");
    }

    static NumberSchema integer() {
        return new NumberSchema(true);
    }

    static NumberSchema number() {
        return new NumberSchema(false);
    }

    static Schema bool() {
        return Simple.BOOLEAN;
    }

    /** Any JSON object whose shape the feature checks itself (settings maps, provider payloads). */
    static ObjectSchema anyObject() {
        return new ObjectSchema().open();
    }

    static ObjectSchema object() {
        return new ObjectSchema();
    }

    static ArraySchema array(Schema items) {
        return new ArraySchema(items);
    }

    /** A shared shape under {@code #/components/schemas/<name>}, for responses (requests are checked inline). */
    static Schema ref(String name) {
        return new Simple(new JsonObject().put("$ref", "#/components/schemas/" + name));
    }

    /** A page of a list: {@code {"data": [item...], "nextCursor": string|null}}. */
    static Schema list(Schema item) {
        return object().required("data", array(item)).required("nextCursor", nullable(string()));
    }

    /** Documentation-only shapes for responses: any value of that JSON type. */
    static Schema any() {
        return new Simple(new JsonObject());
    }

    /** {@code inner} or JSON null: written the OpenAPI 3.1 way, a type list (or {@code anyOf} with a ref). */
    static Schema nullable(Schema inner) {
        return new Nullable(inner);
    }

    /** One of several response shapes (documentation only). */
    static Schema oneOf(Schema... options) {
        io.vertx.core.json.JsonArray list = new io.vertx.core.json.JsonArray();
        for (Schema o : options) {
            list.add(o.toJson());
        }
        return new Simple(new JsonObject().put("oneOf", list));
    }

    /** Every one of several shapes at once: a shared record plus a few fields (documentation only). */
    static Schema allOf(Schema... parts) {
        io.vertx.core.json.JsonArray list = new io.vertx.core.json.JsonArray();
        for (Schema o : parts) {
            list.add(o.toJson());
        }
        return new Simple(new JsonObject().put("allOf", list));
    }

    /** Fixed shapes; for response documentation they check nothing beyond their JSON type. */
    record Simple(JsonObject json) implements Schema {
        static final Simple BOOLEAN = new Simple(new JsonObject().put("type", "boolean"));

        @Override
        public Object check(String field, Object value, Violations violations) {
            if (this == BOOLEAN && !(value instanceof Boolean)) {
                return violations.add(field, "must be true or false");
            }
            return value;
        }

        @Override
        public JsonObject toJson() {
            return json.copy();
        }
    }

    record Nullable(Schema inner) implements Schema {
        @Override
        public Object check(String field, Object value, Violations violations) {
            return inner.check(field, value, violations);
        }

        @Override
        public boolean nullable() {
            return true;
        }

        @Override
        public JsonObject toJson() {
            JsonObject json = inner.toJson();
            Object type = json.getValue("type");
            if (type instanceof String t) {
                if (json.containsKey("enum")) {
                    json.getJsonArray("enum").addNull();
                }
                return json.put(
                        "type", new io.vertx.core.json.JsonArray().add(t).add("null"));
            }
            return new JsonObject()
                    .put(
                            "anyOf",
                            new io.vertx.core.json.JsonArray().add(json).add(new JsonObject().put("type", "null")));
        }
    }
}
