package io.quire.analytics.ingest;

import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.auth.Authz;
import io.quire.platform.clock.Times;
import io.quire.platform.http.PathParams;
import io.quire.platform.http.Responses;
import io.quire.sites.SiteService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * A site's public ingest key: made with the site, shown to its managers, rotatable. The key is public by design
 * (it ships in pages' JavaScript) and only lets its holder add events to its one site; after a rotation the
 * previous key keeps working for {@code analytics.keyGraceHours}, because pages already cached still carry it.
 */
public final class IngestKeyRoutes {
    static final String READ =
            "SELECT id, ingest_key, previous_ingest_key, previous_ingest_key_until FROM sites WHERE id = $1";
    static final String ROTATE = """
      UPDATE sites SET previous_ingest_key = ingest_key,
             previous_ingest_key_until = now() + make_interval(hours => $2),
             ingest_key = 'qpk_' || replace(gen_random_uuid()::text, '-', '')
       WHERE id = $1
      RETURNING id, ingest_key, previous_ingest_key, previous_ingest_key_until
      """;

    private final Pool pool;
    private final int graceHours;

    public IngestKeyRoutes(Pool pool, int graceHours) {
        this.pool = pool;
        this.graceHours = graceHours;
    }

    public void mount(Api api) {
        components(api);
        api.raw(
                Endpoint.get("/api/v1/sites/{siteId}/analytics/ingest-key")
                        .id("getIngestKey")
                        .tag("analytics")
                        .summary("The site's public ingest key (owner, editors)")
                        .access(Access.signedIn())
                        .ok(200, ref("IngestKey"), "OK")
                        .problems(403),
                ctx -> respond(
                        ctx,
                        managed(ctx)
                                .compose(site -> pool.preparedQuery(READ).execute(Tuple.of(site)))
                                .map(rows -> json(rows.iterator().next()))));
        api.raw(
                Endpoint.post("/api/v1/sites/{siteId}/analytics/ingest-key/rotate")
                        .id("rotateIngestKey")
                        .tag("analytics")
                        .summary("A new ingest key; the previous one keeps working for analytics.keyGraceHours")
                        .access(Access.signedIn())
                        .ok(200, ref("IngestKey"), "OK")
                        .problems(403),
                ctx -> respond(
                        ctx,
                        managed(ctx)
                                .compose(site -> pool.preparedQuery(ROTATE).execute(Tuple.of(site, graceHours)))
                                .map(rows -> json(rows.iterator().next()))));
    }

    private Future<UUID> managed(RoutingContext ctx) {
        UUID siteId = PathParams.uuid(ctx, "siteId", "site.not_found");
        return SiteService.membership(pool, siteId, Authz.require(ctx))
                .map(m -> m.requireManage().siteId());
    }

    private static void respond(RoutingContext ctx, Future<JsonObject> answer) {
        answer.onSuccess(body -> Responses.json(ctx, 200, body)).onFailure(ctx::fail);
    }

    private static JsonObject json(Row r) {
        return new JsonObject()
                .put("siteId", r.getUUID("id").toString())
                .put("ingestKey", r.getString("ingest_key"))
                .put("previousKey", r.getString("previous_ingest_key"))
                .put("previousKeyValidUntil", Times.iso(r.getOffsetDateTime("previous_ingest_key_until")));
    }

    /** The shapes this feature's answers share, as {@code #/components/schemas}. */
    private static void components(Api api) {
        api.component(
                "IngestKey",
                object().optional("siteId", nullable(string()))
                        .optional("ingestKey", string())
                        .optional("previousKey", nullable(string()))
                        .optional("previousKeyValidUntil", nullable(string())));
    }
}
