package io.quire.content;

import io.quire.platform.auth.Principal;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.quire.platform.outbox.Outbox;
import io.quire.platform.text.Slugs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Genres (curated, a small tree), content warnings (curated) and tags (free, counted, blockable by admins), and
 * which of them a series carries. Changing a series' set writes {@code series.taxonomy_changed}.
 */
public final class TaxonomyService {
    static final int MAX_GENRES = 5;
    static final int MAX_TAGS = 30;
    static final int MAX_WARNINGS = 20;

    private final Pool pool;

    public TaxonomyService(Pool pool) {
        this.pool = pool;
    }

    /** The three kinds a series can carry. */
    public enum Kind {
        GENRES,
        TAGS,
        WARNINGS
    }

    // ---- catalogue

    public Future<JsonArray> genres(boolean featuredOnly) {
        return list(
                featuredOnly ? TaxonomySql.FEATURED_GENRES : TaxonomySql.GENRES, Tuple.tuple(), TaxonomyService::genre);
    }

    public Future<JsonObject> genre(UUID id) {
        return pool.preparedQuery(TaxonomySql.GENRE)
                .execute(Tuple.of(id))
                .map(rows -> genre(one(rows, "genre.not_found")));
    }

    public Future<JsonArray> children(UUID id) {
        return genre(id).compose(g -> list(TaxonomySql.GENRE_CHILDREN, Tuple.of(id), TaxonomyService::genre));
    }

    public Future<JsonArray> warnings() {
        return list(TaxonomySql.WARNINGS, Tuple.tuple(), TaxonomyService::warning);
    }

    public Future<JsonArray> popularTags(int limit) {
        return list(TaxonomySql.POPULAR_TAGS, Tuple.of(limit), TaxonomyService::tag);
    }

    public Future<JsonArray> searchTags(String query, int limit) {
        return list(
                TaxonomySql.SEARCH_TAGS,
                Tuple.of(Slugs.from(query, ""), query.toLowerCase(), limit),
                TaxonomyService::tag);
    }

    public Future<JsonObject> tag(String slug) {
        return pool.preparedQuery(TaxonomySql.TAG_BY_SLUG)
                .execute(Tuple.of(slug))
                .map(rows -> {
                    Row r = one(rows, "tag.not_found");
                    if (r.getBoolean("is_blocked")) {
                        throw new ApiException.NotFound("tag.not_found", "Not found.");
                    }
                    return tag(r);
                });
    }

    /** Finds or creates a tag by name; {@code created} says which. A blocked tag can't be used. */
    public record TagResult(JsonObject tag, boolean created) {}

    public Future<TagResult> createTag(Principal p, String name) {
        return findOrCreate(pool, p, name).map(r -> new TagResult(tag(r.row()), r.created()));
    }

    public Future<JsonObject> setBlocked(String slug, boolean blocked) {
        return pool.preparedQuery(TaxonomySql.SET_TAG_BLOCKED)
                .execute(Tuple.of(slug, blocked))
                .map(rows -> tag(one(rows, "tag.not_found")));
    }

    private record Found(Row row, boolean created) {}

    private static Future<Found> findOrCreate(SqlClient c, Principal p, String name) {
        String slug = Slugs.from(name, "");
        if (slug.length() < 2) {
            return Future.failedFuture(invalid("tag", "must contain letters or digits"));
        }
        return c.preparedQuery(TaxonomySql.INSERT_TAG)
                .execute(Tuple.of(Ids.newId(), slug, name.strip(), p.userId()))
                .compose(inserted -> inserted.size() == 1
                        ? Future.succeededFuture(new Found(inserted.iterator().next(), true))
                        : c.preparedQuery(TaxonomySql.TAG_BY_SLUG)
                                .execute(Tuple.of(slug))
                                .map(rows -> new Found(rows.iterator().next(), false)))
                .compose(f -> f.row().getBoolean("is_blocked")
                        ? Future.failedFuture(new ApiException.Validation(
                                "tag.blocked",
                                "The tag '" + slug + "' is not allowed.",
                                List.of(new ApiException.FieldError("tag", "is blocked"))))
                        : Future.succeededFuture(f));
    }

    // ---- a series' genres, tags and warnings

    public Future<JsonArray> ofSeries(Principal p, UUID seriesId, Kind kind) {
        return SeriesService.load(pool, seriesId, p, false).compose(l -> current(pool, seriesId, kind));
    }

    /** Replaces the set; for genres the primary one is {@code primary}, or else the first listed. */
    public Future<JsonArray> set(Principal p, UUID seriesId, Kind kind, List<String> values, UUID primary) {
        if (primary != null && !values.contains(primary.toString())) {
            return Future.failedFuture(invalid("primaryGenreId", "must be one of genreIds"));
        }
        UUID mainGenre =
                primary != null ? primary : kind == Kind.GENRES && !values.isEmpty() ? uuidOrNull(values.get(0)) : null;
        return change(
                p,
                seriesId,
                kind,
                tx -> tx.preparedQuery(clear(kind))
                        .execute(Tuple.of(seriesId))
                        .compose(v -> addAll(tx, p, seriesId, kind, values, mainGenre)));
    }

    private static UUID uuidOrNull(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            return null; // reported by addAll
        }
    }

    public Future<JsonArray> add(Principal p, UUID seriesId, Kind kind, String value) {
        return change(p, seriesId, kind, tx -> addAll(tx, p, seriesId, kind, List.of(value), null));
    }

    public Future<JsonArray> remove(Principal p, UUID seriesId, Kind kind, UUID id) {
        String sql = switch (kind) {
            case GENRES -> TaxonomySql.REMOVE_GENRE;
            case TAGS -> TaxonomySql.REMOVE_TAG;
            case WARNINGS -> TaxonomySql.REMOVE_WARNING;
        };
        return change(
                p,
                seriesId,
                kind,
                tx -> tx.preparedQuery(sql).execute(Tuple.of(seriesId, id)).mapEmpty());
    }

    private Future<JsonArray> change(
            Principal p, UUID seriesId, Kind kind, java.util.function.Function<SqlClient, Future<Void>> edit) {
        return pool.withTransaction(tx -> SeriesService.load(tx, seriesId, p, false)
                .compose(l -> {
                    l.membership().requireManage();
                    return edit.apply(tx)
                            .compose(v -> checkLimit(tx, seriesId, kind))
                            .compose(v -> Outbox.append(
                                    tx,
                                    "series.taxonomy_changed",
                                    seriesId.toString(),
                                    new JsonObject()
                                            .put("seriesId", seriesId.toString())
                                            .put(
                                                    "siteId",
                                                    l.row().getUUID("site_id").toString())
                                            .put("kind", kind.name().toLowerCase())))
                            .compose(v -> current(tx, seriesId, kind));
                }));
    }

    private static Future<Void> addAll(
            SqlClient tx, Principal p, UUID seriesId, Kind kind, List<String> values, UUID primary) {
        if (kind == Kind.TAGS) {
            Future<Void> chain = Future.succeededFuture();
            for (String name : values) {
                chain = chain.compose(v -> findOrCreate(tx, p, name))
                        .compose(f -> tx.preparedQuery(TaxonomySql.ADD_TAG)
                                .execute(Tuple.of(seriesId, f.row().getUUID("id"))))
                        .mapEmpty();
            }
            return chain;
        }
        List<UUID> ids;
        try {
            ids = values.stream().map(UUID::fromString).toList();
        } catch (IllegalArgumentException e) {
            return Future.failedFuture(
                    invalid(kind == Kind.GENRES ? "genreIds" : "warningIds", "must be ids from the catalogue"));
        }
        String known = kind == Kind.GENRES ? TaxonomySql.KNOWN_GENRES : TaxonomySql.KNOWN_WARNINGS;
        return tx.preparedQuery(known)
                .execute(Tuple.of(ids.toArray(UUID[]::new)))
                .compose(rows -> {
                    Set<UUID> found = new HashSet<>();
                    rows.forEach(r -> found.add(r.getUUID("id")));
                    if (!found.containsAll(ids)) {
                        return Future.failedFuture(invalid(
                                kind == Kind.GENRES ? "genreIds" : "warningIds", "must be ids from the catalogue"));
                    }
                    Future<Void> chain = Future.succeededFuture();
                    for (int i = 0; i < ids.size(); i++) {
                        UUID id = ids.get(i);
                        Tuple t = kind == Kind.GENRES
                                ? Tuple.of(seriesId, id, id.equals(primary))
                                : Tuple.of(seriesId, id);
                        chain = chain.compose(v -> tx.preparedQuery(
                                                kind == Kind.GENRES ? TaxonomySql.ADD_GENRE : TaxonomySql.ADD_WARNING)
                                        .execute(t))
                                .mapEmpty();
                    }
                    return chain;
                });
    }

    private static Future<Void> checkLimit(SqlClient tx, UUID seriesId, Kind kind) {
        if (kind == Kind.WARNINGS) {
            return Future.succeededFuture();
        }
        String sql = kind == Kind.GENRES ? TaxonomySql.COUNT_GENRES : TaxonomySql.COUNT_TAGS;
        int max = kind == Kind.GENRES ? MAX_GENRES : MAX_TAGS;
        return tx.preparedQuery(sql)
                .execute(Tuple.of(seriesId))
                .compose(rows -> rows.iterator().next().getLong(0) > max
                        ? Future.failedFuture(invalid(kind.name().toLowerCase(), "a series may have at most " + max))
                        : Future.succeededFuture());
    }

    private static String clear(Kind kind) {
        return switch (kind) {
            case GENRES -> TaxonomySql.CLEAR_GENRES;
            case TAGS -> TaxonomySql.CLEAR_TAGS;
            case WARNINGS -> TaxonomySql.CLEAR_WARNINGS;
        };
    }

    private static Future<JsonArray> current(SqlClient c, UUID seriesId, Kind kind) {
        return switch (kind) {
            case GENRES ->
                c.preparedQuery(TaxonomySql.SERIES_GENRES)
                        .execute(Tuple.of(seriesId))
                        .map(rows -> map(rows, r -> genre(r).put("isPrimary", r.getBoolean("is_primary"))));
            case TAGS ->
                c.preparedQuery(TaxonomySql.SERIES_TAGS)
                        .execute(Tuple.of(seriesId))
                        .map(rows -> map(rows, TaxonomyService::tag));
            case WARNINGS ->
                c.preparedQuery(TaxonomySql.SERIES_WARNINGS)
                        .execute(Tuple.of(seriesId))
                        .map(rows -> map(rows, TaxonomyService::warning));
        };
    }

    // ---- shapes

    private Future<JsonArray> list(String sql, Tuple args, java.util.function.Function<Row, JsonObject> shape) {
        return pool.preparedQuery(sql).execute(args).map(rows -> map(rows, shape));
    }

    private static JsonArray map(RowSet<Row> rows, java.util.function.Function<Row, JsonObject> shape) {
        JsonArray out = new JsonArray();
        rows.forEach(r -> out.add(shape.apply(r)));
        return out;
    }

    static JsonObject genre(Row r) {
        return new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("slug", r.getString("slug"))
                .put("name", r.getString("name"))
                .put("description", r.getString("description"))
                .put(
                        "parentId",
                        r.getUUID("parent_id") == null
                                ? null
                                : r.getUUID("parent_id").toString())
                .put("isFeatured", r.getBoolean("is_featured"));
    }

    static JsonObject tag(Row r) {
        return new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("slug", r.getString("slug"))
                .put("name", r.getString("name"))
                .put("usageCount", r.getInteger("usage_count"))
                .put("isBlocked", r.getBoolean("is_blocked"));
    }

    static JsonObject warning(Row r) {
        return new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("slug", r.getString("slug"))
                .put("name", r.getString("name"))
                .put("description", r.getString("description"))
                .put("severity", r.getString("severity"));
    }

    private static Row one(RowSet<Row> rows, String code) {
        if (rows.size() == 0) {
            throw new ApiException.NotFound(code, "Not found.");
        }
        return rows.iterator().next();
    }

    private static ApiException invalid(String field, String message) {
        return new ApiException.Validation(
                "request.invalid", "Some fields are invalid.", List.of(new ApiException.FieldError(field, message)));
    }
}
