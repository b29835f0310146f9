package io.quire.platform.storage;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.CopyOptions;
import io.vertx.core.file.FileSystem;
import io.vertx.core.http.HttpServerResponse;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Files on the local disk under one directory ({@code <data.dir>/media}): what works with nothing installed. Every
 * call goes through Vert.x's file system (its blocking work on a worker); a download is sent with
 * {@code sendFile}, so the bytes go from the page cache to the socket without passing through the heap.
 */
public final class LocalStorage implements Storage {
    /** Keys are Quire's own: lower-case letters, digits, dots, dashes, slashes; never "..". */
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._/-]{0,200}");

    private final Vertx vertx;
    private final FileSystem fs;
    private final Path root;

    public LocalStorage(Vertx vertx, Path root) {
        this.vertx = vertx;
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

    @Override
    public Future<Optional<String>> presignPut(String key, String contentType, long size, Duration ttl) {
        return Future.succeededFuture(Optional.empty());
    }

    @Override
    public Future<Inspected> inspect(String key, int prefixBytes) {
        Path file = Path.of(path(key));
        // a plain stream read on a worker: hashing is CPU work the event loop must not do
        return vertx.executeBlocking(
                () -> {
                    MessageDigest digest = MessageDigest.getInstance("SHA-256");
                    byte[] prefix = new byte[prefixBytes];
                    int inPrefix = 0;
                    long size = 0;
                    byte[] chunk = new byte[64 * 1024];
                    try (InputStream in = Files.newInputStream(file)) {
                        for (int n; (n = in.read(chunk)) > 0; ) {
                            digest.update(chunk, 0, n);
                            int take = Math.min(n, prefixBytes - inPrefix);
                            System.arraycopy(chunk, 0, prefix, inPrefix, take);
                            inPrefix += take;
                            size += n;
                        }
                    } catch (NoSuchFileException e) {
                        throw new Missing(key);
                    }
                    return new Inspected(
                            size, HexFormat.of().formatHex(digest.digest()), Arrays.copyOf(prefix, inPrefix));
                },
                false);
    }

    @Override
    public Future<Void> move(String from, String to) {
        String source = path(from);
        String target = path(to);
        return fs.mkdirs(Path.of(target).getParent().toString())
                .compose(v -> fs.move(source, target, new CopyOptions().setReplaceExisting(true)));
    }

    @Override
    public Future<Void> copy(String from, String to) {
        String source = path(from);
        String target = path(to);
        return fs.mkdirs(Path.of(target).getParent().toString())
                .compose(v -> fs.copy(source, target, new CopyOptions().setReplaceExisting(true)));
    }

    /** Where a key's object is on disk (for receiving a direct upload into it). */
    public String pathOf(String key) {
        return path(key);
    }

    private String path(String key) {
        if (!KEY.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("not a storage key: " + key);
        }
        return root.resolve(key).toString();
    }
}
