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
    AppContext app = new AppContext(config, Metrics.newRegistry(), 0, new AtomicBoolean(), List.of(), java.util.Map.of());
    // clients connect lazily: building the router touches neither PostgreSQL nor Redis
    router = ApiRouter.create(vertx, app, PgPools.shared(vertx, config.pg(), "openapi-test"),
        RedisClients.create(vertx, config.redis()));
    document = OpenApiDocument.load(config.publicBaseUrl());
  }

  @AfterAll
  static void close() throws Exception {
    vertx.close().await(5, TimeUnit.SECONDS);
  }

  /** One mounted route and method; a wildcard route ("/docs/assets/*") covers every documented path under it. */
  record Mounted(String method, String path, boolean wildcard) {
    boolean covers(String documentedMethod, String documentedPath) {
      return method.equals(documentedMethod) && (wildcard ? documentedPath.startsWith(path) : path.equals(documentedPath));
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
      if (route.getPath() == null || route.methods() == null || route.methods().isEmpty()) {
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
    return documented.stream().anyMatch(d -> m.covers(d.substring(0, d.indexOf(' ')), d.substring(d.indexOf(' ') + 1)));
  }

  @Test
  void everyMountedRouteIsDocumented() {
    Set<String> documented = documented();
    List<String> missing = mounted().stream().filter(m -> !covered(m, documented)).map(Mounted::toString).toList();
    assertTrue(missing.isEmpty(), "routes missing from the OpenAPI document: " + missing);
  }

  @Test
  void everyDocumentedRouteIsMounted() {
    List<Mounted> mounted = mounted();
    List<String> documentedOnly = documented().stream().filter(d -> mounted.stream().noneMatch(m ->
        m.covers(d.substring(0, d.indexOf(' ')), d.substring(d.indexOf(' ') + 1)))).toList();
    assertTrue(documentedOnly.isEmpty(), "documented but not mounted: " + documentedOnly);
  }

  @Test
  void theDocumentIsOpenApi31WithServersAndTheProblemSchema() {
    assertEquals("3.1.0", document.getString("openapi"));
    assertEquals(1, document.getJsonArray("servers").size());
    assertTrue(document.getJsonObject("components").getJsonObject("schemas").containsKey("Problem"));
    assertTrue(document.getJsonObject("components").getJsonObject("schemas").containsKey("Readiness"),
        "parts' schemas are merged in");
  }
}
