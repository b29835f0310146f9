package io.quire.media;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Where content uses uploaded images: which images a writer may use on a site, and each image's
 * {@code usageCount}, changed in the transaction that starts or stops using it (so deleting an image in use is
 * refused without a force).
 */
public final class MediaUse {
    private MediaUse() {}

    /** Live images of the writer's own, or made for the site. */
    private static final String USABLE = """
      SELECT id FROM media_files
       WHERE id = ANY ($1) AND deleted_at IS NULL AND kind = 'IMAGE' AND (user_id = $2 OR site_id = $3)
      """;

    private static final String COUNT = """
      UPDATE media_files m SET usage_count = m.usage_count + d.delta,
             last_used_at = CASE WHEN d.delta > 0 THEN now() ELSE m.last_used_at END
        FROM (SELECT id, sum(delta)::int AS delta FROM unnest($1::uuid[], $2::int[]) AS x(id, delta) GROUP BY id) d
       WHERE m.id = d.id AND d.delta <> 0
      """;

    public static Future<Set<UUID>> usable(SqlClient tx, UUID[] ids, UUID writer, UUID siteId) {
        return tx.preparedQuery(USABLE).execute(Tuple.of(ids, writer, siteId)).map(rows -> {
            Set<UUID> out = new HashSet<>();
            rows.forEach(r -> out.add(r.getUUID("id")));
            return out;
        });
    }

    /** Adds each image's change in uses (negative: no longer used there). */
    public static Future<Void> count(SqlClient tx, Map<UUID, Integer> delta) {
        if (delta.isEmpty()) {
            return Future.succeededFuture();
        }
        return tx.preparedQuery(COUNT)
                // not Tuple.of(a, b): an array as the last argument would be read as the varargs themselves
                .execute(Tuple.tuple()
                        .addArrayOfUUID(delta.keySet().toArray(UUID[]::new))
                        .addArrayOfInteger(delta.values().toArray(Integer[]::new)))
                .mapEmpty();
    }
}
