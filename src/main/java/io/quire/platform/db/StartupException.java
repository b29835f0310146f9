package io.quire.platform.db;

/** Start-up could not finish (a dependency stayed unreachable, migrations failed); the message says why. */
public final class StartupException extends RuntimeException {
    public StartupException(String message) {
        super(message, null, false, false);
    }
}
