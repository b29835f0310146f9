package io.quire.platform.openapi;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAPI 3.1 document: {@code openapi/quire.json} plus one part per feature listed in its
 * {@code x-quire-parts} (each part holds {@code paths} and {@code components}), so a feature documents its
 * routes next to the others without editing one giant file.
 */
public final class OpenApiDocument {
    private OpenApiDocument() {}

    public static JsonObject load(String publicBaseUrl) {
        return load(publicBaseUrl, new JsonObject(), new JsonObject());
    }

    /**
     * The document with the declared endpoints' operations ({@code declaredPaths}, from
     * {@link io.quire.platform.api.OpenApiOperations#paths}) and shared shapes; a declared operation replaces a
     * part's operation of the same path and method.
     */
    public static JsonObject load(String publicBaseUrl, JsonObject declaredPaths, JsonObject declaredSchemas) {
        JsonObject doc = read("openapi/quire.json");
        JsonObject paths = doc.getJsonObject("paths", new JsonObject());
        JsonObject schemas =
                doc.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
        for (Object part : doc.getJsonArray("x-quire-parts", new io.vertx.core.json.JsonArray())) {
            JsonObject partDoc = read("openapi/" + part);
            paths.mergeIn(partDoc.getJsonObject("paths", new JsonObject()));
            schemas.mergeIn(
                    partDoc.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject()));
        }
        declaredPaths.forEach(e -> {
            JsonObject item = paths.getJsonObject(e.getKey(), new JsonObject());
            item.mergeIn((JsonObject) e.getValue());
            paths.put(e.getKey(), item);
        });
        schemas.mergeIn(declaredSchemas);
        paths.forEach(e ->
                ((JsonObject) e.getValue()).forEach(op -> platformStatuses(e.getKey(), (JsonObject) op.getValue())));
        doc.remove("x-quire-parts");
        doc.put("paths", paths);
        doc.put("components", doc.getJsonObject("components", new JsonObject()).put("schemas", schemas));
        doc.put("servers", new io.vertx.core.json.JsonArray().add(new JsonObject().put("url", publicBaseUrl)));
        return doc;
    }

    /**
     * What any operation can answer whatever it does: 400 for a query string that is not valid percent-encoding,
     * 414 and 431 from the HTTP server (before routing), 503 when a
     * dependency is down; 404 where the path names something; on {@code /api} also 401, 403 and 429 from authentication (an invalid token, an API key used
     * from a refused IP or origin or over its own rate) and, outside the exempt gateway webhooks, the route limits.
     */
    private static void platformStatuses(String path, JsonObject operation) {
        JsonObject responses = operation.getJsonObject("responses");
        java.util.List<Integer> statuses = new java.util.ArrayList<>(java.util.List.of(400, 414, 431, 503));
        if (path.startsWith("/api/")) {
            statuses.addAll(java.util.List.of(401, 403, 429));
        }
        if (path.contains("{")) {
            statuses.add(404); // a path id that names nothing, or nothing the caller may see
        }
        for (int status : statuses) {
            if (!responses.containsKey(String.valueOf(status))) {
                responses.put(String.valueOf(status), new JsonObject().put("$ref", "#/components/responses/Problem"));
            }
        }
    }

    private static JsonObject read(String resource) {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing OpenAPI resource " + resource);
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
