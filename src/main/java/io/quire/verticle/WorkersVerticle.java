package io.quire.verticle;

import io.quire.analytics.rollup.RollupJob;
import io.quire.analytics.storage.MaintenanceJob;
import io.quire.billing.gateway.Gateways;
import io.quire.billing.gifts.GiftDeliveryJob;
import io.quire.billing.ledger.Ledger;
import io.quire.billing.revenue.RevenueJob;
import io.quire.billing.subscriptions.ExpiryJob;
import io.quire.billing.subscriptions.Unpause;
import io.quire.content.Content;
import io.quire.engagement.notifications.NewChapterFanOut;
import io.quire.engagement.notifications.UnsubscribeTokens;
import io.quire.engagement.reactions.ReactionCountJob;
import io.quire.identity.Identity;
import io.quire.media.MediaJobs;
import io.quire.media.MediaService;
import io.quire.media.UploadSessions;
import io.quire.platform.AppContext;
import io.quire.platform.crypto.Encryptor;
import io.quire.platform.crypto.Passwords;
import io.quire.platform.db.PgListener;
import io.quire.platform.db.PgPools;
import io.quire.platform.db.PgTarget;
import io.quire.platform.jobs.JobHandler;
import io.quire.platform.jobs.JobQueue;
import io.quire.platform.jobs.JobWorker;
import io.quire.platform.jobs.PeriodicJobs;
import io.quire.platform.jobs.PruneJob;
import io.quire.platform.mail.MailSendJob;
import io.quire.platform.mail.Mailer;
import io.quire.platform.outbox.OutboxDispatcher;
import io.quire.platform.outbox.OutboxHandler;
import io.quire.platform.redis.RedisClients;
import io.quire.platform.storage.Storage;
import io.quire.platform.storage.Storages;
import io.quire.reading.ReadInvalidations;
import io.quire.sites.SiteService;
import io.quire.webhooks.Deliveries;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The job queue and the outbox dispatcher: claims jobs of the types registered here, dispatches outbox rows of
 * the topics registered here, wakes on NOTIFY and polls as well. Features add their handlers to the two maps.
 */
public final class WorkersVerticle extends VerticleBase {
    private final AppContext app;
    private Pool pool;
    private Redis redis;
    private PgListener listener;
    private JobWorker jobs;
    private OutboxDispatcher outbox;
    private WebClient gatewayClient;
    private PeriodicJobs periodic;

    public WorkersVerticle(AppContext app) {
        this.app = app;
    }

    @Override
    public Future<?> start() {
        pool = PgPools.shared(vertx, app.config().pg(), "main");
        JobQueue queue = new JobQueue(app.config().jobs());
        redis = RedisClients.create(vertx, app.config().redis());
        Identity identity = new Identity(
                vertx,
                pool,
                redis,
                app.config(),
                new Passwords(vertx, app.config().passwords()));
        Map<String, JobHandler> jobHandlers = new HashMap<>();
        jobHandlers.put(PruneJob.TYPE, new PruneJob(pool, app.config()));
        MailSendJob mail = new MailSendJob(vertx, pool, app.config().mail());
        jobHandlers.put(Mailer.SEND_JOB, mail);
        jobHandlers.put(MailSendJob.BATCH_JOB, mail.batch());
        jobHandlers.putAll(identity.jobHandlers());
        Content content = new Content(
                vertx,
                pool,
                app.config(),
                new SiteService(pool, app.config().content().softDeleteRetentionDays()));
        jobHandlers.putAll(content.jobHandlers());
        Storage storage = Storages.from(vertx, app.config());
        jobHandlers.putAll(
                new MediaJobs(vertx, pool, storage, app.config().media().maxImagePixels()).handlers());
        jobHandlers.putAll(UploadSessions.from(
                        vertx, pool, storage, MediaService.from(vertx, pool, storage, app.config()), app.config())
                .handlers());
        jobHandlers.put(
                MaintenanceJob.TYPE, new MaintenanceJob(pool, app.config().analytics()));
        jobHandlers.put(RollupJob.TYPE, new RollupJob(pool));
        jobHandlers.put(ReactionCountJob.TYPE, new ReactionCountJob(pool));
        Ledger ledger = new Ledger(app.config().billing().platformFeePercent(), new Mailer(queue));
        gatewayClient = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setFollowRedirects(false)
                        .setConnectTimeout(app.config().billing().gatewayTimeoutMs()));
        Gateways gateways = Gateways.create(
                gatewayClient,
                app.config().billing(),
                new Encryptor(app.config().security().encryptionKey()));
        jobHandlers.put(
                ExpiryJob.TYPE,
                new ExpiryJob(
                        pool,
                        ledger,
                        app.config().billing().graceDays(),
                        new Unpause(pool, gateways, ledger),
                        new Mailer(queue)));
        jobHandlers.put(RevenueJob.TYPE, new RevenueJob(pool));
        jobHandlers.put(
                GiftDeliveryJob.TYPE,
                new GiftDeliveryJob(pool, new Mailer(queue), app.config().publicBaseUrl()));
        Map<String, OutboxHandler> outboxHandlers = new HashMap<>(ReadInvalidations.handlers(
                vertx,
                redis,
                app.config().redis(),
                app.config().reading().cache().ttlSeconds()));
        NewChapterFanOut followers = new NewChapterFanOut(
                pool,
                queue,
                app.config().engagement().fanOutBatchSize(),
                app.config().readerLinks(),
                new UnsubscribeTokens(app.config().security().encryptionKey()));
        jobHandlers.put(NewChapterFanOut.JOB, followers);
        // a topic has one handler: the others run after whatever the topic already does, in the same transaction
        outboxHandlers.merge(
                NewChapterFanOut.TOPIC,
                followers.onPublished(),
                (first, then) -> (tx, m) -> first.handle(tx, m).compose(v -> then.handle(tx, m)));
        OutboxHandler fanOut = Deliveries.fanOut(queue);
        for (String topic : Deliveries.EVENT_TYPES) {
            outboxHandlers.merge(
                    topic,
                    fanOut,
                    (first, then) -> (tx, m) -> first.handle(tx, m).compose(v -> then.handle(tx, m)));
        }

        String workerId = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        jobs = new JobWorker(vertx, pool, jobHandlers, app.config().jobs(), workerId);
        outbox = new OutboxDispatcher(vertx, pool, outboxHandlers, app.config().outbox());
        periodic = new PeriodicJobs(vertx, pool, queue)
                .every(PruneJob.TYPE, Duration.ofHours(1))
                .every(Content.PURGE_JOB, Duration.ofDays(1))
                .every(MaintenanceJob.TYPE, Duration.ofDays(1))
                .every(
                        RollupJob.TYPE,
                        Duration.ofSeconds(app.config().analytics().rollupIntervalSeconds()))
                .every(ReactionCountJob.TYPE, Duration.ofSeconds(30))
                .every(ExpiryJob.TYPE, Duration.ofMinutes(1))
                .every(GiftDeliveryJob.TYPE, Duration.ofMinutes(1))
                .every(RevenueJob.TYPE, Duration.ofMinutes(5));
        listener = new PgListener(vertx, PgTarget.of(app.config().pg()))
                .on("quire_jobs", payload -> jobs.wake())
                .on("quire_outbox", payload -> outbox.wake());

        jobs.start();
        outbox.start();
        periodic.start();
        return Future.all(
                listener.start(),
                StatusReplies.register(vertx, "workers", this::status).completion());
    }

    private JsonObject status() {
        JobWorker.Stats s = jobs.stats();
        return new JsonObject()
                .put("jobsClaimed", s.claimed.get())
                .put("jobsSucceeded", s.succeeded.get())
                .put("jobsRetried", s.retried.get())
                .put("jobsDead", s.dead.get())
                .put("outboxDispatched", outbox.dispatchedCount());
    }

    /** Stops claiming, lets running jobs finish (bounded), then closes the connections. */
    @Override
    public Future<?> stop() {
        periodic.stop();
        outbox.stop();
        return jobs.stop(app.config().http().shutdownTimeoutSeconds() * 1000L)
                .eventually(() -> listener.close())
                .eventually(() -> {
                    gatewayClient.close();
                    return Future.succeededFuture();
                })
                .eventually(() -> redis.close())
                .eventually(() -> pool.close());
    }
}
