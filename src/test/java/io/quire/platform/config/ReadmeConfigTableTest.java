package io.quire.platform.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's configuration table names every key of {@code config/default.json} with its env variable. */
class ReadmeConfigTableTest {

    @Test
    void everyConfigKeyIsInTheReadme() throws Exception {
        JsonObject defaults = new JsonObject(Files.readString(Path.of("config/default.json")));
        String readme = Files.readString(Path.of("README.md"));
        List<String> missing = new ArrayList<>();
        collect(defaults, "", readme, missing);
        assertTrue(missing.isEmpty(), "README configuration table lacks: " + missing);
    }

    private static void collect(JsonObject node, String prefix, String readme, List<String> missing) {
        for (String key : node.fieldNames()) {
            String path = prefix + key;
            if (node.getValue(key) instanceof JsonObject nested) {
                collect(nested, path + ".", readme, missing);
            } else if (!readme.contains("`" + path + "`") || !readme.contains("`" + ConfigLoader.envName(path) + "`")) {
                missing.add(path + " / " + ConfigLoader.envName(path));
            }
        }
    }
}
