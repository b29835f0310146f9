package io.quire.cli;

import io.vertx.core.json.JsonObject;
import java.util.regex.Pattern;

/** The configuration as an operator may see it: secrets, keys and passwords (in URLs too) replaced by stars. */
final class Secrets {
    private static final Pattern SECRET_KEY =
            Pattern.compile("(?i).*(secret|password|token|encryptionkey|previouskeys|apikey).*");
    private static final Pattern URL_PASSWORD = Pattern.compile("(://[^:/@]+):[^@/]*@");

    private Secrets() {}

    static JsonObject masked(JsonObject config) {
        JsonObject out = new JsonObject();
        config.forEach(e -> out.put(e.getKey(), masked(e.getKey(), e.getValue())));
        return out;
    }

    private static Object masked(String key, Object value) {
        if (value instanceof JsonObject nested) {
            return SECRET_KEY.matcher(key).matches() ? nested.isEmpty() ? nested : "****" : masked(nested);
        }
        if (value instanceof String s) {
            if (SECRET_KEY.matcher(key).matches()) {
                return s.isEmpty() ? "" : "****";
            }
            return URL_PASSWORD.matcher(s).replaceAll("$1:****@");
        }
        return value;
    }
}
