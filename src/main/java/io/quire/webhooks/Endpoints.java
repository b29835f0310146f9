package io.quire.webhooks;

import io.quire.platform.auth.Principal;
import io.quire.platform.clock.Times;
import io.quire.platform.crypto.Encryptor;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.quire.platform.jobs.JobQueue;
import io.quire.platform.net.TargetGuard;
import io.quire.sites.SiteService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/**
 * Authors' webhook endpoints (§20): managed by whoever manages the site. The signing secret is shown when made
 * (created or rotated) and never again; after a rotation the previous secret keeps signing for a day.
 */
public final class Endpoints {
    static final String COLUMNS = """
      id, site_id, name, description, url, events, ordered, is_active, disabled_reason, failing_since, success_count, failure_count,
      consecutive_fails, last_success_at, last_failure_at, created_at, updated_at
      """;
    private static final String INSERT =
            "INSERT INTO outgoing_webhooks (id, site_id, name, description, url, events, secret_encrypted, "
                    + "created_by, ordered) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9, false)) RETURNING "
                    + COLUMNS;
    private static final String LIST = "SELECT " + COLUMNS
            + " FROM outgoing_webhooks WHERE site_id = $1 AND deleted_at IS NULL ORDER BY created_at, id";
    private static final String ONE =
            "SELECT " + COLUMNS + " FROM outgoing_webhooks WHERE id = $1 AND deleted_at IS NULL";
    private static final String UPDATE = """
      UPDATE outgoing_webhooks SET name = coalesce($2, name), description = coalesce($3, description), url = coalesce($4, url),
             events = coalesce($5, events), is_active = coalesce($6, is_active), ordered = coalesce($7, ordered),
             consecutive_fails = CASE WHEN $6 THEN 0 ELSE consecutive_fails END,
             failing_since = CASE WHEN $6 THEN NULL ELSE failing_since END,
             disabled_reason = CASE WHEN $6 THEN NULL ELSE disabled_reason END, updated_at = now()
       WHERE id = $1 RETURNING
      """ + COLUMNS;
    private static final String ROTATE = """
      UPDATE outgoing_webhooks SET previous_secret_encrypted = secret_encrypted,
             previous_secret_expires_at = now() + interval '24 hours', secret_encrypted = $2, updated_at = now()
       WHERE id = $1
      """;
    private static final String DELETE =
            "UPDATE outgoing_webhooks SET deleted_at = now(), is_active = false WHERE id = $1";

    private final Pool pool;
    private final Encryptor encryptor;
    private final TargetGuard guard;
    private final JobQueue jobs;

    public Endpoints(Pool pool, Encryptor encryptor, TargetGuard guard, JobQueue jobs) {
        this.pool = pool;
        this.encryptor = encryptor;
        this.guard = guard;
        this.jobs = jobs;
    }

    /** What a create or update asks for; null fields are left as they are. */
    public record Input(
            String name,
            String description,
            String url,
            List<String> events,
            Boolean active,
            String secret,
            Boolean ordered) {}

    public Future<JsonObject> create(Principal p, UUID siteId, Input in) {
        String secret = in.secret() != null ? in.secret() : WebhookSecrets.newSecret();
        UUID id = Ids.newId();
        return pool.withTransaction(tx -> SiteService.membership(tx, siteId, p).compose(m -> {
                    m.requireManage();
                    return tx.preparedQuery(INSERT)
                            .execute(Tuple.of(
                                    id,
                                    siteId,
                                    in.name(),
                                    in.description(),
                                    in.url(),
                                    in.events().toArray(String[]::new),
                                    encryptor.encrypt(secret),
                                    p.userId(),
                                    in.ordered()));
                }))
                .map(rows -> json(rows.iterator().next()).put("secret", secret));
    }

    public Future<JsonArray> list(Principal p, UUID siteId) {
        return SiteService.membership(pool, siteId, p)
                .compose(m -> {
                    m.requireManage();
                    return pool.preparedQuery(LIST).execute(Tuple.of(siteId));
                })
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> out.add(json(r)));
                    return out;
                });
    }

    public Future<JsonObject> get(Principal p, UUID id) {
        return pool.withTransaction(tx -> managed(tx, p, id)).map(Endpoints::json);
    }

    public Future<JsonObject> update(Principal p, UUID id, Input in) {
        return pool.withTransaction(tx -> managed(tx, p, id)
                        .compose(r -> tx.preparedQuery(UPDATE)
                                .execute(Tuple.tuple()
                                        .addUUID(id)
                                        .addString(in.name())
                                        .addString(in.description())
                                        .addString(in.url())
                                        .addArrayOfString(
                                                in.events() == null
                                                        ? null
                                                        : in.events().toArray(String[]::new))
                                        .addBoolean(in.active())
                                        .addBoolean(in.ordered()))))
                .map(rows -> json(rows.iterator().next()));
    }

    public Future<Void> delete(Principal p, UUID id) {
        return pool.withTransaction(tx ->
                        managed(tx, p, id).compose(r -> tx.preparedQuery(DELETE).execute(Tuple.of(id))))
                .mapEmpty();
    }

    /** A new secret, shown this once; the previous one keeps signing for 24 hours. */
    public Future<JsonObject> rotate(Principal p, UUID id) {
        String secret = WebhookSecrets.newSecret();
        return pool.withTransaction(tx -> managed(tx, p, id)
                        .compose(r -> tx.preparedQuery(ROTATE).execute(Tuple.of(id, encryptor.encrypt(secret)))))
                .map(v -> new JsonObject()
                        .put("id", id.toString())
                        .put("secret", secret)
                        .put("previousSecretValidForHours", 24));
    }

    /** Queues a {@code webhook.test} delivery to this endpoint now, whatever events it subscribes to. */
    public Future<JsonObject> test(Principal p, UUID id) {
        UUID delivery = Ids.newId();
        return pool.withTransaction(tx -> managed(tx, p, id).compose(r -> {
                    JsonObject payload = Deliveries.envelope(
                            "webhook.test",
                            new JsonObject()
                                    .put("webhookId", id.toString())
                                    .put("siteId", r.getUUID("site_id").toString()));
                    return Deliveries.insert(tx, jobs, delivery, id, "webhook.test", payload);
                }))
                .map(v ->
                        new JsonObject().put("deliveryId", delivery.toString()).put("status", "PENDING"));
    }

    /** The endpoint, when the caller manages its site; 404 otherwise (an endpoint of a site you can't see doesn't exist). */
    static Future<Row> managed(SqlConnection tx, Principal p, UUID id) {
        return tx.preparedQuery(ONE).execute(Tuple.of(id)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.failedFuture(notFound());
            }
            Row r = rows.iterator().next();
            return SiteService.membership(tx, r.getUUID("site_id"), p)
                    .map(m -> {
                        m.requireManage();
                        return r;
                    })
                    .recover(e -> Future.failedFuture(e instanceof ApiException.NotFound ? notFound() : e));
        });
    }

    static ApiException notFound() {
        return new ApiException.NotFound("webhook.not_found", "No such webhook.");
    }

    /** A problem with the URL, for the route's validation. */
    String urlProblem(String url) {
        return guard.urlProblem(url);
    }

    static JsonObject json(Row r) {
        return new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("siteId", r.getUUID("site_id").toString())
                .put("name", r.getString("name"))
                .put("description", r.getString("description"))
                .put("url", r.getString("url"))
                .put("events", new JsonArray(List.of((Object[]) r.getArrayOfStrings("events"))))
                .put("isActive", r.getBoolean("is_active"))
                .put("ordered", r.getBoolean("ordered"))
                .put("disabledReason", r.getString("disabled_reason"))
                .put("failingSince", Times.iso(r.getOffsetDateTime("failing_since")))
                .put("successCount", r.getInteger("success_count"))
                .put("failureCount", r.getInteger("failure_count"))
                .put("consecutiveFails", r.getInteger("consecutive_fails"))
                .put("lastSuccessAt", Times.iso(r.getOffsetDateTime("last_success_at")))
                .put("lastFailureAt", Times.iso(r.getOffsetDateTime("last_failure_at")))
                .put("createdAt", Times.iso(r.getOffsetDateTime("created_at")))
                .put("updatedAt", Times.iso(r.getOffsetDateTime("updated_at")));
    }
}
