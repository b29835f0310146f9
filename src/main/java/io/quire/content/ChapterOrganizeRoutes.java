package io.quire.content;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.number;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.ObjectSchema;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Authz;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.quire.platform.http.Revisions;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Reorder, move, duplicate, and the bulk actions on many chapters of a series. */
public final class ChapterOrganizeRoutes {
    private final ChapterOrdering ordering;
    private final ChapterBulk bulk;

    public ChapterOrganizeRoutes(ChapterOrdering ordering, ChapterBulk bulk) {
        this.ordering = ordering;
        this.bulk = bulk;
    }

    public void mount(Api api) {
        api.raw(
                Endpoint.patch("/api/v1/series/{seriesId}/chapters/reorder")
                        .id("reorderChapters")
                        .tag("chapters")
                        .summary("Set the display order: every chapter of the series, once each")
                        .access(Access.signedIn())
                        .body(object().required("chapterIds", array(uuid())))
                        .ok(200, Schema.list(ref("Chapter")), "OK")
                        .problems(403),
                this::reorder);
        api.raw(
                Endpoint.post("/api/v1/chapters/{chapterId}/move")
                        .id("moveChapter")
                        .tag("chapters")
                        .summary("Move to another series of the same site (next number there unless given)")
                        .access(Access.signedIn())
                        .body(object().required("seriesId", uuid()).optional("chapterNumber", number()))
                        .ok(200, ref("Chapter"), "OK")
                        .problems(403, 409),
                this::move);
        api.raw(
                Endpoint.post("/api/v1/chapters/{chapterId}/duplicate")
                        .id("duplicateChapter")
                        .tag("chapters")
                        .summary("A DRAFT copy with the next number")
                        .access(Access.signedIn())
                        .ok(201, ref("Chapter"), "OK")
                        .problems(403),
                this::duplicate);
        bulk(
                api,
                "update",
                "Set volumeNumber and/or authorNotePosition",
                object().optional("volumeNumber", nullable(integer().range(0, 9999)))
                        .optional("authorNotePosition", string().oneOf("start", "end")));
        bulk(api, "delete", "Soft-delete", object());
        bulk(api, "publish", "Publish (each must be DRAFT or SCHEDULED)", object());
        bulk(
                api,
                "access",
                "Set the access level",
                object().required("accessLevel", string().oneOf("FREE", "SUBSCRIBERS", "SPECIFIC_TIER"))
                        .optional("minimumTierId", uuid().description("Required for SPECIFIC_TIER")));
        bulk(
                api,
                "schedule",
                "Schedule (each must be DRAFT)",
                object().required(
                                "scheduledAt",
                                string().description("ISO-8601 with offset, or a local date-time read in timezone"))
                        .required("timezone", string().length(1, 64)));
    }

    /** One bulk action: up to 500 chapters of the series, all or nothing. */
    private void bulk(Api api, String action, String summary, ObjectSchema fields) {
        api.raw(
                Endpoint.post("/api/v1/series/{seriesId}/chapters/bulk/" + action)
                        .id("bulk" + Character.toUpperCase(action.charAt(0)) + action.substring(1) + "Chapters")
                        .tag("chapters")
                        .summary("Bulk: " + summary + " for up to 500 chapters, all or nothing")
                        .access(Access.signedIn())
                        .body(object().required("chapterIds", array(uuid()).size(1, 500))
                                .with(fields))
                        .ok(200, object().required("changed", integer()).required("data", array(ref("Chapter"))), "OK")
                        .problems(403, 409),
                ctx -> bulk(ctx, action));
    }

    private void reorder(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        List<UUID> ids = ids(body);
        body.validate();
        ordering.reorder(Authz.require(ctx), PathParams.uuid(ctx, "seriesId", "series.not_found"), ids)
                .onSuccess(list -> Responses.list(ctx, list, null))
                .onFailure(ctx::fail);
    }

    private void move(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        String target = body.requiredString("seriesId", 36, 36);
        Number raw = body.rawNumber("chapterNumber");
        BigDecimal number = raw == null ? null : new BigDecimal(raw.toString());
        if (number != null && (number.signum() < 0 || number.scale() > 2)) {
            body.error("chapterNumber", "must be a number from 0 with at most two decimals");
        }
        body.validate();
        UUID seriesId;
        try {
            seriesId = UUID.fromString(target);
        } catch (IllegalArgumentException e) {
            throw new ApiException.NotFound("series.not_found", "No such series.");
        }
        ordering.move(Authz.require(ctx), PathParams.uuid(ctx, "chapterId", "chapter.not_found"), seriesId, number)
                .onSuccess(ch -> {
                    Revisions.setEtag(ctx, ch.revision());
                    Responses.json(ctx, 200, ch.toJson());
                })
                .onFailure(ctx::fail);
    }

    private void duplicate(RoutingContext ctx) {
        ordering.duplicate(Authz.require(ctx), PathParams.uuid(ctx, "chapterId", "chapter.not_found"))
                .onSuccess(ch -> {
                    ctx.response().putHeader("Location", "/api/v1/chapters/" + ch.id());
                    Revisions.setEtag(ctx, ch.revision());
                    Responses.json(ctx, 201, ch.toJson());
                })
                .onFailure(ctx::fail);
    }

    private void bulk(RoutingContext ctx, String action) {
        RequestBody body = RequestBody.of(ctx);
        List<UUID> ids = ids(body);
        ChapterBulk.Params params = switch (action) {
            case "update" -> {
                String position = body.optionalString("authorNotePosition", 3, 5);
                if (position != null && !position.equals("start") && !position.equals("end")) {
                    body.error("authorNotePosition", "must be start or end");
                }
                if (!body.has("volumeNumber") && position == null) {
                    body.error("volumeNumber", "volumeNumber or authorNotePosition is required");
                }
                yield new ChapterBulk.Params(
                        body.optionalInteger("volumeNumber", 0, 9999),
                        body.has("volumeNumber"),
                        position,
                        null,
                        null,
                        null,
                        null);
            }
            case "access" -> {
                String level = body.requiredString("accessLevel", 4, 20);
                if (level != null
                        && !Set.of("FREE", "SUBSCRIBERS", "SPECIFIC_TIER").contains(level)) {
                    body.error("accessLevel", "must be FREE, SUBSCRIBERS or SPECIFIC_TIER");
                }
                UUID tier = uuidOrNull(body, "minimumTierId");
                if ("SPECIFIC_TIER".equals(level) && tier == null) {
                    body.error("minimumTierId", "is required for SPECIFIC_TIER");
                }
                yield new ChapterBulk.Params(null, false, null, level, tier, null, null);
            }
            case "schedule" -> {
                String zone = body.requiredString("timezone", 1, 64);
                OffsetDateTime at = ChapterRoutes.when(body, "scheduledAt", zone, true);
                if (at != null && !at.isAfter(OffsetDateTime.now())) {
                    body.error("scheduledAt", "must be in the future");
                }
                yield new ChapterBulk.Params(null, false, null, null, null, at, zone);
            }
            default -> new ChapterBulk.Params(null, false, null, null, null, null, null);
        };
        body.validate();
        bulk.apply(Authz.require(ctx), PathParams.uuid(ctx, "seriesId", "series.not_found"), action, ids, params)
                .onSuccess(result -> Responses.json(ctx, 200, result))
                .onFailure(ctx::fail);
    }

    /** {@code chapterIds}: 1 to {@value ChapterBulk#MAX} chapter ids. */
    private static List<UUID> ids(RequestBody body) {
        List<String> raw = body.optionalStrings("chapterIds", ChapterBulk.MAX, 36);
        if (raw == null || raw.isEmpty()) {
            body.error("chapterIds", "must list 1 to " + ChapterBulk.MAX + " chapter ids");
            return List.of();
        }
        List<UUID> ids = new ArrayList<>();
        for (String s : raw) {
            try {
                ids.add(UUID.fromString(s));
            } catch (IllegalArgumentException e) {
                body.error("chapterIds", "'" + s + "' is not a chapter id");
            }
        }
        return ids;
    }

    private static UUID uuidOrNull(RequestBody body, String field) {
        String s = body.optionalString(field, 36, 36);
        try {
            return s == null ? null : UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return body.error(field, "must be an id");
        }
    }
}
