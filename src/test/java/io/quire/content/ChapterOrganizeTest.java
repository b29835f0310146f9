package io.quire.content;

import static io.quire.testing.Api.ok;
import static io.quire.testing.Api.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quire.testing.Authoring;
import io.quire.testing.SharedApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bulk actions (all or nothing), reorder, move and duplicate. */
class ChapterOrganizeTest extends SharedApp {
    record Setup(Authoring.User author, String siteId, String seriesId, List<String> chapters) {}

    static Setup setup(int chapters) {
        Authoring.User author = fixtures.author();
        String site = fixtures.site(author).getString("id");
        String series = fixtures.series(author, site).getString("id");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < chapters; i++) {
            ids.add(fixtures.chapter(author, series, "Chapter " + (i + 1), "Text " + i)
                    .getString("id"));
        }
        return new Setup(author, site, series, ids);
    }

    static JsonArray chapters(Setup s) {
        return ok(
                        api.get(
                                "/api/v1/series/" + s.seriesId() + "/chapters",
                                s.author().token()),
                        200)
                .getJsonArray("data");
    }

    static String statusOf(Setup s, String id) {
        return ok(api.get("/api/v1/chapters/" + id, s.author().token()), 200).getString("status");
    }

    @Test
    void bulkPublishIsAllOrNothing() {
        Setup s = setup(4);
        ok(
                api.post(
                        "/api/v1/chapters/" + s.chapters().get(2) + "/publish",
                        null,
                        s.author().token()),
                200);
        JsonObject p = problem(
                api.post(
                        "/api/v1/series/" + s.seriesId() + "/chapters/bulk/publish",
                        new JsonObject().put("chapterIds", new JsonArray(s.chapters())),
                        s.author().token()),
                409,
                "bulk.illegal_transition");
        assertEquals("PUBLISHED", p.getString("currentStatus"));
        for (String id :
                List.of(s.chapters().get(0), s.chapters().get(1), s.chapters().get(3))) {
            assertEquals("DRAFT", statusOf(s, id), "nothing was published");
        }
        List<String> drafts =
                List.of(s.chapters().get(0), s.chapters().get(1), s.chapters().get(3));
        JsonObject done = ok(
                api.post(
                        "/api/v1/series/" + s.seriesId() + "/chapters/bulk/publish",
                        new JsonObject().put("chapterIds", new JsonArray(drafts)),
                        s.author().token()),
                200);
        assertEquals(3, done.getInteger("changed"));
        drafts.forEach(id -> assertEquals("PUBLISHED", statusOf(s, id)));
        assertEquals(List.of("chapter.created", "chapter.published"), fixtures.events(drafts.get(0)));
    }

    @Test
    void bulkRefusesUnknownIdsAndOtherPeoplesChaptersWithoutChangingAnything() {
        Setup s = setup(2);
        Setup other = setup(1);
        JsonObject p = problem(
                api.post(
                        "/api/v1/series/" + s.seriesId() + "/chapters/bulk/delete",
                        new JsonObject()
                                .put(
                                        "chapterIds",
                                        new JsonArray()
                                                .add(s.chapters().get(0))
                                                .add(other.chapters().get(0))),
                        s.author().token()),
                422,
                "bulk.unknown_chapters");
        assertEquals("chapterIds[1]", p.getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals(2, chapters(s).size(), "nothing deleted");

        Authoring.User writer = fixtures.reader();
        fixtures.collaborator(s.siteId(), writer, "WRITER", new JsonObject());
        String writers = fixtures.chapter(writer, s.seriesId(), "Writer's", "w").getString("id");
        problem(
                api.post(
                        "/api/v1/series/" + s.seriesId() + "/chapters/bulk/delete",
                        new JsonObject()
                                .put(
                                        "chapterIds",
                                        new JsonArray()
                                                .add(writers)
                                                .add(s.chapters().get(0))),
                        writer.token()),
                403,
                "site.forbidden");
        assertEquals(3, chapters(s).size(), "the writer's own chapter survived too: all or nothing");
        problem(
                api.post(
                        "/api/v1/series/" + s.seriesId() + "/chapters/bulk/delete",
                        new JsonObject().put("chapterIds", new JsonArray()),
                        s.author().token()),
                422,
                "request.invalid");
        JsonArray tooMany = new JsonArray();
        for (int i = 0; i < 501; i++) {
            tooMany.add(UUID.randomUUID().toString());
        }
        problem(
                api.post(
                        "/api/v1/series/" + s.seriesId() + "/chapters/bulk/delete",
                        new JsonObject().put("chapterIds", tooMany),
                        s.author().token()),
                422,
                "request.invalid");
    }

    @Test
    void bulkAccessScheduleUpdateAndDelete() {
        Setup s = setup(3);
        JsonArray ids = new JsonArray(s.chapters());
        ok(
                api.post(
                        "/api/v1/series/" + s.seriesId() + "/chapters/bulk/access",
                        new JsonObject().put("chapterIds", ids).put("accessLevel", "SUBSCRIBERS"),
                        s.author().token()),
                200);
        chapters(s).forEach(c -> assertEquals("SUBSCRIBERS", ((JsonObject) c).getString("accessLevel")));
        ok(
                api.post(
                        "/api/v1/series/" + s.seriesId() + "/chapters/bulk/update",
                        new JsonObject().put("chapterIds", ids).put("volumeNumber", 2),
                        s.author().token()),
                200);
        chapters(s).forEach(c -> assertEquals(2, ((JsonObject) c).getInteger("volumeNumber")));
        JsonObject scheduled = ok(
                api.post(
                        "/api/v1/series/" + s.seriesId() + "/chapters/bulk/schedule",
                        new JsonObject()
                                .put("chapterIds", ids)
                                .put("scheduledAt", "2099-03-01T08:00")
                                .put("timezone", "Europe/Berlin"),
                        s.author().token()),
                200);
        assertEquals(3, scheduled.getInteger("changed"));
        chapters(s).forEach(c -> assertEquals("2099-03-01T07:00:00Z", ((JsonObject) c).getString("scheduledAt")));
        ok(
                api.post(
                        "/api/v1/series/" + s.seriesId() + "/chapters/bulk/delete",
                        new JsonObject().put("chapterIds", ids),
                        s.author().token()),
                200);
        assertEquals(0, chapters(s).size());
    }

    @Test
    void reorderTakesTheWholeListAtomically() {
        Setup s = setup(3);
        List<String> reversed = new ArrayList<>(s.chapters());
        java.util.Collections.reverse(reversed);
        JsonArray list = ok(
                        api.patch(
                                "/api/v1/series/" + s.seriesId() + "/chapters/reorder",
                                new JsonObject().put("chapterIds", new JsonArray(reversed)),
                                s.author().token()),
                        200)
                .getJsonArray("data");
        assertEquals(
                reversed,
                list.stream().map(c -> ((JsonObject) c).getString("id")).toList());
        assertEquals(
                List.of(1, 2, 3),
                list.stream().map(c -> ((JsonObject) c).getInteger("order")).toList());
        problem(
                api.patch(
                        "/api/v1/series/" + s.seriesId() + "/chapters/reorder",
                        new JsonObject().put("chapterIds", new JsonArray(reversed.subList(0, 2))),
                        s.author().token()),
                422,
                "reorder.not_a_permutation");
        assertEquals(
                reversed,
                chapters(s).stream().map(c -> ((JsonObject) c).getString("id")).toList(),
                "unchanged by the refused one");
    }

    @Test
    void moveToAnotherSeriesOfTheSameSiteOnly() {
        Setup s = setup(2);
        String target = fixtures.series(s.author(), s.siteId()).getString("id");
        fixtures.chapter(s.author(), target, "Chapter 1", "already there");
        JsonObject moved = ok(
                api.post(
                        "/api/v1/chapters/" + s.chapters().get(0) + "/move",
                        new JsonObject().put("seriesId", target),
                        s.author().token()),
                200);
        assertEquals(target, moved.getString("seriesId"));
        assertEquals(2.0, moved.getDouble("chapterNumber"), "the next number in the target");
        assertEquals("chapter-1-2", moved.getString("slug"), "the slug was taken there");
        assertEquals(1, chapters(s).size());
        problem(
                api.post(
                        "/api/v1/chapters/" + s.chapters().get(1) + "/move",
                        new JsonObject().put("seriesId", target).put("chapterNumber", 1),
                        s.author().token()),
                409,
                "chapter.number_taken");
        Setup elsewhere = setup(0);
        problem(
                api.post(
                        "/api/v1/chapters/" + s.chapters().get(1) + "/move",
                        new JsonObject().put("seriesId", elsewhere.seriesId()),
                        s.author().token()),
                404,
                "series.not_found");
        String ownOtherSite = fixtures.series(
                        s.author(), fixtures.site(s.author()).getString("id"))
                .getString("id");
        problem(
                api.post(
                        "/api/v1/chapters/" + s.chapters().get(1) + "/move",
                        new JsonObject().put("seriesId", ownOtherSite),
                        s.author().token()),
                422,
                "chapter.move_across_sites");
        assertTrue(fixtures.events(s.chapters().get(0)).contains("chapter.moved"));
    }

    @Test
    void duplicateMakesADraftCopyWithItsOwnHistory() {
        Setup s = setup(1);
        ok(
                api.post(
                        "/api/v1/chapters/" + s.chapters().get(0) + "/publish",
                        null,
                        s.author().token()),
                200);
        JsonObject copy = ok(
                api.post(
                        "/api/v1/chapters/" + s.chapters().get(0) + "/duplicate",
                        null,
                        s.author().token()),
                201);
        assertEquals("Chapter 1 (copy)", copy.getString("title"));
        assertEquals("DRAFT", copy.getString("status"));
        assertEquals(2.0, copy.getDouble("chapterNumber"));
        assertEquals(
                "Text 0",
                ok(
                                api.get(
                                        "/api/v1/chapters/" + copy.getString("id") + "/content",
                                        s.author().token()),
                                200)
                        .getString("content"));
        assertEquals(
                1,
                ok(
                                api.get(
                                        "/api/v1/chapters/" + copy.getString("id") + "/versions",
                                        s.author().token()),
                                200)
                        .getJsonArray("data")
                        .size());
    }
}
