package io.quire.platform.openapi;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** {@code /openapi.json} and {@code /docs}: Swagger UI served from its webjar, so no CDN is involved. */
public final class OpenApiRoutes {
    private final JsonObject json;
    private final Buffer document;
    private final Buffer docsPage;
    private final String swaggerUiRoot;

    public OpenApiRoutes(String publicBaseUrl, io.quire.platform.api.Api api) {
        this.json = OpenApiDocument.load(
                publicBaseUrl, io.quire.platform.api.OpenApiOperations.paths(api.endpoints()), api.components());
        this.document = json.toBuffer();
        this.docsPage = Buffer.buffer(DOCS_PAGE);
        this.swaggerUiRoot = "META-INF/resources/webjars/swagger-ui/" + buildProperty("swaggerUiVersion");
    }

    /** The document as served. */
    public JsonObject document() {
        return json.copy();
    }

    public void mount(Router router) {
        router.get("/openapi.json").handler(this::document);
        router.get("/docs").handler(this::docs);
        router.get("/docs/assets/*")
                .handler(StaticHandler.create(swaggerUiRoot)
                        .setCachingEnabled(true)
                        .setMaxAgeSeconds(86_400));
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
