package io.quire.apikeys;

import io.quire.platform.auth.ApiKeyAuthenticator;
import io.quire.platform.auth.Principal;
import io.quire.platform.auth.Role;
import io.quire.platform.clock.Times;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.crypto.SecretTokens;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.quire.platform.ratelimit.RateLimiter;
import io.quire.platform.redis.RedisClients;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * API keys: created and managed by their owner (shown once, stored hashed), and the authenticator that turns a
 * presented key into a principal, enforcing revocation, expiry, IP and origin allow-lists and the key's own rate
 * limit. Usage is counted per day in Redis.
 */
public final class ApiKeyService implements ApiKeyAuthenticator {
    private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);
    private static final int USAGE_DAYS = 30;

    private final Pool pool;
    private final Redis redis;
    private final QuireConfig.Redis redisConfig;
    private final RateLimiter limiter;

    public ApiKeyService(Pool pool, Redis redis, QuireConfig config, RateLimiter limiter) {
        this.pool = pool;
        this.redis = redis;
        this.redisConfig = config.redis();
        this.limiter = limiter;
    }

    /** A validated create or update request; null fields are "not given". */
    public record Input(
            String name,
            List<String> scopes,
            UUID siteId,
            List<String> allowedIps,
            List<String> allowedOrigins,
            Integer rateLimitPerMinute,
            boolean expiresAtSet,
            OffsetDateTime expiresAt) {}

    // ---- management (the owner)

    public Future<JsonObject> create(Principal p, Input in) {
        ApiKeyFormat.Parts parts = ApiKeyFormat.generate();
        Tuple t = Tuple.tuple()
                .addUUID(Ids.newId())
                .addUUID(p.userId())
                .addString(in.name())
                .addString(parts.prefix())
                .addString(SecretTokens.sha256(parts.secret()))
                .addArrayOfString(in.scopes().toArray(String[]::new))
                .addUUID(in.siteId())
                .addArrayOfString(orEmpty(in.allowedIps()))
                .addArrayOfString(orEmpty(in.allowedOrigins()))
                .addInteger(in.rateLimitPerMinute() == null ? 600 : in.rateLimitPerMinute())
                .addOffsetDateTime(in.expiresAt());
        return pool.preparedQuery(ApiKeySql.INSERT)
                .execute(t)
                .map(rows -> ApiKey.fromRow(rows.iterator().next()).toJson().put("key", parts.full()));
    }

    public Future<JsonArray> list(Principal p) {
        return pool.preparedQuery(ApiKeySql.LIST).execute(Tuple.of(p.userId())).map(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(r -> out.add(ApiKey.fromRow(r).toJson()));
            return out;
        });
    }

    public Future<JsonObject> get(Principal p, UUID id) {
        return own(p, id).map(ApiKey::toJson);
    }

    public Future<JsonObject> update(Principal p, UUID id, Input in) {
        Tuple t = Tuple.tuple()
                .addUUID(id)
                .addUUID(p.userId())
                .addString(in.name())
                .addArrayOfString(in.scopes() == null ? null : in.scopes().toArray(String[]::new))
                .addArrayOfString(
                        in.allowedIps() == null ? null : in.allowedIps().toArray(String[]::new))
                .addArrayOfString(
                        in.allowedOrigins() == null ? null : in.allowedOrigins().toArray(String[]::new))
                .addInteger(in.rateLimitPerMinute())
                .addBoolean(in.expiresAtSet())
                .addOffsetDateTime(in.expiresAt());
        return pool.preparedQuery(ApiKeySql.UPDATE)
                .execute(t)
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(notFound())
                        : Future.succeededFuture(
                                ApiKey.fromRow(rows.iterator().next()).toJson()));
    }

    public Future<Void> revoke(Principal p, UUID id) {
        return pool.preparedQuery(ApiKeySql.REVOKE)
                .execute(Tuple.of(id, p.userId()))
                .compose(rows -> rows.rowCount() == 0 ? Future.failedFuture(notFound()) : Future.succeededFuture());
    }

    /** A new secret (and prefix) for the same key; the old one stops working at once. */
    public Future<JsonObject> regenerate(Principal p, UUID id) {
        ApiKeyFormat.Parts parts = ApiKeyFormat.generate();
        return pool.preparedQuery(ApiKeySql.REGENERATE)
                .execute(Tuple.of(id, p.userId(), parts.prefix(), SecretTokens.sha256(parts.secret())))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(notFound())
                        : Future.succeededFuture(
                                ApiKey.fromRow(rows.iterator().next()).toJson().put("key", parts.full())));
    }

    /** Requests per UTC day over the last {@value #USAGE_DAYS} days, and when the key was last used. */
    public Future<JsonObject> usage(Principal p, UUID id) {
        return own(p, id)
                .compose(key -> redis.send(Request.cmd(Command.HGETALL).arg(usageKey(id)))
                        .recover(e -> Future.succeededFuture(null))
                        .map(counts -> {
                            JsonArray daily = new JsonArray();
                            long total = 0;
                            LocalDate today = LocalDate.now(ZoneOffset.UTC);
                            for (int i = USAGE_DAYS - 1; i >= 0; i--) {
                                String day = today.minusDays(i).toString();
                                long n = count(counts, day);
                                total += n;
                                daily.add(new JsonObject().put("date", day).put("requests", n));
                            }
                            return new JsonObject()
                                    .put("id", id.toString())
                                    .put("lastUsedAt", Times.iso(key.lastUsedAt()))
                                    .put("requestsLast30Days", total)
                                    .put("daily", daily)
                                    .put("countsAvailable", counts != null);
                        }));
    }

    private static long count(Response counts, String day) {
        if (counts == null || !counts.containsKey(day)) {
            return 0;
        }
        return counts.get(day).toLong();
    }

    private Future<ApiKey> own(Principal p, UUID id) {
        return pool.preparedQuery(ApiKeySql.FIND_OWN)
                .execute(Tuple.of(id, p.userId()))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(notFound())
                        : Future.succeededFuture(ApiKey.fromRow(rows.iterator().next())));
    }

    // ---- authentication (every request that presents a key)

    @Override
    public Future<Principal> authenticate(String presented, String ip, String origin) {
        var parts = ApiKeyFormat.parse(presented);
        if (parts.isEmpty()) {
            return Future.failedFuture(invalid());
        }
        return pool.preparedQuery(ApiKeySql.FIND_BY_PREFIX)
                .execute(Tuple.of(parts.get().prefix()))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(invalid());
                    }
                    Row row = rows.iterator().next();
                    ApiKey key = ApiKey.fromRow(row);
                    if (!SecretTokens.equal(
                            key.secretHash(), SecretTokens.sha256(parts.get().secret()))) {
                        return Future.failedFuture(invalid());
                    }
                    if (key.revokedAt() != null) {
                        return Future.failedFuture(
                                new ApiException.Unauthorized("auth.api_key_revoked", "This API key was revoked."));
                    }
                    if (key.expired()) {
                        return Future.failedFuture(
                                new ApiException.Unauthorized("auth.api_key_expired", "This API key has expired."));
                    }
                    String ownerStatus = row.getString("owner_status");
                    if (!ownerStatus.equals("ACTIVE") && !ownerStatus.equals("PENDING_VERIFICATION")) {
                        return Future.failedFuture(new ApiException.Unauthorized(
                                "auth.api_key_owner_inactive", "The account that owns this API key is not active."));
                    }
                    if (!IpAllowList.allows(key.allowedIps(), ip)) {
                        return Future.failedFuture(new ApiException.Forbidden(
                                "auth.api_key_ip_not_allowed", "This API key may not be used from " + ip + "."));
                    }
                    if (origin != null
                            && !key.allowedOrigins().isEmpty()
                            && !key.allowedOrigins().contains(origin)) {
                        return Future.failedFuture(new ApiException.Forbidden(
                                "auth.api_key_origin_not_allowed",
                                "This API key may not be used from the origin " + origin + "."));
                    }
                    return limiter.hit("apikey", key.id().toString(), key.rateLimitPerMinute(), Duration.ofMinutes(1))
                            .compose(d -> {
                                if (!d.allowed()) {
                                    return Future.failedFuture(new ApiException.RateLimited(
                                            "auth.api_key_rate_limited",
                                            "This API key is over its limit of " + key.rateLimitPerMinute()
                                                    + " requests a minute.",
                                            d.resetSeconds()));
                                }
                                recordUse(key.id());
                                return Future.succeededFuture(Principal.apiKey(
                                        key.userId(),
                                        Role.valueOf(row.getString("owner_role")),
                                        key.id(),
                                        new HashSet<>(key.scopes()),
                                        key.siteId()));
                            });
                });
    }

    /** Fire and forget: counting must not slow or fail the request it counts. */
    private void recordUse(UUID id) {
        String day = LocalDate.now(ZoneOffset.UTC).toString();
        redis.send(Request.cmd(Command.HINCRBY).arg(usageKey(id)).arg(day).arg(1))
                .compose(v -> redis.send(Request.cmd(Command.EXPIRE)
                        .arg(usageKey(id))
                        .arg(Duration.ofDays(USAGE_DAYS + 5).toSeconds())))
                .onFailure(e -> log.debug("api key usage not counted: {}", e.getMessage()));
        pool.preparedQuery(ApiKeySql.TOUCH)
                .execute(Tuple.of(id))
                .onFailure(e -> log.debug("api key last_used_at not updated: {}", e.getMessage()));
    }

    private String usageKey(UUID id) {
        return RedisClients.key(redisConfig, "apikey-usage", id.toString());
    }

    private static String[] orEmpty(List<String> list) {
        return list == null ? new String[0] : list.toArray(String[]::new);
    }

    private static ApiException invalid() {
        return new ApiException.Unauthorized("auth.invalid_api_key", "The API key is not valid.");
    }

    private static ApiException notFound() {
        return new ApiException.NotFound("api_key.not_found", "No such API key.");
    }
}
