package io.quire.platform.openapi;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.string;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * The OpenAPI 3.1 document: what the whole API shares (info, security schemes, the problem type) written here, and
 * every operation and shared shape from the endpoint declarations ({@link io.quire.platform.api.Api}).
 */
public final class OpenApiDocument {
    private static final String DESCRIPTION =
            "Reactive API server for publishing platforms: sites, series and chapters for readers, analytics "
                    + "ingestion, webhooks, subscriptions and payments.\n\n"
                    + "**Errors** are RFC 9457 `application/problem+json` with a stable `code`; a `422 request.invalid` "
                    + "lists every field error in `errors[]`.\n\n"
                    + "**Rate limits:** every /api request is limited per route class (read, write, auth, ingest): per "
                    + "client IP when anonymous, per user when signed in, per key for API keys. Answers carry "
                    + "RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset; over the limit is a 429 problem "
                    + "`ratelimit.exceeded` with Retry-After.\n\n"
                    + "**Caching:** public GETs carry a strong ETag and answer a matching If-None-Match with 304.\n\n"
                    + "**Lists** are pages: `{\"data\": [...], \"nextCursor\": ...}`; pass `cursor` for the next page.\n\n"
                    + "**Concurrency:** updates of versioned records take `If-Match` (the ETag you read) or "
                    + "`baseRevision`; a stale one is a 412 carrying `currentRevision`.";

    private OpenApiDocument() {}

    /** The document with the declared endpoints' operations ({@code paths}), shared shapes and tags with their guides. */
    public static JsonObject load(String publicBaseUrl, JsonObject paths, JsonObject schemas, JsonArray tags) {
        JsonObject allSchemas = schemas.copy().put("Problem", problem().toJson());
        paths.forEach(e ->
                ((JsonObject) e.getValue()).forEach(op -> platformStatuses(e.getKey(), (JsonObject) op.getValue())));
        return new JsonObject()
                .put("openapi", "3.1.0")
                .put(
                        "info",
                        new JsonObject()
                                .put("title", "Quire API")
                                .put("version", "0.1.0")
                                .put("description", DESCRIPTION))
                .put("servers", new JsonArray().add(new JsonObject().put("url", publicBaseUrl)))
                .put("tags", tags)
                .put("paths", paths)
                .put(
                        "components",
                        new JsonObject()
                                .put("schemas", allSchemas)
                                .put(
                                        "responses",
                                        new JsonObject()
                                                .put(
                                                        "Problem",
                                                        new JsonObject()
                                                                .put("description", "An error, as problem+json.")
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
                                                                                                                        "#/components/schemas/Problem"))))))
                                .put("securitySchemes", securitySchemes()));
    }

    private static io.quire.platform.api.Schema problem() {
        return object().required("type", string().example("urn:quire:problem:route.not_found"))
                .required("title", string())
                .required("status", integer())
                .optional("detail", string())
                .required("code", string().example("request.malformed_json"))
                .required("requestId", string())
                .optional(
                        "errors",
                        array(object().required("field", string()).required("message", string()))
                                .description("422 request.invalid: each field that broke a rule, and the rule"))
                .optional("currentStatus", string().description("An illegal status change: the status now"))
                .optional("currentRevision", integer().description("A stale revision: the revision now"))
                .open()
                .description("RFC 9457 problem details. `code` is stable and machine-readable; `requestId` matches "
                        + "the X-Request-Id header and the server logs.");
    }

    private static JsonObject securitySchemes() {
        return new JsonObject()
                .put(
                        "bearerAuth",
                        new JsonObject()
                                .put("type", "http")
                                .put("scheme", "bearer")
                                .put("bearerFormat", "JWT")
                                .put(
                                        "description",
                                        "Access token from /api/v1/auth/login, /register, /refresh or /mfa/challenge "
                                                + "(15 minutes). An API key (qk_…) is also accepted here."))
                .put(
                        "apiKey",
                        new JsonObject()
                                .put("type", "apiKey")
                                .put("in", "header")
                                .put("name", "X-API-Key")
                                .put("description", "qk_<prefix>_<secret>, limited to its scopes"));
    }

    /**
     * What any operation can answer whatever it does: 400 for a query string that is not valid percent-encoding,
     * 414 and 431 from the HTTP server (before routing), 503 when a dependency is down; 404 where the path names
     * something; on {@code /api} also 401, 403 and 429 from authentication (an invalid token, an API key used from a
     * refused IP or origin or over its own rate) and, outside the exempt gateway webhooks, the route limits.
     */
    private static void platformStatuses(String path, JsonObject operation) {
        JsonObject responses = operation.getJsonObject("responses");
        List<Integer> statuses = new ArrayList<>(List.of(400, 414, 431, 503));
        if (path.startsWith("/api/")) {
            statuses.addAll(List.of(401, 403, 429));
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
}
