package io.quire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.platform.db.PgTarget;
import io.quire.testing.FreePorts;
import io.quire.testing.TestDatabases;
import io.quire.testing.TestServices;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The shipped artifact: {@code java -jar target/quire.jar} from another directory (so config, descriptors and
 * changelog come from inside the jar), on a database it must create, with JSON logs; then SIGTERM.
 */
class QuireJarIT {

    @Test
    void theFatJarStartsServesAndStopsCleanlyOnSigterm() throws Exception {
        Path jar = Path.of(System.getProperty("quire.jar", "target/quire.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar);
        String database = TestDatabases.unusedName();
        PgTarget server = TestDatabases.server();
        int port = FreePorts.next();
        Path workDir = Files.createTempDirectory("quire-jar-it");
        Path log = workDir.resolve("out.log");

        ProcessBuilder pb = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("QUIRE_HTTP_PORT", String.valueOf(port));
        pb.environment().put("QUIRE_HTTP_HOST", "127.0.0.1");
        pb.environment()
                .put(
                        "QUIRE_PG_URL",
                        "postgresql://" + server.options().getUser() + "@"
                                + server.options().getHost() + ":"
                                + server.options().getPort() + "/" + database);
        pb.environment().put("QUIRE_REDIS_URL", TestServices.redisUrl());
        pb.environment().put("QUIRE_REDIS_KEY_PREFIX", "quire:jar-it:");
        pb.environment().put("QUIRE_LOG_FORMAT", "json");
        Process process = pb.start();
        Vertx vertx = Vertx.vertx();
        try {
            WebClient client = WebClient.create(vertx);
            awaitReady(client, port, process, log);

            var docs = client.get(port, "127.0.0.1", "/docs/assets/swagger-ui.css")
                    .send()
                    .await(5, TimeUnit.SECONDS);
            assertEquals(200, docs.statusCode(), "webjar assets survive shading");
            var traced = client.get(port, "127.0.0.1", "/health/live")
                    .putHeader("X-Request-Id", "jar-it-42")
                    .send()
                    .await(5, TimeUnit.SECONDS);
            assertEquals("jar-it-42", traced.getHeader("X-Request-Id"));

            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "stops within the shutdown bound");
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), output);

            List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
            for (String line : lines) {
                assertTrue(line.startsWith("{"), "every line is JSON (Liquibase included): " + line);
                new JsonObject(line);
            }
            assertTrue(
                    lines.stream()
                            .map(JsonObject::new)
                            .anyMatch(l -> "quire.access".equals(l.getString("logger"))
                                    && "jar-it-42".equals(l.getString("requestId"))
                                    && "/health/live".equals(l.getString("path"))
                                    && Integer.valueOf(200).equals(l.getInteger("status"))),
                    "the access log line carries the request id");
            assertTrue(output.contains("created database " + database));
            assertTrue(output.contains("Quire stopped"));
        } finally {
            process.destroyForcibly();
            vertx.close().await(5, TimeUnit.SECONDS);
            TestDatabases.drop(database);
        }
    }

    private static void awaitReady(WebClient client, int port, Process process, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the jar exited: " + Files.readString(log));
            }
            try {
                if (client.get(port, "127.0.0.1", "/health/ready")
                                .send()
                                .await(2, TimeUnit.SECONDS)
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready in 60 s: " + Files.readString(log));
    }
}
