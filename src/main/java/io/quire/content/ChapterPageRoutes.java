package io.quire.content;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.ObjectSchema;
import io.quire.platform.api.Reply;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/** A chapter's image pages, for the people who write it. Readers get them in the chapter's read answer. */
public final class ChapterPageRoutes {
    private static final String PATH = "/api/v1/chapters/{chapterId}/pages";
    private static final ObjectSchema PAGES = object().required(
                    "pages",
                    array(object().required("mediaId", uuid()).optional("altText", nullable(string().length(0, 500))))
                            .size(0, ChapterPages.MAX_PAGES));

    private final ChapterPages pages;

    public ChapterPageRoutes(ChapterPages pages) {
        this.pages = pages;
    }

    public void mount(Api api) {
        api.component(
                "ChapterPage",
                object().required("position", integer())
                        .required("mediaId", uuid())
                        .required("altText", nullable(string()))
                        .required("width", nullable(integer()))
                        .required("height", nullable(integer()))
                        .required("mimeType", string()));
        api.on(
                Endpoint.get(PATH)
                        .id("listChapterPages")
                        .tag("chapters")
                        .summary("The chapter's image pages, in reading order")
                        .access(Access.signedIn())
                        .ok(object().required("data", array(ref("ChapterPage"))))
                        .problems(404),
                call -> pages.list(call.user(), call.id("chapterId", "chapter.not_found"))
                        .map(list -> Reply.ok(new JsonObject().put("data", list))));
        api.on(
                Endpoint.put(PATH)
                        .id("replaceChapterPages")
                        .tag("chapters")
                        .summary(
                                "Set the chapter's pages: the whole ordered list (add, remove, reorder, replace at once)")
                        .description("Each page is an uploaded image of yours or one made for the chapter's site"
                                + " (422 chapter.page_not_usable otherwise); altText overrides the image's own.")
                        .access(Access.signedIn())
                        .body(PAGES)
                        .ok(object().required("data", array(ref("ChapterPage"))))
                        .problems(403, 404),
                call -> pages.replace(
                                call.user(),
                                call.id("chapterId", "chapter.not_found"),
                                call.body().getJsonArray("pages").stream()
                                        .map(JsonObject.class::cast)
                                        .map(pg -> new ChapterPages.Page(
                                                UUID.fromString(pg.getString("mediaId")), pg.getString("altText")))
                                        .toList())
                        .map(list -> Reply.ok(new JsonObject().put("data", list))));
    }
}
