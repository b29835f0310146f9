package io.quire.apikeys;

import io.quire.platform.auth.AuthHandler;
import io.quire.platform.crypto.SecretTokens;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code qk_<prefix>_<secret>}: the prefix finds the row, the secret proves possession. */
final class ApiKeyFormat {
    static final String PREFIX = AuthHandler.API_KEY_PREFIX;
    private static final Pattern SHAPE = Pattern.compile("^qk_([A-Za-z0-9]{12})_([A-Za-z0-9_-]{43})$");

    private ApiKeyFormat() {}

    record Parts(String prefix, String secret) {
        String full() {
            return PREFIX + prefix + "_" + secret;
        }
    }

    static Parts generate() {
        String alphanumeric = "";
        while (alphanumeric.length() < 12) {
            alphanumeric += SecretTokens.random(16).replaceAll("[^A-Za-z0-9]", "");
        }
        return new Parts(alphanumeric.substring(0, 12), SecretTokens.random(32));
    }

    static Optional<Parts> parse(String key) {
        Matcher m = SHAPE.matcher(key);
        return m.matches() ? Optional.of(new Parts(m.group(1), m.group(2))) : Optional.empty();
    }
}
