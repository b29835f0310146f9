package io.quire.platform.api;

import io.quire.platform.ratelimit.RouteClass;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes declared endpoints as OpenAPI 3.1 path items: the same declarations the router was built from. */
public final class OpenApiOperations {
    private static final Pattern PATH_PARAM = Pattern.compile("\\{([A-Za-z0-9_]+)}");
    /** What each problem status means on any endpoint; the problem body's {@code code} says exactly what. */
    private static final Map<Integer, String> PROBLEMS = Map.ofEntries(
            Map.entry(400, "Malformed body (not JSON, not an object, empty) or an invalid, used or expired token"),
            Map.entry(401, "Not signed in, or the credentials sent are invalid"),
            Map.entry(403, "Signed in but not allowed (role, API key, someone else's resource)"),
            Map.entry(404, "Not found, or not visible to you"),
            Map.entry(409, "Conflicts with the current state (an illegal status change carries currentStatus)"),
            Map.entry(412, "Stale If-Match or baseRevision; the problem carries currentRevision"),
            Map.entry(413, "The body is larger than this endpoint accepts"),
            Map.entry(415, "The body is not application/json"),
            Map.entry(422, "Invalid fields or parameters: errors[] lists each with its rule"),
            Map.entry(423, "Locked after repeated failed attempts; Retry-After says for how long"),
            Map.entry(428, "This change needs If-Match (the ETag you read) or baseRevision"),
            Map.entry(429, "Rate limited; Retry-After and RateLimit-* headers say when to try again"),
            Map.entry(502, "A payment gateway refused the call (its message is in detail)"),
            Map.entry(503, "A dependency (database, Redis) is unavailable; try again"));

    private OpenApiOperations() {}

    /** {@code paths} for the document: one path item per path, one operation per method. */
    public static JsonObject paths(Iterable<Endpoint> endpoints) {
        JsonObject paths = new JsonObject();
        for (Endpoint e : endpoints) {
            JsonObject item = paths.getJsonObject(e.path());
            if (item == null) {
                item = new JsonObject();
                paths.put(e.path(), item);
            }
            item.put(e.method().name().toLowerCase(java.util.Locale.ROOT), operation(e));
        }
        return paths;
    }

    static JsonObject operation(Endpoint e) {
        JsonObject op = new JsonObject()
                .put("operationId", e.operationId)
                .put("summary", e.summary)
                .put(
                        "description",
                        (e.description == null ? "" : e.description + "\n\n") + "**Who may call:** "
                                + e.access.explained())
                .put("tags", new JsonArray(java.util.List.copyOf(e.tags)))
                .put("security", e.access.security());
        JsonArray parameters = parameters(e);
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        if (e.body != null) {
            op.put(
                    "requestBody",
                    new JsonObject()
                            .put("required", !e.bodyOptional)
                            .put(
                                    "content",
                                    new JsonObject()
                                            .put(e.bodyContentType, new JsonObject().put("schema", e.body.toJson()))));
        }
        if (!e.rawBodyTypes.isEmpty()) {
            JsonObject content = new JsonObject();
            e.rawBodyTypes.forEach(type -> content.put(
                    type,
                    new JsonObject()
                            .put(
                                    "schema",
                                    new JsonObject().put("type", "string").put("format", "binary"))));
            op.put("requestBody", new JsonObject().put("required", true).put("content", content));
        }
        JsonObject responses = new JsonObject();
        for (Endpoint.Success s : e.successes) {
            // one status may answer in several media types (an export as zip, HTML or EPUB): their contents merge
            JsonObject r = responses
                    .getJsonObject(String.valueOf(s.status()), new JsonObject())
                    .put("description", s.description());
            if (s.contentType() != null) {
                r.put(
                        "content",
                        r.getJsonObject("content", new JsonObject())
                                .put(
                                        s.contentType(),
                                        s.schema() == null
                                                ? new JsonObject()
                                                : new JsonObject()
                                                        .put(
                                                                "schema",
                                                                s.schema().toJson())));
            }
            responses.put(String.valueOf(s.status()), r);
        }
        for (int status : problemStatuses(e)) {
            responses.put(
                    String.valueOf(status),
                    new JsonObject()
                            .put("description", PROBLEMS.getOrDefault(status, "An error"))
                            .put(
                                    "content",
                                    new JsonObject()
                                            .put(
                                                    "application/problem+json",
                                                    new JsonObject()
                                                            .put(
                                                                    "schema",
                                                                    new JsonObject()
                                                                            .put(
                                                                                    "$ref",
                                                                                    "#/components/schemas/Problem")))));
        }
        return op.put("responses", responses);
    }

    /** The declared problems and the ones every endpoint of its kind can answer. */
    static TreeSet<Integer> problemStatuses(Endpoint e) {
        TreeSet<Integer> statuses = new TreeSet<>(e.problems);
        statuses.add(401); // credentials that are sent are checked, even where none are needed
        statuses.add(503);
        if (e.routeClass() != RouteClass.EXEMPT) {
            statuses.add(429);
        }
        if (e.access.kind() == Access.Kind.SESSION || e.access.kind() == Access.Kind.ROLE || e.access.scope() != null) {
            statuses.add(403);
        }
        if (e.path().contains("{")) {
            statuses.add(404); // an id that names nothing (or nothing you may see)
        }
        if (e.body != null || !e.rawBodyTypes.isEmpty()) {
            statuses.addAll(java.util.List.of(400, 413, 415, 422));
        }
        if (e.params.values().stream().anyMatch(p -> p.in().equals("query"))) {
            statuses.add(422);
        }
        if (e.params.containsKey("cursor")) {
            statuses.add(400); // request.bad_cursor: a cursor this API did not give out
        }
        return statuses;
    }

    private static JsonArray parameters(Endpoint e) {
        JsonArray out = new JsonArray();
        Matcher m = PATH_PARAM.matcher(e.path());
        while (m.find()) {
            Endpoint.Param declared = e.params.get(m.group(1));
            JsonObject p = new JsonObject()
                    .put("name", m.group(1))
                    .put("in", "path")
                    .put("required", true)
                    .put(
                            "schema",
                            declared != null
                                    ? declared.schema().toJson()
                                    : m.group(1).endsWith("Id")
                                            ? new JsonObject()
                                                    .put("type", "string")
                                                    .put("format", "uuid")
                                            : new JsonObject().put("type", "string"));
            if (declared != null && declared.description() != null) {
                p.put("description", declared.description());
            }
            out.add(p);
        }
        for (Endpoint.Param p : e.params.values()) {
            if (!p.in().equals("path")) {
                JsonObject q = new JsonObject()
                        .put("name", p.name())
                        .put("in", p.in())
                        .put("required", false)
                        .put("schema", p.schema().toJson());
                if (p.description() != null) {
                    q.put("description", p.description());
                }
                out.add(q);
            }
        }
        return out;
    }
}
