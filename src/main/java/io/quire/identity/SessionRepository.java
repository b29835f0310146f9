package io.quire.identity;

import io.quire.platform.auth.Revocations;
import io.quire.platform.clock.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Runs {@link SessionSql}. */
final class SessionRepository {

    /** A presented refresh token, as found. */
    record RefreshLookup(UUID sessionId, UUID userId, boolean rotated, boolean sessionRevoked, boolean expired) {}

    Future<Void> insertSession(SqlClient c, UUID id, UUID userId, ClientInfo client, int days) {
        return c.preparedQuery(SessionSql.INSERT_SESSION)
                .execute(Tuple.of(id, userId, client.userAgent(), client.ip(), client.deviceType(), days))
                .mapEmpty();
    }

    Future<Void> insertRefresh(SqlClient c, String hash, UUID sessionId) {
        return c.preparedQuery(SessionSql.INSERT_REFRESH)
                .execute(Tuple.of(hash, sessionId))
                .mapEmpty();
    }

    Future<Optional<RefreshLookup>> findRefresh(SqlClient c, String hash) {
        return c.preparedQuery(SessionSql.FIND_REFRESH).execute(Tuple.of(hash)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row r = rows.iterator().next();
            return Optional.of(new RefreshLookup(
                    r.getUUID("session_id"),
                    r.getUUID("user_id"),
                    r.getValue("rotated_at") != null,
                    r.getValue("revoked_at") != null,
                    r.getBoolean("expired")));
        });
    }

    Future<Void> markRotated(SqlClient c, String hash) {
        return c.preparedQuery(SessionSql.MARK_ROTATED).execute(Tuple.of(hash)).mapEmpty();
    }

    Future<Void> touch(SqlClient c, UUID sessionId, int days, String ip) {
        return c.preparedQuery(SessionSql.TOUCH)
                .execute(Tuple.of(sessionId, days, ip))
                .mapEmpty();
    }

    /** True when the session was live and is now revoked. */
    Future<Boolean> revoke(SqlClient c, UUID sessionId, UUID userId, String reason) {
        return c.preparedQuery(SessionSql.REVOKE)
                .execute(Tuple.of(sessionId, userId, reason))
                .map(rows -> rows.size() == 1);
    }

    Future<List<UUID>> revokeAll(SqlClient c, UUID userId, String reason, UUID except) {
        return c.preparedQuery(SessionSql.REVOKE_ALL)
                .execute(Tuple.of(userId, reason, except))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID("id")));
                    return ids;
                });
    }

    Future<List<JsonObject>> listActive(SqlClient c, UUID userId, UUID current) {
        return c.preparedQuery(SessionSql.LIST_ACTIVE).execute(Tuple.of(userId)).map(rows -> {
            List<JsonObject> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new JsonObject()
                        .put("id", r.getUUID("id").toString())
                        .put("device", r.getString("device_type"))
                        .put("userAgent", r.getString("user_agent"))
                        .put("ipAddress", r.getString("ip_address"))
                        .put("createdAt", Times.iso(r.getOffsetDateTime("created_at")))
                        .put("lastActiveAt", Times.iso(r.getOffsetDateTime("last_active_at")))
                        .put("expiresAt", Times.iso(r.getOffsetDateTime("expires_at")))
                        .put("current", r.getUUID("id").equals(current)));
            }
            return out;
        });
    }

    /** The revocation check's PostgreSQL side: an unknown session counts as revoked. */
    static Revocations.Store store(Pool pool) {
        return new Revocations.Store() {
            @Override
            public Future<Boolean> isRevoked(UUID userId, UUID sessionId, long issuedAtMs) {
                return pool.preparedQuery(SessionSql.IS_REVOKED)
                        .execute(Tuple.of(sessionId, userId, UserRepository.at(issuedAtMs)))
                        .map(rows -> rows.size() == 0 || rows.iterator().next().getBoolean("revoked"));
            }

            @Override
            public Future<Revocations.Recent> recent(long sinceEpochMs) {
                Tuple since = Tuple.of(UserRepository.at(sinceEpochMs));
                Future<List<UUID>> sessions = pool.preparedQuery(SessionSql.RECENTLY_REVOKED_SESSIONS)
                        .execute(since)
                        .map(rows -> {
                            List<UUID> ids = new ArrayList<>();
                            rows.forEach(r -> ids.add(r.getUUID("id")));
                            return ids;
                        });
                Future<java.util.Map<UUID, Long>> users = pool.preparedQuery(SessionSql.RECENT_TOKENS_VALID_AFTER)
                        .execute(since)
                        .map(rows -> {
                            java.util.Map<UUID, Long> out = new java.util.HashMap<>();
                            rows.forEach(r -> out.put(
                                    r.getUUID("id"),
                                    r.getOffsetDateTime("tokens_valid_after")
                                            .toInstant()
                                            .toEpochMilli()));
                            return out;
                        });
                return Future.all(sessions, users).map(v -> new Revocations.Recent(sessions.result(), users.result()));
            }
        };
    }
}
