package io.quire.content;

import io.quire.platform.books.RemoteImages;
import io.quire.platform.config.QuireConfig;
import io.quire.platform.jobs.JobHandler;
import io.quire.platform.jobs.JobQueue;
import io.quire.sites.SiteService;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Map;

/** The content feature (series, chapters, versions, publishing) assembled from a verticle's clients. */
public final class Content {
    public static final String PURGE_JOB = "content.purge_deleted";

    private final Pool pool;
    private final int retentionDays;
    private final SiteService sites;
    private final SeriesService series;
    private final ChapterService chapters;
    private final ChapterVersions versions;
    private final ChapterPublishing publishing;
    private final QuireConfig.Jobs jobsConfig;
    private final Vertx vertx;
    private final QuireConfig.Content config;

    public Content(Vertx vertx, Pool pool, QuireConfig config, SiteService sites) {
        this.pool = pool;
        this.retentionDays = config.content().softDeleteRetentionDays();
        this.sites = sites;
        this.series = new SeriesService(pool, retentionDays, new JobQueue(config.jobs()));
        this.chapters = new ChapterService(vertx, pool, retentionDays);
        this.versions = new ChapterVersions(pool, chapters);
        this.publishing = new ChapterPublishing(pool, new JobQueue(config.jobs()));
        this.jobsConfig = config.jobs();
        this.vertx = vertx;
        this.config = config.content();
    }

    public void mount(io.quire.platform.api.Api router) {
        ContentShapes.declare(router);
        new SeriesRoutes(series).mount(router);
        // reorder and bulk paths must be mounted before /chapters/:chapterId would match them
        new ChapterOrganizeRoutes(new ChapterOrdering(pool), new ChapterBulk(pool, new JobQueue(jobsConfig)))
                .mount(router);
        new ChapterExportRoutes(new ChapterExport(vertx, pool, RemoteImages.forExports(vertx, config))).mount(router);
        new ChapterImportRoutes(new ChapterImport(vertx, pool, chapters)).mount(router);
        new TaxonomyRoutes(new TaxonomyService(pool)).mount(router);
        new ChapterPageRoutes(new ChapterPages(pool)).mount(router);
        new SeriesImageRoutes(new SeriesImages(pool)).mount(router);
        new ChapterRoutes(chapters, versions, publishing).mount(router);
    }

    /** Scheduled publishing and unlocking, and the purge of soft-deleted content past retention. */
    public Map<String, JobHandler> jobHandlers() {
        return Map.of(
                ChapterPublishing.PUBLISH_DUE_JOB,
                publishing::publishDue,
                ChapterPublishing.UNLOCK_DUE_JOB,
                publishing::unlockDue,
                SeriesService.STATUS_DUE_JOB,
                series::applyScheduledTransition,
                PURGE_JOB,
                job -> purge());
    }

    private Future<Void> purge() {
        Tuple days = Tuple.of(retentionDays);
        return pool.preparedQuery(ChapterSql.PURGE)
                .execute(days)
                .compose(v -> pool.preparedQuery(SeriesSql.PURGE).execute(days))
                .compose(v -> sites.purge())
                .mapEmpty();
    }
}
