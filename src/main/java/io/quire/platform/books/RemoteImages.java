package io.quire.platform.books;

import io.quire.platform.config.QuireConfig;
import io.quire.platform.net.TargetGuard;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fetches the images a book embeds, as the webhook deliverer reaches out: http(s) only, every address checked by
 * the {@link TargetGuard} (no loopback, private or metadata addresses unless allowed) and the connection made to
 * the address checked, no redirects, {@value #TIMEOUT_MS} ms each, one at a time. An image is kept only when it is
 * at most {@code maxEach} bytes, the book's images stay within {@code maxTotal}, and its first bytes say PNG, JPEG,
 * GIF or WebP (EPUB's core image types; the Content-Type header is not trusted). Whatever is not kept is left out,
 * and the book links to it instead; a fetch never fails the export.
 */
public final class RemoteImages {
    static final long TIMEOUT_MS = 10_000;
    static final int MAX_IMAGES = 200;

    /** A fetched image: its media type, the file extension that goes with it, and its bytes. */
    public record Image(String mediaType, String extension, byte[] bytes) {}

    private final Vertx vertx;
    private final HttpClient client;
    private final TargetGuard guard;
    private final long maxEach;
    private final long maxTotal;

    public RemoteImages(Vertx vertx, TargetGuard guard, long maxEach, long maxTotal) {
        this.vertx = vertx;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) TIMEOUT_MS)
                .setKeepAlive(false)
                .setMaxRedirects(0));
        this.guard = guard;
        this.maxEach = maxEach;
        this.maxTotal = maxTotal;
    }

    /** What exports fetch with: http or https, private addresses only when the configuration allows them. */
    public static RemoteImages forExports(Vertx vertx, QuireConfig.Content config) {
        return new RemoteImages(
                vertx,
                new TargetGuard(false, config.exportAllowPrivateHosts()),
                config.exportImageMaxBytes(),
                config.exportImagesMaxBytes());
    }

    /** The images of {@code urls} that could be fetched and kept, by URL. */
    public Future<Map<String, Image>> fetch(Collection<String> urls) {
        Map<String, Image> kept = new LinkedHashMap<>();
        long[] total = {0};
        Future<Void> chain = Future.succeededFuture();
        int n = 0;
        for (String url : urls) {
            if (n++ == MAX_IMAGES) {
                break;
            }
            chain = chain.compose(v -> {
                long left = Math.min(maxEach, maxTotal - total[0]);
                if (left <= 0) {
                    return Future.succeededFuture();
                }
                return one(url, left).map(image -> {
                    if (image != null) {
                        kept.put(url, image);
                        total[0] += image.bytes().length;
                    }
                    return null;
                });
            });
        }
        return chain.map(v -> kept);
    }

    private Future<Image> one(String url, long cap) {
        if (guard.urlProblem(url) != null) {
            return Future.succeededFuture();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (Exception e) {
            return Future.succeededFuture();
        }
        TargetGuard.Target target = TargetGuard.Target.of(uri);
        return guard.address(vertx, target.host())
                .compose(address -> address == null
                        ? Future.<Image>succeededFuture()
                        : get(
                                new RequestOptions()
                                        .setMethod(HttpMethod.GET)
                                        .setServer(SocketAddress.inetSocketAddress(
                                                target.port(), address.getHostAddress()))
                                        .setHost(target.host())
                                        .setPort(target.port())
                                        .setSsl(target.https())
                                        .setURI(target.path())
                                        .setFollowRedirects(false)
                                        .setTimeout(TIMEOUT_MS)
                                        .putHeader("Accept", "image/png, image/jpeg, image/gif, image/webp")
                                        .putHeader("User-Agent", "Quire-Export/1"),
                                cap))
                .otherwise((Image) null);
    }

    /** The body, read up to {@code cap} bytes: a longer one is cut off and dropped. */
    private Future<Image> get(RequestOptions options, long cap) {
        return client.request(options)
                .compose(request -> request.send().compose(response -> {
                    if (response.statusCode() != 200 || declaredLength(response) > cap) {
                        request.reset();
                        return Future.succeededFuture();
                    }
                    Promise<Image> done = Promise.promise();
                    Buffer body = Buffer.buffer();
                    response.handler(chunk -> {
                        if (body.length() + chunk.length() > cap) {
                            abandon(request, done);
                        } else {
                            body.appendBuffer(chunk);
                        }
                    });
                    response.exceptionHandler(e -> done.tryComplete());
                    response.endHandler(v -> done.tryComplete(sniff(body.getBytes())));
                    return done.future();
                }));
    }

    private static void abandon(HttpClientRequest request, Promise<Image> done) {
        if (done.tryComplete()) {
            request.reset();
        }
    }

    private static long declaredLength(HttpClientResponse response) {
        try {
            String length = response.getHeader("Content-Length");
            return length == null ? 0 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The image its magic bytes say it is, or null for anything else. */
    static Image sniff(byte[] b) {
        if (starts(b, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return new Image("image/png", "png", b);
        }
        if (starts(b, 0xFF, 0xD8, 0xFF)) {
            return new Image("image/jpeg", "jpg", b);
        }
        if (starts(b, 'G', 'I', 'F', '8')) {
            return new Image("image/gif", "gif", b);
        }
        if (b.length >= 12
                && starts(b, 'R', 'I', 'F', 'F')
                && b[8] == 'W'
                && b[9] == 'E'
                && b[10] == 'B'
                && b[11] == 'P') {
            return new Image("image/webp", "webp", b);
        }
        return null;
    }

    private static boolean starts(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
