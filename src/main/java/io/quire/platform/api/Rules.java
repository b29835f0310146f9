package io.quire.platform.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.ZoneId;

/** Rules JSON Schema cannot say, shared by features: pass one to {@link StringSchema#rule}. */
public final class Rules {
    private Rules() {}

    /** An IANA time zone that exists, such as Asia/Kolkata. */
    public static boolean timeZone(String zone) {
        try {
            ZoneId.of(zone);
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** Empty (meaning "clear it"), or an absolute http(s) URL with a host. */
    public static boolean emptyOrHttpUrl(String value) {
        if (value.isEmpty()) {
            return true;
        }
        try {
            URI uri = new URI(value);
            return uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
