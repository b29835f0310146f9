package io.quire.platform.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.platform.AppContext;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.db.PgPools;
import io.quire.platform.metrics.Metrics;
import io.quire.platform.redis.RedisClients;
import io.quire.testing.TestApp;
import io.quire.testing.TestDatabases;
import io.quire.verticle.ApiRouter;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the router agree: every mounted route is documented, every documented one mounted. */
class OpenApiCoverageTest {
    static Vertx vertx;
    static Router router;
    static JsonObject document;

    @BeforeAll
    static void build() {
        vertx = Vertx.vertx();
        QuireConfig config = TestApp.builder().config(TestDatabases.server());
        AppContext app =
                new AppContext(config, Metrics.newRegistry(), 0, new AtomicBoolean(), List.of(), java.util.Map.of());
        // clients connect lazily: building the router touches neither PostgreSQL nor Redis
        router = ApiRouter.create(
                vertx,
                app,
                PgPools.shared(vertx, config.pg(), "openapi-test"),
                RedisClients.create(vertx, config.redis()));
        // the document as served: declared endpoints and the remaining parts, merged by the app
        try (TestApp running = TestApp.start()) {
            document = running.client
                    .get("/openapi.json")
                    .send()
                    .await(10, TimeUnit.SECONDS)
                    .bodyAsJsonObject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void close() throws Exception {
        vertx.close().await(5, TimeUnit.SECONDS);
    }

    /** One mounted route and method; a wildcard route ("/docs/assets/*") covers every documented path under it. */
    record Mounted(String method, String path, boolean wildcard) {
        boolean covers(String documentedMethod, String documentedPath) {
            return method.equals(documentedMethod)
                    && (wildcard ? documentedPath.startsWith(path) : path.equals(documentedPath));
        }

        @Override
        public String toString() {
            return method + " " + path + (wildcard ? "*" : "");
        }
    }

    /** "/chapters/:chapterId/read" → "/chapters/{chapterId}/read". */
    static List<Mounted> mounted() {
        List<Mounted> out = new java.util.ArrayList<>();
        for (Route route : router.getRoutes()) {
            if (route.getPath() == null
                    || route.methods() == null
                    || route.methods().isEmpty()) {
                continue; // platform handlers that apply to every path
            }
            String path = route.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
            for (HttpMethod method : route.methods()) {
                out.add(new Mounted(method.name().toLowerCase(), path, !route.isExactPath()));
            }
        }
        return out;
    }

    /** "get /docs" etc. */
    static Set<String> documented() {
        Set<String> out = new TreeSet<>();
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) {
                out.add(method + " " + path);
            }
        }
        return out;
    }

    private static boolean covered(Mounted m, Set<String> documented) {
        return documented.stream()
                .anyMatch(d -> m.covers(d.substring(0, d.indexOf(' ')), d.substring(d.indexOf(' ') + 1)));
    }

    @Test
    void everyMountedRouteIsDocumented() {
        Set<String> documented = documented();
        List<String> missing = mounted().stream()
                .filter(m -> !covered(m, documented))
                .map(Mounted::toString)
                .toList();
        assertTrue(missing.isEmpty(), "routes missing from the OpenAPI document: " + missing);
    }

    @Test
    void everyDocumentedRouteIsMounted() {
        List<Mounted> mounted = mounted();
        List<String> documentedOnly = documented().stream()
                .filter(d -> mounted.stream()
                        .noneMatch(m -> m.covers(d.substring(0, d.indexOf(' ')), d.substring(d.indexOf(' ') + 1))))
                .toList();
        assertTrue(documentedOnly.isEmpty(), "documented but not mounted: " + documentedOnly);
    }

    @Test
    void theDocumentIsOpenApi31WithServersAndTheProblemSchema() {
        assertEquals("3.1.0", document.getString("openapi"));
        assertEquals(1, document.getJsonArray("servers").size());
        assertTrue(document.getJsonObject("components").getJsonObject("schemas").containsKey("Problem"));
        assertTrue(
                document.getJsonObject("components").getJsonObject("schemas").containsKey("Readiness"),
                "parts' schemas are merged in");
    }

    /** Each documented operation: "get /api/v1/…" and its object. */
    static java.util.Map<String, JsonObject> operations() {
        java.util.Map<String, JsonObject> out = new java.util.TreeMap<>();
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) {
                out.put(method + " " + path, paths.getJsonObject(path).getJsonObject(method));
            }
        }
        return out;
    }

    @Test
    void everyApiOperationDeclaresThe401OfInvalidCredentialsAndEveryJsonBodyThe400() {
        List<String> no401 = operations().entrySet().stream()
                .filter(e -> e.getKey().contains(" /api/"))
                .filter(e -> !e.getValue().getJsonObject("responses").containsKey("401"))
                .map(java.util.Map.Entry::getKey)
                .toList();
        assertTrue(no401.isEmpty(), "an invalid bearer token is refused everywhere, undeclared on: " + no401);
        List<String> no400 = operations().entrySet().stream()
                .filter(e -> e.getValue().containsKey("requestBody"))
                .filter(e -> e.getValue()
                        .getJsonObject("requestBody")
                        .getJsonObject("content")
                        .containsKey("application/json"))
                .filter(e -> !e.getValue().getJsonObject("responses").containsKey("400"))
                .map(java.util.Map.Entry::getKey)
                .toList();
        assertTrue(
                no400.isEmpty(),
                "a JSON body that is not an object is a 400 request.not_an_object, undeclared on: " + no400);
    }

    /** The fields the outside fuzz run saw null in responses whose schema did not allow it. */
    @Test
    void fieldsThatAreNullByDesignAreNullableInEveryResponse() {
        Set<String> fields = Set.of("description", "nextCursor", "parentId", "tagline", "annualPrice");
        List<String> strict = new java.util.ArrayList<>();
        operations().forEach((op, o) -> collectStrict(o.getJsonObject("responses"), fields, op, strict));
        JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
        for (String name : schemas.fieldNames()) {
            if (!name.endsWith("Input")) {
                collectStrict(schemas.getJsonObject(name), fields, name, strict);
            }
        }
        assertTrue(strict.isEmpty(), "declared without null: " + strict);
    }

    private static void collectStrict(Object node, Set<String> fields, String where, List<String> strict) {
        if (node instanceof JsonObject o) {
            JsonObject props = o.getValue("properties") instanceof JsonObject p ? p : null;
            if (props != null) {
                for (String field : props.fieldNames()) {
                    if (fields.contains(field) && !allowsNull(props.getJsonObject(field))) {
                        strict.add(where + " ." + field);
                    }
                }
            }
            o.forEach(e -> collectStrict(e.getValue(), fields, where, strict));
        } else if (node instanceof io.vertx.core.json.JsonArray a) {
            a.forEach(v -> collectStrict(v, fields, where, strict));
        }
    }

    private static boolean allowsNull(JsonObject schema) {
        Object type = schema.getValue("type");
        if ("null".equals(type) || type instanceof io.vertx.core.json.JsonArray t && t.contains("null")) {
            return true;
        }
        for (String key : List.of("anyOf", "oneOf")) {
            if (schema.getJsonArray(key) != null
                    && schema.getJsonArray(key).stream()
                            .anyMatch(alt -> alt instanceof JsonObject j && allowsNull(j))) {
                return true;
            }
        }
        return false;
    }

    /** A property whose whole schema is {"type": "null"} makes generated clients import a "Null" model that does not exist. */
    @Test
    void noPropertyIsOnlyNull() {
        List<String> bare = new java.util.ArrayList<>();
        operations().forEach((op, o) -> collectBareNull(o, op, bare));
        collectBareNull(document.getJsonObject("components"), "components", bare);
        assertTrue(bare.isEmpty(), "properties typed only null: " + bare);
    }

    private static void collectBareNull(Object node, String where, List<String> bare) {
        if (node instanceof JsonObject o) {
            if (o.getValue("properties") instanceof JsonObject props) {
                for (String field : props.fieldNames()) {
                    if (props.getValue(field) instanceof JsonObject p && "null".equals(p.getValue("type"))) {
                        bare.add(where + " ." + field);
                    }
                }
            }
            o.forEach(e -> collectBareNull(e.getValue(), where, bare));
        } else if (node instanceof io.vertx.core.json.JsonArray a) {
            a.forEach(v -> collectBareNull(v, where, bare));
        }
    }
}
