package io.quire.reading;

import io.quire.platform.auth.Principal;
import io.quire.platform.cache.ReadCache;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The one answer to "may this caller read this chapter in full": FREE chapters, SCHEDULED_FREE chapters past
 * their time, the site's own people (owner, collaborators) and platform admins, and readers who paid — a live
 * subscription to the site (SUBSCRIBERS chapters), to the chapter's minimum tier or one above it (SPECIFIC_TIER;
 * tiers rank by monthly price, then the author's display order), or a purchase of the chapter itself.
 *
 * <p>A subscription is live while ACTIVE or PAST_DUE up to {@code billing.graceDays} past its paid period, and
 * while CANCELLED up to the end of the period already paid. What a user has on a site (a {@link Grant}) is one
 * query, cached in the read cache under the scopes {@code members:<site>}, {@code site:<site>} and
 * {@code reader:<user>}: subscription and payment events evict the reader's grants through the outbox, so a reader
 * who just paid reads within a second, and a grant is not used past the moment one of its subscriptions lapses.
 */
public final class Entitlements {
    private static final String GRANT = """
      WITH live AS (
        SELECT s.tier_id,
               CASE WHEN s.status = 'CANCELLED' THEN s.current_period_end
                    ELSE s.current_period_end + make_interval(days => $3) END AS until
          FROM reader_subscriptions s
         WHERE s.reader_id = $2 AND s.site_id = $1 AND s.status IN ('ACTIVE', 'PAST_DUE', 'CANCELLED')
      ), valid AS (SELECT * FROM live WHERE until > now())
      SELECT EXISTS (SELECT 1 FROM sites WHERE id = $1 AND owner_id = $2)
              OR EXISTS (SELECT 1 FROM site_collaborators WHERE site_id = $1 AND user_id = $2 AND accepted_at IS NOT NULL) AS member,
             EXISTS (SELECT 1 FROM valid) AS subscribed,
             ARRAY(SELECT t.id FROM subscription_tiers t
                    WHERE t.site_id = $1 AND EXISTS (
                      SELECT 1 FROM valid v JOIN subscription_tiers mine ON mine.id = v.tier_id
                       WHERE (mine.monthly_price, mine.display_order) >= (t.monthly_price, t.display_order))) AS tiers,
             ARRAY(SELECT chapter_id FROM chapter_purchases WHERE reader_id = $2 AND site_id = $1) AS chapters,
             (SELECT min(until) FROM valid) AS stale_at
      """;

    private final Vertx vertx;
    private final SqlClient pool;
    private final ReadCache cache;
    private final int graceDays;

    public Entitlements(Vertx vertx, SqlClient pool, ReadCache cache, int graceDays) {
        this.vertx = vertx;
        this.pool = pool;
        this.cache = cache;
        this.graceDays = graceDays;
    }

    /** What a chapter asks for; {@code minimumTierId} for SPECIFIC_TIER, {@code chapterId} for a purchase of it. */
    public record Access(
            UUID siteId, String level, OffsetDateTime scheduledFreeAt, UUID minimumTierId, UUID chapterId) {
        public Access(UUID siteId, String level, OffsetDateTime scheduledFreeAt) {
            this(siteId, level, scheduledFreeAt, null, null);
        }

        /** Free for everyone, whoever asks. */
        boolean freeForAll() {
            return level.equals("FREE")
                    || level.equals("SCHEDULED_FREE")
                            && scheduledFreeAt != null
                            && !scheduledFreeAt.isAfter(OffsetDateTime.now());
        }
    }

    /**
     * What one user may read on one site: everything (the site's people, admins), or what their live subscription's
     * tier and those below it open, and the chapters they bought. {@code staleAt}: when a subscription lapses.
     */
    public record Grant(
            boolean everything, boolean subscribed, Set<UUID> tiers, Set<UUID> chapters, OffsetDateTime staleAt) {
        public static final Grant EVERYTHING = new Grant(true, true, Set.of(), Set.of(), null);
        public static final Grant NONE = new Grant(false, false, Set.of(), Set.of(), null);

        boolean isEmpty() {
            return !everything && !subscribed && chapters.isEmpty();
        }

        public boolean allows(Access a) {
            if (everything || a.freeForAll() || a.chapterId() != null && chapters.contains(a.chapterId())) {
                return true;
            }
            return switch (a.level()) {
                case "SUBSCRIBERS" -> subscribed;
                case "SPECIFIC_TIER" -> a.minimumTierId() != null ? tiers.contains(a.minimumTierId()) : subscribed;
                case "SCHEDULED_FREE" -> subscribed; // early access: subscribers read it before its free time
                default -> false;
            };
        }
    }

    /** Whether {@code p} (null when anonymous) may read a chapter needing {@code access}. */
    public Future<Boolean> entitled(Principal p, Access access) {
        if (access.freeForAll()) {
            return Future.succeededFuture(true);
        }
        return grant(p, access.siteId()).map(g -> g.allows(access));
    }

    /** What {@code p} has on {@code site}. */
    public Future<Grant> grant(Principal p, UUID site) {
        if (p == null) {
            return Future.succeededFuture(Grant.NONE);
        }
        if (p.role().isAdmin() && !p.isApiKey()) {
            return Future.succeededFuture(Grant.EVERYTHING);
        }
        String key = "grant:" + site + ":" + p.userId();
        return cache.get(vertx, key, () -> load(site, p.userId()))
                .compose(g -> g.staleAt() != null && !g.staleAt().isAfter(OffsetDateTime.now())
                        ? load(site, p.userId())
                                .map(ReadCache.Scoped::value) // a subscription lapsed since this was cached
                        : Future.succeededFuture(g));
    }

    private Future<ReadCache.Scoped<Grant>> load(UUID site, UUID user) {
        return pool.preparedQuery(GRANT)
                .execute(Tuple.of(site, user, graceDays))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    Grant g = r.getBoolean("member")
                            ? Grant.EVERYTHING
                            : new Grant(
                                    false,
                                    r.getBoolean("subscribed"),
                                    ids(r.getArrayOfUUIDs("tiers")),
                                    ids(r.getArrayOfUUIDs("chapters")),
                                    r.getOffsetDateTime("stale_at"));
                    return new ReadCache.Scoped<>(
                            g,
                            Set.of("members:" + site, "site:" + site, "reader:" + user),
                            256 + 40 * g.chapters().size());
                });
    }

    private static Set<UUID> ids(UUID[] array) {
        return array == null || array.length == 0
                ? Set.of()
                : Set.copyOf(new HashSet<>(java.util.Arrays.asList(array)));
    }
}
