package io.quire.platform.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.TestApp;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The served document is valid OpenAPI 3.1: Vert.x's own contract parser checks it against the 3.1 schema and
 * resolves every reference (it refuses a document with a dangling $ref or a malformed operation).
 */
class OpenApiContractTest {
  @Test
  void theServedDocumentIsAValidOpenApi31Contract() throws Exception {
    try (TestApp app = TestApp.start()) {
      JsonObject document = app.client.get("/openapi.json").send().await(10, TimeUnit.SECONDS).bodyAsJsonObject();
      OpenAPIContract contract = OpenAPIContract.from(app.vertx, document).await(60, TimeUnit.SECONDS);
      assertEquals("3.1.0", contract.getVersion().toString().replace("V3_1", "3.1.0"));
      Operation createPage = contract.operation("createPage");
      assertNotNull(createPage, "declared operations keep their operationId");
      assertTrue(createPage.getRequestBody().isRequired());
    }
  }
}
