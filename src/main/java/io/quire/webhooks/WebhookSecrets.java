package io.quire.webhooks;

import io.quire.platform.clock.Times;
import io.quire.platform.crypto.Encryptor;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * The secrets incoming webhooks are checked with, encrypted at rest. Adding one never cuts off the one before:
 * the older secrets of the same gateway (or source) stay valid for {@link #OVERLAP_HOURS} hours, so the sender can
 * switch over without losing events.
 */
public final class WebhookSecrets {
    static final int OVERLAP_HOURS = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final String RETIRE_OLDER = """
      UPDATE webhook_secrets SET expires_at = now() + make_interval(hours => $4)
       WHERE author_id = $1 AND gateway = $2 AND source_id IS NOT DISTINCT FROM $3
         AND (expires_at IS NULL OR expires_at > now() + make_interval(hours => $4))
      """;
    private static final String INSERT = """
      INSERT INTO webhook_secrets (id, author_id, gateway, source_id, secret_encrypted) VALUES ($1, $2, $3, $4, $5)
      RETURNING created_at
      """;
    private static final String INSERT_SOURCE =
            "INSERT INTO webhook_sources (id, owner_id, name) VALUES ($1, $2, $3) RETURNING created_at";
    private static final String LIST_SOURCES = """
      SELECT id, name, created_at FROM webhook_sources WHERE owner_id = $1 AND deleted_at IS NULL ORDER BY created_at, id
      """;
    private static final String OWN_SOURCE =
            "SELECT id FROM webhook_sources WHERE id = $1 AND owner_id = $2 AND deleted_at IS NULL FOR UPDATE";
    private static final String DELETE_SOURCE = "UPDATE webhook_sources SET deleted_at = now() WHERE id = $1";

    private final Pool pool;
    private final Encryptor encryptor;
    private final String publicBaseUrl;

    public WebhookSecrets(Pool pool, Encryptor encryptor, String publicBaseUrl) {
        this.pool = pool;
        this.encryptor = encryptor;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** A gateway's new secret (or Xendit token) for {@code authorId}; the older ones keep working for a day. */
    public Future<JsonObject> addGatewaySecret(UUID authorId, String gateway, String secret) {
        return pool.withTransaction(tx -> add(tx, authorId, gateway, null, secret))
                .map(created -> new JsonObject()
                        .put("gateway", gateway)
                        .put("createdAt", created)
                        .put("webhookUrl", publicBaseUrl + "/api/v1/webhooks/" + gateway + "/" + authorId)
                        .put("previousSecretsValidForHours", OVERLAP_HOURS));
    }

    /** A Standard Webhooks source: its URL and its signing secret, shown this once. */
    public Future<JsonObject> createSource(UUID ownerId, String name) {
        UUID id = Ids.newId();
        String secret = newSecret();
        return pool.withTransaction(tx -> tx.preparedQuery(INSERT_SOURCE)
                .execute(Tuple.of(id, ownerId, name))
                .compose(rows -> add(tx, ownerId, "standard", id, secret)
                        .map(created -> source(id, name, created).put("secret", secret))));
    }

    public Future<JsonArray> sources(UUID ownerId) {
        return pool.preparedQuery(LIST_SOURCES).execute(Tuple.of(ownerId)).map(rows -> {
            JsonArray out = new JsonArray();
            rows.forEach(r -> out.add(
                    source(r.getUUID("id"), r.getString("name"), Times.iso(r.getOffsetDateTime("created_at")))));
            return out;
        });
    }

    /** A new secret for the source, shown this once; the previous one keeps working for a day. */
    public Future<JsonObject> rotateSource(UUID ownerId, UUID sourceId) {
        String secret = newSecret();
        return pool.withTransaction(tx -> ownSource(tx, ownerId, sourceId)
                .compose(v -> add(tx, ownerId, "standard", sourceId, secret))
                .map(created -> new JsonObject()
                        .put("id", sourceId.toString())
                        .put("secret", secret)
                        .put("createdAt", created)
                        .put("previousSecretsValidForHours", OVERLAP_HOURS)));
    }

    public Future<Void> deleteSource(UUID ownerId, UUID sourceId) {
        return pool.withTransaction(tx -> ownSource(tx, ownerId, sourceId)
                .compose(v -> tx.preparedQuery(DELETE_SOURCE).execute(Tuple.of(sourceId)))
                .mapEmpty());
    }

    private Future<Void> ownSource(SqlConnection tx, UUID ownerId, UUID sourceId) {
        return tx.preparedQuery(OWN_SOURCE)
                .execute(Tuple.of(sourceId, ownerId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(
                                new ApiException.NotFound("webhook_source.not_found", "No such webhook source."))
                        : Future.succeededFuture());
    }

    private Future<String> add(SqlConnection tx, UUID authorId, String gateway, UUID sourceId, String secret) {
        return tx.preparedQuery(RETIRE_OLDER)
                .execute(Tuple.of(authorId, gateway, sourceId, OVERLAP_HOURS))
                .compose(v -> tx.preparedQuery(INSERT)
                        .execute(Tuple.of(Ids.newId(), authorId, gateway, sourceId, encryptor.encrypt(secret))))
                .map(rows -> Times.iso(rows.iterator().next().getOffsetDateTime("created_at")));
    }

    private JsonObject source(UUID id, String name, String createdAt) {
        return new JsonObject()
                .put("id", id.toString())
                .put("name", name)
                .put("createdAt", createdAt)
                .put("webhookUrl", publicBaseUrl + "/api/v1/webhooks/inbound/" + id);
    }

    /** {@code whsec_} and base64 of 32 random bytes: the Standard Webhooks secret format. */
    static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
