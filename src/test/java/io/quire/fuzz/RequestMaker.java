package io.quire.fuzz;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Builds request bodies from an operation's JSON Schema: one that keeps every declared rule, and variants that each
 * break one (a wrong type, a string past its maxLength, a number past its range, a value outside its enum, a
 * required field left out). Deterministic for a seed, so a failure can be replayed.
 */
final class RequestMaker {
    /** A body and whether it should be refused (4xx) whatever the state of the resource. */
    record Body(String label, Object json, boolean invalid) {}

    private final Random random;
    private final JsonObject schemas;

    RequestMaker(long seed, JsonObject components) {
        this.random = new Random(seed);
        this.schemas = components.getJsonObject("schemas", new JsonObject());
    }

    List<Body> bodies(JsonObject schema) {
        List<Body> out = new ArrayList<>();
        Object generated = valid(schema, 0);
        if (!(generated instanceof JsonObject valid)) {
            out.add(new Body("valid", generated, false));
            return out;
        }
        out.add(new Body("valid", valid, false));
        out.add(new Body("empty object", new JsonObject(), false));
        out.add(new Body("an array, not an object", new JsonArray().add(1), true));
        JsonObject props = resolve(schema).getJsonObject("properties", new JsonObject());
        JsonArray required = resolve(schema).getJsonArray("required", new JsonArray());
        for (String name : props.fieldNames()) {
            JsonObject p = resolve(props.getJsonObject(name));
            Object broken = broken(p);
            if (broken != null) {
                out.add(new Body(name + " breaks its rule", valid.copy().put(name, broken), true));
            }
        }
        for (Object name : required) {
            JsonObject without = valid.copy();
            without.remove((String) name);
            out.add(new Body("without required " + name, without, true));
        }
        return out;
    }

    /** A value that keeps the schema's rules, as far as a generator can know them. */
    Object valid(JsonObject raw, int depth) {
        JsonObject s = resolve(raw);
        if (s.containsKey("enum")) {
            JsonArray values = s.getJsonArray("enum");
            return values.getValue(random.nextInt(values.size()));
        }
        if (s.containsKey("const")) {
            return s.getValue("const");
        }
        if (s.containsKey("anyOf") || s.containsKey("oneOf")) {
            JsonArray options = s.getJsonArray(s.containsKey("anyOf") ? "anyOf" : "oneOf");
            return valid(options.getJsonObject(0), depth);
        }
        String type = type(s);
        switch (type) {
            case "object" -> {
                JsonObject out = new JsonObject();
                if (depth > 3) {
                    return out;
                }
                JsonObject props = s.getJsonObject("properties", new JsonObject());
                for (String name : props.fieldNames()) {
                    out.put(name, valid(props.getJsonObject(name), depth + 1));
                }
                return out;
            }
            case "array" -> {
                JsonArray out = new JsonArray();
                int n = Math.max(s.getInteger("minItems", 1), 1);
                for (int i = 0; i < n && depth < 4; i++) {
                    out.add(valid(s.getJsonObject("items", new JsonObject()), depth + 1));
                }
                return out;
            }
            case "integer" -> {
                long min = s.getLong("minimum", 1L);
                long max = s.getLong("maximum", Math.max(min, 10L));
                return min + (long) (random.nextDouble() * Math.min(max - min, 1000));
            }
            case "number" -> {
                return s.getDouble("minimum", 1.0);
            }
            case "boolean" -> {
                return random.nextBoolean();
            }
            default -> {
                return string(s);
            }
        }
    }

    private String string(JsonObject s) {
        String format = s.getString("format", "");
        switch (format) {
            case "uuid" -> {
                return UUID.randomUUID().toString();
            }
            case "email" -> {
                return "fuzz" + random.nextInt(1_000_000) + "@example.com";
            }
            case "date-time" -> {
                return "2030-01-01T00:00:00Z";
            }
            case "uri" -> {
                return "https://example.com/" + random.nextInt(1000);
            }
            default -> {}
        }
        int min = s.getInteger("minLength", 1);
        int max = s.getInteger("maxLength", Math.max(min, 12));
        int length = Math.max(min, Math.min(max, 8));
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < length; i++) {
            out.append((char) ('a' + random.nextInt(26)));
        }
        return out.toString();
    }

    /** A value that breaks the property's declared rule, or null when it declares none a value can break. */
    private Object broken(JsonObject s) {
        if (s.containsKey("enum")) {
            return "NOT_ONE_OF_THEM";
        }
        String type = type(s);
        return switch (type) {
            case "string" ->
                s.containsKey("maxLength")
                        ? "x".repeat(s.getInteger("maxLength") + 1)
                        : s.containsKey("format") || s.containsKey("pattern") ? "not valid here !" : (Object) 12345;
            case "integer" -> s.containsKey("maximum") ? (Object) (s.getLong("maximum") + 1) : "twelve";
            case "number" -> s.containsKey("maximum") ? (Object) (s.getDouble("maximum") + 1) : "twelve";
            case "boolean" -> "yes";
            case "array" -> s.containsKey("maxItems") ? tooMany(s) : "not a list";
            case "object" -> "not an object";
            default -> null;
        };
    }

    private JsonArray tooMany(JsonObject s) {
        JsonArray out = new JsonArray();
        for (int i = 0; i <= s.getInteger("maxItems"); i++) {
            out.add(valid(s.getJsonObject("items", new JsonObject()), 3));
        }
        return out;
    }

    private JsonObject resolve(JsonObject s) {
        String ref = s.getString("$ref");
        if (ref != null && ref.startsWith("#/components/schemas/")) {
            return resolve(schemas.getJsonObject(ref.substring("#/components/schemas/".length()), new JsonObject()));
        }
        return s;
    }

    private static String type(JsonObject s) {
        Object t = s.getValue("type");
        if (t instanceof JsonArray list) {
            return list.stream()
                    .map(String::valueOf)
                    .filter(x -> !x.equals("null"))
                    .findFirst()
                    .orElse("string");
        }
        return t == null ? (s.containsKey("properties") ? "object" : "string") : String.valueOf(t);
    }

    /** Path parameters: a known id by name where the run has one, otherwise a random one. */
    static String fill(String template, Map<String, String> known) {
        StringBuilder out = new StringBuilder();
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        while (m.find()) {
            m.appendReplacement(
                    out,
                    known.getOrDefault(
                            m.group(1),
                            m.group(1).endsWith("Id") ? UUID.randomUUID().toString() : "fuzz"));
        }
        m.appendTail(out);
        return out.toString();
    }
}
