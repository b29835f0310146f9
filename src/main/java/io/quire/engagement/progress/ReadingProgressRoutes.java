package io.quire.engagement.progress;

import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.number;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Where a reader is in each series ({@link ReadingProgress}): {@code GET|POST|DELETE /reading-progress/:seriesId}
 * and the "continue reading" list {@code GET /reading-progress}.
 */
public final class ReadingProgressRoutes {
    private static final String TAG = "engagement";
    private final ReadingProgress progress;

    public ReadingProgressRoutes(ReadingProgress progress) {
        this.progress = progress;
    }

    public void mount(Api api) {
        api.component(
                "ReadingProgress",
                object().required("seriesId", uuid())
                        .required("seriesTitle", string())
                        .required("chapterId", uuid())
                        .required("chapterTitle", string())
                        .required("chapterNumber", nullable(number()))
                        .required("percent", number())
                        .required("updatedAt", string().format("date-time"))
                        .optional("applied", Schema.bool()));
        api.on(
                Endpoint.get("/api/v1/reading-progress")
                        .id("listReadingProgress")
                        .tag(TAG)
                        .summary("Continue reading: my series with progress, most recently read first")
                        .access(Access.session())
                        .paged()
                        .ok(Schema.list(ref("ReadingProgress"))),
                call -> progress.recent(call.user().userId(), call.query("cursor"), call.limit())
                        .map(Reply::ok));
        api.on(
                Endpoint.get("/api/v1/reading-progress/{seriesId}")
                        .id("getReadingProgress")
                        .tag(TAG)
                        .summary("My place in a series")
                        .access(Access.session())
                        .ok(ref("ReadingProgress")),
                call -> progress.in(call.user().userId(), series(call)).map(Reply::ok));
        api.on(
                Endpoint.post("/api/v1/reading-progress/{seriesId}")
                        .id("saveReadingProgress")
                        .tag(TAG)
                        .summary("Record my place in a series")
                        .description("The newest device time (`updatedAt`) wins across devices; a clock more than "
                                + "5 minutes ahead counts as now. 422 `progress.chapter_not_in_series` for a chapter "
                                + "of another series.")
                        .access(Access.session())
                        .body(object().required("chapterId", uuid())
                                .required("percent", number().range(0, 100))
                                .optional(
                                        "updatedAt",
                                        string().format("date-time").description("The device's time of the reading")))
                        .ok(ref("ReadingProgress")),
                call -> {
                    JsonObject b = call.body();
                    String at = b.getString("updatedAt");
                    return progress.save(
                                    call.user().userId(),
                                    series(call),
                                    UUID.fromString(b.getString("chapterId")),
                                    b.getNumber("percent").doubleValue(),
                                    at == null ? null : OffsetDateTime.parse(at))
                            .map(Reply::ok);
                });
        api.on(
                Endpoint.delete("/api/v1/reading-progress/{seriesId}")
                        .id("deleteReadingProgress")
                        .tag(TAG)
                        .summary("Forget my place in a series")
                        .access(Access.session())
                        .noContent(),
                call -> progress.forget(call.user().userId(), series(call)).map(v -> Reply.noContent()));
    }

    private static UUID series(io.quire.platform.api.Call call) {
        return call.id("seriesId", "series.not_found");
    }
}
