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
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Authz;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.quire.platform.http.Revisions;
import io.quire.platform.text.Slugs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/** {@code /api/v1/sites/:siteId/series} and {@code /api/v1/series/:seriesId}: series management. */
public final class SeriesRoutes {
    static final Set<String> CONTENT_TYPES = Set.of("WEB_NOVEL", "WEBTOON", "MANGA", "MANHWA", "WESTERN_COMIC");
    static final Set<String> RATINGS = Set.of("EVERYONE", "TEEN", "MATURE");
    static final Set<String> ACCESS_LEVELS = Set.of("FREE", "SUBSCRIBERS", "SPECIFIC_TIER", "SCHEDULED_FREE");
    /**
     * A series' fields as {@link #input} checks them (that check answers; this says it in the document); on create
     * the title is required too.
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
        api.raw(
                Endpoint.get("/api/v1/sites/{siteId}/series")
                        .id("listSeries")
                        .tag("series")
                        .summary("Series of a site")
                        .access(Access.signedIn())
                        .ok(200, Schema.list(ref("Series")), "OK")
                        .problems(403),
                this::list);
        api.raw(
                Endpoint.post("/api/v1/sites/{siteId}/series")
                        .id("createSeries")
                        .tag("series")
                        .summary("Create a series (owner or editor)")
                        .access(Access.signedIn())
                        .body(object().with(FIELDS).required("title", string().length(1, 200)))
                        .ok(201, ref("Series"), "OK")
                        .problems(403, 409),
                this::create);
        api.raw(
                Endpoint.get("/api/v1/series/{seriesId}")
                        .id("getSeries")
                        .tag("series")
                        .summary("A series")
                        .access(Access.signedIn())
                        .ok(200, ref("Series"), "OK")
                        .problems(403),
                this::get);
        api.raw(
                Endpoint.patch("/api/v1/series/{seriesId}")
                        .id("updateSeries")
                        .tag("series")
                        .summary("Update a series")
                        .access(Access.signedIn())
                        .header("If-Match", "the ETag you read, e.g. \"r7\"")
                        .body(FIELDS)
                        .ok(200, ref("Series"), "OK")
                        .problems(403, 409, 412),
                this::update);
        api.raw(
                Endpoint.delete("/api/v1/series/{seriesId}")
                        .id("deleteSeries")
                        .tag("series")
                        .summary("Soft-delete a series")
                        .access(Access.signedIn())
                        .noContent()
                        .problems(403),
                this::delete);
        api.raw(
                Endpoint.post("/api/v1/series/{seriesId}/restore")
                        .id("restoreSeries")
                        .tag("series")
                        .summary("Restore a soft-deleted series")
                        .access(Access.signedIn())
                        .ok(200, ref("Series"), "OK")
                        .problems(403, 409),
                this::restore);
        api.raw(
                Endpoint.post("/api/v1/series/{seriesId}/duplicate")
                        .id("duplicateSeries")
                        .tag("series")
                        .summary("A DRAFT copy with its genres, tags, warnings and chapters (as drafts)")
                        .access(Access.signedIn())
                        .ok(201, ref("Series"), "OK")
                        .problems(403),
                ctx -> series.duplicate(Authz.require(ctx), seriesId(ctx))
                        .onSuccess(s -> {
                            ctx.response().putHeader("Location", "/api/v1/series/" + s.id());
                            Revisions.setEtag(ctx, s.revision());
                            Responses.json(ctx, 201, s.toJson());
                        })
                        .onFailure(ctx::fail));
        // --- settings views
        api.raw(
                Endpoint.get("/api/v1/series/{seriesId}/settings")
                        .id("getSeriesSettings")
                        .tag("series")
                        .summary("Type, rating, language and extra settings")
                        .access(Access.signedIn())
                        .ok(200, ref("SeriesSettings"), "OK")
                        .problems(403),
                ctx -> view(ctx, Series::settingsJson));
        api.raw(
                Endpoint.patch("/api/v1/series/{seriesId}/settings")
                        .id("updateSeriesSettings")
                        .tag("series")
                        .summary("Change: type, rating, language and extra settings")
                        .access(Access.signedIn())
                        .header("If-Match", "the ETag you read, e.g. \"r7\"")
                        .body(object().optional("contentType", oneOf(CONTENT_TYPES))
                                .optional("contentRating", oneOf(RATINGS))
                                .optional("language", language())
                                .optional(
                                        "extra",
                                        anyObject().maxProperties(50).description("Merged into the stored extra"))
                                .optional("baseRevision", integer()))
                        .ok(200, ref("SeriesSettings"), "OK")
                        .problems(403, 412),
                this::updateSettings);
        api.raw(
                Endpoint.get("/api/v1/series/{seriesId}/paywall")
                        .id("getSeriesPaywall")
                        .tag("series")
                        .summary("Default access level, early-access days, preview paragraphs, paywall message")
                        .access(Access.signedIn())
                        .ok(200, ref("SeriesPaywall"), "OK")
                        .problems(403),
                ctx -> view(ctx, Series::paywallJson));
        api.raw(
                Endpoint.patch("/api/v1/series/{seriesId}/paywall")
                        .id("updateSeriesPaywall")
                        .tag("series")
                        .summary("Change: default access level, early-access days, preview paragraphs, paywall message")
                        .access(Access.signedIn())
                        .header("If-Match", "the ETag you read, e.g. \"r7\"")
                        .body(object().optional("defaultAccessLevel", oneOf(ACCESS_LEVELS))
                                .optional("earlyAccessDays", integer().range(0, 365))
                                .optional("previewParagraphs", integer().range(0, 50))
                                .optional("paywallMessage", string().length(0, 2000))
                                .optional("baseRevision", integer()))
                        .ok(200, ref("SeriesPaywall"), "OK")
                        .problems(403, 412),
                this::updatePaywall);
        api.raw(
                Endpoint.get("/api/v1/series/{seriesId}/schedule")
                        .id("getSeriesSchedule")
                        .tag("series")
                        .summary("The announced update schedule (PATCH replaces it)")
                        .access(Access.signedIn())
                        .ok(200, ref("SeriesSchedule"), "OK")
                        .problems(403),
                ctx -> view(ctx, Series::scheduleJson));
        api.raw(
                Endpoint.patch("/api/v1/series/{seriesId}/schedule")
                        .id("updateSeriesSchedule")
                        .tag("series")
                        .summary("Change: the announced update schedule (patch replaces it)")
                        .access(Access.signedIn())
                        .header("If-Match", "the ETag you read, e.g. \"r7\"")
                        .body(object().optional("updateSchedule", string().length(0, 100))
                                .optional(
                                        "updateDays",
                                        array(string().oneOf(
                                                                "MONDAY",
                                                                "TUESDAY",
                                                                "WEDNESDAY",
                                                                "THURSDAY",
                                                                "FRIDAY",
                                                                "SATURDAY",
                                                                "SUNDAY"))
                                                .size(0, 7))
                                .optional("timezone", string().length(1, 64).description("An IANA time zone"))
                                .optional("baseRevision", integer()))
                        .ok(200, ref("SeriesSchedule"), "OK")
                        .problems(403, 412),
                this::updateSchedule);
        // --- public metadata
        api.raw(
                Endpoint.get("/api/v1/sites/{siteId}/series/by-slug/{slug}")
                        .id("getPublicSeriesBySlug")
                        .tag("series")
                        .summary("A published series by slug (metadata)")
                        .access(Access.anyone())
                        .pathParam("slug", string(), null)
                        .ok(200, ref("PublicSeries"), "OK")
                        .conditional(),
                ctx -> series.publicBySlug(
                                PathParams.uuid(ctx, "siteId", "site.not_found"),
                                ctx.pathParam("slug").toLowerCase())
                        .onSuccess(s -> Responses.publicJson(ctx, s))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.get("/api/v1/series/{seriesId}/public")
                        .id("getPublicSeries")
                        .tag("series")
                        .summary("A published series (metadata)")
                        .access(Access.anyone())
                        .ok(200, ref("PublicSeries"), "OK")
                        .conditional(),
                ctx -> series.publicById(seriesId(ctx))
                        .onSuccess(s -> Responses.publicJson(ctx, s))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.delete("/api/v1/series/{seriesId}/scheduled-status")
                        .id("cancelScheduledSeriesStatus")
                        .tag("series")
                        .summary("Cancel a scheduled status change")
                        .access(Access.signedIn())
                        .ok(200, ref("Series"), "OK")
                        .problems(403, 409),
                ctx -> series.cancelScheduledTransition(Authz.require(ctx), seriesId(ctx))
                        .onSuccess(s -> send(ctx, s))
                        .onFailure(ctx::fail));
        // in a fixed order: the document (and the names clients are generated with) must not change between runs
        for (String action : java.util.List.of("publish", "unpublish", "complete", "hiatus", "resume")) {
            java.util.Map<String, String> SUMMARY = java.util.Map.of(
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
            api.raw(
                    Endpoint.post("/api/v1/series/{seriesId}/" + action)
                            .id(action + "Series")
                            .tag("series")
                            .summary(SUMMARY.get(action))
                            .access(Access.signedIn())
                            .optionalBody(
                                    object().optional("at", string()).optional("timezone", string().length(1, 64)))
                            .ok(200, ref("Series"), "OK")
                            .problems(403, 409),
                    ctx -> transition(ctx, action));
        }
    }

    private static UUID seriesId(RoutingContext ctx) {
        return PathParams.uuid(ctx, "seriesId", "series.not_found");
    }

    private void list(RoutingContext ctx) {
        series.list(
                        Authz.require(ctx),
                        PathParams.uuid(ctx, "siteId", "site.not_found"),
                        "true".equals(ctx.request().getParam("includeDeleted")))
                .onSuccess(list -> Responses.list(ctx, list, null))
                .onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        SeriesService.SeriesInput in = input(body, true);
        body.validate();
        series.create(Authz.require(ctx), PathParams.uuid(ctx, "siteId", "site.not_found"), in)
                .onSuccess(s -> {
                    Revisions.setEtag(ctx, s.revision());
                    ctx.response().putHeader("Location", "/api/v1/series/" + s.id());
                    Responses.json(ctx, 201, s.toJson());
                })
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        series.get(Authz.require(ctx), seriesId(ctx))
                .onSuccess(s -> send(ctx, s))
                .onFailure(ctx::fail);
    }

    private void update(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        SeriesService.SeriesInput in = input(body, false);
        Long expected = Revisions.expected(ctx, body);
        body.validate();
        series.update(Authz.require(ctx), seriesId(ctx), in, expected)
                .onSuccess(s -> send(ctx, s))
                .onFailure(ctx::fail);
    }

    /** Now, or at {@code at} when the body gives one (a local time is read in {@code timezone}). */
    private void transition(RoutingContext ctx, String action) {
        if (ctx.body() != null && ctx.body().length() > 0) {
            RequestBody body = RequestBody.of(ctx);
            String zone = body.optionalString("timezone", 1, 64);
            OffsetDateTime at = ChapterRoutes.when(body, "at", zone == null ? "UTC" : zone, false);
            body.validate();
            if (at != null) {
                series.scheduleTransition(Authz.require(ctx), seriesId(ctx), action, at)
                        .onSuccess(s -> send(ctx, s))
                        .onFailure(ctx::fail);
                return;
            }
        }
        series.transition(Authz.require(ctx), seriesId(ctx), action)
                .onSuccess(s -> send(ctx, s))
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        series.delete(Authz.require(ctx), seriesId(ctx))
                .onSuccess(v -> Responses.noContent(ctx))
                .onFailure(ctx::fail);
    }

    private void restore(RoutingContext ctx) {
        series.restore(Authz.require(ctx), seriesId(ctx))
                .onSuccess(s -> send(ctx, s))
                .onFailure(ctx::fail);
    }

    private void view(RoutingContext ctx, Function<Series, JsonObject> shape) {
        series.get(Authz.require(ctx), seriesId(ctx))
                .onSuccess(s -> {
                    Revisions.setEtag(ctx, s.revision());
                    Responses.json(ctx, 200, shape.apply(s));
                })
                .onFailure(ctx::fail);
    }

    private void updateSettings(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        var in = new SeriesService.SeriesInput(
                null,
                null,
                null,
                oneOf(body, "contentType", CONTENT_TYPES),
                oneOf(body, "contentRating", RATINGS),
                body.matching(
                        "language",
                        body.optionalString("language", 2, 2),
                        Pattern.compile("[a-z]{2}"),
                        "must be a two-letter code"),
                null,
                null,
                null,
                false,
                null);
        JsonObject extra = body.optionalObject("extra", 50);
        Long expected = Revisions.expected(ctx, body);
        body.validate();
        var p = Authz.require(ctx);
        series.update(p, seriesId(ctx), in, expected)
                .compose(s -> extra == null
                        ? Future.succeededFuture(s)
                        : series.mergeSettings(p, s.id(), new JsonObject().put("extra", extra), null))
                .onSuccess(s -> {
                    Revisions.setEtag(ctx, s.revision());
                    Responses.json(ctx, 200, s.settingsJson());
                })
                .onFailure(ctx::fail);
    }

    private void updatePaywall(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        var in = new SeriesService.SeriesInput(
                null,
                null,
                null,
                null,
                null,
                null,
                oneOf(body, "defaultAccessLevel", ACCESS_LEVELS),
                body.optionalInteger("earlyAccessDays", 0, 365),
                body.optionalInteger("previewParagraphs", 0, 50),
                body.has("paywallMessage"),
                body.optionalString("paywallMessage", 0, 2000));
        Long expected = Revisions.expected(ctx, body);
        body.validate();
        series.update(Authz.require(ctx), seriesId(ctx), in, expected)
                .onSuccess(s -> {
                    Revisions.setEtag(ctx, s.revision());
                    Responses.json(ctx, 200, s.paywallJson());
                })
                .onFailure(ctx::fail);
    }

    private void updateSchedule(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        String text = body.optionalString("updateSchedule", 0, 100);
        List<String> raw = body.has("updateDays") ? body.optionalStrings("updateDays", 7, 9) : null;
        if (raw != null) {
            java.util.Set<String> names =
                    Set.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY");
            if (!names.containsAll(raw)) {
                body.error("updateDays", "must be day names such as MONDAY");
            }
        }
        String zone = body.optionalString("timezone", 1, 64);
        if (zone != null) {
            try {
                ZoneId.of(zone);
            } catch (DateTimeException e) {
                body.error("timezone", "must be an IANA time zone");
            }
        }
        Long expected = Revisions.expected(ctx, body);
        body.validate();
        JsonObject schedule = new JsonObject()
                .put("updateSchedule", text)
                .put("updateDays", raw == null ? null : new JsonArray(raw))
                .put("timezone", zone);
        series.mergeSettings(Authz.require(ctx), seriesId(ctx), new JsonObject().put("schedule", schedule), expected)
                .onSuccess(s -> {
                    Revisions.setEtag(ctx, s.revision());
                    Responses.json(ctx, 200, s.scheduleJson());
                })
                .onFailure(ctx::fail);
    }

    private static void send(RoutingContext ctx, Series s) {
        Revisions.setEtag(ctx, s.revision());
        Responses.json(ctx, 200, s.toJson());
    }

    private static SeriesService.SeriesInput input(RequestBody body, boolean creating) {
        String title = creating ? body.requiredString("title", 1, 200) : body.optionalString("title", 1, 200);
        String slug = body.matching(
                "slug",
                body.optionalString("slug", 3, Slugs.MAX_LENGTH),
                Slugs.VALID,
                "must be lower-case letters, digits and single hyphens");
        return new SeriesService.SeriesInput(
                title,
                slug,
                body.optionalString("synopsis", 0, 10_000),
                oneOf(body, "contentType", CONTENT_TYPES),
                oneOf(body, "contentRating", RATINGS),
                body.matching(
                        "language",
                        body.optionalString("language", 2, 2),
                        Pattern.compile("[a-z]{2}"),
                        "must be a two-letter code"),
                oneOf(body, "defaultAccessLevel", ACCESS_LEVELS),
                body.optionalInteger("earlyAccessDays", 0, 365),
                body.optionalInteger("previewParagraphs", 0, 50),
                body.has("paywallMessage"),
                body.optionalString("paywallMessage", 0, 2000));
    }

    private static io.quire.platform.api.StringSchema oneOf(Set<String> values) {
        return string().oneOf(values.stream().sorted().toArray(String[]::new));
    }

    private static io.quire.platform.api.StringSchema language() {
        return string().pattern("[a-z]{2}", "must be a two-letter code").description("ISO 639-1, such as en");
    }

    static String oneOf(RequestBody body, String field, Set<String> allowed) {
        String v = body.optionalString(field, 1, 40);
        if (v != null && !allowed.contains(v)) {
            return body.error(
                    field, "must be one of " + allowed.stream().sorted().toList());
        }
        return v;
    }
}
