package io.quire.reading;

import io.quire.platform.cache.Bytes;
import io.quire.platform.cache.ReadCache;
import io.quire.platform.clock.Times;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.Responses;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Public lists of published series (of one site, or of a genre or tag across all public sites), filtered and
 * sorted, paged with keyset cursors so page N costs what page 1 costs.
 */
public final class SeriesListing {
    private static final String FROM = """
      SELECT se.id, se.site_id, se.slug, se.title, se.synopsis, se.content_type, se.content_rating, se.status, se.language,
             se.last_published_at, se.created_at, coalesce(se.last_published_at, 'epoch'::timestamptz) AS sort_time,
             coalesce(st.views, 0) AS views
        FROM series se JOIN sites si ON si.id = se.site_id LEFT JOIN series_stats st ON st.series_id = se.id
       WHERE se.deleted_at IS NULL AND se.status <> 'DRAFT' AND si.status = 'ACTIVE' AND si.is_public AND si.deleted_at IS NULL
         AND ($1::uuid IS NULL OR se.site_id = $1)
         AND ($2::text IS NULL OR EXISTS (SELECT 1 FROM series_genres sg JOIN genres g ON g.id = sg.genre_id
                                           WHERE sg.series_id = se.id AND (g.slug = $2 OR g.id::text = $2)))
         AND ($3::text IS NULL OR EXISTS (SELECT 1 FROM series_tags st JOIN tags t ON t.id = st.tag_id
                                           WHERE st.series_id = se.id AND t.slug = $3 AND NOT t.is_blocked))
         AND ($4::text IS NULL OR se.status = $4)
         AND ($5::text IS NULL OR se.content_type = $5)
         AND ($6::text IS NULL OR se.language = $6)
      """;
    private static final String LATEST = FROM + """
         AND ($7::timestamptz IS NULL OR (coalesce(se.last_published_at, 'epoch'::timestamptz), se.id) < ($7, $8))
       ORDER BY sort_time DESC, se.id DESC
       LIMIT $9
      """;
    private static final String TITLE = FROM + """
         AND ($7::text IS NULL OR (lower(se.title), se.id) > ($7, $8))
       ORDER BY lower(se.title), se.id
       LIMIT $9
      """;

    /** Most viewed first; counts move while a reader pages, so a series may shift across a page boundary. */
    private static final String POPULAR = FROM + """
         AND ($7::bigint IS NULL OR (coalesce(st.views, 0), se.id) < ($7, $8))
       ORDER BY views DESC, se.id DESC
       LIMIT $9
      """;

    private final Vertx vertx;
    private final SqlClient pool;
    private final ReadCache cache;

    public SeriesListing(Vertx vertx, SqlClient pool, ReadCache cache) {
        this.vertx = vertx;
        this.pool = pool;
        this.cache = cache;
    }

    /** A finished page and its ETag, as the cache keeps it. */
    public record Page(Buffer body, String etag) {
        static final ReadCache.Codec<Page> CODEC = new ReadCache.Codec<>() {
            @Override
            public Buffer encode(Page page) {
                return new Bytes.Writer()
                        .integer(1)
                        .buffer(page.body())
                        .string(page.etag())
                        .done();
            }

            @Override
            public Page decode(Buffer bytes) {
                Bytes.Reader r = new Bytes.Reader(bytes);
                if (r.integer() != 1) {
                    throw new IllegalArgumentException("another layout");
                }
                return new Page(r.buffer(), r.string());
            }
        };
    }

    /**
     * The page from the read cache, or rendered from one query. A site's lists are evicted by changes to that site's
     * series ({@code site-lists:<id>}) or the site; genre and tag lists span sites, so any listed change evicts them.
     */
    public Future<Page> page(Query q) {
        String key = "list:" + q;
        Set<String> scopes =
                q.siteId() == null ? Set.of("lists") : Set.of("site-lists:" + q.siteId(), "site:" + q.siteId());
        return cache.get(
                vertx,
                key,
                Page.CODEC,
                () -> list(q).map(json -> {
                    Buffer body = json.toBuffer();
                    return new ReadCache.Scoped<>(
                            new Page(body, Responses.strongEtag(body.getBytes())), scopes, 256 + body.length());
                }));
    }

    /** The filters; null means "any". {@code sort} is latest, popular or title. */
    public record Query(
            UUID siteId,
            String genre,
            String tag,
            String status,
            String contentType,
            String language,
            String sort,
            String cursor,
            int limit) {}

    Future<JsonObject> list(Query q) {
        String sort = q.sort() == null ? "latest" : q.sort();
        Object[] after = decode(q.cursor(), sort);
        Tuple args = Tuple.tuple()
                .addUUID(q.siteId())
                .addString(q.genre())
                .addString(q.tag())
                .addString(q.status())
                .addString(q.contentType())
                .addString(q.language())
                .addValue(after[0])
                .addUUID((UUID) after[1])
                .addInteger(q.limit() + 1);
        String sql = switch (sort) {
            case "title" -> TITLE;
            case "popular" -> POPULAR;
            default -> LATEST;
        };
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<Row> page = new ArrayList<>();
            rows.forEach(page::add);
            String next = null;
            if (page.size() > q.limit()) {
                page = page.subList(0, q.limit());
                Row last = page.get(page.size() - 1);
                String key = switch (sort) {
                    case "title" -> last.getString("title").toLowerCase();
                    case "popular" -> Long.toString(last.getLong("views"));
                    default -> last.getOffsetDateTime("sort_time").toString();
                };
                next = encode(sort + "|" + key, last.getUUID("id"));
            }
            JsonArray data = new JsonArray();
            for (Row r : page) {
                data.add(new JsonObject()
                        .put("id", r.getUUID("id").toString())
                        .put("siteId", r.getUUID("site_id").toString())
                        .put("slug", r.getString("slug"))
                        .put("title", r.getString("title"))
                        .put("synopsis", r.getString("synopsis"))
                        .put("contentType", r.getString("content_type"))
                        .put("contentRating", r.getString("content_rating"))
                        .put("status", r.getString("status"))
                        .put("language", r.getString("language"))
                        .put("lastPublishedAt", Times.iso(r.getOffsetDateTime("last_published_at")))
                        .put("viewCount", r.getLong("views")));
            }
            return new JsonObject().put("data", data).put("nextCursor", next);
        });
    }

    private static String encode(String key, UUID id) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((key + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor's (sort key, id), or (null, null) for the first page; a cursor of another sort is refused. */
    private static Object[] decode(String cursor, String sort) {
        if (cursor == null || cursor.isBlank()) {
            return new Object[] {null, null};
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = text.lastIndexOf('|');
            UUID id = UUID.fromString(text.substring(bar + 1));
            String prefix = sort + "|";
            if (!text.startsWith(prefix)) {
                throw new IllegalArgumentException("a cursor of another sort");
            }
            String key = text.substring(prefix.length(), bar);
            Object value = switch (sort) {
                case "title" -> key;
                case "popular" -> Long.parseLong(key);
                default -> OffsetDateTime.parse(key);
            };
            return new Object[] {value, id};
        } catch (RuntimeException e) {
            throw new ApiException.BadRequest("request.bad_cursor", "The cursor is not one this list gave out.");
        }
    }
}
