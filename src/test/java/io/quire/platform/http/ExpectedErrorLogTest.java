package io.quire.platform.http;

import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.quire.testing.Api;
import io.quire.testing.TestApp;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Anyone may probe ids: each 404 is one line with its code, never a stack trace at WARN. */
class ExpectedErrorLogTest {
    static TestApp app;
    static Api api;
    static final ListAppender<ILoggingEvent> events = new ListAppender<>();
    static Logger root;
    static Logger access;
    static Logger failures;
    static Level accessLevel;
    static Level failuresLevel;

    @BeforeAll
    static void start() {
        // as Main does: libraries that log through java.util.logging / System.Logger (Caffeine) reach logback
        io.quire.platform.logging.Logging.bridgeJul();
        app = TestApp.builder().env("QUIRE_HTTP_ACCESS_LOG", "true").start();
        api = new Api(app);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        access = context.getLogger("quire.access");
        failures = context.getLogger(FailureHandler.class);
        accessLevel = access.getLevel();
        failuresLevel = failures.getLevel();
        access.setLevel(Level.INFO);
        failures.setLevel(Level.DEBUG);
        events.start();
        root.addAppender(events);
    }

    @AfterAll
    static void stop() throws Exception {
        root.detachAppender(events);
        access.setLevel(accessLevel);
        failures.setLevel(failuresLevel);
        app.close();
    }

    @Test
    void probingUnknownIdsLogsOneLineEachWithTheCodeAndNoStackTrace() throws Exception {
        events.list.clear();
        for (String path : List.of(
                "/api/v1/chapters/" + UUID.randomUUID() + "/read",
                "/api/v1/chapters/" + UUID.randomUUID() + "/public",
                "/api/v1/series/" + UUID.randomUUID() + "/public",
                "/api/v1/series/" + UUID.randomUUID() + "/chapters/public")) {
            var answer = api.get(path, null);
            assertEquals(404, answer.statusCode(), answer.bodyAsString());
        }
        problem(api.get("/api/v1/chapters/" + UUID.randomUUID() + "/read", null), 404, "chapter.not_found");
        Thread.sleep(200); // the access line is written when the body has ended

        List<ILoggingEvent> seen = List.copyOf(events.list);
        List<ILoggingEvent> loud = seen.stream()
                .filter(e -> e.getThrowableProxy() != null || e.getLevel().isGreaterOrEqual(Level.WARN))
                .toList();
        assertTrue(loud.isEmpty(), "no WARN and no stack trace for a client's 404: " + loud);
        List<ILoggingEvent> lines = seen.stream()
                .filter(e -> e.getLoggerName().equals("quire.access"))
                .toList();
        assertEquals(5, lines.size(), seen.toString());
        assertTrue(
                lines.stream()
                        .allMatch(e -> e.getKeyValuePairs().stream()
                                .anyMatch(kv -> kv.key.equals("code")
                                        && String.valueOf(kv.value).endsWith(".not_found"))),
                lines.toString());
        List<ILoggingEvent> debug = seen.stream()
                .filter(e -> e.getLoggerName().equals(FailureHandler.class.getName()))
                .toList();
        assertEquals(5, debug.size(), seen.toString());
        assertTrue(debug.get(4).getFormattedMessage().endsWith("answered 404 chapter.not_found"), debug.toString());
    }
}
