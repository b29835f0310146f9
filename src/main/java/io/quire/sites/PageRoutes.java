package io.quire.sites;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.bool;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Call;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.ObjectSchema;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.quire.platform.text.Slugs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** {@code /api/v1/sites/{siteId}/pages}: a site's static pages (about, contact) and their navigation order. */
public final class PageRoutes {
    private static final String BASE = "/api/v1/sites/{siteId}/pages";
    private static final String TAG = "pages";
    private static final Schema PAGE = ref("Page");
    private static final Schema PAGES = Schema.list(PAGE);
    private static final ObjectSchema CREATE = object().required("title", string().length(1, 100))
            .optional(
                    "content",
                    string().length(0, 200_000).raw().description("Markdown; rendered and sanitised into contentHtml"))
            .optional(
                    "slug",
                    string().length(1, Slugs.MAX_LENGTH)
                            .pattern(Slugs.VALID.pattern(), "must be lower-case letters, digits and single hyphens")
                            .description("Derived from the title when left out"))
            .optional("showInNav", bool())
            .optional("navLabel", nullable(string().length(1, 30)));
    private static final ObjectSchema UPDATE = CREATE.allOptional()
            .optional("baseRevision", integer().range(1, Integer.MAX_VALUE).description("Or send If-Match"));

    private final PageService pages;

    public PageRoutes(PageService pages) {
        this.pages = pages;
    }

    public void mount(Api api) {
        api.component(
                "Page",
                object().required("id", uuid())
                        .required("siteId", uuid())
                        .required("slug", string())
                        .required("title", string())
                        .optional("content", string().description("Markdown; left out of lists"))
                        .optional("contentHtml", string().description("Sanitised HTML; left out of lists"))
                        .required("isPublished", bool())
                        .required("publishedAt", nullable(string().format("date-time")))
                        .required("showInNav", bool())
                        .required("navOrder", integer())
                        .required("navLabel", nullable(string()))
                        .optional("revision", integer().description("Left out of the public page"))
                        .required("createdAt", string().format("date-time"))
                        .required("updatedAt", string().format("date-time")));

        api.on(
                Endpoint.get(BASE + "/by-slug/{slug}")
                        .id("getPublicPage")
                        .tag(TAG)
                        .summary("A published page of an active public site")
                        .access(Access.anyone())
                        .ok(PAGE)
                        .conditional(),
                call -> pages.publicBySlug(site(call), call.path("slug").toLowerCase())
                        .map(Reply::publicJson));
        api.on(
                Endpoint.patch(BASE + "/reorder")
                        .id("reorderPages")
                        .tag(TAG)
                        .summary("Set the navigation order")
                        .description("Lists every page of the site once, in the new order.")
                        .access(Access.signedIn())
                        .body(object().required(
                                        "pageIds",
                                        array(uuid())
                                                .size(
                                                        1,
                                                        500,
                                                        "must list 1 to 500 page ids, every page of the site in the new order")
                                                .unique()))
                        .ok(PAGES)
                        .problems(409),
                call -> pages.reorder(call.user(), site(call), ids(call.body().getJsonArray("pageIds")))
                        .map(l -> Reply.list(l, null)));
        api.on(
                Endpoint.get(BASE)
                        .id("listPages")
                        .tag(TAG)
                        .summary("A site's pages in navigation order")
                        .access(Access.signedIn())
                        .ok(PAGES)
                        .problems(403),
                call -> pages.list(call.user(), site(call)).map(l -> Reply.list(l, null)));
        api.on(
                Endpoint.post(BASE)
                        .id("createPage")
                        .tag(TAG)
                        .summary("Create a page")
                        .description("Markdown content is rendered and sanitised; the page starts unpublished.")
                        .access(Access.signedIn())
                        .body(CREATE)
                        .ok(201, PAGE, "Created")
                        .problems(403, 409),
                call -> sent(201, pages.create(call.user(), site(call), input(call.body()))));
        api.on(
                Endpoint.get(BASE + "/{pageId}")
                        .id("getPage")
                        .tag(TAG)
                        .summary("A page with its content")
                        .access(Access.signedIn())
                        .ok(PAGE)
                        .problems(403),
                call -> sent(200, pages.get(call.user(), site(call), page(call))));
        api.on(
                Endpoint.patch(BASE + "/{pageId}")
                        .id("updatePage")
                        .tag(TAG)
                        .summary("Update a page")
                        .description(
                                "Send only what changes; a sent null clears navLabel. If-Match (or baseRevision) is optional; a stale one is a 412.")
                        .access(Access.signedIn())
                        .header("If-Match", "The ETag you read")
                        .body(UPDATE)
                        .ok(PAGE)
                        .problems(403, 409, 412),
                call -> sent(
                        200,
                        pages.update(
                                call.user(), site(call), page(call), input(call.body()), call.expectedRevision())));
        api.on(
                Endpoint.delete(BASE + "/{pageId}")
                        .id("deletePage")
                        .tag(TAG)
                        .summary("Delete a page")
                        .access(Access.signedIn())
                        .noContent()
                        .problems(403),
                call -> pages.delete(call.user(), site(call), page(call)).map(v -> Reply.noContent()));
        api.on(
                Endpoint.post(BASE + "/{pageId}/publish")
                        .id("publishPage")
                        .tag(TAG)
                        .summary("Publish a page")
                        .access(Access.signedIn())
                        .ok(PAGE)
                        .problems(403, 409),
                call -> sent(200, pages.publish(call.user(), site(call), page(call), true)));
        api.on(
                Endpoint.post(BASE + "/{pageId}/unpublish")
                        .id("unpublishPage")
                        .tag(TAG)
                        .summary("Unpublish a page")
                        .access(Access.signedIn())
                        .ok(PAGE)
                        .problems(403, 409),
                call -> sent(200, pages.publish(call.user(), site(call), page(call), false)));
        api.on(
                Endpoint.post(BASE + "/{pageId}/duplicate")
                        .id("duplicatePage")
                        .tag(TAG)
                        .summary("Copy a page as an unpublished page")
                        .access(Access.signedIn())
                        .ok(201, PAGE, "Created")
                        .problems(403, 409),
                call -> sent(201, pages.duplicate(call.user(), site(call), page(call))));
    }

    private static UUID site(Call call) {
        return call.id("siteId", "site.not_found");
    }

    private static UUID page(Call call) {
        return call.id("pageId", "page.not_found");
    }

    private static Future<Reply> sent(int status, Future<JsonObject> page) {
        return page.map(p -> Reply.json(status, p).revision(p.getLong("revision")));
    }

    private static List<UUID> ids(JsonArray raw) {
        return raw.stream().map(id -> UUID.fromString((String) id)).toList();
    }

    private static PageService.PageInput input(JsonObject body) {
        return new PageService.PageInput(
                body.getString("title"),
                body.getString("content"),
                body.getString("slug"),
                body.getBoolean("showInNav"),
                body.containsKey("navLabel"),
                body.getString("navLabel"));
    }
}
