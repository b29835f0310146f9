package io.quire.platform.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the top-level folders Quire ships with ({@code config/}, {@code verticles/}): from the working
 * directory (or {@code QUIRE_HOME}) when the file is there, so an operator can mount their own, else from the
 * copy packaged inside the jar, so {@code java -jar quire.jar} runs from any directory.
 */
public final class AppFiles {
    private final Path home;

    public AppFiles(Path home) {
        this.home = home;
    }

    /** The files under the working directory, or under {@code QUIRE_HOME} when that is set. */
    public static AppFiles fromEnvironment(java.util.Map<String, String> env) {
        String home = env.get("QUIRE_HOME");
        return new AppFiles(Path.of(home == null || home.isBlank() ? "." : home));
    }

    /** The text of {@code relativePath} ("config/default.json"), or empty when neither copy exists. */
    public Optional<String> read(String relativePath) {
        Path onDisk = home.resolve(relativePath);
        try {
            if (Files.isRegularFile(onDisk)) {
                return Optional.of(Files.readString(onDisk, StandardCharsets.UTF_8));
            }
            try (InputStream in = AppFiles.class.getClassLoader().getResourceAsStream(relativePath)) {
                return in == null
                        ? Optional.empty()
                        : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relativePath, e);
        }
    }
}
