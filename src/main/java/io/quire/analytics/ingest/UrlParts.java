package io.quire.analytics.ingest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The referrer's host and a page URL's UTM parameters, without throwing on the odd URLs browsers send. */
final class UrlParts {
    private UrlParts() {}

    /** {@code https://www.Example.com:8443/x} → {@code example.com}; null when there is no host. */
    static String host(String url) {
        int scheme = url.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String host = url.substring(start, end);
        int at = host.lastIndexOf('@');
        if (at >= 0) {
            host = host.substring(at + 1);
        }
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(']') < colon) {
            host = host.substring(0, colon);
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("www.")) {
            host = host.substring(4);
        }
        return host.isEmpty() || host.length() > 253 ? null : host;
    }

    /** The {@code utm_*} parameters of a raw query string. */
    static Map<String, String> utm(String rawQuery) {
        if (rawQuery == null || !rawQuery.contains("utm_")) {
            return Map.of();
        }
        Map<String, String> found = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.startsWith("utm_")) {
                try {
                    found.putIfAbsent(
                            pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException ignored) {
                    // a broken escape: this parameter is dropped, the event is kept
                }
            }
        }
        return found;
    }
}
