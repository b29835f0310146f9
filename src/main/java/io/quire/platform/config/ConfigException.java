package io.quire.platform.config;

/** A configuration value that is missing or wrong; its message is one line naming the key and the problem. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
