package io.quire.verticle;

import io.quire.analytics.AnalyticsGuide;
import io.quire.analytics.ingest.IngestKeyRoutes;
import io.quire.analytics.ingest.IngestKeys;
import io.quire.analytics.ingest.IngestRoutes;
import io.quire.analytics.realtime.Realtime;
import io.quire.analytics.reports.ReportRoutes;
import io.quire.analytics.reports.Reports;
import io.quire.apikeys.ApiKeyRoutes;
import io.quire.apikeys.ApiKeyService;
import io.quire.billing.BillingGuide;
import io.quire.billing.checkout.CheckoutRoutes;
import io.quire.billing.checkout.CheckoutService;
import io.quire.billing.gateway.GatewayConnectionRoutes;
import io.quire.billing.gateway.GatewayConnections;
import io.quire.billing.gateway.Gateways;
import io.quire.billing.gifts.GiftRoutes;
import io.quire.billing.gifts.GiftService;
import io.quire.billing.ledger.Ledger;
import io.quire.billing.payments.PaymentRoutes;
import io.quire.billing.payments.PaymentService;
import io.quire.billing.payouts.PayoutReports;
import io.quire.billing.payouts.PayoutRoutes;
import io.quire.billing.revenue.Revenue;
import io.quire.billing.revenue.RevenueRoutes;
import io.quire.billing.subscriptions.MySubscriptionRoutes;
import io.quire.billing.subscriptions.MySubscriptions;
import io.quire.billing.subscriptions.SubscriberRoutes;
import io.quire.billing.subscriptions.Subscribers;
import io.quire.billing.tiers.TierRoutes;
import io.quire.billing.tiers.TierSyncRoutes;
import io.quire.billing.tiers.Tiers;
import io.quire.content.AuthoringGuide;
import io.quire.content.ChapterImport;
import io.quire.content.Content;
import io.quire.engagement.EngagementGuide;
import io.quire.engagement.comments.CommentRoutes;
import io.quire.engagement.comments.CommentService;
import io.quire.engagement.follows.FollowRoutes;
import io.quire.engagement.follows.Follows;
import io.quire.engagement.lists.ReaderSettings;
import io.quire.engagement.lists.ReaderSettingsRoutes;
import io.quire.engagement.lists.ReadingListRoutes;
import io.quire.engagement.lists.ReadingLists;
import io.quire.engagement.moderation.ModerationRoutes;
import io.quire.engagement.moderation.ModerationService;
import io.quire.engagement.notifications.Inbox;
import io.quire.engagement.notifications.NotificationRoutes;
import io.quire.engagement.notifications.UnsubscribeTokens;
import io.quire.engagement.progress.BookmarkRoutes;
import io.quire.engagement.progress.Bookmarks;
import io.quire.engagement.progress.ReadingProgress;
import io.quire.engagement.progress.ReadingProgressRoutes;
import io.quire.engagement.reactions.ReactionRoutes;
import io.quire.engagement.reactions.ReactionService;
import io.quire.engagement.reviews.ReviewRoutes;
import io.quire.engagement.reviews.ReviewService;
import io.quire.identity.Identity;
import io.quire.identity.IdentityGuide;
import io.quire.media.MediaLibrary;
import io.quire.media.MediaLibraryRoutes;
import io.quire.media.MediaRoutes;
import io.quire.media.MediaService;
import io.quire.media.MediaUsage;
import io.quire.media.MediaUsageRoutes;
import io.quire.media.ProfileImageRoutes;
import io.quire.media.ProfileImages;
import io.quire.media.UploadSessionRoutes;
import io.quire.media.UploadSessions;
import io.quire.platform.AppContext;
import io.quire.platform.api.Api;
import io.quire.platform.auth.AuthHandler;
import io.quire.platform.books.RemoteImages;
import io.quire.platform.bus.Bus;
import io.quire.platform.cache.ReadCache;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.crypto.Encryptor;
import io.quire.platform.crypto.Passwords;
import io.quire.platform.db.PgPools;
import io.quire.platform.health.HealthRoutes;
import io.quire.platform.health.ReadinessChecks;
import io.quire.platform.http.AccessLogHandler;
import io.quire.platform.http.BodyLimits;
import io.quire.platform.http.FailureHandler;
import io.quire.platform.http.PathTable;
import io.quire.platform.http.QueryStrings;
import io.quire.platform.http.RequestIdHandler;
import io.quire.platform.http.Responses;
import io.quire.platform.jobs.JobQueue;
import io.quire.platform.mail.Mailer;
import io.quire.platform.metrics.Metrics;
import io.quire.platform.net.TargetGuard;
import io.quire.platform.openapi.OpenApiRoutes;
import io.quire.platform.ratelimit.LeasedLimiter;
import io.quire.platform.ratelimit.RateLimiter;
import io.quire.platform.ratelimit.RouteClass;
import io.quire.platform.ratelimit.RouteRateLimits;
import io.quire.platform.storage.Storage;
import io.quire.platform.storage.Storages;
import io.quire.reading.Entitlements;
import io.quire.reading.FeedRoutes;
import io.quire.reading.Feeds;
import io.quire.reading.PublicMedia;
import io.quire.reading.PublicMediaRoutes;
import io.quire.reading.ReaderBook;
import io.quire.reading.ReaderBookRoutes;
import io.quire.reading.ReadingGuide;
import io.quire.reading.ReadingRoutes;
import io.quire.reading.ReadingService;
import io.quire.reading.SeriesListing;
import io.quire.reading.SeriesListingRoutes;
import io.quire.sites.CollaboratorRoutes;
import io.quire.sites.CollaboratorService;
import io.quire.sites.PageRoutes;
import io.quire.sites.PageService;
import io.quire.sites.SiteRoutes;
import io.quire.sites.SiteService;
import io.quire.webhooks.AdminInboxRoutes;
import io.quire.webhooks.DeliveryLog;
import io.quire.webhooks.EndpointRoutes;
import io.quire.webhooks.Endpoints;
import io.quire.webhooks.InboundRoutes;
import io.quire.webhooks.InboxAdmin;
import io.quire.webhooks.Rejections;
import io.quire.webhooks.SecretRoutes;
import io.quire.webhooks.WebhookGuide;
import io.quire.webhooks.WebhookSecrets;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.AllowForwardHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.CorsHandler;
import io.vertx.redis.client.Redis;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import java.util.Set;

/**
 * Assembles the one public router: platform handlers first (request id, access log, CORS, body limits), then
 * every feature's routes, then operations endpoints, then the failure handler for everything.
 */
public final class ApiRouter {
    private ApiRouter() {}

    /** A router whose chapter reads are counted by {@code views} (flushed by the caller). */
    public static Router create(Vertx vertx, AppContext app, Pool pool, Redis redis) {
        return create(
                vertx, app, pool, redis, PgPools.sharedReads(vertx, app.config().pg()));
    }

    /** {@code reads} (a pipelined client) serves the public read paths; {@code pool} everything else. */
    public static Router create(Vertx vertx, AppContext app, Pool pool, Redis redis, SqlClient reads) {
        return build(vertx, app, pool, redis, reads).router();
    }

    /** The router and the OpenAPI document it serves (built from the same declarations). */
    public record Built(Router router, io.vertx.core.json.JsonObject document) {}

    /**
     * Builds everything without touching PostgreSQL or Redis (their clients connect lazily), so the document can be
     * written at build time ({@code platform/openapi/DocumentWriter}).
     */
    public static Built build(Vertx vertx, AppContext app, Pool pool, Redis redis, SqlClient reads) {
        QuireConfig config = app.config();
        Router router = Router.router(vertx);
        if (config.http().trustProxyHeaders()) {
            // the client address comes from X-Forwarded-For / Forwarded: only behind a proxy that sets them
            router.allowForward(AllowForwardHeaders.ALL);
        }

        // --- platform handlers, in order, for every request
        router.route().handler(new RequestIdHandler());
        router.route().handler(new QueryStrings());
        if (config.http().accessLog()) {
            router.route().handler(new AccessLogHandler());
        }
        if (!config.http().corsAllowedOrigins().isEmpty()) {
            router.route().handler(cors(config.http()));
        }
        BodyLimits bodyLimits = new BodyLimits(config.http().bodyLimitBytes())
                .override(ChapterImport.PATHS, ChapterImport.MAX_BYTES)
                .override("/api/v1/webhooks/*", config.webhooks().maxBodyBytes())
                .override(IngestRoutes.PATH, 1 << 20)
                .streamed(MediaRoutes.UPLOAD)
                .streamed(UploadSessionRoutes.DIRECT_PUT);
        router.route().handler(bodyLimits);
        PathTable<RouteClass> routeClasses = new PathTable<>();
        // every feature declares its endpoints here: router entry, checks, limits and document from one declaration
        Api api = new Api(router, bodyLimits, routeClasses);

        Responses.usePublicCacheControl(vertx, ReadingRoutes.publicCacheControl(config.reading()));
        ReadCache readCache = ReadCache.shared(vertx, config);

        // --- who is calling: every API route, before the feature routes
        Identity identity = new Identity(vertx, pool, redis, config, new Passwords(vertx, config.passwords()));
        ApiKeyService apiKeys = new ApiKeyService(pool, redis, config, new RateLimiter(redis, config));
        router.route("/api/*").handler(new AuthHandler(identity.accessTokens, identity.revocations, apiKeys));
        if (config.rateLimit().enabled()) {
            router.route("/api/*")
                    .handler(new RouteRateLimits(
                            new LeasedLimiter(redis, config.redis(), config.rateLimit()), config, routeClasses));
        }

        // --- feature routes (one line per feature package, as they land). The public reads come first: the router
        // tries routes in order, each a regex match, and the reads are most of the traffic; first also means
        // /chapters/:id/read is never taken for an authoring path.
        Entitlements entitlements =
                new Entitlements(vertx, reads, readCache, config.billing().graceDays());
        new ReadingRoutes(
                        new ReadingService(vertx, reads, entitlements, readCache, config.readerLinks()),
                        config.reading())
                .mount(api);
        Storage storage = Storages.from(vertx, config);
        MediaService media = MediaService.from(vertx, pool, storage, config);
        new PublicMediaRoutes(new PublicMedia(reads, entitlements), media, storage).mount(api);
        new UploadSessionRoutes(UploadSessions.from(vertx, pool, storage, media, config)).mount(api);
        new MediaLibraryRoutes(new MediaLibrary(pool, media), media).mount(api);
        new ProfileImageRoutes(new ProfileImages(pool, config.publicBaseUrl())).mount(api);
        new MediaUsageRoutes(media, new MediaUsage(pool, media), config.media().maxFileBytes()).mount(api);
        new MediaRoutes(
                        media,
                        storage,
                        vertx,
                        Storages.uploadDirectory(config),
                        config.media().maxFileBytes())
                .mount(api);
        new ReaderBookRoutes(
                        new ReaderBook(vertx, reads, entitlements, RemoteImages.forExports(vertx, config.content())))
                .mount(api);
        new SeriesListingRoutes(new SeriesListing(vertx, reads, readCache)).mount(api);
        new FeedRoutes(
                        new Feeds(vertx, reads, config.readerLinks()),
                        ReadingRoutes.publicCacheControl(config.reading()))
                .mount(api);
        identity.mount(api);
        new ApiKeyRoutes(apiKeys).mount(api);
        SiteService sites = new SiteService(pool, config.content().softDeleteRetentionDays());
        new SiteRoutes(sites).mount(api);
        new PageRoutes(new PageService(vertx, pool)).mount(api);
        new CollaboratorRoutes(
                        new CollaboratorService(pool, new Mailer(new JobQueue(config.jobs())), config.publicBaseUrl()))
                .mount(api);
        new Content(vertx, pool, config, sites).mount(api);
        Rejections rejections = new Rejections(redis, app.metrics(), config);
        Encryptor encryptor = new Encryptor(config.security().encryptionKey());
        JobQueue jobs = new JobQueue(config.jobs());
        new InboundRoutes(new Bus(vertx), rejections).mount(api, router);
        new SecretRoutes(new WebhookSecrets(pool, encryptor, config.publicBaseUrl())).mount(api);
        new AdminInboxRoutes(new InboxAdmin(pool, jobs, config.webhooks().maxAttempts()), rejections).mount(api);
        TargetGuard targets = new TargetGuard(
                config.webhooks().requireHttps(), config.webhooks().allowPrivateTargets());
        new EndpointRoutes(new Endpoints(pool, encryptor, targets, jobs), new DeliveryLog(pool, jobs)).mount(api);
        new IngestRoutes(new Bus(vertx), config.analytics().countryHeader()).mount(api);
        new IngestKeyRoutes(new IngestKeys(pool, config.analytics().keyGraceHours())).mount(api);
        new ReportRoutes(new Reports(pool), new Realtime(redis, config.redis())).mount(api);
        new ReadingProgressRoutes(new ReadingProgress(pool)).mount(api);
        new BookmarkRoutes(new Bookmarks(pool)).mount(api);
        new FollowRoutes(new Follows(pool)).mount(api);
        CommentService comments = new CommentService(
                pool, new Entitlements(vertx, reads, readCache, config.billing().graceDays()));
        new CommentRoutes(comments).mount(api);
        new ReactionRoutes(new ReactionService(pool, comments)).mount(api);
        new ReviewRoutes(new ReviewService(pool)).mount(api);
        new ReadingListRoutes(new ReadingLists(pool)).mount(api);
        new ReaderSettingsRoutes(new ReaderSettings(pool)).mount(api);
        new ModerationRoutes(new ModerationService(pool, identity.admin())).mount(api);
        new GatewayConnectionRoutes(new GatewayConnections(pool, encryptor)).mount(api);
        Gateways gateways = Gateways.create(
                WebClient.create(
                        vertx,
                        new WebClientOptions()
                                .setFollowRedirects(false)
                                .setConnectTimeout(config.billing().gatewayTimeoutMs())
                                .setKeepAlive(true)),
                config.billing(),
                encryptor);
        Ledger ledger = new Ledger(config.billing().platformFeePercent(), new Mailer(jobs));
        CheckoutService checkout = new CheckoutService(pool, gateways, config.billing(), config.publicBaseUrl());
        new CheckoutRoutes(checkout).mount(api);
        new GiftRoutes(new GiftService(pool, checkout)).mount(api);
        new MySubscriptionRoutes(new MySubscriptions(pool, gateways, ledger, config.billing()), config.billing())
                .mount(api);
        new SubscriberRoutes(new Subscribers(pool)).mount(api);
        Tiers tiers = new Tiers(pool, gateways);
        new TierRoutes(tiers).mount(api);
        new TierSyncRoutes(tiers).mount(api);
        new RevenueRoutes(new Revenue(pool)).mount(api);
        new PayoutRoutes(new PayoutReports(pool)).mount(api);
        new PaymentRoutes(new PaymentService(pool, gateways, ledger)).mount(api);
        new NotificationRoutes(
                        new Inbox(pool, new UnsubscribeTokens(config.security().encryptionKey())))
                .mount(api);

        // the guide each feature's tag carries in the document (what its endpoints share)
        api.tag(IdentityGuide.TAG, IdentityGuide.TEXT)
                .tag(AuthoringGuide.TAG, AuthoringGuide.TEXT)
                .tag(ReadingGuide.TAG, ReadingGuide.TEXT)
                .tag(WebhookGuide.TAG, WebhookGuide.TEXT)
                .tag(AnalyticsGuide.TAG, AnalyticsGuide.TEXT)
                .tag(EngagementGuide.TAG, EngagementGuide.TEXT)
                .tag(BillingGuide.TAG, BillingGuide.TEXT);

        // --- operations
        new HealthRoutes(new ReadinessChecks(app, pool, redis, new Bus(vertx), readCache)).mount(api);
        Metrics.mount(api, app.metrics());
        OpenApiRoutes openApi = new OpenApiRoutes(config.publicBaseUrl(), api);
        openApi.mount();

        app.extraRoutes().forEach(extra -> extra.mount(router, pool, redis));
        FailureHandler.install(router);
        return new Built(router, openApi.document());
    }

    private static CorsHandler cors(QuireConfig.Http http) {
        CorsHandler cors = CorsHandler.create();
        if (!http.corsAllowedOrigins().contains("*")) {
            cors.addOrigins(http.corsAllowedOrigins());
        }
        return cors.allowedMethods(Set.of(
                        HttpMethod.GET,
                        HttpMethod.HEAD,
                        HttpMethod.POST,
                        HttpMethod.PUT,
                        HttpMethod.PATCH,
                        HttpMethod.DELETE,
                        HttpMethod.OPTIONS))
                .allowedHeaders(Set.of(
                        "Authorization",
                        "Content-Type",
                        "If-Match",
                        "If-None-Match",
                        "Idempotency-Key",
                        "X-API-Key",
                        "X-Quire-Key",
                        "X-Request-Id"))
                .exposedHeaders(Set.of(
                        "ETag",
                        "Location",
                        "Retry-After",
                        "X-Request-Id",
                        "RateLimit-Limit",
                        "RateLimit-Remaining",
                        "RateLimit-Reset"))
                .maxAgeSeconds(600);
    }
}
