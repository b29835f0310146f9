package io.quire.platform.storage;

import io.quire.platform.config.QuireConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.FileRequestBodyConfiguration;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3AsyncClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Files in an S3-compatible bucket (AWS S3, Cloudflare R2, MinIO, SeaweedFS…), through the AWS SDK v2 async client
 * on Netty: nothing blocks an event loop, and every replica sees the same files. A file over
 * {@value #MULTIPART_BYTES} bytes goes up in parts of that size (S3's multipart upload), so a large upload never needs
 * one long request; downloads stream the object (or the asked range of it) to the client with back-pressure, never
 * holding it whole. Checksums are sent only where S3 requires them: stores other than AWS do not all read the
 * SDK's newer trailing checksums.
 */
public final class S3Storage implements Storage {
    static final long MULTIPART_BYTES = 8L << 20;

    private final Vertx vertx;
    private final S3AsyncClient s3;
    private final String bucket;
    private final S3Presigner presigner;

    public S3Storage(Vertx vertx, QuireConfig.S3 config) {
        this.vertx = vertx;
        this.bucket = config.bucket();
        AwsCredentialsProvider credentials = config.accessKeyId().isEmpty()
                ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config.accessKeyId(), config.secretAccessKey()));
        S3AsyncClientBuilder builder = S3AsyncClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (!config.endpoint().isEmpty()) {
            builder.endpointOverride(URI.create(config.endpoint()));
        }
        this.s3 = builder.build();
        S3Presigner.Builder signer = S3Presigner.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(config.pathStyle())
                        .build());
        if (!config.endpoint().isEmpty()) {
            signer.endpointOverride(URI.create(config.endpoint()));
        }
        this.presigner = signer.build();
    }

    @Override
    public String provider() {
        return "s3";
    }

    @Override
    public Future<Void> putFile(String key, String sourcePath, String contentType) {
        Path source = Path.of(sourcePath);
        return vertx.fileSystem()
                .props(sourcePath)
                .compose(props -> props.size() > MULTIPART_BYTES
                        ? multipart(key, source, props.size(), contentType)
                        : on(s3.putObject(
                                        b -> b.bucket(bucket).key(key).contentType(contentType),
                                        AsyncRequestBody.fromFile(source)))
                                .<Void>mapEmpty())
                .compose(v -> vertx.fileSystem().delete(sourcePath))
                .mapEmpty();
    }

    /** Parts of {@link #MULTIPART_BYTES}, one after the other (each read from the file as it is sent). */
    private Future<Void> multipart(String key, Path source, long size, String contentType) {
        return on(s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(contentType)))
                .compose(created -> {
                    String upload = created.uploadId();
                    List<CompletedPart> parts = new ArrayList<>();
                    Future<Void> chain = Future.succeededFuture();
                    int count = (int) ((size + MULTIPART_BYTES - 1) / MULTIPART_BYTES);
                    for (int i = 0; i < count; i++) {
                        int number = i + 1;
                        long offset = i * MULTIPART_BYTES;
                        long length = Math.min(MULTIPART_BYTES, size - offset);
                        chain = chain.compose(v -> on(s3.uploadPart(
                                        b -> b.bucket(bucket)
                                                .key(key)
                                                .uploadId(upload)
                                                .partNumber(number),
                                        AsyncRequestBody.fromFile(FileRequestBodyConfiguration.builder()
                                                .path(source)
                                                .position(offset)
                                                .numBytesToRead(length)
                                                .build())))
                                .map(done -> {
                                    parts.add(CompletedPart.builder()
                                            .partNumber(number)
                                            .eTag(done.eTag())
                                            .build());
                                    return null;
                                }));
                    }
                    return chain.compose(v -> on(s3.completeMultipartUpload(b ->
                                    b.bucket(bucket).key(key).uploadId(upload).multipartUpload(m -> m.parts(parts)))))
                            .recover(e -> on(s3.abortMultipartUpload(
                                            b -> b.bucket(bucket).key(key).uploadId(upload)))
                                    .transform(x -> Future.failedFuture(e)))
                            .mapEmpty();
                });
    }

    @Override
    public Future<Void> put(String key, Buffer bytes, String contentType) {
        return on(s3.putObject(
                        b -> b.bucket(bucket).key(key).contentType(contentType),
                        AsyncRequestBody.fromBytes(bytes.getBytes())))
                .mapEmpty();
    }

    @Override
    public Future<Buffer> read(String key) {
        return on(s3.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toBytes()))
                .map(bytes -> Buffer.buffer(bytes.asByteArray()));
    }

    @Override
    public Future<Void> send(String key, HttpServerResponse response, long offset, long length) {
        if (length == 0) {
            return response.end();
        }
        response.putHeader("Content-Length", Long.toString(length));
        Context context = vertx.getOrCreateContext();
        return on(s3.getObject(
                        b -> b.bucket(bucket).key(key).range("bytes=" + offset + "-" + (offset + length - 1)),
                        AsyncResponseTransformer.toPublisher()))
                .compose(publisher -> {
                    Promise<Void> done = Promise.promise();
                    AtomicReference<Subscription> held = new AtomicReference<>();
                    // the client went away: stop reading the object
                    response.closeHandler(v -> {
                        Subscription s = held.get();
                        if (s != null) {
                            s.cancel();
                        }
                        done.tryFail("the client closed the connection");
                    });
                    publisher.subscribe(new Subscriber<ByteBuffer>() {
                        private Subscription subscription;

                        @Override
                        public void onSubscribe(Subscription s) {
                            subscription = s;
                            held.set(s);
                            s.request(1);
                        }

                        @Override
                        public void onNext(ByteBuffer chunk) {
                            byte[] bytes = new byte[chunk.remaining()];
                            chunk.get(bytes);
                            // the response belongs to its event loop: write there, ask for more when it has room
                            context.runOnContext(v -> {
                                response.write(Buffer.buffer(bytes));
                                if (response.writeQueueFull()) {
                                    response.drainHandler(x -> subscription.request(1));
                                } else {
                                    subscription.request(1);
                                }
                            });
                        }

                        @Override
                        public void onError(Throwable e) {
                            context.runOnContext(v -> {
                                // the head is out: all that is left is to cut the connection
                                response.reset();
                                done.tryFail(e);
                            });
                        }

                        @Override
                        public void onComplete() {
                            context.runOnContext(v -> response.end().onComplete(done));
                        }
                    });
                    return done.future();
                });
    }

    @Override
    public Future<Void> delete(String key) {
        return on(s3.deleteObject(b -> b.bucket(bucket).key(key))).mapEmpty();
    }

    /** A SigV4 presigned PUT: the signature covers the length and type, so the client can send no other file. */
    @Override
    public Future<Optional<String>> presignPut(String key, String contentType, long size, Duration ttl) {
        PresignedPutObjectRequest signed = presigner.presignPutObject(r -> r.signatureDuration(ttl)
                .putObjectRequest(
                        b -> b.bucket(bucket).key(key).contentType(contentType).contentLength(size)));
        return Future.succeededFuture(Optional.of(signed.url().toString()));
    }

    @Override
    public Future<Inspected> inspect(String key, int prefixBytes) {
        return on(s3.getObject(b -> b.bucket(bucket).key(key), AsyncResponseTransformer.toPublisher()))
                .recover(e -> Future.failedFuture(notFound(e) ? new Missing(key) : e))
                .compose(publisher -> {
                    Promise<Inspected> done = Promise.promise();
                    Context context = vertx.getOrCreateContext();
                    MessageDigest digest = sha256();
                    // hashed on the SDK's thread as the chunks arrive (never an event loop), then handed back
                    publisher.subscribe(new Subscriber<ByteBuffer>() {
                        private final byte[] prefix = new byte[prefixBytes];
                        private int inPrefix;
                        private long size;

                        @Override
                        public void onSubscribe(Subscription s) {
                            s.request(Long.MAX_VALUE);
                        }

                        @Override
                        public void onNext(ByteBuffer chunk) {
                            int n = chunk.remaining();
                            int take = Math.min(n, prefixBytes - inPrefix);
                            chunk.duplicate().get(prefix, inPrefix, take);
                            inPrefix += take;
                            size += n;
                            digest.update(chunk);
                        }

                        @Override
                        public void onError(Throwable e) {
                            context.runOnContext(v -> done.tryFail(e));
                        }

                        @Override
                        public void onComplete() {
                            Inspected found = new Inspected(
                                    size, HexFormat.of().formatHex(digest.digest()), Arrays.copyOf(prefix, inPrefix));
                            context.runOnContext(v -> done.tryComplete(found));
                        }
                    });
                    return done.future();
                });
    }

    @Override
    public Future<Void> copy(String from, String to) {
        return on(s3.copyObject(b -> b.sourceBucket(bucket)
                        .sourceKey(from)
                        .destinationBucket(bucket)
                        .destinationKey(to)))
                .recover(e -> Future.failedFuture(notFound(e) ? new Missing(from) : e))
                .mapEmpty();
    }

    /** S3 has no rename: a server-side copy, then the old key removed. */
    @Override
    public Future<Void> move(String from, String to) {
        return copy(from, to).compose(copied -> delete(from));
    }

    private static boolean notFound(Throwable e) {
        Throwable cause =
                e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof S3Exception s3e && s3e.statusCode() == 404;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The SDK's future, completed back on the caller's Vert.x context. */
    private <T> Future<T> on(CompletableFuture<T> future) {
        return Future.fromCompletionStage(future, vertx.getOrCreateContext());
    }
}
