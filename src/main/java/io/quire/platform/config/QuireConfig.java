package io.quire.platform.config;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The whole validated configuration, handed down to verticles in slices. Every key has a default in
 * {@code config/default.json} and is listed in the README's configuration table.
 */
public record QuireConfig(
        String env,
        String publicBaseUrl,
        Set<String> verticles,
        Http http,
        Pg pg,
        Redis redis,
        Jwt jwt,
        Startup startup,
        Log log,
        Health health,
        Jobs jobs,
        Outbox outbox,
        String bootstrapAdminEmail,
        Auth auth,
        Passwords passwords,
        Security security,
        RateLimit rateLimit,
        Mail mail,
        Content content,
        Reading reading,
        Webhooks webhooks,
        Analytics analytics,
        Engagement engagement,
        Billing billing,
        Data data,
        Media media) {

    /** The verticle names {@code QUIRE_VERTICLES} may list. */
    public static final Set<String> VERTICLE_NAMES = Set.of("http", "ingest", "webhooks", "workers");

    /** The public HTTP port. {@code instances} 0 means one per CPU core. */
    public record Http(
            String host,
            int port,
            int instances,
            long bodyLimitBytes,
            boolean compression,
            boolean accessLog,
            int shutdownTimeoutSeconds,
            List<String> corsAllowedOrigins,
            boolean trustProxyHeaders) {}

    /** PostgreSQL; {@code url} is {@code postgresql://user[:password]@host[:port]/database}. */
    public record Pg(String url, int poolSize, int connectTimeoutMs, int acquireTimeoutMs) {}

    /** Redis; every key Quire writes starts with {@code keyPrefix}. */
    public record Redis(String url, String keyPrefix, int poolSize, int commandTimeoutMs) {}

    /**
     * Access-token signing. {@code secret} signs under {@code keyId}; {@code previousKeys} (kid → secret) still
     * verify, so a key can rotate without signing everyone out. Left empty outside {@code prod}, a random secret
     * is made per process ({@code generated} true): fine for one dev instance, but tokens then die with the
     * process, so {@code prod} refuses to start without a real one.
     */
    public record Jwt(
            String secret,
            boolean generated,
            String keyId,
            java.util.Map<String, String> previousKeys,
            int accessTokenMinutes) {
        @Override
        public String toString() {
            return "Jwt[keyId=" + keyId + ", previousKeys=" + previousKeys.keySet() + ", generated=" + generated + "]";
        }
    }

    /** Sessions, lockout, emailed-token lifetimes and MFA. */
    public record Auth(
            int refreshTokenDays,
            int lockoutThreshold,
            int lockoutMinutes,
            int loginAttemptsPerIpPerMinute,
            int passwordResetMinutes,
            int emailVerificationHours,
            String mfaIssuer,
            int mfaChallengeMinutes,
            AuthorSignup authorSignup) {}

    /** How a reader becomes an author: at once, or once an admin approves the request. */
    public enum AuthorSignup {
        OPEN,
        APPROVAL
    }

    /** Argon2id parameters for new password hashes (old hashes verify with the parameters they carry). */
    public record Passwords(int argon2MemoryKib, int argon2Iterations, int argon2Parallelism) {}

    /** The key that encrypts secrets at rest (MFA seeds); {@code devDefault} when none was configured. */
    public record Security(String encryptionKey, boolean devDefault) {
        @Override
        public String toString() {
            return "Security[encryptionKey=<hidden>, devDefault=" + devDefault + "]";
        }
    }

    /**
     * Authoring: how long soft-deleted sites, series and chapters can be restored before the purge job removes them,
     * and what an EPUB export may fetch to embed its images: at most {@code exportImageMaxBytes} each and
     * {@code exportImagesMaxBytes} in all (an image over a cap stays a link), from private addresses only with
     * {@code exportAllowPrivateHosts} (tests, development).
     */
    public record Content(
            int softDeleteRetentionDays,
            long exportImageMaxBytes,
            long exportImagesMaxBytes,
            boolean exportAllowPrivateHosts) {}

    /**
     * Public reads: the {@code Cache-Control} of responses that are the same for everyone, the read cache, and the
     * platform's reader site for sites that name none ({@code readerBaseUrl}, {@code {site}} standing for the slug;
     * empty: none).
     */
    public record Reading(
            int publicMaxAgeSeconds, int staleWhileRevalidateSeconds, Cache cache, String readerBaseUrl) {}

    /**
     * The read cache: in process at most {@code maxMegabytes} of entries (estimated), each kept at most
     * {@code ttlSeconds} (the safety net; invalidation is what keeps it current), then with {@code redis} a Redis tier
     * asked for at most {@code redisTimeoutMs} before PostgreSQL. {@code enabled=false} reads Postgres every time
     * (for benchmarks).
     */
    public record Cache(boolean enabled, int maxMegabytes, int ttlSeconds, boolean redis, int redisTimeoutMs) {}

    /**
     * Rate limits. {@code failOpen}: with Redis down, whether rate-limited calls go through ({@code true}) or get
     * 503. Route-class limits ({@code classes}, per anonymous IP or per user, a minute) are taken from Redis in
     * leases of up to {@code maxLease} requests that live {@code leaseMillis} in the instance, so the hot path does
     * not wait on Redis per request; {@code redisTimeoutMs} bounds the wait when it does.
     */
    public record RateLimit(
            boolean enabled,
            boolean failOpen,
            int maxLease,
            int leaseMillis,
            int redisTimeoutMs,
            java.util.Map<String, ClassLimits> classes) {}

    /** One route class's budget a minute for an anonymous caller's IP and for a signed-in user. */
    public record ClassLimits(int anonymousPerMinute, int userPerMinute) {}

    private static java.util.Map<String, ClassLimits> classLimits(ConfigReader r) {
        java.util.Map<String, ClassLimits> classes = new java.util.LinkedHashMap<>();
        for (String name : java.util.List.of("read", "write", "auth", "ingest")) {
            String at = "rateLimit.classes." + name + ".";
            classes.put(
                    name,
                    new ClassLimits(
                            r.integer(at + "anonymousPerMinute", 1, 100_000_000),
                            r.integer(at + "userPerMinute", 1, 100_000_000)));
        }
        return java.util.Map.copyOf(classes);
    }

    /**
     * Incoming webhooks: signed timestamps within {@code toleranceSeconds} of now, bodies up to {@code maxBodyBytes},
     * processing tried {@code maxAttempts} times before DEAD_LETTER ({@code processConcurrency} events at once), the
     * newest {@code rejectionLogSize} refusals kept. Outgoing: each delivery attempt waits {@code deliveryTimeoutMs};
     * a failed one is tried again after each delay of {@code retryScheduleSeconds} in turn; targets must be https
     * when {@code requireHttps}, and may be private addresses only when {@code allowPrivateTargets}; an endpoint has at
     * most {@code perEndpointConcurrency} deliveries in flight per process, and is switched off after
     * {@code disableAfterHours} of failures without a success.
     */
    public record Webhooks(
            int toleranceSeconds,
            long maxBodyBytes,
            int maxAttempts,
            int processConcurrency,
            int rejectionLogSize,
            int deliveryTimeoutMs,
            java.util.List<Integer> retryScheduleSeconds,
            boolean requireHttps,
            boolean allowPrivateTargets,
            int perEndpointConcurrency,
            int disableAfterHours) {}

    private static java.util.List<Integer> seconds(ConfigReader r, String key) {
        java.util.List<Integer> out = new java.util.ArrayList<>();
        for (String s : r.list(key)) {
            try {
                int v = Integer.parseInt(s.trim());
                if (v < 0 || v > 7 * 86_400) {
                    throw new NumberFormatException();
                }
                out.add(v);
            } catch (NumberFormatException e) {
                throw r.problem(key, String.join(",", r.list(key)), "must be a list of delays in seconds, 0 to 604800");
            }
        }
        return java.util.List.copyOf(out);
    }

    /** Outgoing mail; with no {@code smtp.host} mail is stored and logged instead of sent. */
    /**
     * Event ingestion and reports: micro-batches of {@code batchRows} gathered for up to {@code batchMaxWaitMs},
     * {@code batchesInFlight} at once, at most {@code maxQueuedEvents} waiting (beyond that: 429); raw events kept
     * {@code retentionDays}; {@code countryHeader} names a trusted proxy's country header (empty: none).
     */
    public record Analytics(
            int maxEventsPerRequest,
            int batchRows,
            int batchMaxWaitMs,
            int batchesInFlight,
            int maxQueuedEvents,
            int retentionDays,
            int partitionsAhead,
            String countryHeader,
            int siteRequestsPerMinute,
            int keyGraceHours,
            int rollupIntervalSeconds,
            boolean realtime) {}

    /** Readers' side: how many followers one step of a new-chapter fan-out notifies. */
    public record Engagement(int fanOutBatchSize) {}

    /**
     * Monetization: where each gateway's API is (overridable for a regional endpoint or a test stand-in), how long a
     * gateway call may take, the platform's cut of each payment in percent, how long a checkout stays open, how long a
     * subscription whose renewal failed keeps its access, how many pauses a reader may take in a year and the longest.
     */
    /**
     * Where a development instance keeps what it must not lose between runs: the embedded PostgreSQL's data
     * ({@code <dir>/postgres}).
     */
    public record Data(String dir) {}

    /**
     * Uploaded files: stored under {@code <data.dir>/media} ({@code storage = local}); a file at most
     * {@code maxFileBytes}; an author's files together at most {@code quotaBytes} (a reader's, who uploads little more
     * than an avatar, {@code readerQuotaBytes}); an image decoded only when it
     * has at most {@code maxImagePixels} pixels (a guard against decompression bombs). A direct upload's URL lasts
     * {@code directUploadTtlSeconds}; a from-URL fetch may take {@code fetchTimeoutMs} in all, and reaches private
     * addresses only with {@code fetchAllowPrivateHosts} (tests, development).
     */
    public record Media(
            String storage,
            long maxFileBytes,
            long quotaBytes,
            long readerQuotaBytes,
            long maxImagePixels,
            int directUploadTtlSeconds,
            int fetchTimeoutMs,
            boolean fetchAllowPrivateHosts,
            S3 s3) {}

    /**
     * An S3-compatible store ({@code media.storage = s3}): its bucket and region, an {@code endpoint} for stores that
     * are not AWS (MinIO, R2, SeaweedFS…; empty for AWS), path-style addressing, and credentials (empty: the AWS
     * default chain — environment, profile, instance role).
     */
    public record S3(
            String bucket,
            String region,
            String endpoint,
            boolean pathStyle,
            String accessKeyId,
            String secretAccessKey) {
        @Override
        public String toString() {
            return "S3[bucket=" + bucket + ", region=" + region + ", endpoint=" + endpoint + ", pathStyle=" + pathStyle
                    + ", accessKeyId=" + accessKeyId + ", secretAccessKey=<hidden>]";
        }
    }

    /** Where links to sites, series and chapters take readers. */
    public io.quire.platform.links.ReaderLinks readerLinks() {
        return new io.quire.platform.links.ReaderLinks(publicBaseUrl, reading.readerBaseUrl());
    }

    /** Whether {@code dev} runs its own PostgreSQL (no {@code pg.url}) and Redis (no {@code redis.url}). */
    public boolean embedsPg() {
        return env.equals("dev") && pg.url().isEmpty();
    }

    public boolean embedsRedis() {
        return env.equals("dev") && redis.url().isEmpty();
    }

    /** The same configuration, pointed at the services started for it (embedded in development). */
    public QuireConfig withServices(String pgUrl, String redisUrl) {
        return new QuireConfig(
                env,
                publicBaseUrl,
                verticles,
                http,
                new Pg(pgUrl, pg.poolSize(), pg.connectTimeoutMs(), pg.acquireTimeoutMs()),
                new Redis(redisUrl, redis.keyPrefix(), redis.poolSize(), redis.commandTimeoutMs()),
                jwt,
                startup,
                log,
                health,
                jobs,
                outbox,
                bootstrapAdminEmail,
                auth,
                passwords,
                security,
                rateLimit,
                mail,
                content,
                reading,
                webhooks,
                analytics,
                engagement,
                billing,
                data,
                media);
    }

    public record Billing(
            String stripeBaseUrl,
            String razorpayBaseUrl,
            String xenditBaseUrl,
            int gatewayTimeoutMs,
            int platformFeePercent,
            int checkoutExpiryMinutes,
            int graceDays,
            int maxPausesPerYear,
            int maxPauseDays) {}

    public record Mail(String from, Smtp smtp) {}

    /** An SMTP relay. */
    public record Smtp(String host, int port, String username, String password, boolean startTls, boolean ssl) {
        @Override
        public String toString() {
            return "Smtp[host=" + host + ", port=" + port + ", username=" + username + "]";
        }
    }

    /** How long startup waits for PostgreSQL and Redis before giving up. */
    public record Startup(int waitSeconds) {}

    /** {@code format} is {@code text} or {@code json}. */
    public record Log(String format, String level) {}

    /** Each readiness check gives up after {@code checkTimeoutMs}. */
    public record Health(int checkTimeoutMs) {}

    /** The job queue: polling, claiming, leases and retry backoff. */
    public record Jobs(
            int pollIntervalMs,
            int batchSize,
            int concurrency,
            int leaseSeconds,
            int maxAttempts,
            long backoffBaseMs,
            long backoffMaxMs,
            int retentionDays) {}

    /** The transactional outbox dispatcher. */
    public record Outbox(int pollIntervalMs, int batchSize, int retentionDays) {}

    /** Number of HTTP verticle instances to deploy. */
    public int httpInstances() {
        return http.instances > 0 ? http.instances : Runtime.getRuntime().availableProcessors();
    }

    /** Not secret, by design: only for dev and test, where no key was configured; prod refuses it. */
    private static final String DEV_ENCRYPTION_KEY = "quire-development-only-encryption-key-do-not-use";

    /** {@code jwt.previousKeys} entries are {@code kid:secret}. */
    private static java.util.Map<String, String> previousKeys(ConfigReader r) {
        java.util.Map<String, String> keys = new java.util.LinkedHashMap<>();
        for (String entry : r.list("jwt.previousKeys")) {
            int colon = entry.indexOf(':');
            if (colon < 1 || entry.length() - colon - 1 < 32) {
                throw r.problem(
                        "jwt.previousKeys", "<hidden>", "entries must be kid:secret with a secret of 32+ characters");
            }
            keys.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        return java.util.Map.copyOf(keys);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[48];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The platform's reader site template: empty, or what a site's own {@code readerBaseUrl} may be. */
    private static String readerBaseUrl(ConfigReader r) {
        String template = r.string("reading.readerBaseUrl");
        String problem = template.isEmpty() ? null : io.quire.platform.links.ReaderLinks.problem(template);
        if (problem != null) {
            throw r.problem("reading.readerBaseUrl", template, problem);
        }
        return template;
    }

    /** The S3 settings; with {@code media.storage = s3} a bucket is required. */
    private static S3 s3(ConfigReader r) {
        String bucket = r.string("media.s3.bucket");
        if (r.string("media.storage").equals("s3") && bucket.isBlank()) {
            throw r.problem("media.s3.bucket", bucket, "is required when media.storage is s3");
        }
        String endpoint = r.string("media.s3.endpoint");
        return new S3(
                bucket,
                r.string("media.s3.region"),
                endpoint.isEmpty() ? "" : r.url("media.s3.endpoint", Set.of("http", "https")),
                r.bool("media.s3.pathStyle"),
                r.string("media.s3.accessKeyId"),
                r.string("media.s3.secretAccessKey"));
    }

    static QuireConfig bind(JsonObject json) {
        ConfigReader r = new ConfigReader(json);
        String env = r.string("env");
        Set<String> verticles = new LinkedHashSet<>();
        for (String name : r.list("verticles")) {
            if (!VERTICLE_NAMES.contains(name)) {
                throw r.problem(
                        "verticles",
                        String.join(",", r.list("verticles")),
                        "unknown verticle '" + name + "' (known: http, ingest, webhooks, workers)");
            }
            verticles.add(name);
        }
        if (verticles.isEmpty()) {
            throw r.problem("verticles", "", "at least one verticle must run");
        }
        String jwtSecret = r.string("jwt.secret");
        if (env.equals("prod") && jwtSecret.length() < 32) {
            throw r.problem("jwt.secret", jwtSecret, "must be at least 32 characters in prod");
        }
        if (!jwtSecret.isEmpty() && jwtSecret.length() < 32) {
            throw r.problem("jwt.secret", jwtSecret, "must be at least 32 characters (or empty outside prod)");
        }
        String encryptionKey = r.string("security.encryptionKey");
        if (!encryptionKey.isEmpty() && encryptionKey.length() < 32 || env.equals("prod") && encryptionKey.isEmpty()) {
            throw r.problem(
                    "security.encryptionKey",
                    encryptionKey,
                    "must be at least 32 characters" + (env.equals("prod") ? " in prod" : " (or empty outside prod)"));
        }
        return new QuireConfig(
                env,
                r.url("publicBaseUrl", Set.of("http", "https")),
                Set.copyOf(verticles),
                new Http(
                        r.string("http.host"),
                        r.integer("http.port", 0, 65535),
                        r.integer("http.instances", 0, 256),
                        r.longValue("http.bodyLimitBytes", 1024, 1L << 30),
                        r.bool("http.compression"),
                        r.bool("http.accessLog"),
                        r.integer("http.shutdownTimeoutSeconds", 0, 600),
                        r.list("http.corsAllowedOrigins"),
                        r.bool("http.trustProxyHeaders")),
                new Pg(
                        serviceUrl(r, env, "pg.url", Set.of("postgresql", "postgres")),
                        r.integer("pg.poolSize", 1, 1000),
                        r.integer("pg.connectTimeoutMs", 100, 600_000),
                        r.integer("pg.acquireTimeoutMs", 100, 600_000)),
                new Redis(
                        serviceUrl(r, env, "redis.url", Set.of("redis", "rediss")),
                        r.string("redis.keyPrefix"),
                        r.integer("redis.poolSize", 1, 1000),
                        r.integer("redis.commandTimeoutMs", 100, 600_000)),
                new Jwt(
                        jwtSecret.isEmpty() ? randomSecret() : jwtSecret,
                        jwtSecret.isEmpty(),
                        r.string("jwt.keyId"),
                        previousKeys(r),
                        r.integer("jwt.accessTokenMinutes", 1, 1440)),
                new Startup(r.integer("startup.waitSeconds", 0, 3600)),
                new Log(
                        r.oneOf("log.format", Set.of("text", "json")),
                        r.oneOf("log.level", Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR"))),
                new Health(r.integer("health.checkTimeoutMs", 100, 60_000)),
                new Jobs(
                        r.integer("jobs.pollIntervalMs", 10, 3_600_000),
                        r.integer("jobs.batchSize", 1, 1000),
                        r.integer("jobs.concurrency", 1, 1000),
                        r.integer("jobs.leaseSeconds", 1, 86_400),
                        r.integer("jobs.maxAttempts", 1, 1000),
                        r.longValue("jobs.backoffBaseMs", 1, 86_400_000),
                        r.longValue("jobs.backoffMaxMs", 1, 7L * 86_400_000),
                        r.integer("jobs.retentionDays", 1, 3650)),
                new Outbox(
                        r.integer("outbox.pollIntervalMs", 10, 3_600_000),
                        r.integer("outbox.batchSize", 1, 10_000),
                        r.integer("outbox.retentionDays", 1, 3650)),
                r.string("bootstrapAdminEmail").trim().toLowerCase(java.util.Locale.ROOT),
                new Auth(
                        r.integer("auth.refreshTokenDays", 1, 365),
                        r.integer("auth.lockoutThreshold", 1, 1_000_000),
                        r.integer("auth.lockoutMinutes", 1, 1440),
                        r.integer("auth.loginAttemptsPerIpPerMinute", 1, 100_000),
                        r.integer("auth.passwordResetMinutes", 5, 1440),
                        r.integer("auth.emailVerificationHours", 1, 720),
                        r.string("auth.mfaIssuer"),
                        r.integer("auth.mfaChallengeMinutes", 1, 60),
                        AuthorSignup.valueOf(r.oneOf("auth.authorSignup", Set.of("open", "approval"))
                                .toUpperCase(java.util.Locale.ROOT))),
                new Passwords(
                        r.integer("passwords.argon2MemoryKib", 1024, 1_048_576),
                        r.integer("passwords.argon2Iterations", 1, 20),
                        r.integer("passwords.argon2Parallelism", 1, 16)),
                new Security(encryptionKey.isEmpty() ? DEV_ENCRYPTION_KEY : encryptionKey, encryptionKey.isEmpty()),
                new RateLimit(
                        r.bool("rateLimit.enabled"),
                        r.bool("rateLimit.failOpen"),
                        r.integer("rateLimit.maxLease", 1, 10_000),
                        r.integer("rateLimit.leaseMillis", 10, 60_000),
                        r.integer("rateLimit.redisTimeoutMs", 10, 60_000),
                        classLimits(r)),
                new Mail(
                        r.string("mail.from"),
                        new Smtp(
                                r.string("mail.smtp.host"),
                                r.integer("mail.smtp.port", 1, 65535),
                                r.string("mail.smtp.username"),
                                r.string("mail.smtp.password"),
                                r.bool("mail.smtp.startTls"),
                                r.bool("mail.smtp.ssl"))),
                new Content(
                        r.integer("content.softDeleteRetentionDays", 1, 3650),
                        r.longValue("content.exportImageMaxBytes", 1024, 1L << 30),
                        r.longValue("content.exportImagesMaxBytes", 1024, 4L << 30),
                        r.bool("content.exportAllowPrivateHosts")),
                new Reading(
                        r.integer("reading.publicMaxAgeSeconds", 0, 86_400),
                        r.integer("reading.staleWhileRevalidateSeconds", 0, 604_800),
                        new Cache(
                                r.bool("reading.cache.enabled"),
                                r.integer("reading.cache.maxMegabytes", 1, 1_000_000),
                                r.integer("reading.cache.ttlSeconds", 1, 86_400),
                                r.bool("reading.cache.redis"),
                                r.integer("reading.cache.redisTimeoutMs", 5, 60_000)),
                        readerBaseUrl(r)),
                new Webhooks(
                        r.integer("webhooks.toleranceSeconds", 1, 86_400),
                        r.longValue("webhooks.maxBodyBytes", 1024, 64L << 20),
                        r.integer("webhooks.maxAttempts", 1, 100),
                        r.integer("webhooks.processConcurrency", 1, 1000),
                        r.integer("webhooks.rejectionLogSize", 1, 1_000_000),
                        r.integer("webhooks.deliveryTimeoutMs", 100, 600_000),
                        seconds(r, "webhooks.retryScheduleSeconds"),
                        r.bool("webhooks.requireHttps"),
                        r.bool("webhooks.allowPrivateTargets"),
                        r.integer("webhooks.perEndpointConcurrency", 1, 1000),
                        r.integer("webhooks.disableAfterHours", 1, 8760)),
                new Analytics(
                        r.integer("analytics.maxEventsPerRequest", 1, 10_000),
                        r.integer("analytics.batchRows", 1, 100_000),
                        r.integer("analytics.batchMaxWaitMs", 0, 10_000),
                        r.integer("analytics.batchesInFlight", 1, 64),
                        r.integer("analytics.maxQueuedEvents", 100, 10_000_000),
                        r.integer("analytics.retentionDays", 8, 3650),
                        r.integer("analytics.partitionsAhead", 1, 24),
                        r.string("analytics.countryHeader"),
                        r.integer("analytics.siteRequestsPerMinute", 1, 100_000_000),
                        r.integer("analytics.keyGraceHours", 0, 720),
                        r.integer("analytics.rollupIntervalSeconds", 5, 86_400),
                        r.bool("analytics.realtime")),
                new Engagement(r.integer("engagement.fanOutBatchSize", 1, 100_000)),
                new Billing(
                        r.url("billing.stripeBaseUrl", Set.of("http", "https")),
                        r.url("billing.razorpayBaseUrl", Set.of("http", "https")),
                        r.url("billing.xenditBaseUrl", Set.of("http", "https")),
                        r.integer("billing.gatewayTimeoutMs", 100, 120_000),
                        r.integer("billing.platformFeePercent", 0, 100),
                        r.integer("billing.checkoutExpiryMinutes", 5, 10_080),
                        r.integer("billing.graceDays", 0, 60),
                        r.integer("billing.maxPausesPerYear", 0, 12),
                        r.integer("billing.maxPauseDays", 1, 365)),
                new Data(r.string("data.dir")),
                new Media(
                        r.oneOf("media.storage", Set.of("local", "s3")),
                        r.longValue("media.maxFileBytes", 1024, 5L << 30),
                        r.longValue("media.quotaBytes", 0, 1L << 50),
                        r.longValue("media.readerQuotaBytes", 0, 1L << 50),
                        r.longValue("media.maxImagePixels", 1, 1_000_000_000L),
                        r.integer("media.directUploadTtlSeconds", 60, 7 * 24 * 3600),
                        r.integer("media.fetchTimeoutMs", 1000, 600_000),
                        r.bool("media.fetchAllowPrivateHosts"),
                        s3(r)));
    }

    /** A service's URL; empty only in {@code dev}, where it means "start one embedded". */
    private static String serviceUrl(ConfigReader r, String env, String path, Set<String> schemes) {
        if (r.string(path).isEmpty()) {
            if (env.equals("dev")) {
                return "";
            }
            throw r.problem(path, "", "is required outside dev (in dev, leaving it empty starts an embedded one)");
        }
        return r.url(path, schemes);
    }
}
