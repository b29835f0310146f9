package io.quire.content;

import static io.quire.platform.api.Schema.anyObject;
import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Call;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Rules;
import io.quire.platform.api.Schema;
import io.quire.platform.api.StringSchema;
import io.quire.platform.text.Slugs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** {@code /api/v1/sites/:siteId/series} and {@code /api/v1/series/:seriesId}: series management. */
public final class SeriesRoutes {
    static final Set<String> CONTENT_TYPES = Set.of("WEB_NOVEL", "WEBTOON", "MANGA", "MANHWA", "WESTERN_COMIC");
    static final Set<String> RATINGS = Set.of("EVERYONE", "TEEN", "MATURE");
    static final Set<String> ACCESS_LEVELS = Set.of("FREE", "SUBSCRIBERS", "SPECIFIC_TIER", "SCHEDULED_FREE");
    private static final String TAG = "series";
    private static final String IF_MATCH = "The ETag you read, e.g. \"r7\" (or send baseRevision)";
    private static final List<String> DAYS =
            List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");
    /**
     * A series' fields and their rules; on create the title is required too.
     */
    private static final io.quire.platform.api.ObjectSchema FIELDS = object().optional("title", string().length(1, 200))
            .optional(
                    "slug",
                    string().length(3, Slugs.MAX_LENGTH)
                            .pattern(Slugs.VALID.pattern(), "must be lower-case letters, digits and single hyphens"))
            .optional("synopsis", string().length(0, 10_000))
            .optional("contentType", oneOf(CONTENT_TYPES))
            .optional("contentRating", oneOf(RATINGS))
            .optional("language", language())
            .optional("defaultAccessLevel", oneOf(ACCESS_LEVELS))
            .optional("earlyAccessDays", integer().range(0, 365))
            .optional("previewParagraphs", integer().range(0, 50))
            .optional("paywallMessage", nullable(string().length(0, 2000)))
            .optional("baseRevision", integer().range(1, Integer.MAX_VALUE));

    private final SeriesService series;

    public SeriesRoutes(SeriesService series) {
        this.series = series;
    }

    public void mount(Api api) {
        Access members = Access.signedIn();
        api.on(
                Endpoint.get("/api/v1/sites/{siteId}/series")
                        .id("listSeries")
                        .tag(TAG)
                        .summary("Series of a site")
                        .access(members)
                        .query("includeDeleted", Schema.bool(), "Also the soft-deleted ones (owner, editors)")
                        .ok(Schema.list(ref("Series")))
                        .problems(403),
                call -> series.list(call.user(), site(call), "true".equals(call.query("includeDeleted")))
                        .map(l -> Reply.list(l, null)));
        api.on(
                Endpoint.post("/api/v1/sites/{siteId}/series")
                        .id("createSeries")
                        .tag(TAG)
                        .summary("Create a series (owner or editor)")
                        .access(members)
                        .body(object().with(FIELDS).required("title", string().length(1, 200)))
                        .ok(201, ref("Series"), "Created; Location names it")
                        .problems(403, 409),
                call -> series.create(call.user(), site(call), input(call.body()))
                        .map(s -> Reply.created(s.toJson())
                                .revision(s.revision())
                                .header("Location", "/api/v1/series/" + s.id())));
        api.on(
                Endpoint.get("/api/v1/series/{seriesId}")
                        .id("getSeries")
                        .tag(TAG)
                        .summary("A series")
                        .access(members)
                        .ok(ref("Series"))
                        .problems(403),
                call -> series.get(call.user(), seriesId(call)).map(SeriesRoutes::reply));
        api.on(
                Endpoint.patch("/api/v1/series/{seriesId}")
                        .id("updateSeries")
                        .tag(TAG)
                        .summary("Update a series")
                        .access(members)
                        .header("If-Match", IF_MATCH)
                        .body(FIELDS)
                        .ok(ref("Series"))
                        .problems(403, 409, 412),
                call -> series.update(call.user(), seriesId(call), input(call.body()), call.expectedRevision())
                        .map(SeriesRoutes::reply));
        api.on(
                Endpoint.delete("/api/v1/series/{seriesId}")
                        .id("deleteSeries")
                        .tag(TAG)
                        .summary("Soft-delete a series")
                        .access(members)
                        .noContent()
                        .problems(403),
                call -> series.delete(call.user(), seriesId(call)).map(v -> Reply.noContent()));
        api.on(
                Endpoint.post("/api/v1/series/{seriesId}/restore")
                        .id("restoreSeries")
                        .tag(TAG)
                        .summary("Restore a soft-deleted series")
                        .access(members)
                        .ok(ref("Series"))
                        .problems(403, 409),
                call -> series.restore(call.user(), seriesId(call)).map(SeriesRoutes::reply));
        api.on(
                Endpoint.post("/api/v1/series/{seriesId}/duplicate")
                        .id("duplicateSeries")
                        .tag(TAG)
                        .summary("A DRAFT copy with its genres, tags, warnings and chapters (as drafts)")
                        .access(members)
                        .ok(201, ref("Series"), "The copy; Location names it")
                        .problems(403),
                call -> series.duplicate(call.user(), seriesId(call))
                        .map(s -> Reply.created(s.toJson())
                                .revision(s.revision())
                                .header("Location", "/api/v1/series/" + s.id())));
        // --- settings views
        view(
                api,
                "getSeriesSettings",
                "/settings",
                "Type, rating, language and extra settings",
                "SeriesSettings",
                Series::settingsJson);
        api.on(
                Endpoint.patch("/api/v1/series/{seriesId}/settings")
                        .id("updateSeriesSettings")
                        .tag(TAG)
                        .summary("Change: type, rating, language and extra settings")
                        .access(members)
                        .header("If-Match", IF_MATCH)
                        .body(object().optional("contentType", oneOf(CONTENT_TYPES))
                                .optional("contentRating", oneOf(RATINGS))
                                .optional("language", language())
                                .optional(
                                        "extra",
                                        anyObject().maxProperties(50).description("Merged into the stored extra"))
                                .optional("baseRevision", integer().range(1, Integer.MAX_VALUE)))
                        .ok(ref("SeriesSettings"))
                        .problems(403, 412),
                call -> {
                    JsonObject b = call.body();
                    var in = new SeriesService.SeriesInput(
                            null,
                            null,
                            null,
                            b.getString("contentType"),
                            b.getString("contentRating"),
                            b.getString("language"),
                            null,
                            null,
                            null,
                            false,
                            null);
                    JsonObject extra = b.getJsonObject("extra");
                    return series.update(call.user(), seriesId(call), in, call.expectedRevision())
                            .compose(s -> extra == null
                                    ? Future.succeededFuture(s)
                                    : series.mergeSettings(
                                            call.user(), s.id(), new JsonObject().put("extra", extra), null))
                            .map(s -> Reply.ok(s.settingsJson()).revision(s.revision()));
                });
        view(
                api,
                "getSeriesPaywall",
                "/paywall",
                "Default access level, early-access days, preview paragraphs, paywall message",
                "SeriesPaywall",
                Series::paywallJson);
        api.on(
                Endpoint.patch("/api/v1/series/{seriesId}/paywall")
                        .id("updateSeriesPaywall")
                        .tag(TAG)
                        .summary("Change: default access level, early-access days, preview paragraphs, paywall message")
                        .access(members)
                        .header("If-Match", IF_MATCH)
                        .body(object().optional("defaultAccessLevel", oneOf(ACCESS_LEVELS))
                                .optional("earlyAccessDays", integer().range(0, 365))
                                .optional("previewParagraphs", integer().range(0, 50))
                                .optional("paywallMessage", nullable(string().length(0, 2000)))
                                .optional("baseRevision", integer().range(1, Integer.MAX_VALUE)))
                        .ok(ref("SeriesPaywall"))
                        .problems(403, 412),
                call -> {
                    JsonObject b = call.body();
                    var in = new SeriesService.SeriesInput(
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            b.getString("defaultAccessLevel"),
                            b.getInteger("earlyAccessDays"),
                            b.getInteger("previewParagraphs"),
                            b.containsKey("paywallMessage"),
                            b.getString("paywallMessage"));
                    return series.update(call.user(), seriesId(call), in, call.expectedRevision())
                            .map(s -> Reply.ok(s.paywallJson()).revision(s.revision()));
                });
        view(
                api,
                "getSeriesSchedule",
                "/schedule",
                "The announced update schedule (PATCH replaces it)",
                "SeriesSchedule",
                Series::scheduleJson);
        api.on(
                Endpoint.patch("/api/v1/series/{seriesId}/schedule")
                        .id("updateSeriesSchedule")
                        .tag(TAG)
                        .summary("Change: the announced update schedule (patch replaces it)")
                        .access(members)
                        .header("If-Match", IF_MATCH)
                        .body(object().optional("updateSchedule", nullable(string().length(0, 100)))
                                .optional(
                                        "updateDays",
                                        nullable(array(string().length(1, 9))
                                                .size(0, 7)
                                                .description("Day names such as MONDAY")))
                                .optional(
                                        "timezone",
                                        nullable(string().length(1, 64)
                                                .rule(Rules::timeZone, "must be an IANA time zone")))
                                .optional("baseRevision", integer().range(1, Integer.MAX_VALUE))
                                .check("updateDays", "must be day names such as MONDAY", SeriesRoutes::dayNames))
                        .ok(ref("SeriesSchedule"))
                        .problems(403, 412),
                call -> {
                    JsonObject b = call.body();
                    JsonObject schedule = new JsonObject()
                            .put("updateSchedule", b.getString("updateSchedule"))
                            .put("updateDays", b.getJsonArray("updateDays"))
                            .put("timezone", b.getString("timezone"));
                    return series.mergeSettings(
                                    call.user(),
                                    seriesId(call),
                                    new JsonObject().put("schedule", schedule),
                                    call.expectedRevision())
                            .map(s -> Reply.ok(s.scheduleJson()).revision(s.revision()));
                });
        // --- public metadata
        api.on(
                Endpoint.get("/api/v1/sites/{siteId}/series/by-slug/{slug}")
                        .id("getPublicSeriesBySlug")
                        .tag(TAG)
                        .summary("A published series by slug (metadata)")
                        .pathParam("slug", string(), "The series' slug")
                        .ok(ref("PublicSeries"))
                        .conditional(),
                call -> series.publicBySlug(site(call), call.path("slug").toLowerCase())
                        .map(Reply::publicJson));
        api.on(
                Endpoint.get("/api/v1/series/{seriesId}/public")
                        .id("getPublicSeries")
                        .tag(TAG)
                        .summary("A published series (metadata)")
                        .ok(ref("PublicSeries"))
                        .conditional(),
                call -> series.publicById(seriesId(call)).map(Reply::publicJson));
        api.on(
                Endpoint.delete("/api/v1/series/{seriesId}/scheduled-status")
                        .id("cancelScheduledSeriesStatus")
                        .tag(TAG)
                        .summary("Cancel a scheduled status change")
                        .access(members)
                        .ok(ref("Series"))
                        .problems(403, 409),
                call -> series.cancelScheduledTransition(call.user(), seriesId(call))
                        .map(SeriesRoutes::reply));
        // in a fixed order: the document (and the names clients are generated with) must not change between runs
        for (String action : List.of("publish", "unpublish", "complete", "hiatus", "resume")) {
            api.on(
                    Endpoint.post("/api/v1/series/{seriesId}/" + action)
                            .id(action + "Series")
                            .tag(TAG)
                            .summary(TRANSITIONS.get(action))
                            .access(members)
                            .optionalBody(object().optional(
                                            "at",
                                            string().length(10, 40)
                                                    .description("When: with an offset, or local in timezone"))
                                    .optional("timezone", string().length(1, 64).description("An IANA time zone")))
                            .ok(ref("Series"))
                            .problems(403, 409),
                    call -> {
                        JsonObject b = call.body();
                        String zone = b.getString("timezone");
                        var at = LocalTimes.when(b.getString("at"), zone == null ? "UTC" : zone, "at");
                        return (at == null
                                        ? series.transition(call.user(), seriesId(call), action)
                                        : series.scheduleTransition(call.user(), seriesId(call), action, at))
                                .map(SeriesRoutes::reply);
                    });
        }
    }

    private static final java.util.Map<String, String> TRANSITIONS = java.util.Map.of(
            "publish",
            "Series status: DRAFT \u2192 ONGOING; with {at, timezone} it is scheduled instead (applied within seconds, exactly once, if still legal then)",
            "unpublish",
            "Series status: back to DRAFT; with {at, timezone} it is scheduled instead (applied within seconds, exactly once, if still legal then)",
            "complete",
            "Series status: \u2192 COMPLETED; with {at, timezone} it is scheduled instead (applied within seconds, exactly once, if still legal then)",
            "hiatus",
            "Series status: ONGOING \u2192 HIATUS; with {at, timezone} it is scheduled instead (applied within seconds, exactly once, if still legal then)",
            "resume",
            "Series status: HIATUS \u2192 ONGOING; with {at, timezone} it is scheduled instead (applied within seconds, exactly once, if still legal then)");

    /** One of a series' settings views: the series' revision as its ETag. */
    private void view(
            Api api, String id, String path, String summary, String shape, Function<Series, JsonObject> json) {
        api.on(
                Endpoint.get("/api/v1/series/{seriesId}" + path)
                        .id(id)
                        .tag(TAG)
                        .summary(summary)
                        .access(Access.signedIn())
                        .ok(ref(shape))
                        .problems(403),
                call -> series.get(call.user(), seriesId(call))
                        .map(s -> Reply.ok(json.apply(s)).revision(s.revision())));
    }

    private static Reply reply(Series s) {
        return Reply.ok(s.toJson()).revision(s.revision());
    }

    private static UUID site(Call call) {
        return call.id("siteId", "site.not_found");
    }

    private static UUID seriesId(Call call) {
        return call.id("seriesId", "series.not_found");
    }

    private static SeriesService.SeriesInput input(JsonObject b) {
        return new SeriesService.SeriesInput(
                b.getString("title"),
                b.getString("slug"),
                b.getString("synopsis"),
                b.getString("contentType"),
                b.getString("contentRating"),
                b.getString("language"),
                b.getString("defaultAccessLevel"),
                b.getInteger("earlyAccessDays"),
                b.getInteger("previewParagraphs"),
                b.containsKey("paywallMessage"),
                b.getString("paywallMessage"));
    }

    private static boolean dayNames(JsonObject b) {
        JsonArray days = b.getJsonArray("updateDays");
        return days == null || days.stream().allMatch(DAYS::contains);
    }

    private static StringSchema oneOf(Set<String> values) {
        return string().oneOf(values.stream().sorted().toArray(String[]::new));
    }

    private static StringSchema language() {
        return string().pattern("[a-z]{2}", "must be a two-letter code").description("ISO 639-1, such as en");
    }
}
