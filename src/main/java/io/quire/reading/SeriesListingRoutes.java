package io.quire.reading;

import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Schema;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.QueryParams;
import io.quire.platform.http.Responses;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** {@code /sites/:siteId/series/public}, {@code /genres/:genreId/series}, {@code /tags/:tagSlug/series}. */
public final class SeriesListingRoutes {
    private static final Set<String> SORTS = Set.of("latest", "popular", "title");
    private static final Set<String> STATUSES = Set.of("ONGOING", "HIATUS", "COMPLETED", "CANCELLED");
    private static final Set<String> TYPES = Set.of("WEB_NOVEL", "WEBTOON", "MANGA", "MANHWA", "WESTERN_COMIC");
    private final SeriesListing listing;

    public SeriesListingRoutes(SeriesListing listing) {
        this.listing = listing;
    }

    /** The filters and sorts every public series list takes (the listing checks them). */
    private static Endpoint filtered(Endpoint e) {
        return e.query("status", string().oneOf("ONGOING", "HIATUS", "COMPLETED", "CANCELLED"), "series status")
                .query("contentType", string(), "WEB_NOVEL, WEBTOON, MANGA, MANHWA or WESTERN_COMIC")
                .query("language", string(), "two letters")
                .query(
                        "sort",
                        string().oneOf("latest", "popular", "title"),
                        "latest (default), popular (most chapter reads) or title");
    }

    public void mount(Api api) {
        api.raw(
                filtered(Endpoint.get("/api/v1/sites/{siteId}/series/public"))
                        .id("listPublicSeries")
                        .tag("reading")
                        .summary("Published series of an active public site, filtered, sorted, keyset-paged")
                        .access(Access.anyone())
                        .paged()
                        .query("genre", string(), "genre slug or id")
                        .query("tag", string(), "tag slug")
                        .ok(200, Schema.list(ref("ListedSeries")), "OK")
                        .conditional()
                        .problems(400, 422),
                ctx -> list(
                        ctx, PathParams.uuid(ctx, "siteId", "site.not_found"), param(ctx, "genre"), param(ctx, "tag")));
        api.raw(
                filtered(Endpoint.get("/api/v1/genres/{genreId}/series"))
                        .id("listGenreSeries")
                        .tag("reading")
                        .summary("Published series of a genre across public sites")
                        .access(Access.anyone())
                        .paged()
                        .query("tag", string(), "tag slug")
                        .ok(200, Schema.list(ref("ListedSeries")), "OK")
                        .conditional()
                        .problems(400, 422),
                ctx -> list(
                        ctx,
                        null,
                        PathParams.uuid(ctx, "genreId", "genre.not_found").toString(),
                        param(ctx, "tag")));
        api.raw(
                filtered(Endpoint.get("/api/v1/tags/{tagSlug}/series"))
                        .id("listTagSeries")
                        .tag("reading")
                        .summary("Published series with a tag across public sites")
                        .access(Access.anyone())
                        .paged()
                        .pathParam("tagSlug", string(), null)
                        .query("genre", string(), "genre slug or id")
                        .ok(200, Schema.list(ref("ListedSeries")), "OK")
                        .conditional()
                        .problems(400, 422),
                ctx -> list(
                        ctx, null, param(ctx, "genre"), ctx.pathParam("tagSlug").toLowerCase()));
    }

    private void list(RoutingContext ctx, UUID siteId, String genre, String tag) {
        String sort = ctx.request().getParam("sort", "latest");
        if (!SORTS.contains(sort)) {
            throw invalid("sort", "must be latest, popular or title");
        }
        String status = oneOf(param(ctx, "status"), STATUSES, "status");
        String type = oneOf(param(ctx, "contentType"), TYPES, "contentType");
        String language = param(ctx, "language");
        if (language != null && !language.matches("[a-z]{2}")) {
            throw invalid("language", "must be a two-letter code");
        }
        var query = new SeriesListing.Query(
                siteId, genre, tag, status, type, language, sort, param(ctx, "cursor"), QueryParams.limit(ctx));
        listing.page(query)
                .onSuccess(page -> Responses.publicBytes(ctx, page.body(), page.etag()))
                .onFailure(ctx::fail);
    }

    private static String param(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String oneOf(String value, Set<String> allowed, String field) {
        if (value != null && !allowed.contains(value)) {
            throw invalid(field, "must be one of " + allowed.stream().sorted().toList());
        }
        return value;
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException.Validation(
                "request.invalid",
                "Some query parameters are invalid.",
                List.of(new ApiException.FieldError(field, message)));
    }
}
