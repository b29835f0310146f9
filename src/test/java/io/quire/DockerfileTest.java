package io.quire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * There is no Docker engine to build with here, so the image's promises are checked where they are written: bases
 * pinned to a release, the health check on liveness at the configured port, OCI labels, and a restart policy for
 * every compose service.
 */
class DockerfileTest {
    private static final Pattern PINNED =
            Pattern.compile("FROM eclipse-temurin:21\\.\\d+\\.\\d+_\\d+-(jdk|jre)-\\w+.*");

    @Test
    void baseImagesArePinnedToARelease() throws Exception {
        List<String> bases = Files.readAllLines(Path.of("Dockerfile")).stream()
                .filter(l -> l.startsWith("FROM "))
                .toList();
        assertEquals(2, bases.size(), bases.toString());
        for (String base : bases) {
            assertTrue(PINNED.matcher(base).matches(), "a release tag, not a moving one: " + base);
        }
    }

    @Test
    void theHealthCheckProbesLivenessOnTheConfiguredPortAndTheImageIsLabelled() throws Exception {
        String dockerfile = Files.readString(Path.of("Dockerfile"));
        String check = dockerfile.substring(dockerfile.indexOf("HEALTHCHECK"));
        check = check.substring(0, check.indexOf("exit 1"));
        assertTrue(check.contains("${QUIRE_HTTP_PORT:-8080}/health/live"), check);
        assertFalse(check.contains("/health/ready"), "readiness is the load balancer's: " + check);
        for (String label : List.of("title", "description", "version", "base.name")) {
            assertTrue(dockerfile.contains("org.opencontainers.image." + label + "="), label);
        }
    }

    @Test
    void everyComposeServiceRestartsUnlessStopped() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("docker-compose.yml"));
        int services = 0;
        int restarts = 0;
        for (String line : lines) {
            if (line.matches("  [a-z]+:\\s*")) {
                services++;
            }
            if (line.equals("    restart: unless-stopped")) {
                restarts++;
            }
        }
        assertEquals(3, services, "postgres, redis, app");
        assertEquals(services, restarts, "one restart policy per service");
    }
}
