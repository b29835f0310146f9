package io.quire.testing;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.impl.ClientPhase;
import io.vertx.ext.web.client.impl.HttpContext;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Holds every answer a test receives to the served {@code /openapi.json}: the status must be declared for the
 * operation, and a JSON body must match the declared schema. A mismatch fails the request (and so the test)
 * with what differs. Paths the document does not know (routes a test added) are not checked.
 */
public final class ResponseConformance {
    private record Operation(String method, String template, Pattern path, int params, JsonObject spec) {}

    /** {@code -Dconformance.report=FILE}: list the mismatches there instead of failing (to survey a change). */
    private static final String REPORT = System.getProperty("conformance.report");

    private final List<Operation> operations = new ArrayList<>();
    private final JsonObject components;
    private final Map<String, Validator> validators = new ConcurrentHashMap<>();

    ResponseConformance(JsonObject document) {
        this.components = document.getJsonObject("components", new JsonObject());
        JsonObject paths = document.getJsonObject("paths");
        for (String template : paths.fieldNames()) {
            String regex = template.replaceAll("\\{[^}]+}", "[^/]+");
            int params = template.split("\\{", -1).length - 1;
            JsonObject item = paths.getJsonObject(template);
            for (String method : item.fieldNames()) {
                operations.add(new Operation(
                        method.toUpperCase(), template, Pattern.compile(regex), params, item.getJsonObject(method)));
            }
        }
        // a literal segment beats a parameter: /pages/reorder before /pages/{pageId}
        operations.sort(Comparator.comparingInt(Operation::params));
    }

    /** The interceptor for a test's WebClient. */
    Handler<HttpContext<?>> interceptor() {
        return ctx -> {
            if (ctx.phase() == ClientPhase.DISPATCH_RESPONSE) {
                String problem =
                        check(ctx.request().method().name(), ctx.request().uri(), ctx.response());
                if (problem != null && REPORT != null) {
                    report(problem);
                } else if (problem != null) {
                    ctx.fail(new AssertionError(problem));
                    return;
                }
            }
            ctx.next();
        };
    }

    /** What is wrong with {@code response} to {@code method uri}, or null. */
    String check(String method, String uri, HttpResponse<?> response) {
        String path = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        Operation op = operations.stream()
                .filter(o -> o.method.equals(method) && o.path.matcher(path).matches())
                .findFirst()
                .orElse(null);
        if (op == null || path.equals("/openapi.json")) {
            return null; // not an operation of the document (a route a test added), or the document itself
        }
        String where = method + " " + op.template + " answered " + response.statusCode();
        JsonObject declared = op.spec
                .getJsonObject("responses", new JsonObject())
                .getJsonObject(String.valueOf(response.statusCode()));
        if (declared == null) {
            declared = op.spec.getJsonObject("responses", new JsonObject()).getJsonObject("default");
        }
        if (declared == null) {
            return where + ", a status its operation does not declare (declared: "
                    + op.spec.getJsonObject("responses", new JsonObject()).fieldNames() + "); body: " + body(response);
        }
        String type = response.getHeader("Content-Type");
        if (type == null || !(type.startsWith("application/json") || type.startsWith("application/problem+json"))) {
            return null;
        }
        JsonObject content = declared.getJsonObject("content", new JsonObject());
        String mediaType = type.split(";")[0].trim();
        JsonObject media = content.getJsonObject(mediaType);
        if (media == null || !media.containsKey("schema")) {
            return null;
        }
        Object body;
        try {
            body = response.body() instanceof Buffer b ? b.toJsonValue() : response.body();
        } catch (RuntimeException e) {
            return where + " with a body that is not JSON";
        }
        String key = method + " " + op.template + " " + response.statusCode() + " " + mediaType;
        Validator validator = validators.computeIfAbsent(key, k -> validator(media.getJsonObject("schema")));
        OutputUnit result = validator.validate(body);
        if (!result.getValid()) {
            return where + " with a body its declared schema refuses: " + errors(result) + "\nbody: " + body(response);
        }
        return null;
    }

    /** The response schema with the document's components beside it, so its "#/components/..." refs resolve. */
    private Validator validator(JsonObject schema) {
        JsonObject root = new JsonObject()
                .put("$schema", "https://json-schema.org/draft/2020-12/schema")
                .put("allOf", new JsonArray().add(schema))
                .put("components", components);
        return Validator.create(
                JsonSchema.of(root),
                new JsonSchemaOptions()
                        .setDraft(Draft.DRAFT202012)
                        .setBaseUri("https://quire.invalid/openapi.json")
                        .setOutputFormat(io.vertx.json.schema.OutputFormat.Basic));
    }

    private static String errors(OutputUnit result) {
        List<String> out = new ArrayList<>();
        if (result.getErrors() != null) {
            for (OutputUnit e : result.getErrors()) {
                out.add(e.getInstanceLocation() + ": " + e.getError());
            }
        }
        return out.isEmpty() ? String.valueOf(result.getError()) : String.join("; ", out);
    }

    private static synchronized void report(String problem) {
        try {
            java.nio.file.Files.writeString(
                    java.nio.file.Path.of(REPORT),
                    problem.replace('\n', ' ') + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Object body(HttpResponse<?> response) {
        Object b = response.body();
        if (b instanceof Buffer buffer) {
            String s = buffer.toString();
            return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
        }
        return b;
    }
}
