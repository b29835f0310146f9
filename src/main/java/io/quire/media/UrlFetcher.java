package io.quire.media;

import io.quire.platform.http.ApiException;
import io.quire.platform.net.TargetGuard;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.net.URI;

/**
 * Fetches a file for {@code POST /media/upload/from-url}, in the workers: the same guard as outgoing webhooks on
 * every hop (a redirect is followed only to an address the guard accepts, at most {@value #MAX_REDIRECTS} times),
 * the connection made to the very address checked, the body streamed to a temporary file — cut off past the size cap
 * — and the whole fetch bounded in time.
 */
final class UrlFetcher {
    static final int MAX_REDIRECTS = 3;

    private final Vertx vertx;
    private final HttpClient client;
    private final TargetGuard guard;
    private final Uploads uploads;
    private final String directory;
    private final long timeoutMs;

    UrlFetcher(Vertx vertx, TargetGuard guard, String directory, long timeoutMs) {
        this.vertx = vertx;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) Math.min(timeoutMs, 10_000))
                // kept alive: a server that closes the connection right after the body can otherwise cut a
                // response that is paused for the disk to catch up
                .setKeepAlive(true)
                .setKeepAliveTimeout(5)
                .setMaxRedirects(0));
        this.guard = guard;
        this.uploads = new Uploads(vertx, directory);
        this.directory = directory;
        this.timeoutMs = timeoutMs;
    }

    /** Why a fetch did not give a file: a stable code and a sentence for the upload's status. */
    static final class Failed extends RuntimeException {
        final String code;

        Failed(String code, String detail) {
            super(detail, null, false, false);
            this.code = code;
        }
    }

    Future<Uploads.Received> fetch(String url, long maxBytes) {
        long deadline = System.currentTimeMillis() + timeoutMs;
        return hop(url, maxBytes, deadline, 0);
    }

    private Future<Uploads.Received> hop(String url, long maxBytes, long deadline, int redirects) {
        String problem = guard.urlProblem(url);
        if (problem != null) {
            return Future.failedFuture(new Failed("media.url_not_allowed", "The URL " + problem + "."));
        }
        URI uri = URI.create(url);
        TargetGuard.Target target = TargetGuard.Target.of(uri);
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
            return Future.failedFuture(timedOut());
        }
        return guard.address(vertx, target.host())
                .recover(e -> Future.failedFuture(
                        new Failed("media.fetch_failed", "The host " + target.host() + " does not resolve.")))
                .compose(address -> {
                    if (address == null) {
                        return Future.failedFuture(new Failed(
                                "media.url_not_allowed", "The URL points at a private or internal address."));
                    }
                    return client.request(new RequestOptions()
                                    .setMethod(HttpMethod.GET)
                                    .setServer(SocketAddress.inetSocketAddress(target.port(), address.getHostAddress()))
                                    .setHost(target.host())
                                    .setPort(target.port())
                                    .setSsl(target.https())
                                    .setURI(target.path())
                                    .setFollowRedirects(false)
                                    .setIdleTimeout(left)
                                    .putHeader("User-Agent", "Quire-Media/1"))
                            .compose(request -> request.send())
                            .recover(e -> Future.failedFuture(
                                    e instanceof Failed
                                            ? e
                                            : new Failed("media.fetch_failed", "The fetch failed: " + e.getMessage())))
                            .compose(response -> {
                                int status = response.statusCode();
                                String location = response.getHeader("Location");
                                if (status >= 300 && status < 400 && location != null) {
                                    drop(response);
                                    if (redirects == MAX_REDIRECTS) {
                                        return Future.failedFuture(
                                                new Failed("media.fetch_failed", "Too many redirects."));
                                    }
                                    return hop(uri.resolve(location).toString(), maxBytes, deadline, redirects + 1);
                                }
                                if (status != 200) {
                                    drop(response);
                                    return Future.failedFuture(
                                            new Failed("media.fetch_failed", "The URL answered HTTP " + status + "."));
                                }
                                return body(response, maxBytes, deadline, uri);
                            });
                });
    }

    /** The body into a temporary file, with its hash and first bytes taken on the way. */
    private Future<Uploads.Received> body(HttpClientResponse response, long maxBytes, long deadline, URI uri) {
        if (declaredLength(response) > maxBytes) {
            drop(response);
            return Future.failedFuture(tooLarge(maxBytes));
        }
        response.pause();
        Promise<Uploads.Received> done = Promise.promise();
        Intake intake = new Intake();
        String name = nameOf(uri);
        vertx.fileSystem()
                .mkdirs(directory)
                .compose(v -> vertx.fileSystem().createTempFile(directory, "fetch-", ".part", (String) null))
                .onFailure(done::tryFail)
                .onSuccess(path -> vertx.fileSystem()
                        .open(path, new OpenOptions().setWrite(true))
                        .onFailure(done::tryFail)
                        .onSuccess(file -> {
                            Runnable abandon = () -> {
                                response.request().reset();
                                file.close().onComplete(c -> uploads.discard(path));
                            };
                            long timer = vertx.setTimer(Math.max(1, deadline - System.currentTimeMillis()), t -> {
                                if (done.tryFail(timedOut())) {
                                    abandon.run();
                                }
                            });
                            response.handler(chunk -> {
                                if (done.future().isComplete()) {
                                    return;
                                }
                                if (intake.size() + chunk.length() > maxBytes) {
                                    vertx.cancelTimer(timer);
                                    done.tryFail(tooLarge(maxBytes));
                                    abandon.run();
                                    return;
                                }
                                intake.take(chunk);
                                file.write(chunk);
                                if (file.writeQueueFull()) {
                                    response.pause();
                                    file.drainHandler(x -> response.resume());
                                }
                            });
                            response.exceptionHandler(e -> {
                                vertx.cancelTimer(timer);
                                if (done.tryFail(new Failed("media.fetch_failed", "The fetch broke off."))) {
                                    abandon.run();
                                }
                            });
                            response.endHandler(v -> {
                                vertx.cancelTimer(timer);
                                if (!done.future().isComplete()) {
                                    file.close().onComplete(c -> done.tryComplete(intake.received(path, name, null)));
                                }
                            });
                            response.resume();
                        }));
        return done.future();
    }

    /** Abandons a response whose body is not wanted (the reset it causes is expected, not an error to log). */
    private static void drop(HttpClientResponse response) {
        response.exceptionHandler(e -> {});
        response.request().reset();
    }

    static String nameOf(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.isBlank() ? "download" : last;
    }

    private static long declaredLength(HttpClientResponse response) {
        try {
            String length = response.getHeader("Content-Length");
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Failed timedOut() {
        return new Failed("media.fetch_timeout", "The fetch took longer than " + timeoutMs + " ms.");
    }

    private static ApiException.TooLarge tooLarge(long maxBytes) {
        return new ApiException.TooLarge(
                "media.too_large",
                "The file is larger than the " + maxBytes + " bytes this upload may be.",
                new JsonObject().put("maxBytes", maxBytes));
    }
}
