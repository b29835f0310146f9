package io.quire.engagement.progress;

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
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * A reader's bookmarks ({@link Bookmarks}): {@code GET /bookmarks} (newest first, optionally one series or chapter),
 * {@code POST /bookmarks}, {@code DELETE /bookmarks/:bookmarkId} (someone else's is 404).
 */
public final class BookmarkRoutes {
    private static final String TAG = "engagement";
    private final Bookmarks bookmarks;

    public BookmarkRoutes(Bookmarks bookmarks) {
        this.bookmarks = bookmarks;
    }

    public void mount(Api api) {
        api.component(
                "Bookmark",
                object().required("id", uuid())
                        .required("chapterId", uuid())
                        .required("seriesId", uuid())
                        .optional("chapterTitle", string().description("In lists"))
                        .required("paragraph", nullable(integer()))
                        .required("percent", nullable(number()))
                        .required("note", nullable(string()))
                        .required("createdAt", string().format("date-time")));
        api.on(
                Endpoint.get("/api/v1/bookmarks")
                        .id("listBookmarks")
                        .tag(TAG)
                        .summary("My bookmarks, newest first")
                        .access(Access.session())
                        .paged()
                        .query("seriesId", uuid(), "Only this series")
                        .query("chapterId", uuid(), "Only this chapter")
                        .ok(Schema.list(ref("Bookmark"))),
                call -> bookmarks
                        .list(
                                call.user().userId(),
                                id(call.query("seriesId")),
                                id(call.query("chapterId")),
                                call.query("cursor"),
                                call.limit())
                        .map(Reply::ok));
        api.on(
                Endpoint.post("/api/v1/bookmarks")
                        .id("createBookmark")
                        .tag(TAG)
                        .summary("Bookmark a place in a published chapter")
                        .access(Access.session())
                        .body(object().required("chapterId", uuid())
                                .optional("paragraph", integer().range(0, 1_000_000))
                                .optional("percent", number().range(0, 100))
                                .optional("note", string().length(0, 500)))
                        .ok(201, ref("Bookmark"), "Bookmarked")
                        .problems(404),
                call -> {
                    JsonObject b = call.body();
                    Double percent = b.getNumber("percent") == null
                            ? null
                            : b.getNumber("percent").doubleValue();
                    return bookmarks
                            .add(
                                    call.user().userId(),
                                    new Bookmarks.Place(
                                            UUID.fromString(b.getString("chapterId")),
                                            b.getInteger("paragraph"),
                                            percent,
                                            b.getString("note")))
                            .map(Reply::created);
                });
        api.on(
                Endpoint.delete("/api/v1/bookmarks/{bookmarkId}")
                        .id("deleteBookmark")
                        .tag(TAG)
                        .summary("Delete one of my bookmarks")
                        .access(Access.session())
                        .noContent(),
                call -> bookmarks
                        .delete(call.user().userId(), call.id("bookmarkId", "bookmark.not_found"))
                        .map(v -> Reply.noContent()));
    }

    private static UUID id(String text) {
        return text == null || text.isBlank() ? null : UUID.fromString(text);
    }
}
