package io.quire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's build run with a JDK older than 21 (one found on this machine; skipped where there is none): it
 * stops with a message that says what to install and how to point JAVA_HOME at it, with no path that exists only
 * on some machines.
 */
class BuildJdkCheckTest {

    @Test
    void anOldJdkIsToldWhatToInstallAndHowToPointJavaHomeAtIt() throws Exception {
        Optional<Path> old = olderJdk();
        assumeTrue(old.isPresent(), "no JDK older than 21 under /usr/lib/jvm");
        Path log = Files.createTempFile("old-jdk", ".log");
        ProcessBuilder pb = new ProcessBuilder(List.of("./mvnw", "-B", "-q", "-o", "validate"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", old.get().toString());
        Process build = pb.start();
        assertTrue(build.waitFor(120, TimeUnit.SECONDS), "the check is quick");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertNotEquals(0, build.exitValue(), out);
        assertTrue(out.contains("Quire needs a JDK 21 or newer to build"), out);
        assertTrue(out.contains("export JAVA_HOME=/path/to/that/jdk"), out);
        assertFalse(out.contains("temurin-25-jdk-amd64"), "no machine-specific path: " + out);
    }

    private static Optional<Path> olderJdk() throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            return dirs.filter(d -> Files.isExecutable(d.resolve("bin/javac")))
                    .filter(d -> !Files.isSymbolicLink(d))
                    .filter(d -> major(d) > 0 && major(d) < 21)
                    .findFirst();
        }
    }

    /** The major version from the JDK's {@code release} file (JAVA_VERSION="17.0.15"), 0 when unknown. */
    private static int major(Path jdk) {
        try {
            for (String line : Files.readAllLines(jdk.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(v.split("[.]")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
