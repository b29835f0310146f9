package io.quire.sites;

import io.quire.platform.auth.Principal;
import io.quire.platform.clock.Times;
import io.quire.platform.db.Batches;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.quire.platform.outbox.Outbox;
import io.quire.platform.text.Markdown;
import io.quire.platform.text.Slugs;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A site's pages: Markdown like chapters, revision-checked, published or not, ordered in the site's navigation. */
public final class PageService {
    private static final String SLUGS_LIKE =
            "SELECT slug FROM pages WHERE site_id = $1 AND (slug = $2 OR slug LIKE $2 || '-%')";
    private static final String INSERT = """
      INSERT INTO pages (id, site_id, slug, title, content, content_html, show_in_nav, nav_label, nav_order)
      VALUES ($1, $2, $3, $4, $5, $6, coalesce($7, false), $8, (SELECT coalesce(max(nav_order), 0) + 1 FROM pages WHERE site_id = $2))
      RETURNING *
      """;
    private static final String LIST = "SELECT * FROM pages WHERE site_id = $1 ORDER BY nav_order, created_at";
    private static final String ONE = "SELECT * FROM pages WHERE site_id = $1 AND id = $2";
    private static final String UPDATE = """
      UPDATE pages SET title = coalesce($4, title), content = coalesce($5, content), content_html = coalesce($6, content_html),
                       slug = coalesce($7, slug), show_in_nav = coalesce($8, show_in_nav),
                       nav_label = CASE WHEN $9 THEN $10 ELSE nav_label END,
                       revision = revision + 1, updated_at = now()
       WHERE site_id = $1 AND id = $2 AND ($3::int IS NULL OR revision = $3)
      RETURNING *
      """;
    private static final String PUBLISH = """
      UPDATE pages SET is_published = $3, published_at = CASE WHEN $3 THEN coalesce(published_at, now()) END,
                       revision = revision + 1, updated_at = now()
       WHERE site_id = $1 AND id = $2 AND is_published <> $3
      RETURNING *
      """;
    private static final String DELETE = "DELETE FROM pages WHERE site_id = $1 AND id = $2 RETURNING id";
    private static final String SET_ORDER =
            "UPDATE pages SET nav_order = $3, revision = revision + 1, updated_at = now() WHERE site_id = $1 AND id = $2";
    private static final String PUBLIC_BY_SLUG = """
      SELECT p.* FROM pages p JOIN sites s ON s.id = p.site_id
       WHERE p.site_id = $1 AND p.slug = $2 AND p.is_published AND s.status = 'ACTIVE' AND s.is_public AND s.deleted_at IS NULL
      """;

    private final Vertx vertx;
    private final Pool pool;

    public PageService(Vertx vertx, Pool pool) {
        this.vertx = vertx;
        this.pool = pool;
    }

    /** A create or PATCH; null = not given. */
    public record PageInput(
            String title, String content, String slug, Boolean showInNav, boolean navLabelSet, String navLabel) {}

    public Future<JsonArray> list(Principal p, UUID siteId) {
        return SiteService.membership(pool, siteId, p)
                .compose(m -> pool.preparedQuery(LIST).execute(Tuple.of(siteId)))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> out.add(json(r, false)));
                    return out;
                });
    }

    public Future<JsonObject> get(Principal p, UUID siteId, UUID pageId) {
        return SiteService.membership(pool, siteId, p)
                .compose(m -> one(pool, siteId, pageId))
                .map(r -> json(r, true));
    }

    public Future<JsonObject> create(Principal p, UUID siteId, PageInput in) {
        return render(in.content())
                .compose(html -> pool.withTransaction(tx -> SiteService.membership(tx, siteId, p)
                        .compose(m -> {
                            m.requireManage();
                            return slug(tx, siteId, in.slug(), in.title())
                                    .compose(slug -> tx.preparedQuery(INSERT)
                                            .execute(Tuple.tuple()
                                                    .addUUID(Ids.newId())
                                                    .addUUID(siteId)
                                                    .addString(slug)
                                                    .addString(in.title())
                                                    .addString(in.content() == null ? "" : in.content())
                                                    .addString(html == null ? "" : html)
                                                    .addBoolean(in.showInNav())
                                                    .addString(in.navLabel())))
                                    .map(rows -> rows.iterator().next())
                                    .compose(r -> event(tx, "page.created", r).map(v -> json(r, true)));
                        })))
                .recover(PageService::slugTaken);
    }

    public Future<JsonObject> update(Principal p, UUID siteId, UUID pageId, PageInput in, Long expected) {
        return render(in.content())
                .compose(html -> pool.withTransaction(tx -> SiteService.membership(tx, siteId, p)
                        .compose(m -> {
                            m.requireManage();
                            Tuple t = Tuple.tuple()
                                    .addUUID(siteId)
                                    .addUUID(pageId)
                                    .addValue(expected == null ? null : expected.intValue())
                                    .addString(in.title())
                                    .addString(in.content())
                                    .addString(html)
                                    .addString(in.slug())
                                    .addBoolean(in.showInNav())
                                    .addBoolean(in.navLabelSet())
                                    .addString(in.navLabel());
                            return tx.preparedQuery(UPDATE)
                                    .execute(t)
                                    .compose(rows -> rows.size() == 1
                                            ? Future.succeededFuture(
                                                    rows.iterator().next())
                                            : one(tx, siteId, pageId)
                                                    .compose(current ->
                                                            Future.failedFuture(new ApiException.PreconditionFailed(
                                                                    "page.revision_stale",
                                                                    "The page changed since you read it; reload and try again.",
                                                                    current.getInteger("revision")))))
                                    .compose(r -> event(tx, "page.updated", r).map(v -> json(r, true)));
                        })))
                .recover(PageService::slugTaken);
    }

    public Future<JsonObject> publish(Principal p, UUID siteId, UUID pageId, boolean published) {
        return pool.withTransaction(tx -> SiteService.membership(tx, siteId, p).compose(m -> {
            m.requireManage();
            return one(tx, siteId, pageId)
                    .compose(current -> tx.preparedQuery(PUBLISH)
                            .execute(Tuple.of(siteId, pageId, published))
                            .compose(rows -> rows.size() == 1
                                    ? Future.succeededFuture(rows.iterator().next())
                                    : Future.failedFuture(ApiException.Conflict.status(
                                            "page.illegal_transition",
                                            "The page is already " + (published ? "published" : "unpublished") + ".",
                                            published ? "PUBLISHED" : "DRAFT"))))
                    .compose(r -> event(tx, published ? "page.published" : "page.unpublished", r)
                            .map(v -> json(r, true)));
        }));
    }

    public Future<JsonObject> duplicate(Principal p, UUID siteId, UUID pageId) {
        return get(p, siteId, pageId)
                .compose(page -> create(
                        p,
                        siteId,
                        new PageInput(
                                page.getString("title") + " (copy)",
                                page.getString("content"),
                                null,
                                false,
                                false,
                                null)));
    }

    public Future<Void> delete(Principal p, UUID siteId, UUID pageId) {
        return pool.withTransaction(tx -> SiteService.membership(tx, siteId, p).compose(m -> {
            m.requireManage();
            return tx.preparedQuery(DELETE)
                    .execute(Tuple.of(siteId, pageId))
                    .compose(rows -> rows.size() == 0
                            ? Future.failedFuture(notFound())
                            : Outbox.append(
                                            tx,
                                            "page.deleted",
                                            pageId.toString(),
                                            new JsonObject()
                                                    .put("pageId", pageId.toString())
                                                    .put("siteId", siteId.toString()))
                                    .mapEmpty());
        }));
    }

    /** {@code ids} must be every page of the site, in the new navigation order. */
    public Future<JsonArray> reorder(Principal p, UUID siteId, List<UUID> ids) {
        return pool.withTransaction(tx -> SiteService.membership(tx, siteId, p).compose(m -> {
            m.requireManage();
            return tx.preparedQuery(LIST + " FOR UPDATE")
                    .execute(Tuple.of(siteId))
                    .compose(rows -> {
                        Set<UUID> current = new HashSet<>();
                        rows.forEach(r -> current.add(r.getUUID("id")));
                        if (ids.size() != current.size() || !current.equals(new HashSet<>(ids))) {
                            return Future.failedFuture(new ApiException.Validation(
                                    "reorder.not_a_permutation",
                                    "pageIds must list every page of the site once.",
                                    List.of(new ApiException.FieldError(
                                            "pageIds", "must be a permutation of the site's pages"))));
                        }
                        List<Tuple> batch = new ArrayList<>();
                        for (int i = 0; i < ids.size(); i++) {
                            batch.add(Tuple.of(siteId, ids.get(i), i + 1));
                        }
                        return Batches.execute(tx, SET_ORDER, batch)
                                .compose(v -> tx.preparedQuery(LIST).execute(Tuple.of(siteId)))
                                .map(list -> {
                                    JsonArray out = new JsonArray();
                                    list.forEach(r -> out.add(json(r, false)));
                                    return out;
                                });
                    });
        }));
    }

    /** A published page of an active public site, for anyone. */
    public Future<JsonObject> publicBySlug(UUID siteId, String slug) {
        return pool.preparedQuery(PUBLIC_BY_SLUG)
                .execute(Tuple.of(siteId, slug))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw notFound();
                    }
                    JsonObject page = json(rows.iterator().next(), true);
                    page.remove("content");
                    page.remove("revision");
                    return page;
                });
    }

    private Future<String> render(String markdown) {
        return markdown == null
                ? Future.succeededFuture(null)
                : vertx.executeBlocking(() -> Markdown.render(markdown).html(), false);
    }

    private static Future<String> slug(SqlClient tx, UUID siteId, String explicit, String title) {
        if (explicit != null) {
            return Future.succeededFuture(explicit);
        }
        String base = Slugs.from(title, "page");
        return tx.preparedQuery(SLUGS_LIKE).execute(Tuple.of(siteId, base)).map(rows -> {
            Set<String> taken = new HashSet<>();
            rows.forEach(r -> taken.add(r.getString("slug")));
            return Slugs.unique(base, taken);
        });
    }

    private static Future<Row> one(SqlClient c, UUID siteId, UUID pageId) {
        return c.preparedQuery(ONE)
                .execute(Tuple.of(siteId, pageId))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(notFound())
                        : Future.succeededFuture(rows.iterator().next()));
    }

    private static Future<Void> event(SqlClient tx, String topic, Row r) {
        return Outbox.append(
                        tx,
                        topic,
                        r.getUUID("id").toString(),
                        new JsonObject()
                                .put("pageId", r.getUUID("id").toString())
                                .put("siteId", r.getUUID("site_id").toString())
                                .put("revision", r.getInteger("revision")))
                .mapEmpty();
    }

    private static JsonObject json(Row r, boolean withContent) {
        JsonObject page = new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("siteId", r.getUUID("site_id").toString())
                .put("slug", r.getString("slug"))
                .put("title", r.getString("title"))
                .put("isPublished", r.getBoolean("is_published"))
                .put("publishedAt", Times.iso(r.getOffsetDateTime("published_at")))
                .put("showInNav", r.getBoolean("show_in_nav"))
                .put("navOrder", r.getInteger("nav_order"))
                .put("navLabel", r.getString("nav_label"))
                .put("revision", r.getInteger("revision"))
                .put("createdAt", Times.iso(r.getOffsetDateTime("created_at")))
                .put("updatedAt", Times.iso(r.getOffsetDateTime("updated_at")));
        if (withContent) {
            page.put("content", r.getString("content")).put("contentHtml", r.getString("content_html"));
        }
        return page;
    }

    private static <T> Future<T> slugTaken(Throwable e) {
        if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
            return Future.failedFuture(new ApiException.Conflict(
                    "page.slug_taken",
                    "Another page of this site has that slug.",
                    List.of(new ApiException.FieldError("slug", "is already taken"))));
        }
        return Future.failedFuture(e);
    }

    private static ApiException notFound() {
        return new ApiException.NotFound("page.not_found", "No such page.");
    }
}
