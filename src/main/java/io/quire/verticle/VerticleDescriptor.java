package io.quire.verticle;

import io.quire.platform.config.ConfigException;
import io.quire.platform.files.AppFiles;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * One {@code verticles/<name>.json}: which class to deploy, how many instances ({@code "cores"} or a number)
 * and which config section it reads. {@code Main} deploys the ones {@code QUIRE_VERTICLES} names.
 */
public record VerticleDescriptor(String name, String className, String instances, String configSection) {

    public static VerticleDescriptor load(AppFiles files, String name) {
        String path = "verticles/" + name + ".json";
        String text = files.read(path).orElseThrow(() -> new ConfigException(path + " is missing"));
        try {
            JsonObject json = new JsonObject(text);
            return new VerticleDescriptor(
                    json.getString("name"),
                    json.getString("class"),
                    String.valueOf(json.getValue("instances")),
                    json.getString("config"));
        } catch (DecodeException | ClassCastException e) {
            throw new ConfigException(path + ": not a valid descriptor (" + e.getMessage() + ")");
        }
    }

    /** Instances to deploy; {@code cores} follows the machine, {@code http.instances} > 0 overrides it. */
    public int instanceCount(int configured) {
        if (configured > 0) {
            return configured;
        }
        if (instances.equals("cores")) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            return Math.max(1, Integer.parseInt(instances));
        } catch (NumberFormatException e) {
            throw new ConfigException("verticles/" + name + ".json: instances must be a number or \"cores\"");
        }
    }
}
