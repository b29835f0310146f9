package io.quire.content;

import io.quire.platform.auth.Authz;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.quire.platform.http.Revisions;
import io.quire.platform.text.Slugs;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** {@code /api/v1/series/:seriesId/chapters} and {@code /api/v1/chapters/:chapterId/*}: writing and publishing. */
public final class ChapterRoutes {
    private static final String ONE = "/api/v1/chapters/:chapterId";
    private static final int MAX_CONTENT = 500_000;
    private final ChapterService chapters;
    private final ChapterVersions versions;
    private final ChapterPublishing publishing;

    public ChapterRoutes(ChapterService chapters, ChapterVersions versions, ChapterPublishing publishing) {
        this.chapters = chapters;
        this.versions = versions;
        this.publishing = publishing;
    }

    public void mount(Router router) {
        // --- chapters of a series
        router.get("/api/v1/series/:seriesId/chapters")
                .handler(Authz.authenticated())
                .handler(this::list);
        router.post("/api/v1/series/:seriesId/chapters")
                .handler(Authz.authenticated())
                .handler(this::create);
        // --- one chapter
        router.get(ONE).handler(Authz.authenticated()).handler(this::get);
        router.patch(ONE).handler(Authz.authenticated()).handler(this::updateMeta);
        router.delete(ONE).handler(Authz.authenticated()).handler(this::delete);
        router.post(ONE + "/restore").handler(Authz.authenticated()).handler(this::restore);
        // --- content and autosave
        router.get(ONE + "/content").handler(Authz.authenticated()).handler(this::content);
        router.put(ONE + "/content").handler(Authz.authenticated()).handler(this::updateContent);
        router.get(ONE + "/autosave").handler(Authz.authenticated()).handler(this::getAutosave);
        router.post(ONE + "/autosave").handler(Authz.authenticated()).handler(this::autosave);
        router.delete(ONE + "/autosave").handler(Authz.authenticated()).handler(this::deleteAutosave);
        // --- status
        for (String action : ChapterPublishing.TRANSITIONS.keySet()) {
            router.post(ONE + "/" + action).handler(Authz.authenticated()).handler(ctx -> transition(ctx, action));
        }
        router.post(ONE + "/schedule").handler(Authz.authenticated()).handler(ctx -> schedule(ctx, false));
        router.patch(ONE + "/schedule").handler(Authz.authenticated()).handler(ctx -> schedule(ctx, true));
        router.delete(ONE + "/schedule").handler(Authz.authenticated()).handler(this::cancelSchedule);
        // --- access
        router.get(ONE + "/access").handler(Authz.authenticated()).handler(this::access);
        router.patch(ONE + "/access").handler(Authz.authenticated()).handler(this::updateAccess);
        router.post(ONE + "/schedule-free").handler(Authz.authenticated()).handler(ctx -> scheduleFree(ctx, false));
        router.patch(ONE + "/schedule-free").handler(Authz.authenticated()).handler(ctx -> scheduleFree(ctx, true));
        router.delete(ONE + "/schedule-free").handler(Authz.authenticated()).handler(this::cancelScheduleFree);
        // --- versions
        router.get(ONE + "/versions").handler(Authz.authenticated()).handler(this::versions);
        router.get(ONE + "/versions/compare/:v1/:v2")
                .handler(Authz.authenticated())
                .handler(this::compare);
        router.get(ONE + "/versions/:versionId").handler(Authz.authenticated()).handler(this::version);
        router.get(ONE + "/versions/:versionId/diff")
                .handler(Authz.authenticated())
                .handler(this::diff);
        router.post(ONE + "/versions/:versionId/restore")
                .handler(Authz.authenticated())
                .handler(this::restoreVersion);
    }

    private static UUID chapterId(RoutingContext ctx) {
        return PathParams.uuid(ctx, "chapterId", "chapter.not_found");
    }

    private static void send(RoutingContext ctx, int status, Chapter ch, JsonObject body) {
        Revisions.setEtag(ctx, ch.revision());
        Responses.json(ctx, status, body);
    }

    private static void send(RoutingContext ctx, Chapter ch) {
        send(ctx, 200, ch, ch.toJson());
    }

    // ---- chapters

    private void list(RoutingContext ctx) {
        chapters.list(
                        Authz.require(ctx),
                        PathParams.uuid(ctx, "seriesId", "series.not_found"),
                        "true".equals(ctx.request().getParam("includeDeleted")))
                .onSuccess(list -> Responses.list(ctx, list, null))
                .onFailure(ctx::fail);
    }

    private void create(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        var in = new ChapterService.NewChapter(
                body.requiredString("title", 1, 200),
                content(body, false),
                body.optionalString("authorNote", 0, 20_000),
                number(body),
                body.optionalInteger("volumeNumber", 0, 9999),
                slug(body),
                SeriesRoutes.oneOf(body, "accessLevel", java.util.Set.of("FREE", "SUBSCRIBERS")));
        body.validate();
        chapters.create(Authz.require(ctx), PathParams.uuid(ctx, "seriesId", "series.not_found"), in)
                .onSuccess(ch -> {
                    ctx.response().putHeader("Location", "/api/v1/chapters/" + ch.id());
                    send(ctx, 201, ch, ch.toJson());
                })
                .onFailure(ctx::fail);
    }

    private void get(RoutingContext ctx) {
        chapters.get(Authz.require(ctx), chapterId(ctx))
                .onSuccess(ch -> send(ctx, ch))
                .onFailure(ctx::fail);
    }

    private void updateMeta(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        String title = body.optionalString("title", 1, 200);
        String position = body.optionalString("authorNotePosition", 3, 5);
        if (position != null && !position.equals("start") && !position.equals("end")) {
            body.error("authorNotePosition", "must be start or end");
        }
        var u = new ChapterService.MetaUpdate(
                title,
                number(body),
                body.has("volumeNumber"),
                body.optionalInteger("volumeNumber", 0, 9999),
                slug(body),
                position);
        // boxed on purpose: a long/Long ternary would unbox a null expected revision
        Long expected = title != null
                ? Long.valueOf(Revisions.required(ctx, body, "a chapter's title"))
                : Revisions.expected(ctx, body);
        body.validate();
        chapters.updateMeta(Authz.require(ctx), chapterId(ctx), u, expected)
                .onSuccess(ch -> send(ctx, ch))
                .onFailure(ctx::fail);
    }

    private void delete(RoutingContext ctx) {
        chapters.delete(Authz.require(ctx), chapterId(ctx))
                .onSuccess(v -> Responses.noContent(ctx))
                .onFailure(ctx::fail);
    }

    private void restore(RoutingContext ctx) {
        chapters.restore(Authz.require(ctx), chapterId(ctx))
                .onSuccess(ch -> send(ctx, ch))
                .onFailure(ctx::fail);
    }

    // ---- content and autosave

    private void content(RoutingContext ctx) {
        chapters.get(Authz.require(ctx), chapterId(ctx))
                .onSuccess(ch -> send(ctx, 200, ch, ch.contentJson()))
                .onFailure(ctx::fail);
    }

    private void updateContent(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        var u = new ChapterService.ContentUpdate(
                body.optionalString("title", 1, 200),
                content(body, true),
                body.has("authorNote"),
                body.optionalString("authorNote", 0, 20_000),
                body.optionalString("changeNote", 0, 500));
        long expected = Revisions.required(ctx, body, "a chapter's content");
        body.validate();
        chapters.updateContent(Authz.require(ctx), chapterId(ctx), u, expected)
                .onSuccess(ch -> send(ctx, 200, ch, ch.contentJson()))
                .onFailure(ctx::fail);
    }

    private void autosave(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        String text = content(body, true);
        String title = body.optionalString("title", 0, 200);
        String note = body.optionalString("authorNote", 0, 20_000);
        long base = Revisions.required(ctx, body, "an autosave (its base revision)");
        body.validate();
        chapters.autosave(Authz.require(ctx), chapterId(ctx), title, text, note, base)
                .onSuccess(saved -> Responses.json(ctx, 200, saved))
                .onFailure(ctx::fail);
    }

    private void getAutosave(RoutingContext ctx) {
        chapters.getAutosave(Authz.require(ctx), chapterId(ctx))
                .onSuccess(a -> Responses.json(ctx, 200, a))
                .onFailure(ctx::fail);
    }

    private void deleteAutosave(RoutingContext ctx) {
        chapters.deleteAutosave(Authz.require(ctx), chapterId(ctx))
                .onSuccess(v -> Responses.noContent(ctx))
                .onFailure(ctx::fail);
    }

    // ---- status

    private void transition(RoutingContext ctx, String action) {
        publishing
                .transition(Authz.require(ctx), chapterId(ctx), action)
                .onSuccess(ch -> send(ctx, ch))
                .onFailure(ctx::fail);
    }

    private void schedule(RoutingContext ctx, boolean reschedule) {
        RequestBody body = RequestBody.of(ctx);
        String zone = body.requiredString("timezone", 1, 64);
        OffsetDateTime at = when(body, "scheduledAt", zone, true);
        body.validate();
        publishing
                .schedule(Authz.require(ctx), chapterId(ctx), at, zone, reschedule)
                .onSuccess(ch -> send(ctx, ch))
                .onFailure(ctx::fail);
    }

    private void cancelSchedule(RoutingContext ctx) {
        publishing
                .cancelSchedule(Authz.require(ctx), chapterId(ctx))
                .onSuccess(ch -> send(ctx, ch))
                .onFailure(ctx::fail);
    }

    // ---- access

    private void access(RoutingContext ctx) {
        chapters.get(Authz.require(ctx), chapterId(ctx))
                .onSuccess(ch -> {
                    JsonObject all = ch.toJson();
                    JsonObject access = new JsonObject();
                    for (String key : List.of(
                            "accessLevel",
                            "minimumTierId",
                            "scheduledFreeAt",
                            "previewParagraphs",
                            "paywallMessage",
                            "price",
                            "priceCurrency",
                            "revision")) {
                        access.put(key, all.getValue(key));
                    }
                    send(ctx, 200, ch, access);
                })
                .onFailure(ctx::fail);
    }

    private void updateAccess(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        String level = SeriesRoutes.oneOf(body, "accessLevel", SeriesRoutes.ACCESS_LEVELS);
        UUID tier = null;
        String tierText = body.optionalString("minimumTierId", 36, 36);
        if (tierText != null) {
            try {
                tier = UUID.fromString(tierText);
            } catch (IllegalArgumentException e) {
                body.error("minimumTierId", "must be a tier id");
            }
        }
        var u = new ChapterPublishing.AccessUpdate(
                level,
                body.has("minimumTierId"),
                tier,
                body.has("previewParagraphs"),
                body.optionalInteger("previewParagraphs", 0, 50),
                body.has("paywallMessage"),
                body.optionalString("paywallMessage", 0, 2000),
                body.has("price"),
                body.optionalInteger("price", 1, 100_000_000),
                currency(body));
        Long expected = Revisions.expected(ctx, body);
        body.validate();
        publishing
                .updateAccess(Authz.require(ctx), chapterId(ctx), u, expected)
                .onSuccess(ch -> send(ctx, ch))
                .onFailure(ctx::fail);
    }

    /** {@code priceCurrency}: an ISO 4217 code, required with a price. */
    private static String currency(RequestBody body) {
        String c = body.optionalString("priceCurrency", 3, 3);
        if (c != null && !c.matches("[A-Z]{3}")) {
            body.error("priceCurrency", "must be an ISO 4217 code such as USD");
        }
        if (body.rawNumber("price") != null && c == null) {
            body.error("priceCurrency", "is required with a price");
        }
        return c;
    }

    private void scheduleFree(RoutingContext ctx, boolean reschedule) {
        RequestBody body = ctx.body() != null && ctx.body().length() > 0 ? RequestBody.of(ctx) : null;
        OffsetDateTime at = null;
        if (body != null) {
            String zone = body.optionalString("timezone", 1, 64);
            at = when(body, "scheduledFreeAt", zone == null ? "UTC" : zone, reschedule);
            body.validate();
        } else if (reschedule) {
            throw new ApiException.Validation(
                    "request.invalid",
                    "Some fields are invalid.",
                    List.of(new ApiException.FieldError("scheduledFreeAt", "is required")));
        }
        publishing
                .scheduleFree(Authz.require(ctx), chapterId(ctx), at, reschedule)
                .onSuccess(ch -> send(ctx, ch))
                .onFailure(ctx::fail);
    }

    private void cancelScheduleFree(RoutingContext ctx) {
        publishing
                .cancelScheduleFree(Authz.require(ctx), chapterId(ctx))
                .onSuccess(ch -> send(ctx, ch))
                .onFailure(ctx::fail);
    }

    // ---- versions

    private void versions(RoutingContext ctx) {
        Integer before = QueryParams.integer(ctx, "before");
        int limit = QueryParams.limit(ctx);
        versions.list(Authz.require(ctx), chapterId(ctx), before, limit)
                .onSuccess(page -> Responses.list(
                        ctx,
                        page.data(),
                        page.nextBefore() == null ? null : page.nextBefore().toString()))
                .onFailure(ctx::fail);
    }

    private void version(RoutingContext ctx) {
        versions.get(Authz.require(ctx), chapterId(ctx), versionNumber(ctx, "versionId"))
                .onSuccess(v -> Responses.json(ctx, 200, v))
                .onFailure(ctx::fail);
    }

    private void diff(RoutingContext ctx) {
        String against = ctx.request().getParam("against");
        Integer to = against == null || against.equals("current") ? null : parseVersion(against);
        versions.diff(Authz.require(ctx), chapterId(ctx), versionNumber(ctx, "versionId"), to)
                .onSuccess(d -> Responses.json(ctx, 200, d))
                .onFailure(ctx::fail);
    }

    private void compare(RoutingContext ctx) {
        versions.diff(Authz.require(ctx), chapterId(ctx), versionNumber(ctx, "v1"), versionNumber(ctx, "v2"))
                .onSuccess(d -> Responses.json(ctx, 200, d))
                .onFailure(ctx::fail);
    }

    private void restoreVersion(RoutingContext ctx) {
        RequestBody body = ctx.body() != null && ctx.body().length() > 0 ? RequestBody.of(ctx) : null;
        long expected = Revisions.required(ctx, body, "a chapter's content (restoring a version)");
        versions.restore(Authz.require(ctx), chapterId(ctx), versionNumber(ctx, "versionId"), expected)
                .onSuccess(ch -> send(ctx, 200, ch, ch.contentJson()))
                .onFailure(ctx::fail);
    }

    // ---- field rules

    private static String content(RequestBody body, boolean required) {
        String content = required
                ? body.requiredString("content", 0, MAX_CONTENT)
                : body.optionalString("content", 0, MAX_CONTENT);
        return content == null ? null : body.rawString("content");
    }

    private static BigDecimal number(RequestBody body) {
        Object raw = body.has("chapterNumber") ? body.rawNumber("chapterNumber") : null;
        if (raw == null) {
            return null;
        }
        BigDecimal n = new BigDecimal(raw.toString());
        if (n.signum() < 0 || n.scale() > 2 || n.compareTo(new BigDecimal("99999999")) > 0) {
            return body.error("chapterNumber", "must be a number from 0 with at most two decimals");
        }
        return n;
    }

    private static String slug(RequestBody body) {
        return body.matching(
                "slug",
                body.optionalString("slug", 1, Slugs.MAX_LENGTH),
                Slugs.VALID,
                "must be lower-case letters, digits and single hyphens");
    }

    /** An instant with an offset, or a local date-time in {@code zone}. */
    static OffsetDateTime when(RequestBody body, String field, String zone, boolean required) {
        String text = required ? body.requiredString(field, 10, 40) : body.optionalString(field, 10, 40);
        ZoneId zoneId;
        try {
            zoneId = zone == null ? ZoneOffset.UTC : ZoneId.of(zone);
        } catch (DateTimeException e) {
            return body.error("timezone", "must be an IANA time zone such as Asia/Kolkata");
        }
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zoneId).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                return body.error(
                        field, "must be an ISO-8601 date-time such as 2027-01-01T09:00:00+05:30 or 2027-01-01T09:00");
            }
        }
    }

    private static int versionNumber(RoutingContext ctx, String param) {
        return parseVersion(ctx.pathParam(param));
    }

    private static int parseVersion(String text) {
        try {
            return Integer.parseInt(text.startsWith("v") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            throw new ApiException.NotFound("version.not_found", "No such version of this chapter.");
        }
    }
}
