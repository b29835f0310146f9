package io.quire.platform.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpServerResponse;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Files on the local disk under one directory ({@code <data.dir>/media}): what works with nothing installed. Every
 * call goes through Vert.x's file system (its blocking work on a worker); a download is sent with
 * {@code sendFile}, so the bytes go from the page cache to the socket without passing through the heap.
 */
public final class LocalStorage implements Storage {
    /** Keys are Quire's own: lower-case letters, digits, dots, dashes, slashes; never "..". */
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._/-]{0,200}");

    private final FileSystem fs;
    private final Path root;

    public LocalStorage(Vertx vertx, Path root) {
        this.fs = vertx.fileSystem();
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String provider() {
        return "local";
    }

    @Override
    public Future<Void> putFile(String key, String sourcePath, String contentType) {
        String target = path(key);
        return fs.mkdirs(Path.of(target).getParent().toString())
                .compose(v -> fs.move(sourcePath, target, new CopyOptions().setReplaceExisting(true)));
    }

    @Override
    public Future<Void> put(String key, Buffer bytes, String contentType) {
        String target = path(key);
        return fs.mkdirs(Path.of(target).getParent().toString()).compose(v -> fs.writeFile(target, bytes));
    }

    @Override
    public Future<Buffer> read(String key) {
        return fs.readFile(path(key));
    }

    @Override
    public Future<Void> send(String key, HttpServerResponse response, long offset, long length) {
        return response.sendFile(path(key), offset, length);
    }

    @Override
    public Future<Void> delete(String key) {
        String target = path(key);
        return fs.exists(target).compose(there -> there ? fs.delete(target) : Future.succeededFuture());
    }

    private String path(String key) {
        if (!KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        return root.resolve(key).toString();
    }
}
