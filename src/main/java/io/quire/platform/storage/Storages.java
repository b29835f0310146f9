package io.quire.platform.storage;

import io.quire.platform.config.QuireConfig;
import io.vertx.core.Vertx;
import java.nio.file.Path;

/** The storage {@code media.storage} names, and where uploads wait while they stream in. */
public final class Storages {
    private Storages() {}

    public static Storage from(Vertx vertx, QuireConfig config) {
        return switch (config.media().storage()) {
            case "local" -> new LocalStorage(vertx, Path.of(config.data().dir(), "media"));
            case "s3" -> new S3Storage(vertx, config.media().s3());
            default ->
                throw new IllegalStateException(
                        "unknown media.storage " + config.media().storage());
        };
    }

    /** Beside the stored files (a move into place is a rename), under a name no storage key can take. */
    public static String uploadDirectory(QuireConfig config) {
        return Path.of(config.data().dir(), "media", ".uploads")
                .toAbsolutePath()
                .toString();
    }
}
