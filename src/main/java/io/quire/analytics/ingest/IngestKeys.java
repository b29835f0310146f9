package io.quire.analytics.ingest;

import io.quire.platform.auth.Principal;
import io.quire.platform.clock.Times;
import io.quire.sites.SiteService;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * A site's public ingest key: made with the site, shown to its managers, rotatable. The key is public by design
 * (it ships in pages' JavaScript) and only lets its holder add events to its one site; after a rotation the
 * previous key keeps working for {@code analytics.keyGraceHours}, because pages already cached still carry it.
 */
public final class IngestKeys {
    private static final String READ =
            "SELECT id, ingest_key, previous_ingest_key, previous_ingest_key_until FROM sites WHERE id = $1";
    private static final String ROTATE = """
      UPDATE sites SET previous_ingest_key = ingest_key,
             previous_ingest_key_until = now() + make_interval(hours => $2),
             ingest_key = 'qpk_' || replace(gen_random_uuid()::text, '-', '')
       WHERE id = $1
      RETURNING id, ingest_key, previous_ingest_key, previous_ingest_key_until
      """;

    private final Pool pool;
    private final int graceHours;

    public IngestKeys(Pool pool, int graceHours) {
        this.pool = pool;
        this.graceHours = graceHours;
    }

    public Future<JsonObject> of(Principal caller, UUID site) {
        return managed(caller, site)
                .compose(s -> pool.preparedQuery(READ).execute(Tuple.of(s)))
                .map(rows -> json(rows.iterator().next()));
    }

    public Future<JsonObject> rotate(Principal caller, UUID site) {
        return managed(caller, site)
                .compose(s -> pool.preparedQuery(ROTATE).execute(Tuple.of(s, graceHours)))
                .map(rows -> json(rows.iterator().next()));
    }

    private Future<UUID> managed(Principal caller, UUID site) {
        return SiteService.membership(pool, site, caller)
                .map(m -> m.requireManage().siteId());
    }

    private static JsonObject json(Row r) {
        return new JsonObject()
                .put("siteId", r.getUUID("id").toString())
                .put("ingestKey", r.getString("ingest_key"))
                .put("previousKey", r.getString("previous_ingest_key"))
                .put("previousKeyValidUntil", Times.iso(r.getOffsetDateTime("previous_ingest_key_until")));
    }
}
