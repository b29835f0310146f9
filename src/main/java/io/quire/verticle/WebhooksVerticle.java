package io.quire.verticle;

import io.quire.billing.events.BillingWebhooks;
import io.quire.billing.ledger.Ledger;
import io.quire.platform.AppContext;
import io.quire.platform.bus.Bus;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.crypto.Encryptor;
import io.quire.platform.db.PgListener;
import io.quire.platform.db.PgPools;
import io.quire.platform.db.PgTarget;
import io.quire.platform.inbox.WebhookHandler;
import io.quire.platform.jobs.Backoff;
import io.quire.platform.jobs.JobQueue;
import io.quire.platform.jobs.JobWorker;
import io.quire.platform.mail.Mailer;
import io.quire.platform.net.TargetGuard;
import io.quire.platform.redis.RedisClients;
import io.quire.webhooks.Deliverer;
import io.quire.webhooks.Deliveries;
import io.quire.webhooks.Inbound;
import io.quire.webhooks.Inbox;
import io.quire.webhooks.InboxProcessor;
import io.quire.webhooks.Rejections;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Both directions of webhooks. Incoming: takes raw events from the HTTP verticle over the event bus, verifies and
 * commits them ({@link Inbox}), and processes them afterwards ({@link InboxProcessor}; handlers come from the
 * features that own the events). Outgoing: sends the deliveries the outbox fan-out queued ({@link Deliverer}).
 * Its own job worker claims only {@code webhooks.process} and {@code webhooks.deliver} jobs.
 */
public final class WebhooksVerticle extends VerticleBase {
    private final AppContext app;
    private Pool pool;
    private Pool inboxPool;
    private Redis redis;
    private JobWorker jobs;
    private WebClient client;
    private PgListener listener;

    public WebhooksVerticle(AppContext app) {
        this.app = app;
    }

    @Override
    public Future<?> start() {
        QuireConfig config = app.config();
        pool = PgPools.shared(vertx, config.pg(), "main");
        redis = RedisClients.create(vertx, config.redis());
        // acknowledgements get their own connections, so a processing backlog never delays a gateway's 2xx
        inboxPool = PgPools.shared(vertx, config.pg(), "inbox");
        Inbox inbox = new Inbox(
                inboxPool,
                new Encryptor(config.security().encryptionKey()),
                new Rejections(redis, app.metrics(), config),
                config.webhooks(),
                Clock.systemUTC());
        // the gateways' payment and subscription events; handlers a caller adds (tests) take precedence
        Map<String, WebhookHandler> handlers = new HashMap<>(BillingWebhooks.handlers(
                new Ledger(config.billing().platformFeePercent(), new Mailer(new JobQueue(config.jobs())))));
        handlers.putAll(app.extraWebhookHandlers());
        InboxProcessor processor = new InboxProcessor(
                pool,
                handlers,
                new Backoff(config.jobs().backoffBaseMs(), config.jobs().backoffMaxMs()));
        String workerId = ManagementFactory.getRuntimeMXBean().getName() + "/webhooks/"
                + UUID.randomUUID().toString().substring(0, 8);
        // its own worker, sized for bursts from the gateways: more events at once than the general job worker takes
        QuireConfig.Jobs j = config.jobs();
        QuireConfig.Jobs sized = new QuireConfig.Jobs(
                j.pollIntervalMs(),
                Math.max(j.batchSize(), config.webhooks().processConcurrency()),
                config.webhooks().processConcurrency(),
                j.leaseSeconds(),
                j.maxAttempts(),
                j.backoffBaseMs(),
                j.backoffMaxMs(),
                j.retentionDays());
        client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setFollowRedirects(false)
                        .setUserAgentEnabled(false)
                        .setConnectTimeout(config.webhooks().deliveryTimeoutMs())
                        .setKeepAlive(true));
        Deliverer deliverer = new Deliverer(
                vertx,
                pool,
                client,
                new Encryptor(config.security().encryptionKey()),
                new TargetGuard(
                        config.webhooks().requireHttps(), config.webhooks().allowPrivateTargets()),
                new JobQueue(config.jobs()),
                config.webhooks());
        jobs = new JobWorker(
                vertx, pool, Map.of(Inbox.PROCESS_JOB, processor, Deliveries.DELIVER_JOB, deliverer), sized, workerId);
        jobs.start();
        // deliveries are enqueued by the outbox dispatcher (workers verticle): its NOTIFY wakes this worker at once
        listener = new PgListener(vertx, PgTarget.of(config.pg())).on("quire_jobs", type -> {
            if (Deliveries.DELIVER_JOB.equals(type) || Inbox.PROCESS_JOB.equals(type)) {
                jobs.wake();
            }
        });
        return listener.start()
                .compose(started -> new Bus(vertx)
                        .reply(
                                Inbound.ADDRESS,
                                in -> inbox.receive(in).onSuccess(outcome -> {
                                    if (outcome.accepted() && !outcome.duplicate()) {
                                        jobs.wake(); // processed right after the answer, not at the next poll
                                    }
                                }))
                        .completion()
                        .compose(v -> StatusReplies.register(
                                        vertx, "webhooks", () -> new JsonObject().put("env", config.env()))
                                .completion()));
    }

    /** Stops claiming, lets running processing finish (bounded), then closes the connections. */
    @Override
    public Future<?> stop() {
        return jobs.stop(app.config().http().shutdownTimeoutSeconds() * 1000L)
                .eventually(() -> listener.close())
                .eventually(() -> {
                    client.close();
                    return Future.succeededFuture();
                })
                .eventually(() -> redis.close())
                .eventually(() -> inboxPool.close())
                .eventually(() -> pool.close());
    }
}
