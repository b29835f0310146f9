package io.quire.platform.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import io.quire.platform.config.QuireConfig;
import java.net.URL;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Applies {@code log.format} and {@code log.level} once the configuration is known, and routes
 * java.util.logging (Liquibase, the JDBC driver) into SLF4J.
 */
public final class Logging {
    private Logging() {}

    public static void configure(QuireConfig.Log log) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        if (log.format().equals("json")) {
            URL json = Logging.class.getClassLoader().getResource("logback-json.xml");
            try {
                context.reset();
                JoranConfigurator configurator = new JoranConfigurator();
                configurator.setContext(context);
                configurator.doConfigure(json);
            } catch (JoranException e) {
                throw new IllegalStateException("logback-json.xml is broken", e);
            }
        }
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(log.level(), Level.INFO));
        bridgeJul();
    }

    /** Sends java.util.logging records to SLF4J; idempotent. */
    public static void bridgeJul() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}
