package io.quire;

import io.quire.platform.AppContext;
import io.quire.platform.config.ConfigLoader;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.db.PgPools;
import io.quire.platform.files.AppFiles;
import io.quire.platform.metrics.Metrics;
import io.quire.platform.redis.RedisClients;
import io.quire.verticle.ApiRouter;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes the OpenAPI document the server would serve, without a database or Redis (their clients connect lazily
 * and are never used): {@code java -cp … io.quire.OpenApiWriter target/openapi.json}. The build runs it so that
 * client generators work from exactly what {@code /openapi.json} says.
 */
public final class OpenApiWriter {
    private OpenApiWriter() {}

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/openapi.json");
        // addresses only for the clients' construction: nothing connects, so nothing embedded is started either
        QuireConfig config = new ConfigLoader(new AppFiles(Path.of(".")))
                .load(Map.of("QUIRE_ENV", "dev"))
                .withServices("postgresql://postgres@127.0.0.1:5432/quire", "redis://127.0.0.1:6379/0");
        Vertx vertx = Vertx.vertx();
        try {
            AppContext app = new AppContext(config, Metrics.newRegistry(), 0, new AtomicBoolean(), List.of(), Map.of());
            var built = ApiRouter.build(
                    vertx,
                    app,
                    PgPools.shared(vertx, config.pg(), "openapi-writer"),
                    RedisClients.create(vertx, config.redis()),
                    PgPools.sharedReads(vertx, config.pg()));
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, built.document().encodePrettily());
            System.out.println("wrote " + out + " ("
                    + built.document().getJsonObject("paths").size() + " paths)");
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
