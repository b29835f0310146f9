package io.quire.platform.openapi;

import static io.quire.platform.api.Schema.anyObject;

import io.quire.platform.api.Access;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** {@code /openapi.json} and {@code /docs}: Swagger UI served from its webjar, so no CDN is involved. */
public final class OpenApiRoutes {
    private final io.quire.platform.api.Api api;
    private final String publicBaseUrl;
    private JsonObject json;
    private Buffer document;
    private final Buffer docsPage;
    private final String swaggerUiRoot;

    public OpenApiRoutes(String publicBaseUrl, io.quire.platform.api.Api api) {
        this.api = api;
        this.publicBaseUrl = publicBaseUrl;
        this.docsPage = Buffer.buffer(DOCS_PAGE);
        this.swaggerUiRoot = "META-INF/resources/webjars/swagger-ui/" + buildProperty("swaggerUiVersion");
    }

    /** The document as served: built by {@link #mount}, the last declarations of all. */
    public JsonObject document() {
        return json.copy();
    }

    /** Declares the document and its page (after every other endpoint), then builds the document. */
    public void mount() {
        api.raw(
                Endpoint.get("/openapi.json")
                        .id("getOpenApiDocument")
                        .tag("operations")
                        .summary("This document")
                        .access(Access.anyone())
                        .ok(200, anyObject(), "OpenAPI 3.1"),
                this::document);
        api.raw(
                Endpoint.get("/docs")
                        .id("getApiReferencePage")
                        .tag("operations")
                        .summary("API reference page rendering this document")
                        .access(Access.anyone())
                        .okAs(200, "text/html", "HTML"),
                this::docs);
        api.raw(
                Endpoint.get("/docs/assets/{asset}")
                        .id("getApiReferenceAsset")
                        .tag("operations")
                        .summary("The reference page's scripts and styles (Swagger UI)")
                        .restOfPath()
                        .pathParam("asset", Schema.string(), "A file of the page, such as swagger-ui.css")
                        .okAs(200, "text/css", "A stylesheet")
                        .okAs(200, "application/javascript", "A script"),
                StaticHandler.create(swaggerUiRoot).setCachingEnabled(true).setMaxAgeSeconds(86_400));
        this.json = OpenApiDocument.load(
                publicBaseUrl,
                io.quire.platform.api.OpenApiOperations.paths(api.endpoints()),
                api.components(),
                api.tags());
        this.document = json.toBuffer();
    }

    private void document(RoutingContext ctx) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(document);
    }

    private void docs(RoutingContext ctx) {
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
                .end(docsPage);
    }

    static String buildProperty(String name) {
        try (InputStream in = OpenApiRoutes.class.getClassLoader().getResourceAsStream("quire-build.properties")) {
            Properties p = new Properties();
            p.load(in);
            return p.getProperty(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String DOCS_PAGE = """
      <!doctype html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <title>Quire API reference</title>
        <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
      </head>
      <body>
        <div id="api"></div>
        <script src="/docs/assets/swagger-ui-bundle.js"></script>
        <script>
          window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#api", deepLinking: true });
        </script>
      </body>
      </html>
      """;
}
