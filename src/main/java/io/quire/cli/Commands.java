package io.quire.cli;

import io.quire.Main;
import io.quire.platform.config.ConfigException;
import io.quire.platform.config.ConfigLoader;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.db.DatabaseBootstrap;
import io.quire.platform.db.Migrations;
import io.quire.platform.db.PgTarget;
import io.quire.platform.embedded.EmbeddedServices;
import io.quire.platform.files.AppFiles;
import io.quire.platform.logging.Logging;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar quire.jar [command]}: with none, or {@code serve}, the server; the others do one thing and exit.
 * Exit codes: 0 done, 1 a dependency failed (database, embedded services), 2 bad configuration or usage.
 */
@Command(
        name = "quire",
        mixinStandardHelpOptions = true,
        description = "Quire: the API server for publishing platforms.",
        subcommands = {
            Commands.Serve.class,
            Commands.Migrate.class,
            Commands.ConfigCommand.class,
            CreateAdmin.class,
            SeedDemo.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done (serve: stopped by SIGTERM or SIGINT)",
            "1:a dependency failed (the database, an embedded service)",
            "2:bad configuration or usage"
        })
public final class Commands implements Callable<Integer> {
    /** What {@code serve} answers: the server runs on, so the process must not exit. */
    public static final int SERVING = -1;

    final Map<String, String> env;

    public Commands(Map<String, String> env) {
        this.env = env;
    }

    /** Runs {@code args}; {@link #SERVING} when the server was started. */
    public static int run(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Commands(env), new Factory(env));
        cli.setOut(out).setErr(err);
        // a bad value or a dependency that is down is one line naming it, not a stack trace
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            command.getErr().println("quire: " + e.getMessage());
            command.getErr().flush();
            return e instanceof ConfigException ? Main.EXIT_CONFIG : Main.EXIT_STARTUP;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        Main.serve(env);
        return SERVING;
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server (the default).")
    static final class Serve implements Callable<Integer> {
        private final Map<String, String> env;

        Serve(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Main.serve(env);
            return SERVING;
        }
    }

    @Command(
            name = "migrate",
            mixinStandardHelpOptions = true,
            description =
                    "Create the database if needed, run the migrations and exit (a deploy step before a rollout).")
    static final class Migrate implements Callable<Integer> {
        private final Map<String, String> env;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        Migrate(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            QuireConfig config = config(env);
            try (EmbeddedServices embedded = EmbeddedServices.start(config, false)) {
                PgTarget target = PgTarget.of(embedded.config().pg());
                DatabaseBootstrap.ensureDatabase(
                        target, Duration.ofSeconds(config.startup().waitSeconds()));
                int applied = Migrations.run(target);
                spec.commandLine()
                        .getOut()
                        .println("migrations up to date (" + applied + " changesets applied in all)");
                spec.commandLine().getOut().flush();
                return 0;
            }
        }
    }

    @Command(
            name = "config",
            mixinStandardHelpOptions = true,
            description = "Look at the configuration.",
            subcommands = {ConfigCheck.class})
    static final class ConfigCommand implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: check");
        }
    }

    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description =
                    "Load and check the configuration (files and QUIRE_* variables) and print it, secrets masked.")
    static final class ConfigCheck implements Callable<Integer> {
        private final Map<String, String> env;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        ConfigCheck(Map<String, String> env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            AppFiles files = AppFiles.fromEnvironment(env);
            ConfigLoader loader = new ConfigLoader(files);
            QuireConfig config = loader.load(env); // a bad value fails here, naming the key (exit 2)
            JsonObject shown = Secrets.masked(loader.layered(env));
            PrintWriter out = spec.commandLine().getOut();
            out.println(shown.encodePrettily());
            out.println("configuration ok (env " + config.env() + (config.embedsPg() ? ", embedded PostgreSQL" : "")
                    + (config.embedsRedis() ? ", embedded Redis" : "") + ")");
            out.flush();
            return 0;
        }
    }

    /** The configuration, with logging set up from it (exit 2 on a bad value). */
    static QuireConfig config(Map<String, String> env) {
        QuireConfig config = new ConfigLoader(AppFiles.fromEnvironment(env)).load(env);
        Logging.configure(config.log());
        return config;
    }

    /** Gives each command the environment it runs in (tests pass their own). */
    private record Factory(Map<String, String> env) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(Map.class).newInstance(env);
            } catch (NoSuchMethodException none) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
