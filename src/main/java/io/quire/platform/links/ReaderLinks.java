package io.quire.platform.links;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.UUID;

/**
 * Where a link to a site, a series or a chapter takes a reader. Quire serves the API, not the pages readers read,
 * so a site names its reader-facing site ({@code readerBaseUrl}), or the platform names one for every site
 * ({@code reading.readerBaseUrl}, where {@code {site}} stands for the site's slug). Under it the pages are
 * {@code <base>/}, {@code <base>/<series-slug>} and {@code <base>/<series-slug>/<chapter-slug>}. Without either,
 * links go to the public API resources that exist, rather than to pages that would answer 404.
 */
public final class ReaderLinks {
    public static final int MAX_LENGTH = 2048;
    private static final String SLUG = "{site}";
    private final String api;
    private final String platformTemplate;

    /** {@code platformTemplate}: empty for none. */
    public ReaderLinks(String publicBaseUrl, String platformTemplate) {
        this.api = trim(publicBaseUrl);
        this.platformTemplate = platformTemplate == null ? "" : trim(platformTemplate);
    }

    /** The links of one site; {@code readerBaseUrl} is the site's own setting, or null. */
    public OfSite site(UUID siteId, String siteSlug, String readerBaseUrl) {
        String base = readerBaseUrl != null
                ? trim(readerBaseUrl)
                : platformTemplate.isEmpty() ? null : platformTemplate.replace(SLUG, siteSlug);
        return new OfSite(api, siteId, base);
    }

    /** The API's own base URL (feeds link to themselves there). */
    public String api() {
        return api;
    }

    /** A site's links: its reader pages when it has a reader base, else its public API resources. */
    public record OfSite(String api, UUID siteId, String base) {
        public String home() {
            return base != null ? base + "/" : api + "/api/v1/sites/" + siteId + "/public";
        }

        public String series(UUID seriesId, String seriesSlug) {
            return base != null ? base + "/" + seriesSlug : api + "/api/v1/series/" + seriesId + "/public";
        }

        public String chapter(UUID chapterId, String seriesSlug, String chapterSlug) {
            return base != null
                    ? base + "/" + seriesSlug + "/" + chapterSlug
                    : api + "/api/v1/chapters/" + chapterId + "/read";
        }
    }

    /**
     * Null when {@code url} may be a reader base URL, else why not: an absolute https URL with a host, no
     * credentials, query or fragment (the page paths are appended to it).
     */
    public static String problem(String url) {
        if (url.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        URI uri;
        try {
            uri = new URI(url.replace(SLUG, "site"));
        } catch (URISyntaxException e) {
            return "must be an absolute https URL such as https://read.example.com";
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return "must be an absolute https URL such as https://read.example.com";
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "must not carry credentials, a query or a fragment";
        }
        return null;
    }

    private static String trim(String url) {
        return url.replaceAll("/+$", "");
    }
}
