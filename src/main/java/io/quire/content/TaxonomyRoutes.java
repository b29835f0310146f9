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
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.ObjectSchema;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Role;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/** Genres, tags, content warnings, and their get/set/add/remove on a series. */
public final class TaxonomyRoutes {
    private final TaxonomyService taxonomy;

    public TaxonomyRoutes(TaxonomyService taxonomy) {
        this.taxonomy = taxonomy;
    }

    public void mount(Api api) {
        // --- the catalogue, public (fixed paths before the :param ones)
        api.raw(
                Endpoint.get("/api/v1/genres")
                        .id("listGenres")
                        .tag("taxonomy")
                        .summary("All genres (a small tree: parentId)")
                        .access(Access.anyone())
                        .ok(200, Schema.list(ref("Genre")), "OK")
                        .conditional(),
                ctx -> send(ctx, taxonomy.genres(false)));
        api.raw(
                Endpoint.get("/api/v1/genres/featured")
                        .id("listFeaturedGenres")
                        .tag("taxonomy")
                        .summary("Featured genres")
                        .access(Access.anyone())
                        .ok(200, Schema.list(ref("Genre")), "OK")
                        .conditional(),
                ctx -> send(ctx, taxonomy.genres(true)));
        api.raw(
                Endpoint.get("/api/v1/genres/{genreId}")
                        .id("getGenre")
                        .tag("taxonomy")
                        .summary("One genre")
                        .access(Access.anyone())
                        .ok(200, ref("Genre"), "OK")
                        .conditional(),
                ctx -> taxonomy.genre(genreId(ctx))
                        .onSuccess(g -> Responses.publicJson(ctx, g))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.get("/api/v1/genres/{genreId}/children")
                        .id("listGenreChildren")
                        .tag("taxonomy")
                        .summary("Sub-genres")
                        .access(Access.anyone())
                        .ok(200, Schema.list(ref("Genre")), "OK")
                        .conditional(),
                ctx -> send(ctx, taxonomy.children(genreId(ctx))));
        api.raw(
                Endpoint.get("/api/v1/content-warnings")
                        .id("listContentWarnings")
                        .tag("taxonomy")
                        .summary("Content warnings")
                        .access(Access.anyone())
                        .ok(200, Schema.list(ref("ContentWarning")), "OK")
                        .conditional(),
                ctx -> send(ctx, taxonomy.warnings()));
        api.raw(
                Endpoint.get("/api/v1/tags")
                        .id("listTags")
                        .tag("taxonomy")
                        .summary("Popular tags")
                        .access(Access.anyone())
                        .query("limit", integer(), "1–100, default 20")
                        .ok(200, Schema.list(ref("Tag")), "OK")
                        .conditional(),
                ctx -> send(ctx, taxonomy.popularTags(QueryParams.limit(ctx))));
        api.raw(
                Endpoint.get("/api/v1/tags/search")
                        .id("searchTags")
                        .tag("taxonomy")
                        .summary("Search tags by prefix or name")
                        .access(Access.anyone())
                        .query("q", string(), "1–50 characters")
                        .query("limit", integer(), "1–100")
                        .ok(200, Schema.list(ref("Tag")), "OK")
                        .problems(422),
                this::searchTags);
        api.raw(
                Endpoint.get("/api/v1/tags/{tagSlug}")
                        .id("getTag")
                        .tag("taxonomy")
                        .summary("One tag")
                        .access(Access.anyone())
                        .pathParam("tagSlug", string(), null)
                        .ok(200, ref("Tag"), "OK")
                        .conditional(),
                ctx -> taxonomy.tag(ctx.pathParam("tagSlug").toLowerCase())
                        .onSuccess(t -> Responses.publicJson(ctx, t))
                        .onFailure(ctx::fail));
        api.raw(
                Endpoint.post("/api/v1/tags")
                        .id("createTag")
                        .tag("taxonomy")
                        .summary(
                                "Find or create a tag by name (AUTHOR+): 201 created, 200 existing; blocked tags are refused")
                        .access(Access.atLeast(Role.AUTHOR))
                        .body(object().required("name", string().length(2, 50)))
                        .ok(201, ref("Tag"), "OK")
                        .ok(200, ref("Tag"), "Already there: the existing one"),
                this::createTag);
        api.raw(
                Endpoint.patch("/api/v1/admin/tags/{tagSlug}")
                        .id("blockTag")
                        .tag("taxonomy")
                        .summary("Block or unblock a tag (ADMIN+)")
                        .access(Access.atLeast(Role.ADMIN).sessionOnly())
                        .pathParam("tagSlug", string(), null)
                        .body(object().required("blocked", Schema.bool()))
                        .ok(200, ref("Tag"), "OK"),
                this::block);
        // --- a series' sets
        for (TaxonomyService.Kind kind : TaxonomyService.Kind.values()) {
            setOf(api, kind);
        }
    }

    /** A series' genres, tags or warnings: read, replace, add one, remove one; each answers the whole set. */
    private void setOf(Api api, TaxonomyService.Kind kind) {
        String name = kind.name().toLowerCase();
        String noun = switch (kind) {
            case GENRES -> "Genre";
            case TAGS -> "Tag";
            case WARNINGS -> "Warning";
        };
        Schema item = ref(kind == TaxonomyService.Kind.WARNINGS ? "ContentWarning" : noun);
        ArraySchema ids = array(string().length(1, 50)).size(0, 50);
        ObjectSchema replace = switch (kind) {
            // the list is bounded here; the service enforces each set's own limit (5, 30, 20) and names it
            case GENRES ->
                object().required("genreIds", ids.description("At most 5 genre ids"))
                        .optional("primaryGenreId", uuid().description("One of genreIds"));
            case TAGS -> object().required("tags", ids.description("At most 30 tag names"));
            case WARNINGS -> object().required("warningIds", ids.description("At most 20 warning ids"));
        };
        ObjectSchema addOne = switch (kind) {
            case GENRES -> object().required("genreId", string().length(1, 50));
            case TAGS -> object().required("tag", string().length(1, 50));
            case WARNINGS -> object().required("warningId", string().length(1, 50));
        };
        String path = "/api/v1/series/{seriesId}/" + name;
        api.raw(
                Endpoint.get(path)
                        .id("listSeries" + noun + "s")
                        .tag("taxonomy")
                        .summary("The series' " + name)
                        .access(Access.signedIn())
                        .ok(Schema.list(item))
                        .problems(403),
                ctx -> list(ctx, taxonomy.ofSeries(Authz.require(ctx), seriesId(ctx), kind)));
        api.raw(
                Endpoint.put(path)
                        .id("replaceSeries" + noun + "s")
                        .tag("taxonomy")
                        .summary("Replace the series' " + name)
                        .access(Access.signedIn())
                        .body(replace)
                        .ok(Schema.list(item))
                        .problems(403),
                ctx -> set(ctx, kind));
        api.raw(
                Endpoint.post(path)
                        .id("addSeries" + noun)
                        .tag("taxonomy")
                        .summary("Add one to the series' " + name)
                        .access(Access.signedIn())
                        .body(addOne)
                        .ok(Schema.list(item))
                        .problems(403),
                ctx -> add(ctx, kind));
        api.raw(
                Endpoint.delete(path + "/{itemId}")
                        .id("removeSeries" + noun)
                        .tag("taxonomy")
                        .summary("Remove one from the series' " + name)
                        .access(Access.signedIn())
                        .ok(Schema.list(item))
                        .problems(403),
                ctx -> list(
                        ctx,
                        taxonomy.remove(
                                Authz.require(ctx),
                                seriesId(ctx),
                                kind,
                                PathParams.uuid(ctx, "itemId", name.replaceAll("s$", "") + ".not_found"))));
    }

    private static UUID seriesId(RoutingContext ctx) {
        return PathParams.uuid(ctx, "seriesId", "series.not_found");
    }

    private static UUID genreId(RoutingContext ctx) {
        return PathParams.uuid(ctx, "genreId", "genre.not_found");
    }

    private static void send(RoutingContext ctx, io.vertx.core.Future<JsonArray> list) {
        list.onSuccess(data -> Responses.publicJson(
                        ctx,
                        new io.vertx.core.json.JsonObject().put("data", data).putNull("nextCursor")))
                .onFailure(ctx::fail);
    }

    private static void list(RoutingContext ctx, io.vertx.core.Future<JsonArray> list) {
        list.onSuccess(data -> Responses.list(ctx, data, null)).onFailure(ctx::fail);
    }

    private void searchTags(RoutingContext ctx) {
        String q = ctx.request().getParam("q");
        if (q == null || q.isBlank() || q.length() > 50) {
            throw new ApiException.Validation(
                    "request.invalid",
                    "Some query parameters are invalid.",
                    List.of(new ApiException.FieldError("q", "must be 1 to 50 characters")));
        }
        send(ctx, taxonomy.searchTags(q.strip(), QueryParams.limit(ctx)));
    }

    private void createTag(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        String name = body.requiredString("name", 2, 50);
        body.validate();
        taxonomy.createTag(Authz.require(ctx), name)
                .onSuccess(r -> Responses.json(ctx, r.created() ? 201 : 200, r.tag()))
                .onFailure(ctx::fail);
    }

    private void block(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        Boolean blocked = body.optionalBoolean("blocked");
        if (blocked == null) {
            body.error("blocked", "is required");
        }
        body.validate();
        taxonomy.setBlocked(ctx.pathParam("tagSlug").toLowerCase(), blocked)
                .onSuccess(t -> Responses.json(ctx, 200, t))
                .onFailure(ctx::fail);
    }

    private void set(RoutingContext ctx, TaxonomyService.Kind kind) {
        RequestBody body = RequestBody.of(ctx);
        String field = field(kind);
        List<String> values = body.optionalStrings(field, 50, 50);
        if (values == null) {
            body.error(field, "is required (an empty list clears)");
        }
        UUID primary = null;
        if (kind == TaxonomyService.Kind.GENRES) {
            String p = body.optionalString("primaryGenreId", 36, 36);
            try {
                primary = p == null ? null : UUID.fromString(p);
            } catch (IllegalArgumentException e) {
                body.error("primaryGenreId", "must be a genre id");
            }
        }
        body.validate();
        list(ctx, taxonomy.set(Authz.require(ctx), seriesId(ctx), kind, values, primary));
    }

    private void add(RoutingContext ctx, TaxonomyService.Kind kind) {
        RequestBody body = RequestBody.of(ctx);
        String single = switch (kind) {
            case GENRES -> "genreId";
            case TAGS -> "tag";
            case WARNINGS -> "warningId";
        };
        String value = body.requiredString(single, 1, 50);
        body.validate();
        list(ctx, taxonomy.add(Authz.require(ctx), seriesId(ctx), kind, value));
    }

    private static String field(TaxonomyService.Kind kind) {
        return switch (kind) {
            case GENRES -> "genreIds";
            case TAGS -> "tags";
            case WARNINGS -> "warningIds";
        };
    }
}
