package io.quire.platform.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The real process: a bad configuration value stops startup with one line on stderr and exit code 2. */
class MainExitCodeTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "QUIRE_HTTP_PORT|abc|http.port (QUIRE_HTTP_PORT) = 'abc': not an integer",
                "QUIRE_VERTICLES|http,nope|unknown verticle 'nope'",
                "QUIRE_PG_URL|postgresql//oops|pg.url (QUIRE_PG_URL)",
            })
    void badValueExitsWithCode2AndOneLine(String variable, String value, String expected) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb =
                new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), "io.quire.Main"));
        pb.environment().put(variable, value);
        Process process = pb.start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "exits promptly");
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals(2, process.exitValue(), stderr);
        assertEquals(1, stderr.lines().count(), "one line: " + stderr);
        assertTrue(stderr.startsWith("quire: invalid configuration: ") && stderr.contains(expected), stderr);
    }
}
