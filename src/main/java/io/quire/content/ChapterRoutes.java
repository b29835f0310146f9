package io.quire.content;

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
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.quire.platform.http.Revisions;
import io.quire.platform.text.Slugs;
import io.vertx.core.json.JsonObject;
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

    public void mount(Api api) {
        // --- chapters of a series
        api.raw(
                Endpoint.get("/api/v1/series/{seriesId}/chapters")
                        .id("listSeriesChapters")
                        .tag("chapters")
                        .summary("Chapters of a series, in display order")
                        .access(Access.signedIn())
                        .ok(200, Schema.list(ref("Chapter")), "OK")
                        .problems(403),
                this::list);
        api.raw(
                Endpoint.post("/api/v1/series/{seriesId}/chapters")
                        .id("createChapter")
                        .tag("chapters")
                        .summary("Create a chapter (not viewers); number, order and slug default to the next ones")
                        .access(Access.signedIn())
                        .body(object().required("title", string().length(1, 200))
                                .optional("content", string().description("Markdown"))
                                .optional("authorNote", string().length(0, 20000))
                                .optional("chapterNumber", Schema.number().description("Default: the next one"))
                                .optional("volumeNumber", integer().range(0, 9999))
                                .optional("slug", string().description("Default: from the title"))
                                .optional("accessLevel", string().oneOf("FREE", "SUBSCRIBERS"))
                                .example(new io.vertx.core.json.JsonObject()
                                        .put("title", "The Lighthouse")
                                        .put("content", "The lamp had not been lit in forty years.\n\nUntil tonight.")
                                        .put("accessLevel", "FREE")))
                        .ok(201, ref("Chapter"), "OK")
                        .problems(403, 409),
                this::create);
        // --- one chapter
        api.raw(
                Endpoint.get("/api/v1/chapters/{chapterId}")
                        .id("getChapter")
                        .tag("chapters")
                        .summary("A chapter's metadata (ETag = revision)")
                        .access(Access.signedIn())
                        .ok(200, ref("Chapter"), "OK")
                        .problems(403),
                this::get);
        api.raw(
                Endpoint.patch("/api/v1/chapters/{chapterId}")
                        .id("updateChapter")
                        .tag("chapters")
                        .summary("Update metadata; changing the title needs If-Match and makes a version")
                        .access(Access.signedIn())
                        .header("If-Match", "the ETag you read, e.g. \"r7\"")
                        .body(object().optional("title", string())
                                .optional("chapterNumber", Schema.number())
                                .optional("volumeNumber", nullable(integer().range(0, 9999)))
                                .optional("slug", string())
                                .optional("authorNotePosition", string().oneOf("start", "end"))
                                .optional("baseRevision", integer()))
                        .ok(200, ref("Chapter"), "OK")
                        .problems(403, 409, 412, 428),
                this::updateMeta);
        api.raw(
                Endpoint.delete("/api/v1/chapters/{chapterId}")
                        .id("deleteChapter")
                        .tag("chapters")
                        .summary("Soft-delete a chapter")
                        .access(Access.signedIn())
                        .noContent()
                        .problems(403),
                this::delete);
        api.raw(
                Endpoint.post("/api/v1/chapters/{chapterId}/restore")
                        .id("restoreChapter")
                        .tag("chapters")
                        .summary("Restore a soft-deleted chapter")
                        .access(Access.signedIn())
                        .ok(200, ref("Chapter"), "OK")
                        .problems(403, 409),
                this::restore);
        // --- content and autosave
        api.raw(
                Endpoint.get("/api/v1/chapters/{chapterId}/content")
                        .id("getChapterContent")
                        .tag("chapters")
                        .summary("Markdown source, sanitised HTML, author note")
                        .access(Access.signedIn())
                        .ok(200, ref("ChapterContent"), "OK")
                        .problems(403),
                this::content);
        api.raw(
                Endpoint.put("/api/v1/chapters/{chapterId}/content")
                        .id("replaceChapterContent")
                        .tag("chapters")
                        .summary(
                                "Replace the content (If-Match or baseRevision required); makes a version and clears your autosave")
                        .access(Access.signedIn())
                        .header("If-Match", "the ETag you read, e.g. \"r7\"")
                        .body(object().required("content", string())
                                .optional("title", string())
                                .optional("authorNote", nullable(string().length(0, 20000)))
                                .optional("changeNote", string().length(0, 500))
                                .optional("baseRevision", integer()))
                        .ok(200, ref("ChapterContent"), "OK")
                        .problems(403, 412, 428),
                this::updateContent);
        api.raw(
                Endpoint.get("/api/v1/chapters/{chapterId}/autosave")
                        .id("getChapterAutosave")
                        .tag("chapters")
                        .summary("Your autosave, with stale=true when the chapter moved on since its base revision")
                        .access(Access.signedIn())
                        .ok(200, ref("Autosave"), "OK")
                        .problems(403),
                this::getAutosave);
        api.raw(
                Endpoint.post("/api/v1/chapters/{chapterId}/autosave")
                        .id("saveChapterAutosave")
                        .tag("chapters")
                        .summary("Save a draft of your edit (no version); needs its base revision")
                        .access(Access.signedIn())
                        .header("If-Match", "the ETag you read, e.g. \"r7\"")
                        .body(object().required("content", string())
                                .optional("title", string())
                                .optional("authorNote", string().length(0, 20000))
                                .optional("baseRevision", integer()))
                        .ok(200, ref("Autosave"), "OK")
                        .problems(403, 428),
                this::autosave);
        api.raw(
                Endpoint.delete("/api/v1/chapters/{chapterId}/autosave")
                        .id("deleteChapterAutosave")
                        .tag("chapters")
                        .summary("Discard your autosave")
                        .access(Access.signedIn())
                        .noContent()
                        .problems(403),
                this::deleteAutosave);
        // --- status
        // in a fixed order: the document (and the names clients are generated with) must not change between runs
        for (String action : java.util.List.of("publish", "unpublish", "archive", "unarchive")) {
            java.util.Map<String, String> SUMMARY = java.util.Map.of(
                    "publish",
                    "Publish now (from DRAFT or SCHEDULED)",
                    "unpublish",
                    "Back to DRAFT (from PUBLISHED)",
                    "archive",
                    "Archive (from PUBLISHED)",
                    "unarchive",
                    "Unarchive (back to PUBLISHED)");
            api.raw(
                    Endpoint.post("/api/v1/chapters/{chapterId}/" + action)
                            .id(action + "Chapter")
                            .tag("chapters")
                            .summary(SUMMARY.get(action))
                            .access(Access.signedIn())
                            .ok(200, ref("Chapter"), "OK")
                            .problems(403, 409),
                    ctx -> transition(ctx, action));
        }
        api.raw(
                Endpoint.post("/api/v1/chapters/{chapterId}/schedule")
                        .id("scheduleChapter")
                        .tag("chapters")
                        .summary(
                                "Schedule publication (DRAFT → SCHEDULED); published within seconds of the time, exactly once")
                        .access(Access.signedIn())
                        .body(object().required(
                                        "scheduledAt",
                                        string().description(
                                                        "ISO-8601 with offset, or a local date-time read in timezone"))
                                .required("timezone", string().length(1, 64)))
                        .ok(200, ref("Chapter"), "OK")
                        .problems(403, 409),
                ctx -> schedule(ctx, false));
        api.raw(
                Endpoint.patch("/api/v1/chapters/{chapterId}/schedule")
                        .id("rescheduleChapter")
                        .tag("chapters")
                        .summary("Move the scheduled time")
                        .access(Access.signedIn())
                        .body(object().required(
                                        "scheduledAt",
                                        string().description(
                                                        "ISO-8601 with offset, or a local date-time read in timezone"))
                                .required("timezone", string().length(1, 64)))
                        .ok(200, ref("Chapter"), "OK")
                        .problems(403, 409),
                ctx -> schedule(ctx, true));
        api.raw(
                Endpoint.delete("/api/v1/chapters/{chapterId}/schedule")
                        .id("unscheduleChapter")
                        .tag("chapters")
                        .summary("Cancel the schedule (SCHEDULED → DRAFT)")
                        .access(Access.signedIn())
                        .ok(200, ref("Chapter"), "OK")
                        .problems(403, 409),
                this::cancelSchedule);
        // --- access
        api.raw(
                Endpoint.get("/api/v1/chapters/{chapterId}/access")
                        .id("getChapterAccess")
                        .tag("chapters")
                        .summary("Access settings")
                        .access(Access.signedIn())
                        .ok(
                                200,
                                object().optional("accessLevel", string())
                                        .optional("minimumTierId", nullable(string()))
                                        .optional("scheduledFreeAt", nullable(string()))
                                        .optional("previewParagraphs", nullable(integer()))
                                        .optional("paywallMessage", nullable(string()))
                                        .optional("price", nullable(integer()))
                                        .optional("priceCurrency", nullable(string()))
                                        .optional("revision", integer()),
                                "OK")
                        .problems(403),
                this::access);
        api.raw(
                Endpoint.patch("/api/v1/chapters/{chapterId}/access")
                        .id("updateChapterAccess")
                        .tag("chapters")
                        .summary(
                                "Change access level, tier, preview paragraphs, paywall message, and the price of buying the chapter alone (minor units; null stops selling it)")
                        .access(Access.signedIn())
                        .header("If-Match", "the ETag you read, e.g. \"r7\"")
                        .body(object().optional("accessLevel", string().oneOf("FREE", "SUBSCRIBERS", "SPECIFIC_TIER"))
                                .optional("minimumTierId", string().length(36, 36))
                                .optional("previewParagraphs", integer().range(0, 50))
                                .optional("paywallMessage", string().length(0, 2000))
                                .optional("price", integer().range(1, 100000000))
                                .optional("priceCurrency", string().length(3, 3))
                                .optional("baseRevision", integer()))
                        .ok(200, ref("Chapter"), "OK")
                        .problems(403, 412),
                this::updateAccess);
        api.raw(
                Endpoint.post("/api/v1/chapters/{chapterId}/schedule-free")
                        .id("scheduleChapterFree")
                        .tag("chapters")
                        .summary("Make the chapter free at a time (default: publication + the series' earlyAccessDays)")
                        .access(Access.signedIn())
                        .body(object().optional("scheduledFreeAt", string())
                                .optional("timezone", string().length(1, 64)))
                        .ok(200, ref("Chapter"), "OK")
                        .problems(403, 409),
                ctx -> scheduleFree(ctx, false));
        api.raw(
                Endpoint.patch("/api/v1/chapters/{chapterId}/schedule-free")
                        .id("rescheduleChapterFree")
                        .tag("chapters")
                        .summary("Move the free-unlock time")
                        .access(Access.signedIn())
                        .body(object().required("scheduledFreeAt", string())
                                .optional("timezone", string().length(1, 64)))
                        .ok(200, ref("Chapter"), "OK")
                        .problems(403, 409),
                ctx -> scheduleFree(ctx, true));
        api.raw(
                Endpoint.delete("/api/v1/chapters/{chapterId}/schedule-free")
                        .id("cancelChapterFree")
                        .tag("chapters")
                        .summary("Cancel the free-unlock (the chapter stays for subscribers)")
                        .access(Access.signedIn())
                        .ok(200, ref("Chapter"), "OK")
                        .problems(403, 409),
                this::cancelScheduleFree);
        // --- versions
        api.raw(
                Endpoint.get("/api/v1/chapters/{chapterId}/versions")
                        .id("listChapterVersions")
                        .tag("versions")
                        .summary("Versions, newest first; page with ?before=<number>")
                        .access(Access.signedIn())
                        .query("before", integer(), "versions older than this number")
                        .query("limit", integer(), "1–100, default 20")
                        .ok(200, Schema.list(ref("VersionSummary")), "OK")
                        .problems(403),
                this::versions);
        api.raw(
                Endpoint.get("/api/v1/chapters/{chapterId}/versions/compare/{v1}/{v2}")
                        .id("compareChapterVersions")
                        .tag("versions")
                        .summary("Diff between two versions")
                        .access(Access.signedIn())
                        .pathParam("v1", integer(), "version number")
                        .pathParam("v2", integer(), "version number")
                        .ok(200, ref("Diff"), "OK")
                        .problems(403),
                this::compare);
        api.raw(
                Endpoint.get("/api/v1/chapters/{chapterId}/versions/{versionId}")
                        .id("getChapterVersion")
                        .tag("versions")
                        .summary("One version with its content")
                        .access(Access.signedIn())
                        .pathParam("versionId", integer(), "version number")
                        .ok(200, ref("Version"), "OK")
                        .problems(403),
                this::version);
        api.raw(
                Endpoint.get("/api/v1/chapters/{chapterId}/versions/{versionId}/diff")
                        .id("diffChapterVersion")
                        .tag("versions")
                        .summary("Unified diff and stats from this version to the current one (or ?against=N)")
                        .access(Access.signedIn())
                        .pathParam("versionId", integer(), "version number")
                        .query("against", string(), "current (default) or a version number")
                        .ok(200, ref("Diff"), "OK")
                        .problems(403),
                this::diff);
        api.raw(
                Endpoint.post("/api/v1/chapters/{chapterId}/versions/{versionId}/restore")
                        .id("restoreChapterVersion")
                        .tag("versions")
                        .summary("Make a version current again, as a new version (If-Match required)")
                        .access(Access.signedIn())
                        .pathParam("versionId", integer(), "version number")
                        .header("If-Match", "the ETag you read, e.g. \"r7\"")
                        .ok(200, ref("ChapterContent"), "OK")
                        .problems(403, 412, 428),
                this::restoreVersion);
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
                oneOf(body, "accessLevel", java.util.Set.of("FREE", "SUBSCRIBERS")));
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
        String level = oneOf(body, "accessLevel", SeriesRoutes.ACCESS_LEVELS);
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
    private static String oneOf(RequestBody body, String field, java.util.Set<String> allowed) {
        String v = body.optionalString(field, 1, 40);
        if (v != null && !allowed.contains(v)) {
            return body.error(
                    field, "must be one of " + allowed.stream().sorted().toList());
        }
        return v;
    }

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
