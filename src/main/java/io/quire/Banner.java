package io.quire;

import io.quire.platform.config.QuireConfig;
import io.quire.platform.embedded.EmbeddedServices;
import java.nio.file.Path;

/** The few lines printed once Quire is ready: where it answers, where its data lives, and what to do first. */
final class Banner {
    private Banner() {}

    static String text(QuireConfig config, EmbeddedServices embedded) {
        // a development instance is visited on this machine, at the port it listens on
        String base = config.env().equals("dev")
                ? "http://localhost:" + config.http().port()
                : config.publicBaseUrl().replaceAll("/+$", "");
        StringBuilder out = new StringBuilder()
                .append("\nQuire is ready (")
                .append(config.env())
                .append(")\n")
                .append("  API        ")
                .append(base)
                .append("/api/v1\n")
                .append("  Reference  ")
                .append(base)
                .append("/docs\n");
        if (embedded.any()) {
            out.append("  Services   embedded ")
                    .append(embedded.postgres() ? "PostgreSQL" : "")
                    .append(embedded.postgres() && embedded.redis() ? " and " : "")
                    .append(embedded.redis() ? "Redis" : "")
                    .append(" (set QUIRE_PG_URL / QUIRE_REDIS_URL to use your own)\n");
            if (embedded.postgres()) {
                out.append("  Data       ")
                        .append(Path.of(config.data().dir()).toAbsolutePath().normalize())
                        .append("\n");
            }
        } else {
            out.append("  Services   PostgreSQL and Redis as configured\n");
        }
        out.append(
                config.bootstrapAdminEmail().isEmpty()
                        ? "  First admin: java -jar quire.jar create-admin --email you@example.com\n"
                        : "  First admin: register " + config.bootstrapAdminEmail() + "\n");
        return out.toString();
    }
}
