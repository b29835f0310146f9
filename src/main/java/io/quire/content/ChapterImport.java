package io.quire.content;

import io.quire.platform.auth.Principal;
import io.quire.platform.text.Markdown;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** Imports Markdown as chapters: parsed and rendered on a worker thread, then created in one transaction. */
public final class ChapterImport {
    /** Import bodies may be larger than the API default. */
    public static final String PATHS = "/api/v1/series/:seriesId/chapters/import*";

    public static final long MAX_BYTES = 20L << 20;

    private final Vertx vertx;
    private final Pool pool;
    private final ChapterService chapters;

    public ChapterImport(Vertx vertx, Pool pool, ChapterService chapters) {
        this.vertx = vertx;
        this.pool = pool;
        this.chapters = chapters;
    }

    private record Ready(MarkdownImport.Draft draft, ChapterService.Rendering rendering) {}

    public Future<JsonObject> markdownFile(Principal p, UUID seriesId, String fileName, byte[] bytes) {
        return run(p, seriesId, () -> MarkdownImport.splitFile(fileName, bytes));
    }

    public Future<JsonObject> zip(Principal p, UUID seriesId, byte[] bytes) {
        return run(p, seriesId, () -> MarkdownImport.fromZip(bytes));
    }

    private Future<JsonObject> run(Principal p, UUID seriesId, Supplier<List<MarkdownImport.Draft>> parse) {
        // the permission check comes first: a stranger learns nothing from the parse errors of their upload
        return SeriesService.load(pool, seriesId, p, false)
                .map(l -> l.membership().requireCreate())
                .compose(m -> vertx.executeBlocking(
                        () -> {
                            List<Ready> ready = new ArrayList<>();
                            for (MarkdownImport.Draft d : parse.get()) {
                                ready.add(
                                        new Ready(d, new ChapterService.Rendering(Markdown.render(d.content()), null)));
                            }
                            return ready;
                        },
                        false))
                .compose(ready -> pool.withTransaction(tx -> SeriesService.load(tx, seriesId, p, false)
                        .compose(series -> {
                            series.membership().requireCreate();
                            JsonArray created = new JsonArray();
                            Future<Void> chain = Future.succeededFuture();
                            for (Ready r : ready) {
                                var in = new ChapterService.NewChapter(
                                        r.draft().title(),
                                        r.draft().content(),
                                        null,
                                        r.draft().number(),
                                        null,
                                        null,
                                        null);
                                chain = chain.compose(v -> chapters.createIn(
                                                tx,
                                                p,
                                                series.row(),
                                                in,
                                                r.rendering(),
                                                "Imported from " + r.draft().file()))
                                        .map(ch -> {
                                            created.add(ch.toJson());
                                            return null;
                                        });
                            }
                            return chain.map(v -> new JsonObject()
                                    .put("imported", created.size())
                                    .put("data", created));
                        })))
                .recover(ChapterService::uniqueAsConflict);
    }
}
