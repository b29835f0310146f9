package io.quire.cli;

import io.quire.platform.config.QuireConfig;
import io.quire.platform.crypto.Passwords;
import io.quire.platform.crypto.SecretTokens;
import io.quire.platform.db.DatabaseBootstrap;
import io.quire.platform.db.Migrations;
import io.quire.platform.db.PgPools;
import io.quire.platform.db.PgTarget;
import io.quire.platform.embedded.EmbeddedServices;
import io.quire.platform.ids.Ids;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code create-admin --email}: the platform's first SUPER_ADMIN. A new account gets a one-time password, printed
 * once (change it after signing in); an existing one keeps its password and gains the role (its sessions end, so
 * the next token carries it).
 */
@Command(
        name = "create-admin",
        mixinStandardHelpOptions = true,
        description = "Make an account the platform's SUPER_ADMIN, creating it with a one-time password if needed.")
final class CreateAdmin implements Callable<Integer> {
    private static final String FIND = "SELECT id FROM users WHERE lower(email) = lower($1)";
    private static final String PROMOTE = "UPDATE users SET role = 'SUPER_ADMIN', updated_at = now() WHERE id = $1";
    private static final String END_SESSIONS =
            "UPDATE sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL";
    private static final String CREATE = """
      INSERT INTO users (id, email, username, display_name, password_hash, role, status, email_verified_at)
      VALUES ($1, $2, $3, $4, $5, 'SUPER_ADMIN', 'ACTIVE', now())
      """;

    private final Map<String, String> env;

    @Option(names = "--email", required = true, description = "The admin's email address")
    String email;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    CreateAdmin(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() throws Exception {
        String address = email.trim().toLowerCase(Locale.ROOT);
        if (!address.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--email must be an email address");
        }
        QuireConfig config = Commands.config(env);
        PrintWriter out = spec.commandLine().getOut();
        try (EmbeddedServices embedded = EmbeddedServices.start(config, false)) {
            PgTarget target = PgTarget.of(embedded.config().pg());
            DatabaseBootstrap.ensureDatabase(
                    target, Duration.ofSeconds(config.startup().waitSeconds()));
            Migrations.run(target);
            Vertx vertx = Vertx.vertx();
            Pool pool = PgPools.shared(vertx, embedded.config().pg(), "create-admin");
            try {
                var found = pool.preparedQuery(FIND).execute(Tuple.of(address)).await(30, TimeUnit.SECONDS);
                if (found.size() > 0) {
                    var id = found.iterator().next().getUUID("id");
                    pool.withTransaction(tx -> tx.preparedQuery(PROMOTE)
                                    .execute(Tuple.of(id))
                                    .compose(v -> tx.preparedQuery(END_SESSIONS).execute(Tuple.of(id))))
                            .await(30, TimeUnit.SECONDS);
                    out.println(address + " is now a SUPER_ADMIN (its password is unchanged; sign in again).");
                } else {
                    String password = SecretTokens.random(18);
                    String hash = new Passwords(vertx, config.passwords())
                            .hash(password)
                            .await(60, TimeUnit.SECONDS);
                    String username = username(address);
                    pool.preparedQuery(CREATE)
                            .execute(Tuple.of(Ids.newId(), address, username, username, hash))
                            .await(30, TimeUnit.SECONDS);
                    out.println("created SUPER_ADMIN " + address + " (username " + username + ")");
                    out.println("one-time password: " + password);
                    out.println(
                            "sign in with it and change it (POST /api/v1/auth/change-password); it is not shown again.");
                }
                out.flush();
                return 0;
            } finally {
                pool.close().await(10, TimeUnit.SECONDS);
                vertx.close().await(10, TimeUnit.SECONDS);
            }
        }
    }

    /** A username from the address's local part that the users table accepts ({@code [a-z0-9_]{3,30}}). */
    static String username(String address) {
        String local = address.substring(0, address.indexOf('@')).replaceAll("[^a-z0-9_]", "_");
        String base = local.length() < 3 ? local + "_admin" : local;
        // a suffix so two admins named "admin" at different domains do not collide
        String suffix = String.format(
                "%04d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10_000));
        return (base.length() > 25 ? base.substring(0, 25) : base) + "_" + suffix;
    }
}
