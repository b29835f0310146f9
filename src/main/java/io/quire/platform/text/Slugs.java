package io.quire.platform.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * URL slugs: lower-case ASCII words joined by hyphens, transliterated from the title (accents dropped, ß → ss,
 * æ → ae, …). Scripts without a Latin transliteration here give the fallback. A clash gets {@code -2},
 * {@code -3}, ….
 */
public final class Slugs {
    public static final Pattern VALID = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");
    public static final int MAX_LENGTH = 80;
    private static final Map<String, String> SPECIAL = Map.ofEntries(
            Map.entry("ß", "ss"),
            Map.entry("æ", "ae"),
            Map.entry("Æ", "ae"),
            Map.entry("ø", "o"),
            Map.entry("Ø", "o"),
            Map.entry("œ", "oe"),
            Map.entry("Œ", "oe"),
            Map.entry("ł", "l"),
            Map.entry("Ł", "l"),
            Map.entry("đ", "d"),
            Map.entry("Đ", "d"),
            Map.entry("þ", "th"),
            Map.entry("Þ", "th"),
            Map.entry("ð", "d"),
            Map.entry("&", " and "));

    private Slugs() {}

    public static String from(String title, String fallback) {
        String s = title == null ? "" : title;
        for (Map.Entry<String, String> e : SPECIAL.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        s = Normalizer.normalize(s, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        s = s.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (s.length() > MAX_LENGTH) {
            s = s.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return s.isEmpty() ? fallback : s;
    }

    /** {@code base}, or the first of {@code base-2}, {@code base-3}, … not in {@code taken}. */
    public static String unique(String base, Set<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + "-" + n;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }
}
