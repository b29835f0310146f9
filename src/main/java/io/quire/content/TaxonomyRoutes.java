package io.quire.content;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.ArraySchema;
import io.quire.platform.api.Call;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.ObjectSchema;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Role;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;

/** Genres, tags, content warnings, and their get/set/add/remove on a series. */
public final class TaxonomyRoutes {
    private static final String TAG = "taxonomy";
    private final TaxonomyService taxonomy;

    public TaxonomyRoutes(TaxonomyService taxonomy) {
        this.taxonomy = taxonomy;
    }

    public void mount(Api api) {
        // --- the catalogue: public, the same for everyone, so shared caches may keep it
        catalogue(
                api,
                "/api/v1/genres",
                "listGenres",
                "All genres (a small tree: parentId)",
                "Genre",
                call -> taxonomy.genres(false));
        catalogue(
                api,
                "/api/v1/genres/featured",
                "listFeaturedGenres",
                "Featured genres",
                "Genre",
                call -> taxonomy.genres(true));
        api.on(
                Endpoint.get("/api/v1/genres/{genreId}")
                        .id("getGenre")
                        .tag(TAG)
                        .summary("One genre")
                        .ok(ref("Genre"))
                        .conditional(),
                call -> taxonomy.genre(genreId(call)).map(Reply::publicJson));
        catalogue(
                api,
                "/api/v1/genres/{genreId}/children",
                "listGenreChildren",
                "Sub-genres",
                "Genre",
                call -> taxonomy.children(genreId(call)));
        catalogue(
                api,
                "/api/v1/content-warnings",
                "listContentWarnings",
                "Content warnings",
                "ContentWarning",
                call -> taxonomy.warnings());
        api.on(
                Endpoint.get("/api/v1/tags")
                        .id("listTags")
                        .tag(TAG)
                        .summary("Popular tags")
                        .query("limit", integer().range(1, 100), "How many (default 20)")
                        .ok(Schema.list(ref("Tag")))
                        .conditional(),
                call -> taxonomy.popularTags(call.limit()).map(TaxonomyRoutes::publicPage));
        api.on(
                Endpoint.get("/api/v1/tags/search")
                        .id("searchTags")
                        .tag(TAG)
                        .summary("Search tags by prefix or name")
                        .query("q", string().length(1, 50), "1–50 characters (required)")
                        .query("limit", integer().range(1, 100), "How many (default 20)")
                        .ok(Schema.list(ref("Tag")))
                        .problems(422),
                call -> {
                    String q = call.query("q");
                    if (q == null) {
                        io.quire.platform.api.Violations v = new io.quire.platform.api.Violations();
                        v.add("q", "must be 1 to 50 characters");
                        v.throwIfAny("Some query parameters are invalid.");
                    }
                    return taxonomy.searchTags(q, call.limit()).map(TaxonomyRoutes::publicPage);
                });
        api.on(
                Endpoint.get("/api/v1/tags/{tagSlug}")
                        .id("getTag")
                        .tag(TAG)
                        .summary("One tag")
                        .pathParam("tagSlug", string(), "The tag's slug")
                        .ok(ref("Tag"))
                        .conditional(),
                call -> taxonomy.tag(call.path("tagSlug").toLowerCase()).map(Reply::publicJson));
        api.on(
                Endpoint.post("/api/v1/tags")
                        .id("createTag")
                        .tag(TAG)
                        .summary(
                                "Find or create a tag by name (AUTHOR+): 201 created, 200 existing; blocked tags are refused")
                        .access(Access.atLeast(Role.AUTHOR))
                        .body(object().required("name", string().length(2, 50)))
                        .ok(201, ref("Tag"), "Created")
                        .ok(200, ref("Tag"), "Already there: the existing one"),
                call -> taxonomy.createTag(call.user(), call.body().getString("name"))
                        .map(r -> Reply.json(r.created() ? 201 : 200, r.tag())));
        api.on(
                Endpoint.patch("/api/v1/admin/tags/{tagSlug}")
                        .id("blockTag")
                        .tag(TAG)
                        .summary("Block or unblock a tag (ADMIN+)")
                        .access(Access.atLeast(Role.ADMIN).sessionOnly())
                        .pathParam("tagSlug", string(), "The tag's slug")
                        .body(object().required("blocked", Schema.bool()))
                        .ok(ref("Tag")),
                call -> taxonomy.setBlocked(
                                call.path("tagSlug").toLowerCase(), call.body().getBoolean("blocked"))
                        .map(Reply::ok));
        // --- a series' sets
        for (TaxonomyService.Kind kind : TaxonomyService.Kind.values()) {
            setOf(api, kind);
        }
    }

    /** A public list of the catalogue: one page, so the cursor is always null. */
    private void catalogue(
            Api api,
            String path,
            String id,
            String summary,
            String item,
            java.util.function.Function<Call, Future<JsonArray>> list) {
        api.on(
                Endpoint.get(path)
                        .id(id)
                        .tag(TAG)
                        .summary(summary)
                        .ok(Schema.list(ref(item)))
                        .conditional(),
                call -> list.apply(call).map(TaxonomyRoutes::publicPage));
    }

    private static Reply publicPage(JsonArray data) {
        return Reply.publicJson(new JsonObject().put("data", data).putNull("nextCursor"));
    }

    /** A series' genres, tags or warnings: read, replace, add one, remove one; each answers the whole set. */
    private void setOf(Api api, TaxonomyService.Kind kind) {
        String name = kind.name().toLowerCase();
        String noun = switch (kind) {
            case GENRES -> "Genre";
            case TAGS -> "Tag";
            case WARNINGS -> "Warning";
        };
        String field = switch (kind) {
            case GENRES -> "genreIds";
            case TAGS -> "tags";
            case WARNINGS -> "warningIds";
        };
        String single = switch (kind) {
            case GENRES -> "genreId";
            case TAGS -> "tag";
            case WARNINGS -> "warningId";
        };
        Schema item = ref(kind == TaxonomyService.Kind.WARNINGS ? "ContentWarning" : noun);
        // the list is bounded here; the service enforces each set's own limit (5, 30, 20) and names it
        ArraySchema values = array(string().length(1, 50)).size(0, 50);
        ObjectSchema replace = switch (kind) {
            case GENRES ->
                object().required("genreIds", values.description("At most 5 genre ids"))
                        .optional("primaryGenreId", uuid().description("One of genreIds"));
            case TAGS -> object().required("tags", values.description("At most 30 tag names"));
            case WARNINGS -> object().required("warningIds", values.description("At most 20 warning ids"));
        };
        String path = "/api/v1/series/{seriesId}/" + name;
        Access members = Access.signedIn();
        api.on(
                Endpoint.get(path)
                        .id("listSeries" + noun + "s")
                        .tag(TAG)
                        .summary("The series' " + name)
                        .access(members)
                        .ok(Schema.list(item))
                        .problems(403),
                call -> taxonomy.ofSeries(call.user(), seriesId(call), kind).map(l -> Reply.list(l, null)));
        api.on(
                Endpoint.put(path)
                        .id("replaceSeries" + noun + "s")
                        .tag(TAG)
                        .summary("Replace the series' " + name + " (an empty list clears)")
                        .access(members)
                        .body(replace)
                        .ok(Schema.list(item))
                        .problems(403),
                call -> {
                    JsonObject b = call.body();
                    List<String> given =
                            b.getJsonArray(field).stream().map(String::valueOf).toList();
                    String primary = b.getString("primaryGenreId");
                    return taxonomy.set(
                                    call.user(),
                                    seriesId(call),
                                    kind,
                                    given,
                                    primary == null ? null : UUID.fromString(primary))
                            .map(l -> Reply.list(l, null));
                });
        api.on(
                Endpoint.post(path)
                        .id("addSeries" + noun)
                        .tag(TAG)
                        .summary("Add one to the series' " + name)
                        .access(members)
                        .body(object().required(single, string().length(1, 50)))
                        .ok(Schema.list(item))
                        .problems(403),
                call -> taxonomy.add(
                                call.user(), seriesId(call), kind, call.body().getString(single))
                        .map(l -> Reply.list(l, null)));
        api.on(
                Endpoint.delete(path + "/{itemId}")
                        .id("removeSeries" + noun)
                        .tag(TAG)
                        .summary("Remove one from the series' " + name)
                        .access(members)
                        .ok(Schema.list(item))
                        .problems(403),
                call -> taxonomy.remove(
                                call.user(),
                                seriesId(call),
                                kind,
                                call.id("itemId", name.replaceAll("s$", "") + ".not_found"))
                        .map(l -> Reply.list(l, null)));
    }

    private static UUID seriesId(Call call) {
        return call.id("seriesId", "series.not_found");
    }

    private static UUID genreId(Call call) {
        return call.id("genreId", "genre.not_found");
    }
}
