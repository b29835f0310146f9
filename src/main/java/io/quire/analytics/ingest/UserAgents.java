package io.quire.analytics.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Locale;
import java.util.regex.Pattern;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * Browser, OS and device type from a User-Agent, with ua-parser's maintained regexes (uap-java). Parsing runs
 * dozens of regexes, so results are cached by the exact string: readers' browsers repeat the same few thousand.
 * Crawlers (ua-parser's {@code Spider} device, or the usual bot words) are flagged so their events are dropped.
 */
public final class UserAgents {
    private static final Pattern BOT_WORDS = Pattern.compile(
            "bot|crawl|spider|slurp|headless|lighthouse|pingdom|uptime|monitor|preview|facebookexternalhit|python-requests|curl/|wget/|go-http-client|okhttp|java/|scrapy",
            Pattern.CASE_INSENSITIVE);

    /** What the User-Agent says; {@code bot} events are not stored. */
    public record Agent(
            boolean bot, String deviceType, String browser, String browserVersion, String os, String osVersion) {}

    static final Agent UNKNOWN = new Agent(false, "desktop", null, null, null, null);

    private final Parser parser;
    private final Cache<String, Agent> cache =
            Caffeine.newBuilder().maximumSize(20_000).build();

    /** Loading the regexes takes a few hundred milliseconds: construct off the event loop. */
    public UserAgents() {
        this.parser = new Parser();
    }

    public Agent of(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return UNKNOWN;
        }
        String ua = userAgent.length() > 1000 ? userAgent.substring(0, 1000) : userAgent;
        return cache.get(ua, this::parse);
    }

    private Agent parse(String ua) {
        Client c = parser.parse(ua);
        boolean bot = "Spider".equals(c.device.family) || BOT_WORDS.matcher(ua).find();
        String browser = other(c.userAgent.family);
        String os = other(c.os.family);
        return new Agent(
                bot,
                deviceType(ua, c),
                browser,
                version(c.userAgent.major, c.userAgent.minor),
                os,
                version(c.os.major, c.os.minor));
    }

    /** desktop, mobile or tablet: ua-parser names devices, not their kind, so the kind follows the usual tokens. */
    private static String deviceType(String ua, Client c) {
        String lower = ua.toLowerCase(Locale.ROOT);
        String device = c.device.family == null ? "" : c.device.family;
        if (device.equals("iPad")
                || lower.contains("tablet")
                || lower.contains("kindle")
                || lower.contains("silk/")
                || lower.contains("android") && !lower.contains("mobile")) {
            return "tablet";
        }
        if (lower.contains("mobi")
                || device.equals("iPhone")
                || device.equals("iPod")
                || lower.contains("windows phone")) {
            return "mobile";
        }
        return "desktop";
    }

    private static String other(String family) {
        return family == null || family.equals("Other") ? null : family;
    }

    private static String version(String major, String minor) {
        if (major == null) {
            return null;
        }
        return minor == null ? major : major + "." + minor;
    }
}
