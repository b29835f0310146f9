package io.quire.platform.config;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads one typed value at a key path from the layered JSON. Values that came from environment variables are
 * still strings here, so every reader accepts both the JSON type and its text form, and every failure names the
 * key, its env variable and the problem in one line.
 */
final class ConfigReader {
    private final JsonObject root;

    ConfigReader(JsonObject root) {
        this.root = root;
    }

    String string(String path) {
        Object v = value(path);
        if (!(v instanceof String s)) {
            throw problem(path, v, "not a string");
        }
        return s;
    }

    String oneOf(String path, Set<String> allowed) {
        String s = string(path);
        if (!allowed.contains(s)) {
            throw problem(
                    path,
                    s,
                    "must be one of "
                            + String.join(", ", allowed.stream().sorted().toList()));
        }
        return s;
    }

    int integer(String path, int min, int max) {
        long n = longValue(path, min, max);
        return (int) n;
    }

    long longValue(String path, long min, long max) {
        Object v = value(path);
        long n;
        if (v instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
            n = num.longValue();
        } else if (v instanceof String s && s.trim().matches("-?\\d{1,18}")) {
            n = Long.parseLong(s.trim());
        } else {
            throw problem(path, v, "not an integer");
        }
        if (n < min || n > max) {
            throw problem(path, v, "must be between " + min + " and " + max);
        }
        return n;
    }

    boolean bool(String path) {
        Object v = value(path);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(s);
        }
        throw problem(path, v, "not true or false");
    }

    List<String> list(String path) {
        Object v = value(path);
        if (!(v instanceof JsonArray array)) {
            throw problem(path, v, "not a list");
        }
        List<String> out = new ArrayList<>();
        for (Object item : array) {
            if (!(item instanceof String s)) {
                throw problem(path, v, "list items must be strings");
            }
            out.add(s);
        }
        return List.copyOf(out);
    }

    /** An absolute URL with one of the schemes and a host; the text is returned unchanged. */
    String url(String path, Set<String> schemes) {
        String s = string(path);
        try {
            URI uri = new URI(s);
            if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase()) || uri.getHost() == null) {
                throw problem(
                        path,
                        s,
                        "not a URL of the form "
                                + String.join(
                                        " or ",
                                        schemes.stream()
                                                .sorted()
                                                .map(x -> x + "://host…")
                                                .toList()));
            }
        } catch (URISyntaxException e) {
            throw problem(path, s, "malformed URL (" + e.getReason() + ")");
        }
        return s;
    }

    ConfigException problem(String path, Object value, String what) {
        boolean sensitive = path.contains("secret") || path.contains("Key") || path.contains("password");
        String shown = value instanceof String && sensitive ? "<hidden>" : String.valueOf(value);
        return new ConfigException(
                "invalid configuration: " + path + " (" + ConfigLoader.envName(path) + ") = '" + shown + "': " + what);
    }

    private Object value(String path) {
        JsonObject node = root;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.getJsonObject(parts[i]);
            if (node == null) {
                throw new ConfigException("invalid configuration: " + path + " is missing");
            }
        }
        Object v = node.getValue(parts[parts.length - 1]);
        if (v == null) {
            throw new ConfigException(
                    "invalid configuration: " + path + " (" + ConfigLoader.envName(path) + ") is missing");
        }
        return v;
    }
}
