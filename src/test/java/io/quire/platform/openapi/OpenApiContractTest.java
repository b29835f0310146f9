package io.quire.platform.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.TestApp;
import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.openapi.contract.OpenAPIVersion;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The served document is valid OpenAPI 3.1: checked against the official 3.1 schema (2022-10-07) that Vert.x's
 * OpenAPI module carries, with its JSON Schema dialect; and every $ref in it resolves. (Vert.x's contract
 * <em>parser</em> is not used: it refuses media types beyond JSON and text, and Quire serves problem+json, Atom
 * and XML.)
 */
class OpenApiContractTest {
    @Test
    void theServedDocumentIsValidOpenApi31AndEveryRefResolves() throws Exception {
        try (TestApp app = TestApp.start()) {
            JsonObject document = app.client
                    .get("/openapi.json")
                    .send()
                    .await(10, TimeUnit.SECONDS)
                    .bodyAsJsonObject();
            OpenAPIVersion version = OpenAPIVersion.fromContract(document);
            assertEquals(OpenAPIVersion.V3_1, version);
            SchemaRepository repository =
                    version.getRepository(app.vertx, "https://quire.invalid/").await(30, TimeUnit.SECONDS);
            OutputUnit result =
                    version.validateContract(app.vertx, repository, document).await(60, TimeUnit.SECONDS);
            assertTrue(result.getValid(), () -> "not valid OpenAPI 3.1: " + result.getErrors());
            // and the check can fail: an operation whose responses are not an object is refused
            JsonObject broken = document.copy();
            broken.getJsonObject("paths")
                    .getJsonObject("/api/v1/sites/{siteId}/pages")
                    .getJsonObject("post")
                    .put("responses", "none");
            assertTrue(!version.validateContract(app.vertx, repository, broken)
                    .await(60, TimeUnit.SECONDS)
                    .getValid());
            JsonObject resolved =
                    version.resolve(app.vertx, repository, document).await(60, TimeUnit.SECONDS);
            assertTrue(resolved.getJsonObject("paths").containsKey("/api/v1/sites/{siteId}/pages"));
        }
    }

    @Test
    void aDeclaredEndpointCarriesItsIdItsRulesAndItsProblems() throws Exception {
        try (TestApp app = TestApp.start()) {
            JsonObject document = app.client
                    .get("/openapi.json")
                    .send()
                    .await(10, TimeUnit.SECONDS)
                    .bodyAsJsonObject();
            JsonObject create = document.getJsonObject("paths")
                    .getJsonObject("/api/v1/sites/{siteId}/pages")
                    .getJsonObject("post");
            assertEquals("createPage", create.getString("operationId"));
            JsonObject title = create.getJsonObject("requestBody")
                    .getJsonObject("content")
                    .getJsonObject("application/json")
                    .getJsonObject("schema")
                    .getJsonObject("properties")
                    .getJsonObject("title");
            assertEquals(1, title.getInteger("minLength"));
            assertEquals(100, title.getInteger("maxLength"));
            for (String status :
                    new String[] {"201", "400", "401", "403", "404", "409", "413", "415", "422", "429", "503"}) {
                assertTrue(create.getJsonObject("responses").containsKey(status), "createPage declares " + status);
            }
        }
    }
}
