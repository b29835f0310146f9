package io.quire.platform.embedded;

import io.quire.platform.db.StartupException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a run killed without a chance to stop (SIGKILL, a crash, a power cut) leaves behind: its PostgreSQL and
 * Redis still running, named in their pid files. Called only while holding the {@link DataDirLock}, so they are
 * nobody's: they are asked to stop (SIGTERM: PostgreSQL's smart shutdown, which finishes at once since their
 * clients are gone) and waited for, instead of the new PostgreSQL waiting ten seconds on a held data directory
 * and failing with a riddle. A stale pid file naming no live process is left to PostgreSQL, which clears it.
 */
final class Leftovers {
    private static final Logger log = LoggerFactory.getLogger(Leftovers.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    private Leftovers() {}

    /** Stops the process a pid file names, if it is alive and is {@code program}; first line of the file is the PID. */
    static void stop(Path pidFile, String program) {
        Optional<ProcessHandle> process = running(pidFile, program);
        if (process.isEmpty()) {
            return;
        }
        ProcessHandle p = process.get();
        log.warn(
                "stopping {} (PID {}) left running on {} by an earlier Quire that did not stop cleanly",
                program,
                p.pid(),
                pidFile.getParent());
        CompletableFuture<ProcessHandle> exited = p.onExit();
        p.destroy();
        try {
            exited.get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new StartupException(program + " (PID " + p.pid() + ") left by an earlier run on "
                    + pidFile.getParent() + " did not stop within " + STOP_WAIT.toSeconds() + " s; stop it"
                    + " (kill " + p.pid() + ") and start again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted while stopping " + program + " (PID " + p.pid() + ")");
        }
    }

    private static Optional<ProcessHandle> running(Path pidFile, String program) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            String first = Files.readAllLines(pidFile, StandardCharsets.US_ASCII).stream()
                    .findFirst()
                    .orElse("")
                    .trim();
            pid = Long.parseLong(first);
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
        // a PID is reused by the OS: only a live process running that program counts
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().orElse("").contains(program));
    }
}
