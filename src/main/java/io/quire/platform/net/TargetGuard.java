package io.quire.platform.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;

/**
 * Keeps outgoing webhooks away from the inside of the network: an endpoint URL must be absolute http(s) (https
 * only when required), and every address its host resolves to is refused when it is loopback, private,
 * link-local (which covers the 169.254.169.254 metadata service), multicast, unspecified or IPv6 unique-local —
 * unless private targets are allowed (tests, development). The deliverer connects to the very address checked
 * here, so a DNS answer that changes between check and connection cannot slip through.
 */
public final class TargetGuard {
    private final boolean requireHttps;
    private final boolean allowPrivate;

    public TargetGuard(boolean requireHttps, boolean allowPrivate) {
        this.requireHttps = requireHttps;
        this.allowPrivate = allowPrivate;
    }

    /** Null when acceptable as an endpoint URL, else why not. */
    public String urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return "must be an absolute URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && !requireHttps)) {
            return requireHttps ? "must be an https URL" : "must be an http or https URL";
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "must name a host";
        }
        if (uri.getUserInfo() != null) {
            return "must not carry credentials";
        }
        return null;
    }

    /** The first acceptable address of {@code host}, or null when every address is refused. Blocking: off the event loop. */
    public InetAddress resolve(String host) throws java.net.UnknownHostException {
        for (InetAddress address : InetAddress.getAllByName(host)) {
            if (allowPrivate || !internal(address)) {
                return address;
            }
        }
        return null;
    }

    /** Where a URL points, for a request made to one checked address: host (for Host and SNI), port, path + query. */
    public record Target(String host, int port, boolean https, String path) {
        public static Target of(URI uri) {
            boolean https = "https".equalsIgnoreCase(uri.getScheme());
            String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return new Target(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80, https, path);
        }
    }

    /**
     * {@link #resolve} that never blocks an event loop: an address literal needs no lookup, a name is resolved on a
     * worker. Null when every address is refused; failed when the name does not resolve.
     */
    public io.vertx.core.Future<InetAddress> address(io.vertx.core.Vertx vertx, String host) {
        return isLiteral(host)
                ? io.vertx.core.Future.succeededFuture(resolveLiteral(host))
                : vertx.executeBlocking(() -> resolve(host), false);
    }

    private static final java.util.regex.Pattern IPV4 =
            java.util.regex.Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");

    /**
     * Whether {@code host} is a dotted-quad IPv4 or an IPv6 literal, which {@link InetAddress#getByName} parses
     * without a lookup. Anything else (even digits and dots that are not a valid address) goes to the resolver, off
     * the event loop.
     */
    public static boolean isLiteral(String host) {
        return IPV4.matcher(host).matches() || host.contains(":");
    }

    /** {@link #resolve} for a literal: no lookup, so it may run on the event loop. */
    public InetAddress resolveLiteral(String host) {
        try {
            InetAddress address =
                    InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
            return allowPrivate || !internal(address) ? address : null;
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    public static boolean internal(InetAddress a) {
        if (a.isLoopbackAddress()
                || a.isSiteLocalAddress()
                || a.isLinkLocalAddress()
                || a.isAnyLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            return (b[0] & 0xfe) == 0xfc; // fc00::/7 unique-local
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        return first == 0
                || first == 100 && second >= 64 && second <= 127 // 0/8, carrier-grade NAT 100.64/10
                || first == 198 && (second == 18 || second == 19); // benchmarking 198.18/15
    }
}
