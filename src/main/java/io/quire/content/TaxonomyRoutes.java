package io.quire.content;

import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Role;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.UUID;

/** Genres, tags, content warnings, and their get/set/add/remove on a series. */
public final class TaxonomyRoutes {
    private final TaxonomyService taxonomy;

    public TaxonomyRoutes(TaxonomyService taxonomy) {
        this.taxonomy = taxonomy;
    }

    public void mount(Router router) {
        // --- the catalogue, public (fixed paths before the :param ones)
        router.get("/api/v1/genres").handler(ctx -> send(ctx, taxonomy.genres(false)));
        router.get("/api/v1/genres/featured").handler(ctx -> send(ctx, taxonomy.genres(true)));
        router.get("/api/v1/genres/:genreId")
                .handler(ctx -> taxonomy.genre(genreId(ctx))
                        .onSuccess(g -> Responses.publicJson(ctx, g))
                        .onFailure(ctx::fail));
        router.get("/api/v1/genres/:genreId/children").handler(ctx -> send(ctx, taxonomy.children(genreId(ctx))));
        router.get("/api/v1/content-warnings").handler(ctx -> send(ctx, taxonomy.warnings()));
        router.get("/api/v1/tags").handler(ctx -> send(ctx, taxonomy.popularTags(QueryParams.limit(ctx))));
        router.get("/api/v1/tags/search").handler(this::searchTags);
        router.get("/api/v1/tags/:tagSlug")
                .handler(ctx -> taxonomy.tag(ctx.pathParam("tagSlug").toLowerCase())
                        .onSuccess(t -> Responses.publicJson(ctx, t))
                        .onFailure(ctx::fail));
        router.post("/api/v1/tags").handler(Authz.atLeast(Role.AUTHOR)).handler(this::createTag);
        router.patch("/api/v1/admin/tags/:tagSlug")
                .handler(Authz.session())
                .handler(Authz.atLeast(Role.ADMIN))
                .handler(this::block);
        // --- a series' sets
        for (TaxonomyService.Kind kind : TaxonomyService.Kind.values()) {
            String path = "/api/v1/series/:seriesId/" + kind.name().toLowerCase();
            router.get(path)
                    .handler(Authz.authenticated())
                    .handler(ctx -> list(ctx, taxonomy.ofSeries(Authz.require(ctx), seriesId(ctx), kind)));
            router.put(path).handler(Authz.authenticated()).handler(ctx -> set(ctx, kind));
            router.post(path).handler(Authz.authenticated()).handler(ctx -> add(ctx, kind));
            router.delete(path + "/:itemId")
                    .handler(Authz.authenticated())
                    .handler(ctx -> list(
                            ctx,
                            taxonomy.remove(
                                    Authz.require(ctx),
                                    seriesId(ctx),
                                    kind,
                                    PathParams.uuid(
                                            ctx,
                                            "itemId",
                                            kind.name().toLowerCase().replaceAll("s$", "") + ".not_found"))));
        }
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
