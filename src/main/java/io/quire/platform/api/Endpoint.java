package io.quire.platform.api;

import io.quire.platform.ratelimit.RouteClass;
import io.vertx.core.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One route, declared once: from it the app builds the router entry, the access check, request validation, the
 * rate class, the body limit and the operation in {@code /openapi.json}. Paths are written as OpenAPI writes them
 * ({@code /api/v1/sites/{siteId}}). Build with {@link #get}, {@link #post} and friends.
 */
public final class Endpoint {
    /** A path or query parameter: its name, rules and meaning. */
    public record Param(String name, String in, boolean required, Schema schema, String description) {}

    /** A success answer: its status, the JSON body's schema (null for none) and what it means. */
    public record Success(int status, Schema schema, String description, String contentType) {}

    final HttpMethod method;
    final String path;
    String operationId;
    String summary;
    String description;
    final List<String> tags = new ArrayList<>();
    Access access = Access.anyone();
    RouteClass rateClass;
    Long bodyLimit;
    Schema body;
    boolean bodyOptional;
    String bodyContentType = "application/json";
    List<String> rawBodyTypes = List.of();
    boolean restOfPath;
    final Map<String, Param> params = new LinkedHashMap<>();
    final List<Success> successes = new ArrayList<>();
    final TreeSet<Integer> problems = new TreeSet<>();
    final List<String> headers = new ArrayList<>();

    private Endpoint(HttpMethod method, String path) {
        this.method = method;
        this.path = path;
    }

    public static Endpoint get(String path) {
        return new Endpoint(HttpMethod.GET, path);
    }

    public static Endpoint post(String path) {
        return new Endpoint(HttpMethod.POST, path);
    }

    public static Endpoint put(String path) {
        return new Endpoint(HttpMethod.PUT, path);
    }

    public static Endpoint patch(String path) {
        return new Endpoint(HttpMethod.PATCH, path);
    }

    public static Endpoint delete(String path) {
        return new Endpoint(HttpMethod.DELETE, path);
    }

    /** The stable operationId client generators name methods after ({@code readChapter}, {@code createSite}). */
    public Endpoint id(String operationId) {
        this.operationId = operationId;
        return this;
    }

    public Endpoint summary(String summary) {
        this.summary = summary;
        return this;
    }

    /** Markdown, shown by {@code /docs}: what the endpoint does beyond its summary, and the rules a client must know. */
    public Endpoint description(String description) {
        this.description = description;
        return this;
    }

    public Endpoint tag(String tag) {
        tags.add(tag);
        return this;
    }

    public Endpoint access(Access access) {
        this.access = access;
        return this;
    }

    /** The rate-limit budget it spends; by default reads for GET, writes otherwise. */
    public Endpoint rateClass(RouteClass rateClass) {
        this.rateClass = rateClass;
        return this;
    }

    /** A body limit other than {@code http.bodyLimitBytes}. */
    public Endpoint bodyLimit(long bytes) {
        this.bodyLimit = bytes;
        return this;
    }

    /** A required JSON body, checked against {@code schema} before the handler runs. */
    public Endpoint body(ObjectSchema schema) {
        this.body = schema;
        return this;
    }

    /** A JSON body that may be left out (an empty body reads as {@code {}}). */
    public Endpoint optionalBody(ObjectSchema schema) {
        this.body = schema;
        this.bodyOptional = true;
        return this;
    }

    /**
     * A body that is not JSON (a file upload, NDJSON): documented with its content types; the handler reads and checks
     * it itself.
     */
    public Endpoint rawBody(String... contentTypes) {
        this.rawBodyTypes = List.of(contentTypes);
        return this;
    }

    public Endpoint pathParam(String name, Schema schema, String description) {
        params.put(name, new Param(name, "path", true, schema, description));
        return this;
    }

    public Endpoint query(String name, Schema schema, String description) {
        params.put(name, new Param(name, "query", false, schema, description));
        return this;
    }

    /** The usual {@code limit} and {@code cursor} of a list. */
    public Endpoint paged() {
        query(
                "limit",
                Schema.integer().range(1, io.quire.platform.http.QueryParams.MAX_LIMIT),
                "Page size (default " + io.quire.platform.http.QueryParams.DEFAULT_LIMIT + ").");
        return query("cursor", Schema.string(), "The previous page's nextCursor.");
    }

    public Endpoint ok(int status, Schema schema, String description) {
        successes.add(new Success(status, schema, description, "application/json"));
        return this;
    }

    public Endpoint ok(Schema schema) {
        return ok(200, schema, "OK");
    }

    /** A request header it reads ({@code If-Match}, {@code Idempotency-Key}). */
    public Endpoint header(String name, String description) {
        params.put(name, new Param(name, "header", false, Schema.string(), description));
        return this;
    }

    /** A success whose body is not JSON (feeds, exports). */
    public Endpoint okAs(int status, String contentType, String description) {
        successes.add(new Success(status, null, description, contentType));
        return this;
    }

    public Endpoint noContent() {
        successes.add(new Success(204, null, "Done; no body.", null));
        return this;
    }

    /** Problem statuses it can answer beyond the ones every endpoint of its kind can (401, 429, 503; 400/413/415/422 with a body). */
    public Endpoint problems(Integer... statuses) {
        problems.addAll(List.of(statuses));
        return this;
    }

    /** It answers 304 to a matching {@code If-None-Match}. */
    public Endpoint conditional() {
        successes.add(new Success(304, null, "Not modified: the If-None-Match ETag still matches.", null));
        params.put(
                "If-None-Match",
                new Param("If-None-Match", "header", false, Schema.string(), "An ETag this answer gave before"));
        return this;
    }

    public HttpMethod method() {
        return method;
    }

    public String path() {
        return path;
    }

    public String operationId() {
        return operationId;
    }

    /**
     * The declared rate class, or what its path says ({@link RouteClass#of}: auth routes AUTH, ingestion INGEST,
     * gateway webhooks EXEMPT, else READ or WRITE by method), which is what the limiter applies to an undeclared one.
     */
    public RouteClass routeClass() {
        return rateClass != null ? rateClass : RouteClass.of(method, path);
    }

    /**
     * The last path parameter takes the rest of the path (static files under a prefix): routed as a wildcard, so a
     * handler such as {@code StaticHandler} sees the rest as its file name.
     */
    public Endpoint restOfPath() {
        this.restOfPath = true;
        return this;
    }

    /** The Vert.x route path: {@code {name}} segments as {@code :name}. */
    String routerPath() {
        if (restOfPath) {
            return path.replaceAll("/\\{[A-Za-z0-9_]+}$", "/*");
        }
        return path.replaceAll("\\{([A-Za-z0-9_]+)}", ":$1");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
