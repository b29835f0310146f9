package io.quire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A first run as a new user makes it: {@code java -jar quire.jar} in an empty directory with no {@code pg.url} and
 * no {@code redis.url}, so development starts its own PostgreSQL and Redis. Register, become an author, publish a
 * chapter, read it anonymously, stop with SIGTERM (exit 0), start again and read the same chapter: the data is kept.
 * Then what goes wrong on a developer's machine: a second Quire on the same directory, and a run killed outright.
 */
class EmbeddedJarIT {

    @Test
    void aFirstRunNeedsNothingInstalledAndKeepsItsDataAcrossARestart() throws Exception {
        Path jar = Path.of(System.getProperty("quire.jar", "target/quire.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar);
        Path workDir = Files.createTempDirectory("quire-first-run");
        int port = FreePorts.next();
        Vertx vertx = Vertx.vertx();
        WebClient client = WebClient.create(vertx);
        String chapterId;
        try {
            Process first = start(jar, workDir, port, "first.log");
            String banner = awaitReady(client, port, first, workDir.resolve("first.log"));
            assertTrue(banner.contains("embedded PostgreSQL and Redis"), banner);
            assertTrue(banner.contains("/docs"), banner);
            assertTrue(banner.contains(workDir.resolve("data").toString()), "the banner says where data lives");

            String name = "first" + UUID.randomUUID().toString().substring(0, 6);
            JsonObject tokens = ok(
                    client.post(port, "127.0.0.1", "/api/v1/auth/register")
                            .sendJsonObject(new JsonObject()
                                    .put("email", name + "@example.com")
                                    .put("password", "velvet-orbit-71-canyon-drift")
                                    .put("username", name))
                            .await(10, TimeUnit.SECONDS),
                    201);
            String author = ok(
                            client.post(port, "127.0.0.1", "/api/v1/author-profile")
                                    .bearerTokenAuthentication(tokens.getString("accessToken"))
                                    .sendJsonObject(new JsonObject().put("penName", "First Run"))
                                    .await(10, TimeUnit.SECONDS),
                            201)
                    .getString("accessToken");
            String site = ok(
                            client.post(port, "127.0.0.1", "/api/v1/sites")
                                    .bearerTokenAuthentication(author)
                                    .sendJsonObject(new JsonObject()
                                            .put("name", "First run")
                                            .put("isPublic", true))
                                    .await(10, TimeUnit.SECONDS),
                            201)
                    .getString("id");
            String series = ok(
                            client.post(port, "127.0.0.1", "/api/v1/sites/" + site + "/series")
                                    .bearerTokenAuthentication(author)
                                    .sendJsonObject(new JsonObject().put("title", "Kept"))
                                    .await(10, TimeUnit.SECONDS),
                            201)
                    .getString("id");
            ok(
                    client.post(port, "127.0.0.1", "/api/v1/series/" + series + "/publish")
                            .bearerTokenAuthentication(author)
                            .send()
                            .await(10, TimeUnit.SECONDS),
                    200);
            chapterId = ok(
                            client.post(port, "127.0.0.1", "/api/v1/series/" + series + "/chapters")
                                    .bearerTokenAuthentication(author)
                                    .sendJsonObject(new JsonObject()
                                            .put("title", "One")
                                            .put("content", "What the first run wrote."))
                                    .await(10, TimeUnit.SECONDS),
                            201)
                    .getString("id");
            ok(
                    client.post(port, "127.0.0.1", "/api/v1/chapters/" + chapterId + "/publish")
                            .bearerTokenAuthentication(author)
                            .send()
                            .await(10, TimeUnit.SECONDS),
                    200);
            assertTrue(read(client, port, chapterId).contains("What the first run wrote."));
            stop(first, workDir.resolve("first.log"));

            Process second = start(jar, workDir, port, "second.log");
            awaitReady(client, port, second, workDir.resolve("second.log"));
            assertTrue(
                    read(client, port, chapterId).contains("What the first run wrote."),
                    "the chapter outlived the restart");
            assertFalse(
                    Files.readString(workDir.resolve("second.log")).contains("created database"),
                    "the second start found its database");

            // a second Quire on the same data.dir is refused at once, naming the fix
            Process rival = start(jar, workDir, FreePorts.next(), "rival.log");
            assertTrue(rival.waitFor(30, TimeUnit.SECONDS), "refused, not hung");
            String rivalLog = Files.readString(workDir.resolve("rival.log"));
            assertEquals(1, rival.exitValue(), rivalLog);
            assertTrue(rivalLog.contains("another Quire is running on data.dir"), rivalLog);
            assertTrue(rivalLog.contains("QUIRE_DATA_DIR"), rivalLog);

            // killed without a chance to stop: its PostgreSQL and Redis live on; the next start stops them and serves
            long orphanRedis = Long.parseLong(
                    Files.readString(workDir.resolve("data/redis.pid")).trim());
            second.destroyForcibly();
            assertTrue(second.waitFor(30, TimeUnit.SECONDS));
            assertTrue(ProcessHandle.of(orphanRedis).map(ProcessHandle::isAlive).orElse(false));
            Process third = start(jar, workDir, port, "third.log");
            awaitReady(client, port, third, workDir.resolve("third.log"));
            String thirdLog = Files.readString(workDir.resolve("third.log"));
            assertTrue(thirdLog.contains("stopping postgres (PID"), thirdLog);
            assertTrue(thirdLog.contains("stopping redis-server (PID " + orphanRedis + ")"), thirdLog);
            assertTrue(read(client, port, chapterId).contains("What the first run wrote."), "nothing lost");
            stop(third, workDir.resolve("third.log"));
            assertFalse(
                    ProcessHandle.of(orphanRedis).map(ProcessHandle::isAlive).orElse(false));
        } finally {
            vertx.close().await(5, TimeUnit.SECONDS);
        }
    }

    private static Process start(Path jar, Path workDir, int port, String logName) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(logName).toFile());
        // nothing names a PostgreSQL or a Redis: a clean environment, as on a new machine
        pb.environment().keySet().removeIf(k -> k.startsWith("QUIRE_"));
        pb.environment().put("QUIRE_HTTP_PORT", String.valueOf(port));
        pb.environment().put("QUIRE_HTTP_HOST", "127.0.0.1");
        pb.environment().put("QUIRE_PASSWORDS_ARGON2_MEMORY_KIB", "1024");
        return pb.start();
    }

    private static void stop(Process process, Path log) throws Exception {
        process.destroy(); // SIGTERM
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "stops within the shutdown bound");
        assertEquals(0, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static String read(WebClient client, int port, String chapterId) throws Exception {
        return ok(
                        client.get(port, "127.0.0.1", "/api/v1/chapters/" + chapterId + "/read")
                                .send()
                                .await(10, TimeUnit.SECONDS),
                        200)
                .getString("contentHtml");
    }

    private static JsonObject ok(HttpResponse<Buffer> response, int status) {
        assertEquals(status, response.statusCode(), response.bodyAsString());
        return response.bodyAsJsonObject();
    }

    /** Waits for readiness; the output so far (the banner is printed once ready). */
    private static String awaitReady(WebClient client, int port, Process process, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
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
                    Thread.sleep(300); // the banner follows readiness
                    return Files.readString(log);
                }
            } catch (Exception notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not ready in 120 s: " + Files.readString(log));
    }
}
