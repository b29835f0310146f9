package io.quire.reading;

import io.quire.platform.auth.Principal;
import io.quire.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Whether anyone may have a media file, and how it may be cached. A file is public while it is the cover or banner
 * of a visible series, a user's avatar (unless suspended, banned or deleted), a public site's logo or favicon, a
 * page of a published chapter that is free for everyone, or one of a locked chapter's preview pages; then shared caches may keep it. A locked chapter's other pages go only to readers entitled to the
 * chapter, never to be kept by a shared cache: the paywall covers images as it covers text. Anything else is a 404,
 * as if the file did not exist.
 */
public final class PublicMedia {
    private static final String VISIBLE = """
      se.deleted_at IS NULL AND se.status <> 'DRAFT' AND si.status = 'ACTIVE' AND si.is_public AND si.deleted_at IS NULL
      """;

    /** A cover or banner of a visible series, an avatar of a user in good standing, a logo or favicon of a public site. */
    private static final String COVER = """
      SELECT EXISTS (SELECT 1 FROM series se JOIN sites si ON si.id = se.site_id
                      WHERE (se.cover_media_id = $1 OR se.banner_media_id = $1) AND
      """ + VISIBLE + """
      ) OR EXISTS (SELECT 1 FROM users u WHERE u.avatar_media_id = $1 AND u.deleted_at IS NULL
                      AND u.status NOT IN ('SUSPENDED', 'BANNED', 'DELETED'))
        OR EXISTS (SELECT 1 FROM sites si WHERE (si.logo_media_id = $1 OR si.favicon_media_id = $1)
                      AND si.status = 'ACTIVE' AND si.is_public AND si.deleted_at IS NULL) AS cover
      """;

    private static final String PAGES = """
      SELECT ch.id, ch.site_id, ch.access_level, ch.scheduled_free_at, ch.minimum_tier_id, p.position,
             coalesce(ch.preview_paragraphs, se.preview_paragraphs) AS preview,
             (SELECT count(*) FROM chapter_images x WHERE x.chapter_id = ch.id) AS total
        FROM chapter_images p JOIN chapters ch ON ch.id = p.chapter_id
        JOIN series se ON se.id = ch.series_id JOIN sites si ON si.id = ch.site_id
       WHERE p.media_id = $1 AND ch.status = 'PUBLISHED' AND ch.deleted_at IS NULL AND
      """ + VISIBLE;

    /** Shared caches may keep it: anyone may have it. */
    public static final String PUBLIC = "public, max-age=3600";
    /** Only this reader may have it. */
    public static final String ENTITLED = "private, no-store";

    private final SqlClient pool;
    private final Entitlements entitlements;

    public PublicMedia(SqlClient pool, Entitlements entitlements) {
        this.pool = pool;
        this.entitlements = entitlements;
    }

    /** The Cache-Control to serve file {@code id} with to {@code p} (null when anonymous), or a 404. */
    public Future<String> decide(Principal p, UUID id) {
        return pool.preparedQuery(COVER).execute(Tuple.of(id)).compose(cover -> {
            if (cover.iterator().next().getBoolean("cover")) {
                return Future.succeededFuture(PUBLIC);
            }
            return pool.preparedQuery(PAGES).execute(Tuple.of(id)).compose(rows -> {
                List<Row> locked = new ArrayList<>();
                for (Row r : rows) {
                    long shown = Math.min(r.getInteger("preview"), r.getLong("total") / 2);
                    if (access(r).freeForAll() || r.getInteger("position") < shown) {
                        return Future.succeededFuture(PUBLIC);
                    }
                    locked.add(r);
                }
                return entitledToAny(p, locked, 0);
            });
        });
    }

    private Future<String> entitledToAny(Principal p, List<Row> locked, int i) {
        if (i == locked.size()) {
            return Future.failedFuture(new ApiException.NotFound("media.not_found", "Not found."));
        }
        Row r = locked.get(i);
        return entitlements
                .grant(p, r.getUUID("site_id"))
                .compose(grant ->
                        grant.allows(access(r)) ? Future.succeededFuture(ENTITLED) : entitledToAny(p, locked, i + 1));
    }

    private static Entitlements.Access access(Row r) {
        return new Entitlements.Access(
                r.getUUID("site_id"),
                r.getString("access_level"),
                r.getOffsetDateTime("scheduled_free_at"),
                r.getUUID("minimum_tier_id"),
                r.getUUID("id"));
    }
}
