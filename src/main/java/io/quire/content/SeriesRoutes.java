package io.quire.content;

import io.quire.platform.auth.Authz;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.quire.platform.http.Revisions;
import io.quire.platform.text.Slugs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
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
    private final SeriesService series;

    public SeriesRoutes(SeriesService series) {
        this.series = series;
    }

    public void mount(Router router) {
        router.get("/api/v1/sites/:siteId/series")
                .handler(Authz.authenticated())
                .handler(this::list);
        router.post("/api/v1/sites/:siteId/series")
                .handler(Authz.authenticated())
                .handler(this::create);
        router.get("/api/v1/series/:seriesId").handler(Authz.authenticated()).handler(this::get);
        router.patch("/api/v1/series/:seriesId").handler(Authz.authenticated()).handler(this::update);
        router.delete("/api/v1/series/:seriesId").handler(Authz.authenticated()).handler(this::delete);
        router.post("/api/v1/series/:seriesId/restore")
                .handler(Authz.authenticated())
                .handler(this::restore);
        router.post("/api/v1/series/:seriesId/duplicate")
                .handler(Authz.authenticated())
                .handler(ctx -> series.duplicate(Authz.require(ctx), seriesId(ctx))
                        .onSuccess(s -> {
                            ctx.response().putHeader("Location", "/api/v1/series/" + s.id());
                            Revisions.setEtag(ctx, s.revision());
                            Responses.json(ctx, 201, s.toJson());
                        })
                        .onFailure(ctx::fail));
        // --- settings views
        router.get("/api/v1/series/:seriesId/settings")
                .handler(Authz.authenticated())
                .handler(ctx -> view(ctx, Series::settingsJson));
        router.patch("/api/v1/series/:seriesId/settings")
                .handler(Authz.authenticated())
                .handler(this::updateSettings);
        router.get("/api/v1/series/:seriesId/paywall")
                .handler(Authz.authenticated())
                .handler(ctx -> view(ctx, Series::paywallJson));
        router.patch("/api/v1/series/:seriesId/paywall")
                .handler(Authz.authenticated())
                .handler(this::updatePaywall);
        router.get("/api/v1/series/:seriesId/schedule")
                .handler(Authz.authenticated())
                .handler(ctx -> view(ctx, Series::scheduleJson));
        router.patch("/api/v1/series/:seriesId/schedule")
                .handler(Authz.authenticated())
                .handler(this::updateSchedule);
        // --- public metadata
        router.get("/api/v1/sites/:siteId/series/by-slug/:slug")
                .handler(ctx -> series.publicBySlug(
                                PathParams.uuid(ctx, "siteId", "site.not_found"),
                                ctx.pathParam("slug").toLowerCase())
                        .onSuccess(s -> Responses.publicJson(ctx, s))
                        .onFailure(ctx::fail));
        router.get("/api/v1/series/:seriesId/public")
                .handler(ctx -> series.publicById(seriesId(ctx))
                        .onSuccess(s -> Responses.publicJson(ctx, s))
                        .onFailure(ctx::fail));
        router.delete("/api/v1/series/:seriesId/scheduled-status")
                .handler(Authz.authenticated())
                .handler(ctx -> series.cancelScheduledTransition(Authz.require(ctx), seriesId(ctx))
                        .onSuccess(s -> send(ctx, s))
                        .onFailure(ctx::fail));
        for (String action : SeriesService.TRANSITIONS.keySet()) {
            router.post("/api/v1/series/:seriesId/" + action)
                    .handler(Authz.authenticated())
                    .handler(ctx -> transition(ctx, action));
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

    static String oneOf(RequestBody body, String field, Set<String> allowed) {
        String v = body.optionalString(field, 1, 40);
        if (v != null && !allowed.contains(v)) {
            return body.error(
                    field, "must be one of " + allowed.stream().sorted().toList());
        }
        return v;
    }
}
