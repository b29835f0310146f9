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
    Outbox outbox) {

  /** The verticle names {@code QUIRE_VERTICLES} may list. */
  public static final Set<String> VERTICLE_NAMES = Set.of("http", "ingest", "webhooks", "workers");

  /** The public HTTP port. {@code instances} 0 means one per CPU core. */
  public record Http(String host, int port, int instances, long bodyLimitBytes, boolean compression,
                     boolean accessLog, int shutdownTimeoutSeconds, List<String> corsAllowedOrigins) {}

  /** PostgreSQL; {@code url} is {@code postgresql://user[:password]@host[:port]/database}. */
  public record Pg(String url, int poolSize, int connectTimeoutMs, int acquireTimeoutMs) {}

  /** Redis; every key Quire writes starts with {@code keyPrefix}. */
  public record Redis(String url, String keyPrefix, int poolSize, int commandTimeoutMs) {}

  /**
   * Signing secret for access tokens. Left empty outside {@code prod}, a random one is made per process
   * ({@code generated} true): fine for one dev instance, but tokens then die with the process and don't cross
   * instances, so {@code prod} refuses to start without a real one.
   */
  public record Jwt(String secret, boolean generated) {
    @Override
    public String toString() {
      return "Jwt[secret=<hidden>, generated=" + generated + "]";
    }
  }

  /** How long startup waits for PostgreSQL and Redis before giving up. */
  public record Startup(int waitSeconds) {}

  /** {@code format} is {@code text} or {@code json}. */
  public record Log(String format, String level) {}

  /** Each readiness check gives up after {@code checkTimeoutMs}. */
  public record Health(int checkTimeoutMs) {}

  /** The job queue: polling, claiming, leases and retry backoff. */
  public record Jobs(int pollIntervalMs, int batchSize, int concurrency, int leaseSeconds, int maxAttempts,
                     long backoffBaseMs, long backoffMaxMs, int retentionDays) {}

  /** The transactional outbox dispatcher. */
  public record Outbox(int pollIntervalMs, int batchSize, int retentionDays) {}

  /** Number of HTTP verticle instances to deploy. */
  public int httpInstances() {
    return http.instances > 0 ? http.instances : Runtime.getRuntime().availableProcessors();
  }

  private static String randomSecret() {
    byte[] bytes = new byte[48];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static QuireConfig bind(JsonObject json) {
    ConfigReader r = new ConfigReader(json);
    String env = r.string("env");
    Set<String> verticles = new LinkedHashSet<>();
    for (String name : r.list("verticles")) {
      if (!VERTICLE_NAMES.contains(name)) {
        throw r.problem("verticles", String.join(",", r.list("verticles")),
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
    return new QuireConfig(
        env,
        r.url("publicBaseUrl", Set.of("http", "https")),
        Set.copyOf(verticles),
        new Http(r.string("http.host"), r.integer("http.port", 0, 65535), r.integer("http.instances", 0, 256),
            r.longValue("http.bodyLimitBytes", 1024, 1L << 30), r.bool("http.compression"), r.bool("http.accessLog"),
            r.integer("http.shutdownTimeoutSeconds", 0, 600), r.list("http.corsAllowedOrigins")),
        new Pg(r.url("pg.url", Set.of("postgresql", "postgres")), r.integer("pg.poolSize", 1, 1000),
            r.integer("pg.connectTimeoutMs", 100, 600_000), r.integer("pg.acquireTimeoutMs", 100, 600_000)),
        new Redis(r.url("redis.url", Set.of("redis", "rediss")), r.string("redis.keyPrefix"),
            r.integer("redis.poolSize", 1, 1000), r.integer("redis.commandTimeoutMs", 100, 600_000)),
        jwtSecret.isEmpty() ? new Jwt(randomSecret(), true) : new Jwt(jwtSecret, false),
        new Startup(r.integer("startup.waitSeconds", 0, 3600)),
        new Log(r.oneOf("log.format", Set.of("text", "json")),
            r.oneOf("log.level", Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR"))),
        new Health(r.integer("health.checkTimeoutMs", 100, 60_000)),
        new Jobs(r.integer("jobs.pollIntervalMs", 10, 3_600_000), r.integer("jobs.batchSize", 1, 1000),
            r.integer("jobs.concurrency", 1, 1000), r.integer("jobs.leaseSeconds", 1, 86_400),
            r.integer("jobs.maxAttempts", 1, 1000), r.longValue("jobs.backoffBaseMs", 1, 86_400_000),
            r.longValue("jobs.backoffMaxMs", 1, 7L * 86_400_000), r.integer("jobs.retentionDays", 1, 3650)),
        new Outbox(r.integer("outbox.pollIntervalMs", 10, 3_600_000), r.integer("outbox.batchSize", 1, 10_000),
            r.integer("outbox.retentionDays", 1, 3650)));
  }
}
