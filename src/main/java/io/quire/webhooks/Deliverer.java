package io.quire.webhooks;

import io.quire.platform.config.QuireConfig;
import io.quire.platform.crypto.Encryptor;
import io.quire.platform.jobs.Job;
import io.quire.platform.jobs.JobHandler;
import io.quire.platform.jobs.JobQueue;
import io.quire.platform.jobs.JobRequest;
import io.quire.platform.mail.MailMessage;
import io.quire.platform.mail.Mailer;
import io.quire.platform.net.TargetGuard;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.InetAddress;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends one delivery attempt (the {@code webhooks.deliver} job) the Standard Webhooks way: the body
 * {@code {type, timestamp, data}}, {@code webhook-id} (the delivery's id, the same on every retry),
 * {@code webhook-timestamp}, and {@code webhook-signature} with one {@code v1,} signature per active secret.
 * Connects to the address {@link TargetGuard} approved, follows no redirect, waits at most
 * {@code webhooks.deliveryTimeoutMs}. Every attempt is logged (status, time, the first 2 KiB of the answer, the
 * error). A 2xx is success; anything else is tried again after the next delay of
 * {@code webhooks.retryScheduleSeconds} (a new job at that time, so a restart loses nothing), and after the last
 * one the delivery is DEAD. An endpoint gets at most {@code webhooks.perEndpointConcurrency} deliveries at once
 * per process, out of the worker's {@code webhooks.processConcurrency}, so a hanging one cannot hold up the others;
 * one that has failed without a success for {@code webhooks.disableAfterHours} is switched off and its site's
 * owner is mailed. An {@code ordered} endpoint gets its deliveries strictly in order: each waits until every older
 * one succeeded or died.
 */
public final class Deliverer implements JobHandler {
    static final int RESPONSE_BODY_CHARS = 2048;
    static final long BUSY_RETRY_MS = 500;
    private static final String LOAD = """
      SELECT d.id, d.event_type, d.payload, d.status, d.attempts, w.id AS webhook_id, w.url, w.is_active, w.deleted_at,
             w.secret_encrypted, w.previous_secret_encrypted, w.previous_secret_expires_at > now() AS previous_valid,
             CASE WHEN w.ordered THEN (SELECT max(coalesce(o.next_attempt_at, now())) FROM webhook_deliveries o
                                        WHERE o.webhook_id = d.webhook_id AND o.status IN ('PENDING', 'RETRYING')
                                          AND (o.created_at, o.id) < (d.created_at, d.id)) END AS blocked_until
        FROM webhook_deliveries d JOIN outgoing_webhooks w ON w.id = d.webhook_id
       WHERE d.id = $1
      """;
    private static final String ATTEMPT = """
      INSERT INTO webhook_delivery_attempts (delivery_id, attempt, status_code, response_time_ms, response_body, error)
      VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING
      """;
    /** The attempt's log entry and the success, in one statement (one commit per delivered event). */
    private static final String SUCCEEDED = """
      WITH a AS (INSERT INTO webhook_delivery_attempts (delivery_id, attempt, status_code, response_time_ms, response_body)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING),
           d AS (UPDATE webhook_deliveries SET status = 'SUCCEEDED', attempts = $2, last_status = $3, last_error = NULL,
                        next_attempt_at = NULL, completed_at = now() WHERE id = $1 RETURNING webhook_id)
      UPDATE outgoing_webhooks SET success_count = success_count + 1, consecutive_fails = 0, last_success_at = now(),
             failing_since = NULL
       WHERE id = (SELECT webhook_id FROM d)
      """;
    /**
     * Records the failure; an endpoint that has failed without a single success for longer than the window is
     * switched off here, and the statement says so (with the site owner's address, for the notice).
     */
    private static final String FAILED = """
      WITH d AS (UPDATE webhook_deliveries SET status = $2, attempts = $3, last_status = $4, last_error = $5,
                        next_attempt_at = $6, completed_at = CASE WHEN $2 = 'DEAD' THEN now() END WHERE id = $1 RETURNING webhook_id),
           w AS (UPDATE outgoing_webhooks SET failure_count = failure_count + 1, consecutive_fails = consecutive_fails + 1,
                        last_failure_at = now(), failing_since = coalesce(failing_since, now()),
                        is_active = is_active AND coalesce(failing_since, now()) > now() - make_interval(hours => $7),
                        disabled_reason = CASE WHEN is_active AND coalesce(failing_since, now()) <= now() - make_interval(hours => $7)
                                               THEN 'failing without a success for ' || $7 || ' hours' ELSE disabled_reason END
                  WHERE id = (SELECT webhook_id FROM d)
              RETURNING id, name, url, site_id, NOT is_active AND disabled_reason IS NOT NULL
                        AND coalesce(failing_since, now()) <= now() - make_interval(hours => $7) AS just_disabled)
      SELECT w.just_disabled, w.name, w.url, u.email FROM w JOIN sites s ON s.id = w.site_id JOIN users u ON u.id = s.owner_id
      """;

    private static final String GIVE_UP =
            "UPDATE webhook_deliveries SET status = 'DEAD', last_error = $2, completed_at = now() WHERE id = $1";

    private final Vertx vertx;
    private final Pool pool;
    private final WebClient client;
    private final Encryptor encryptor;
    private final TargetGuard guard;
    private final JobQueue jobs;
    private final QuireConfig.Webhooks config;
    private final Mailer mailer;
    /** Deliveries in flight per endpoint in this process (the verticle's event loop only: no locking). */
    private final java.util.Map<UUID, Integer> inFlight = new java.util.HashMap<>();

    public Deliverer(
            Vertx vertx,
            Pool pool,
            WebClient client,
            Encryptor encryptor,
            TargetGuard guard,
            JobQueue jobs,
            QuireConfig.Webhooks config) {
        this.mailer = new Mailer(jobs);
        this.vertx = vertx;
        this.pool = pool;
        this.client = client;
        this.encryptor = encryptor;
        this.guard = guard;
        this.jobs = jobs;
        this.config = config;
    }

    /** What one attempt came to. */
    record Outcome(Integer status, int millis, String body, String error) {
        boolean ok() {
            return status != null && status >= 200 && status < 300;
        }
    }

    @Override
    public Future<Void> handle(Job job) {
        UUID id = UUID.fromString(job.payload().getString("deliveryId"));
        return pool.preparedQuery(LOAD).execute(Tuple.of(id)).compose(rows -> {
            if (rows.size() == 0) {
                return Future.succeededFuture();
            }
            Row d = rows.iterator().next();
            String status = d.getString("status");
            if (status.equals("SUCCEEDED") || status.equals("DEAD")) {
                return Future.succeededFuture();
            }
            if (!d.getBoolean("is_active") || d.getValue("deleted_at") != null) {
                return pool.preparedQuery(GIVE_UP)
                        .execute(Tuple.of(id, "the endpoint is disabled or deleted"))
                        .mapEmpty();
            }
            UUID webhook = d.getUUID("webhook_id");
            OffsetDateTime blockedUntil = d.getOffsetDateTime("blocked_until");
            if (blockedUntil != null) {
                // an ordered endpoint: an older delivery is still on its way, so this one waits for that one's next try
                Instant at = blockedUntil.toInstant().plusMillis(BUSY_RETRY_MS);
                return jobs.enqueue(
                                pool,
                                JobRequest.of(Deliveries.DELIVER_JOB, new JsonObject().put("deliveryId", id.toString()))
                                        .at(at)
                                        .maxAttempts(10))
                        .mapEmpty();
            }
            if (inFlight.getOrDefault(webhook, 0) >= config.perEndpointConcurrency()) {
                // this endpoint already has its share of the worker: try again shortly, so a slow one can't starve the
                // rest
                return jobs.enqueue(
                                pool,
                                JobRequest.of(Deliveries.DELIVER_JOB, new JsonObject().put("deliveryId", id.toString()))
                                        .at(Instant.now().plusMillis(BUSY_RETRY_MS))
                                        .maxAttempts(10))
                        .mapEmpty();
            }
            inFlight.merge(webhook, 1, Integer::sum);
            int attempt = d.getInteger("attempts") + 1;
            return send(d).compose(outcome -> record(id, attempt, outcome))
                    .andThen(done -> inFlight.computeIfPresent(webhook, (k, n) -> n <= 1 ? null : n - 1));
        });
    }

    private Future<Outcome> send(Row d) {
        TargetGuard.Target target = TargetGuard.Target.of(URI.create(d.getString("url")));
        String host = target.host();
        return guard.address(vertx, host)
                .compose(
                        address -> {
                            if (address == null) {
                                return Future.succeededFuture(new Outcome(
                                        null, 0, null, "refused: " + host + " resolves only to internal addresses"));
                            }
                            return post(d, address, host, target.port(), target.https(), target.path());
                        },
                        e -> Future.succeededFuture(
                                new Outcome(null, 0, null, "cannot resolve " + host + ": " + e.getMessage())));
    }

    private Future<Outcome> post(Row d, InetAddress address, String host, int port, boolean https, String path) {
        Buffer body = d.getJsonObject("payload").toBuffer();
        String messageId = "msg_" + d.getUUID("id");
        long timestamp = Instant.now().getEpochSecond();
        List<String> signatures = new ArrayList<>();
        signatures.add(Signatures.standardSignature(
                encryptor.decrypt(d.getString("secret_encrypted")), messageId, timestamp, body));
        if (Boolean.TRUE.equals(d.getBoolean("previous_valid")) && d.getString("previous_secret_encrypted") != null) {
            signatures.add(Signatures.standardSignature(
                    encryptor.decrypt(d.getString("previous_secret_encrypted")), messageId, timestamp, body));
        }
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, address.getHostAddress()))
                .setHost(host)
                .setPort(port)
                .setSsl(https)
                .setURI(path)
                .setFollowRedirects(false)
                .setTimeout(config.deliveryTimeoutMs());
        long started = System.nanoTime();
        return client.request(HttpMethod.POST, options)
                .putHeader("Content-Type", "application/json")
                .putHeader("User-Agent", "Quire-Webhooks/1")
                .putHeader("webhook-id", messageId)
                .putHeader("webhook-timestamp", Long.toString(timestamp))
                .putHeader("webhook-signature", String.join(" ", signatures))
                .sendBuffer(body)
                .map(r -> new Outcome(r.statusCode(), millis(started), excerpt(r), null))
                .otherwise(e -> new Outcome(null, millis(started), null, String.valueOf(e.getMessage())));
    }

    private Future<Void> record(UUID id, int attempt, Outcome o) {
        if (o.ok()) {
            return pool.preparedQuery(SUCCEEDED)
                    .execute(Tuple.of(id, attempt, o.status(), o.millis(), o.body()))
                    .mapEmpty();
        }
        Future<Void> logged = pool.preparedQuery(ATTEMPT)
                .execute(Tuple.of(id, attempt, o.status(), o.millis(), o.body(), o.error()))
                .mapEmpty();
        List<Integer> schedule = config.retryScheduleSeconds();
        boolean dead = attempt >= schedule.size();
        OffsetDateTime next = dead
                ? null
                : OffsetDateTime.now(ZoneOffset.UTC).plusNanos(jittered(schedule.get(attempt)) * 1_000_000L);
        String error = o.error() != null ? o.error() : "the endpoint answered " + o.status();
        return logged.compose(v -> pool.withTransaction(tx -> tx.preparedQuery(FAILED)
                .execute(Tuple.of(
                        id, dead ? "DEAD" : "RETRYING", attempt, o.status(), error, next, config.disableAfterHours()))
                .compose(rows -> disabledNotice(tx, rows))
                .compose(u -> dead
                        ? Future.succeededFuture()
                        : jobs.enqueue(
                                        tx,
                                        JobRequest.of(
                                                        Deliveries.DELIVER_JOB,
                                                        new JsonObject().put("deliveryId", id.toString()))
                                                .at(next.toInstant())
                                                .maxAttempts(10))
                                .mapEmpty())));
    }

    /** When this failure switched the endpoint off, its site's owner is told (in the same transaction). */
    private Future<Void> disabledNotice(io.vertx.sqlclient.SqlConnection tx, io.vertx.sqlclient.RowSet<Row> rows) {
        if (rows.size() == 0 || !Boolean.TRUE.equals(rows.iterator().next().getBoolean("just_disabled"))) {
            return Future.succeededFuture();
        }
        Row w = rows.iterator().next();
        return mailer.queue(
                        tx,
                        new MailMessage(
                                w.getString("email"),
                                "Your webhook endpoint was switched off",
                                """
        Quire could not deliver to your webhook endpoint "%s" (%s) for %d hours without a single success, so it was         switched off and its pending deliveries were dropped.

        Fix the endpoint, then switch it back on (PATCH /api/v1/webhooks/{id} with isActive true); failed deliveries         can be sent again from the endpoint's delivery log.
        """.formatted(w.getString("name"), w.getString("url"), config.disableAfterHours()),
                                "webhook-disabled"))
                .mapEmpty();
    }

    /** ±10%, so endpoints that failed together are not retried in lock-step. */
    static long jittered(int seconds) {
        long ms = seconds * 1000L;
        return ms == 0 ? 0 : ms + ThreadLocalRandom.current().nextLong(-ms / 10, ms / 10 + 1);
    }

    private static int millis(long started) {
        return (int) ((System.nanoTime() - started) / 1_000_000);
    }

    private static String excerpt(HttpResponse<Buffer> r) {
        if (r.body() == null) {
            return null;
        }
        String text = r.bodyAsString();
        return text.length() > RESPONSE_BODY_CHARS ? text.substring(0, RESPONSE_BODY_CHARS) : text;
    }
}
