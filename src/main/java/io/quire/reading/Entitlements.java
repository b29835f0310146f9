package io.quire.reading;

import io.quire.platform.auth.Principal;
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
 */
public final class Entitlements {
  private final SqlClient pool;

  public Entitlements(SqlClient pool) {
    this.pool = pool;
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
    return pool.preparedQuery(ReadingSql.WORKS_ON_SITE).execute(Tuple.of(access.siteId(), p.userId()))
        .map(rows -> rows.iterator().next().getBoolean("member"));
  }
}
