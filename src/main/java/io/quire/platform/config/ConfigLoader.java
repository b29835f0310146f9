package io.quire.platform.config;

import io.quire.platform.files.AppFiles;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * Builds the configuration in three layers: {@code config/default.json} (every key, safe defaults) ←
 * {@code config/<QUIRE_ENV>.json} ← environment variables named {@code QUIRE_} + the key path in upper snake
 * case ({@code http.port} → {@code QUIRE_HTTP_PORT}). Only keys present in the defaults can be overridden, so a
 * typo in an env file is caught instead of silently ignored.
 */
public final class ConfigLoader {
    public static final String ENV_PREFIX = "QUIRE_";

    private final AppFiles files;

    public ConfigLoader(AppFiles files) {
        this.files = files;
    }

    /** Loads, layers and validates; throws {@link ConfigException} with a one-line message on any problem. */
    public QuireConfig load(Map<String, String> env) {
        return QuireConfig.bind(layered(env));
    }

    /** The merged JSON before binding, with env values still as strings. */
    public JsonObject layered(Map<String, String> env) {
        JsonObject defaults = parse(
                "config/default.json",
                files.read("config/default.json")
                        .orElseThrow(() -> new ConfigException("config/default.json is missing")));
        String envName = env.getOrDefault(ENV_PREFIX + "ENV", defaults.getString("env", "dev"));
        if (!envName.matches("[a-z0-9][a-z0-9-]{0,31}")) {
            throw new ConfigException("env (QUIRE_ENV): '" + envName + "' must be lower-case letters, digits and '-'");
        }
        JsonObject merged = defaults.copy();
        String envFile = "config/" + envName + ".json";
        files.read(envFile).ifPresent(text -> overlayFile(merged, parse(envFile, text), "", envFile));
        merged.put("env", envName);
        overlayEnv(merged, "", env);
        return merged;
    }

    /** {@code http.bodyLimitBytes} → {@code QUIRE_HTTP_BODY_LIMIT_BYTES}. */
    public static String envName(String keyPath) {
        return ENV_PREFIX
                + keyPath.replace('.', '_')
                        .replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                        .toUpperCase();
    }

    private static JsonObject parse(String name, String text) {
        try {
            return new JsonObject(text);
        } catch (DecodeException e) {
            throw new ConfigException(name + ": not valid JSON ("
                    + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static void overlayFile(JsonObject target, JsonObject source, String prefix, String file) {
        for (Map.Entry<String, Object> e : source) {
            String path = prefix + e.getKey();
            if (!target.containsKey(e.getKey())) {
                throw new ConfigException(file + ": unknown key '" + path + "' (not in config/default.json)");
            }
            Object current = target.getValue(e.getKey());
            if (current instanceof JsonObject nested && e.getValue() instanceof JsonObject override) {
                overlayFile(nested, override, path + ".", file);
            } else {
                target.put(e.getKey(), e.getValue());
            }
        }
    }

    private static void overlayEnv(JsonObject target, String prefix, Map<String, String> env) {
        for (String key : target.fieldNames().toArray(String[]::new)) {
            String path = prefix + key;
            Object current = target.getValue(key);
            if (current instanceof JsonObject nested) {
                overlayEnv(nested, path + ".", env);
                continue;
            }
            String value = env.get(envName(path));
            if (value == null) {
                continue;
            }
            target.put(key, current instanceof JsonArray ? commaList(value) : value);
        }
    }

    private static JsonArray commaList(String value) {
        JsonArray list = new JsonArray();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                list.add(part.trim());
            }
        }
        return list;
    }
}
