package io.quire.media;

import io.quire.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerFileUpload;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;

/**
 * Receives one file from a {@code multipart/form-data} request, streamed to a temporary file with back-pressure —
 * never held whole in the heap — while its SHA-256 and first bytes (for type detection) are taken on the way. A
 * file over {@code maxBytes} stops the upload with a 413 as soon as its bytes pass the limit; the connection is
 * closed rather than read to the end.
 */
final class Uploads {
    /** What was received: the file on disk, its size and hash, its first bytes, its name, the other form fields. */
    record Received(String path, long size, String sha256, byte[] prefix, String originalName, MultiMap fields) {}

    private final Vertx vertx;
    private final String directory;

    Uploads(Vertx vertx, String directory) {
        this.vertx = vertx;
        this.directory = directory;
    }

    Future<Received> receive(HttpServerRequest request, long maxBytes) {
        Promise<Received> done = Promise.promise();
        State state = new State(maxBytes);
        request.setExpectMultipart(true);
        request.uploadHandler(upload -> {
            if (state.sawUpload || state.failed) {
                // one file a request: a second one is refused, and not read
                fail(request, done, state, new ApiException.BadRequest("media.one_file", "Send one file an upload."));
                return;
            }
            upload.pause();
            state.sawUpload = true;
            state.name = upload.filename();
            vertx.fileSystem()
                    .mkdirs(directory)
                    .compose(v -> vertx.fileSystem().createTempFile(directory, "upload-", ".part", (String) null))
                    .compose(path -> {
                        state.path = path;
                        return vertx.fileSystem().open(path, new OpenOptions().setWrite(true));
                    })
                    .onSuccess(file -> {
                        state.file = file;
                        stream(request, upload, file, state, done);
                    })
                    .onFailure(e -> fail(request, done, state, e));
        });
        request.exceptionHandler(e -> fail(request, done, state, e));
        request.endHandler(v -> {
            if (!state.sawUpload && !state.failed) {
                done.tryFail(new ApiException.BadRequest(
                        "media.file_missing", "The form has no file part: send the file as multipart/form-data."));
            }
            state.ended = true;
            finishIfReady(request, state, done);
        });
        request.resume();
        return done.future();
    }

    private void stream(
            HttpServerRequest request,
            HttpServerFileUpload upload,
            AsyncFile file,
            State state,
            Promise<Received> done) {
        upload.handler(chunk -> {
            if (state.failed) {
                return;
            }
            if (state.intake.size() + chunk.length() > state.max) {
                fail(
                        request,
                        done,
                        state,
                        new ApiException.TooLarge(
                                "media.too_large",
                                "The file is larger than the " + state.max + " bytes an upload may be.",
                                new JsonObject().put("maxBytes", state.max)));
                return;
            }
            state.intake.take(chunk);
            file.write(chunk);
            if (file.writeQueueFull()) {
                upload.pause();
                file.drainHandler(v -> upload.resume());
            }
        });
        upload.exceptionHandler(e -> fail(request, done, state, e));
        upload.endHandler(v -> {
            if (state.failed) {
                return; // closed and discarded already
            }
            file.close().onComplete(closed -> {
                state.written = true;
                finishIfReady(request, state, done);
            });
        });
        upload.resume();
    }

    private static void finishIfReady(HttpServerRequest request, State state, Promise<Received> done) {
        if (state.ended && state.written && !state.failed) {
            done.tryComplete(state.intake.received(state.path, state.name, request.formAttributes()));
        }
    }

    private void fail(HttpServerRequest request, Promise<Received> done, State state, Throwable e) {
        if (state.failed) {
            return;
        }
        state.failed = true;
        // the rest of the body is not read: the answer goes out and the connection is closed after it
        if (!request.response().headWritten()) {
            request.response().putHeader("Connection", "close");
        }
        done.tryFail(e);
        if (state.file != null) {
            state.file.close().onComplete(v -> discard(state.path));
        } else {
            discard(state.path);
        }
    }

    /** Removes a temporary file that will not be stored. */
    void discard(String path) {
        if (path != null) {
            vertx.fileSystem().delete(path).onFailure(e -> {});
        }
    }

    /**
     * Receives a request's raw body (a direct upload's PUT) into {@code target}, streamed with back-pressure; over
     * {@code maxBytes} it stops with a 413 and the partial file is removed. The request must be paused.
     */
    Future<Long> receiveBody(HttpServerRequest request, String target, long maxBytes) {
        Promise<Long> done = Promise.promise();
        long[] size = {0};
        vertx.fileSystem()
                .mkdirs(java.nio.file.Path.of(target).getParent().toString())
                .compose(v -> vertx.fileSystem()
                        .open(target, new OpenOptions().setWrite(true).setTruncateExisting(true)))
                .onFailure(done::tryFail)
                .onSuccess(file -> {
                    Runnable abandon = () -> file.close().onComplete(c -> discard(target));
                    request.handler(chunk -> {
                        if (done.future().isComplete()) {
                            return;
                        }
                        size[0] += chunk.length();
                        if (size[0] > maxBytes) {
                            request.response().putHeader("Connection", "close");
                            done.tryFail(new ApiException.TooLarge(
                                    "media.too_large",
                                    "The body is larger than the " + maxBytes + " bytes this upload was signed for.",
                                    new JsonObject().put("maxBytes", maxBytes)));
                            abandon.run();
                            return;
                        }
                        file.write(chunk);
                        if (file.writeQueueFull()) {
                            request.pause();
                            file.drainHandler(x -> request.resume());
                        }
                    });
                    request.exceptionHandler(e -> {
                        if (done.tryFail(e)) {
                            abandon.run();
                        }
                    });
                    request.endHandler(v -> {
                        if (!done.future().isComplete()) {
                            file.close().onComplete(c -> done.tryComplete(size[0]));
                        }
                    });
                    request.resume();
                });
        return done.future();
    }

    private static final class State {
        final long max;
        final Intake intake = new Intake();
        String name;
        String path;
        AsyncFile file;
        boolean sawUpload;
        boolean failed;
        boolean ended;
        boolean written;

        State(long max) {
            this.max = max;
        }
    }
}
