package io.quire.webhooks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.crypto.Encryptor;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The receiving half of the inbox, in the webhooks verticle: finds the sender's secrets, checks the signature
 * over the raw bytes, and commits the event (with its processing job) before the sender gets its 2xx. A
 * duplicate (same gateway and event id) is acknowledged and not stored again. Every refusal is recorded.
 */
public final class Inbox {
    public static final String PROCESS_JOB = "webhooks.process";

    private final Pool pool;
    private final Encryptor encryptor;
    /** Who owns a path id and their decrypted secrets, briefly: a burst from one gateway costs one lookup. */
    private final Cache<String, Owner> owners = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterWrite(java.time.Duration.ofSeconds(OWNER_CACHE_SECONDS))
            .build();

    private final Rejections rejections;
    private final QuireConfig.Webhooks config;
    private final java.time.Clock clock;

    /**
     * How long a sender's secrets are reused without a lookup. A secret added meanwhile is seen at most this late;
     * rotation is unharmed, since the previous secrets stay valid for a day.
     */
    static final int OWNER_CACHE_SECONDS = 5;

    /** The owner of a path id (null when there is none) and their active secrets. */
    private record Owner(UUID id, List<String> secrets) {}

    public Inbox(
            Pool pool, Encryptor encryptor, Rejections rejections, QuireConfig.Webhooks config, java.time.Clock clock) {
        this.pool = pool;
        this.encryptor = encryptor;
        this.rejections = rejections;
        this.config = config;
        this.clock = clock;
    }

    /** Never fails for a sender's mistake: those are outcomes; a failed future means the inbox itself is down (503). */
    public Future<Inbound.Outcome> receive(Inbound in) {
        UUID pathId = uuid(in.pathId());
        boolean source = in.gateway().equals("standard");
        if (pathId == null) {
            return Future.succeededFuture(unknownSender(in, source));
        }
        return owner(in.gateway(), pathId, source).compose(owner -> {
            if (owner.id() == null) {
                return Future.succeededFuture(unknownSender(in, source));
            }
            UUID ownerId = owner.id();
            List<String> secrets = owner.secrets();
            Inbound.Outcome refused = verify(in, secrets);
            if (refused != null) {
                return Future.succeededFuture(refused);
            }
            JsonObject body;
            GatewayEvents.Parsed event;
            try {
                body = in.body().toJsonObject();
                event = GatewayEvents.parse(in.gateway(), body, in.headers());
            } catch (RuntimeException e) {
                body = null;
                event = null;
            }
            String missingHeader = GatewayEvents.missingIdHeader(in.gateway(), in.headers());
            if (event == null && missingHeader != null) {
                return Future.succeededFuture(reject(
                        in,
                        new ApiException.BadRequest(
                                "webhook.event_id_missing",
                                "The signature is valid, but the " + missingHeader + " header, which carries the"
                                        + " event's id, is missing.")));
            }
            if (event == null) {
                return Future.succeededFuture(reject(
                        in,
                        new ApiException.BadRequest(
                                "webhook.invalid_payload",
                                "The body must be the gateway's JSON event, with its id and type.")));
            }
            return store(in, ownerId, source ? pathId : null, body, event);
        });
    }

    private Future<Owner> owner(String gateway, UUID pathId, boolean source) {
        String key = gateway + ":" + pathId;
        Owner cached = owners.getIfPresent(key);
        if (cached != null) {
            return Future.succeededFuture(cached);
        }
        Future<io.vertx.sqlclient.RowSet<Row>> rows = source
                ? pool.preparedQuery(InboxSql.SOURCE_SECRETS).execute(Tuple.of(pathId))
                : pool.preparedQuery(InboxSql.AUTHOR_SECRETS).execute(Tuple.of(pathId, gateway));
        return rows.map(found -> {
            UUID id = null;
            List<String> secrets = new ArrayList<>();
            for (Row r : found) {
                id = r.getUUID("owner_id");
                if (r.getString("secret_encrypted") != null) {
                    secrets.add(encryptor.decrypt(r.getString("secret_encrypted")));
                }
            }
            Owner owner = new Owner(id, List.copyOf(secrets));
            owners.put(key, owner);
            return owner;
        });
    }

    private Inbound.Outcome verify(Inbound in, List<String> secrets) {
        long now = clock.instant().getEpochSecond();
        Signatures.Result result = switch (in.gateway()) {
            case "stripe" -> Signatures.stripe(in.headers(), in.body(), secrets, now, config.toleranceSeconds());
            case "razorpay" -> Signatures.razorpay(in.headers(), in.body(), secrets);
            case "xendit" -> Signatures.xendit(in.headers(), secrets);
            default -> Signatures.standard(in.headers(), in.body(), secrets, now, config.toleranceSeconds());
        };
        return switch (result) {
            case VALID -> null;
            case MISSING ->
                reject(
                        in,
                        new ApiException.BadRequest("webhook.signature_missing", "The request carries no signature."));
            case STALE ->
                reject(
                        in,
                        new ApiException.Unauthorized(
                                "webhook.timestamp_stale",
                                "The signed timestamp is more than " + config.toleranceSeconds()
                                        + " seconds away from now."));
            case INVALID ->
                reject(
                        in,
                        new ApiException.Unauthorized(
                                "webhook.signature_invalid", "The signature does not match a configured secret."));
        };
    }

    private Future<Inbound.Outcome> store(
            Inbound in, UUID ownerId, UUID sourceId, JsonObject body, GatewayEvents.Parsed e) {
        UUID id = Ids.newId();
        JsonObject headers = new JsonObject();
        in.headers().forEach((name, value) -> {
            if (!name.equals("authorization") && !name.equals("cookie")) {
                headers.put(name, value);
            }
        });
        Tuple row = Tuple.tuple()
                .addUUID(id)
                .addString(in.gateway())
                .addUUID(ownerId)
                .addUUID(sourceId)
                .addString(e.type())
                .addString(e.eventId())
                .addString(e.objectId())
                .addOffsetDateTime(e.createdAt())
                .addValue(body)
                .addValue(headers);
        row.addUUID(Ids.newId()).addInteger(config.maxAttempts());
        return pool.preparedQuery(InboxSql.INSERT_EVENT)
                .execute(row)
                .compose(rows -> rows.size() > 0
                        ? Future.succeededFuture(Inbound.Outcome.accepted(
                                rows.iterator().next().getUUID("id"),
                                rows.iterator().next().getBoolean("duplicate")))
                        : pool.preparedQuery(InboxSql.EXISTING_EVENT)
                                .execute(Tuple.of(in.gateway(), e.eventId()))
                                .map(existing -> Inbound.Outcome.accepted(
                                        existing.iterator().next().getUUID("id"), true)));
    }

    private Inbound.Outcome unknownSender(Inbound in, boolean source) {
        return source
                ? reject(in, new ApiException.NotFound("webhook.unknown_source", "No such webhook source."))
                : reject(in, new ApiException.NotFound("webhook.unknown_author", "No such author."));
    }

    private Inbound.Outcome reject(Inbound in, ApiException refusal) {
        rejections.record(in.gateway(), in.pathId(), refusal.status(), refusal.code());
        return Inbound.Outcome.rejected(refusal);
    }

    private static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
