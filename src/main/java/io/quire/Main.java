package io.quire;

import io.quire.cli.Commands;
import io.quire.platform.config.ConfigException;
import io.quire.platform.config.ConfigLoader;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.db.StartupException;
import io.quire.platform.embedded.EmbeddedServices;
import io.quire.platform.files.AppFiles;
import io.quire.platform.logging.Logging;
import java.util.Map;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Entry point: with no argument the server (configuration, exit 2 on a bad value; then {@link App#start}; then wait
 * for SIGTERM/SIGINT and stop gracefully with exit code 0), else one of the operator {@link Commands}. Nothing here
 * logs before the configuration picked the log format.
 */
public final class Main {
    public static final int EXIT_CONFIG = 2;
    public static final int EXIT_STARTUP = 1;

    private Main() {}

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        if (args.length == 0) {
            serve(env);
            return;
        }
        int code = Commands.run(
                args, env, new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true));
        if (code != Commands.SERVING) {
            System.exit(code);
        }
    }

    /** The server: configuration, embedded services in development, the app, then wait for SIGTERM or SIGINT. */
    public static void serve(Map<String, String> env) {
        AppFiles files = AppFiles.fromEnvironment(env);
        QuireConfig config;
        try {
            config = new ConfigLoader(files).load(env);
        } catch (ConfigException e) {
            System.err.println("quire: " + e.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        }
        Logging.configure(config.log());
        EmbeddedServices embedded;
        App app;
        try {
            // development with no pg.url / redis.url: its own PostgreSQL and Redis, before anything connects
            embedded = EmbeddedServices.start(config);
            config = embedded.config();
        } catch (StartupException e) {
            LoggerFactory.getLogger(Main.class).error("startup failed: {}", e.getMessage());
            System.exit(EXIT_STARTUP);
            return;
        }
        try {
            app = App.start(config, files);
        } catch (ConfigException e) {
            embedded.close();
            System.err.println("quire: " + e.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        } catch (StartupException e) {
            embedded.close();
            LoggerFactory.getLogger(Main.class).error("startup failed: {}", e.getMessage());
            System.exit(EXIT_STARTUP);
            return;
        }
        if (config.log().format().equals("text")) {
            // for a person at a terminal; JSON logs (machines) have the "ready" line instead
            System.out.println(Banner.text(config, embedded));
        }
        // our own signal handlers, not a shutdown hook: a hook still exits with 143 after SIGTERM
        Thread stopper = new Thread(
                () -> {
                    app.stop();
                    embedded.close(); // after the app: its pools close first
                    System.exit(0);
                },
                "quire-shutdown");
        Signal.handle(new Signal("TERM"), sig -> startOnce(stopper));
        Signal.handle(new Signal("INT"), sig -> startOnce(stopper));
    }

    private static synchronized void startOnce(Thread stopper) {
        if (stopper.getState() == Thread.State.NEW) {
            stopper.start();
        }
    }
}
