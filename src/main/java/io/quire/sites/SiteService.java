package io.quire.sites;

import io.quire.platform.auth.Principal;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.quire.platform.outbox.Outbox;
import io.quire.platform.text.Slugs;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
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
 * Sites: create (slug from the name, unique), read, update with revision checks, settings, soft delete and
 * restore, and the public metadata lookups. Every change writes a {@code site.*} outbox row in its transaction.
 */
public final class SiteService {
    private final Pool pool;
    private final int retentionDays;

    public SiteService(Pool pool, int retentionDays) {
        this.pool = pool;
        this.retentionDays = retentionDays;
    }

    /** A new site; a null slug is made from the name. */
    public record NewSite(String name, String slug, String tagline, String description, Boolean isPublic) {}

    /** A PATCH: null = unchanged, except where a {@code …Set} flag says a null was sent. */
    public record SiteUpdate(
            String name,
            boolean taglineSet,
            String tagline,
            boolean descriptionSet,
            String description,
            boolean customDomainSet,
            String customDomain,
            Boolean isPublic,
            String slug,
            boolean readerBaseUrlSet,
            String readerBaseUrl) {}

    /** A settings PATCH; {@code extra} merges into the free-form settings (a key set to null is removed). */
    public record SettingsUpdate(
            Boolean commentsEnabled,
            String commentsModerationMode,
            String defaultContentRating,
            Boolean isPublic,
            JsonObject extra) {}

    // ---- membership: the one permission lookup, also used by content

    /** A live site with the caller's membership of it. */
    record Loaded(Site site, Membership membership) {}

    /** The caller's membership of a live site, or 404 {@code site.not_found}. */
    public static Future<Membership> membership(SqlClient c, UUID siteId, Principal p) {
        return load(c, siteId, p).map(Loaded::membership);
    }

    /** The caller's membership for reading a live site's analytics: API keys need {@code analytics:read}. */
    public static Future<Membership> analyticsMembership(SqlClient c, UUID siteId, Principal p) {
        return c.preparedQuery(SiteSql.FIND_WITH_ROLE)
                .execute(Tuple.of(siteId, p.userId()))
                .map(rows -> {
                    Row row = one(rows, "site.not_found");
                    if (row.getValue("deleted_at") != null) {
                        throw new ApiException.NotFound("site.not_found", "Not found.");
                    }
                    return Membership.resolve(
                                    siteId,
                                    row.getUUID("owner_id"),
                                    row.getString("collaborator_role"),
                                    row.getJsonObject("collaborator_permissions"),
                                    p,
                                    "site.not_found",
                                    "analytics:read")
                            .requireAnalytics();
                });
    }

    static Future<Loaded> load(SqlClient c, UUID siteId, Principal p) {
        return c.preparedQuery(SiteSql.FIND_WITH_ROLE)
                .execute(Tuple.of(siteId, p.userId()))
                .map(rows -> {
                    Row row = one(rows, "site.not_found");
                    if (row.getValue("deleted_at") != null) {
                        throw new ApiException.NotFound("site.not_found", "Not found.");
                    }
                    return new Loaded(
                            new Site(row),
                            Membership.resolve(
                                    siteId,
                                    row.getUUID("owner_id"),
                                    row.getString("collaborator_role"),
                                    row.getJsonObject("collaborator_permissions"),
                                    p,
                                    "site.not_found"));
                });
    }

    // ---- management

    public Future<JsonObject> create(Principal p, NewSite in) {
        if (!p.hasScope("content:write")) {
            return Future.failedFuture(
                    new ApiException.Forbidden("auth.scope_missing", "This API key lacks the 'content:write' scope."));
        }
        UUID id = Ids.newId();
        return pool.withTransaction(tx -> allocateSlug(tx, in.slug(), in.name())
                        .compose(slug -> tx.preparedQuery(SiteSql.INSERT)
                                .execute(Tuple.of(
                                        id,
                                        p.userId(),
                                        slug,
                                        in.name(),
                                        in.tagline(),
                                        in.description(),
                                        in.isPublic())))
                        .map(rows -> new Site(rows.iterator().next()))
                        .compose(site -> event(tx, "site.created", site).map(v -> site.toJson(Membership.Role.OWNER))))
                .recover(e -> slugClash(e, in.slug() != null));
    }

    private static Future<String> allocateSlug(SqlClient tx, String explicit, String name) {
        if (explicit != null) {
            return Future.succeededFuture(explicit);
        }
        String base = Slugs.from(name, "site");
        return tx.preparedQuery(SiteSql.SLUGS_LIKE).execute(Tuple.of(base)).map(rows -> {
            Set<String> taken = new HashSet<>();
            rows.forEach(r -> taken.add(r.getString("slug")));
            return Slugs.unique(base, taken);
        });
    }

    private static <T> Future<T> slugClash(Throwable e, boolean explicit) {
        if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            String message = String.valueOf(pg.getMessage());
            String field = message.contains("custom_domain") ? "customDomain" : "slug";
            return Future.failedFuture(new ApiException.Conflict(
                    "site." + (field.equals("slug") ? "slug" : "domain") + "_taken",
                    explicit || field.equals("customDomain")
                            ? "That " + field + " is already used by another site."
                            : "Another site took that name's slug at the same moment; try again.",
                    List.of(new ApiException.FieldError(field, "is already taken"))));
        }
        return Future.failedFuture(e);
    }

    public Future<JsonArray> listMine(Principal p, boolean includeDeleted) {
        return pool.preparedQuery(SiteSql.LIST_FOR_USER)
                .execute(Tuple.of(p.userId(), includeDeleted))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    for (Row r : rows) {
                        if (p.siteId() == null || p.siteId().equals(r.getUUID("id"))) {
                            Membership.Role role = r.getUUID("owner_id").equals(p.userId())
                                    ? Membership.Role.OWNER
                                    : Membership.Role.valueOf(r.getString("collaborator_role"));
                            out.add(new Site(r).toJson(role));
                        }
                    }
                    return out;
                });
    }

    public Future<Site> get(Principal p, UUID siteId) {
        return load(pool, siteId, p).map(Loaded::site);
    }

    public Future<JsonObject> getJson(Principal p, UUID siteId) {
        return load(pool, siteId, p).map(l -> l.site().toJson(l.membership().role()));
    }

    /** The updated site, as the caller sees it (with their role). */
    public Future<Site.Seen> update(Principal p, UUID siteId, SiteUpdate u, Long expectedRevision) {
        return pool.withTransaction(tx -> membership(tx, siteId, p).compose(m -> {
                    m.requireManage();
                    Tuple t = Tuple.tuple()
                            .addUUID(siteId)
                            .addValue(expectedRevision == null ? null : expectedRevision.intValue())
                            .addString(u.name())
                            .addBoolean(u.taglineSet())
                            .addString(u.tagline())
                            .addBoolean(u.descriptionSet())
                            .addString(u.description())
                            .addBoolean(u.customDomainSet())
                            .addString(u.customDomain())
                            .addBoolean(u.isPublic())
                            .addString(u.slug())
                            .addBoolean(u.readerBaseUrlSet())
                            .addString(u.readerBaseUrl());
                    return tx.preparedQuery(SiteSql.UPDATE)
                            .execute(t)
                            .compose(rows -> changed(tx, rows, siteId))
                            .compose(site -> event(tx, "site.updated", site).map(v -> new Site.Seen(site, m.role())));
                }))
                .recover(e -> slugClash(e, true));
    }

    public Future<Site> updateSettings(Principal p, UUID siteId, SettingsUpdate u, Long expectedRevision) {
        return pool.withTransaction(tx -> membership(tx, siteId, p).compose(m -> {
            m.requireManage();
            Tuple t = Tuple.tuple()
                    .addUUID(siteId)
                    .addValue(expectedRevision == null ? null : expectedRevision.intValue())
                    .addBoolean(u.commentsEnabled())
                    .addString(u.commentsModerationMode())
                    .addString(u.defaultContentRating())
                    .addBoolean(u.isPublic())
                    .addValue(u.extra());
            return tx.preparedQuery(SiteSql.UPDATE_SETTINGS)
                    .execute(t)
                    .compose(rows -> changed(tx, rows, siteId))
                    .compose(site -> event(tx, "site.updated", site).map(v -> site));
        }));
    }

    public Future<Void> delete(Principal p, UUID siteId) {
        return pool.withTransaction(tx -> membership(tx, siteId, p).compose(m -> {
            m.requireOwner();
            return tx.preparedQuery(SiteSql.SOFT_DELETE)
                    .execute(Tuple.of(siteId))
                    .compose(rows ->
                            event(tx, "site.deleted", new Site(rows.iterator().next())));
        }));
    }

    /** Restores a soft-deleted site within the retention period; only its owner (or an admin) sees it. */
    public Future<Site.Seen> restore(Principal p, UUID siteId) {
        return pool.withTransaction(tx -> tx.preparedQuery(SiteSql.FIND_WITH_ROLE)
                .execute(Tuple.of(siteId, p.userId()))
                .compose(rows -> {
                    Row row = one(rows, "site.not_found");
                    Membership m = Membership.resolve(siteId, row.getUUID("owner_id"), null, null, p, "site.not_found");
                    m.requireOwner();
                    if (row.getValue("deleted_at") == null) {
                        return Future.failedFuture(
                                new ApiException.Conflict("site.not_deleted", "The site is not deleted.", List.of()));
                    }
                    return tx.preparedQuery(SiteSql.RESTORE)
                            .execute(Tuple.of(siteId, retentionDays))
                            .compose(restored -> restored.size() == 0
                                    ? Future.failedFuture(new ApiException.NotFound(
                                            "site.not_found", "Not found (deleted too long ago)."))
                                    : Future.succeededFuture(
                                            new Site(restored.iterator().next())))
                            .compose(site -> event(tx, "site.restored", site).map(v -> new Site.Seen(site, m.role())));
                }));
    }

    // ---- public metadata

    public Future<JsonObject> publicById(UUID id) {
        return publicLookup(SiteSql.PUBLIC_BY_ID, id);
    }

    public Future<JsonObject> publicBySlug(String slug) {
        return publicLookup(SiteSql.PUBLIC_BY_SLUG, slug);
    }

    public Future<JsonObject> publicByDomain(String domain) {
        return publicLookup(SiteSql.PUBLIC_BY_DOMAIN, domain);
    }

    private Future<JsonObject> publicLookup(String sql, Object key) {
        return pool.preparedQuery(sql)
                .execute(Tuple.of(key))
                .map(rows -> new Site(one(rows, "site.not_found")).toPublicJson());
    }

    /** Deletes sites soft-deleted longer ago than the retention (cascading to their content). */
    public Future<Integer> purge() {
        return pool.preparedQuery(SiteSql.PURGE)
                .execute(Tuple.of(retentionDays))
                .map(RowSet::rowCount);
    }

    // ---- helpers

    /** A revision-checked UPDATE that returned nothing: stale (412 with the current revision) or gone (404). */
    private static Future<Site> changed(SqlClient tx, RowSet<Row> rows, UUID siteId) {
        if (rows.size() == 1) {
            return Future.succeededFuture(new Site(rows.iterator().next()));
        }
        return tx.preparedQuery("SELECT revision, deleted_at FROM sites WHERE id = $1")
                .execute(Tuple.of(siteId))
                .compose(current -> {
                    Row row = one(current, "site.not_found");
                    if (row.getValue("deleted_at") != null) {
                        return Future.failedFuture(new ApiException.NotFound("site.not_found", "Not found."));
                    }
                    return Future.failedFuture(new ApiException.PreconditionFailed(
                            "site.revision_stale",
                            "The site changed since you read it; reload and try again.",
                            row.getInteger("revision")));
                });
    }

    private static Future<Void> event(SqlClient tx, String topic, Site site) {
        return Outbox.append(
                        tx,
                        topic,
                        site.id().toString(),
                        new JsonObject().put("siteId", site.id().toString()).put("revision", site.revision()))
                .mapEmpty();
    }

    static Row one(RowSet<Row> rows, String notFoundCode) {
        if (rows.size() == 0) {
            throw new ApiException.NotFound(notFoundCode, "Not found.");
        }
        return rows.iterator().next();
    }
}
