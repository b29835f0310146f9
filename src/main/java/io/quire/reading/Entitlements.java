package io.quire.reading;

import io.quire.platform.auth.Principal;
import io.quire.platform.cache.ReadCache;
import io.vertx.core.Vertx;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The one answer to "may this caller read this chapter in full": FREE chapters, SCHEDULED_FREE chapters past
 * their time, and the site's own people (owner, collaborators) and platform admins. Paid access (subscriptions
 * at or above a tier, purchased chapters) joins here when monetization defines them; until then SUBSCRIBERS and
 * SPECIFIC_TIER chapters stay locked for readers.
 *
 * <p>Whether a user works on a site is cached in the read cache (scoped {@code members:<site>} and the site), so
 * a signed-in reader of paid chapters costs no query per request; collaborator changes evict it through the
 * outbox like any other read model.
 */
public final class Entitlements {
  private final Vertx vertx;
  private final SqlClient pool;
  private final ReadCache cache;

  public Entitlements(Vertx vertx, SqlClient pool, ReadCache cache) {
    this.vertx = vertx;
    this.pool = pool;
    this.cache = cache;
  }

  /** What a chapter asks for. */
  public record Access(UUID siteId, String level, OffsetDateTime scheduledFreeAt) {
    /** Free for everyone, whoever asks. */
    boolean freeForAll() {
      return level.equals("FREE")
          || level.equals("SCHEDULED_FREE") && scheduledFreeAt != null && !scheduledFreeAt.isAfter(OffsetDateTime.now());
    }
  }

  /** Whether {@code p} (null when anonymous) may read a chapter needing {@code access}. */
  public Future<Boolean> entitled(Principal p, Access access) {
    if (access.freeForAll()) {
      return Future.succeededFuture(true);
    }
    if (p == null) {
      return Future.succeededFuture(false);
    }
    if (p.role().isAdmin() && !p.isApiKey()) {
      return Future.succeededFuture(true);
    }
    UUID site = access.siteId();
    return cache.get(vertx, "member:" + site + ":" + p.userId(), () -> pool.preparedQuery(ReadingSql.WORKS_ON_SITE)
        .execute(Tuple.of(site, p.userId()))
        .map(rows -> new ReadCache.Scoped<>(rows.iterator().next().getBoolean("member"),
            java.util.Set.of("members:" + site, "site:" + site), 128)));
  }
}
