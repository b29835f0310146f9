package io.quire.identity;

import io.quire.platform.auth.Role;
import io.quire.platform.clock.Times;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Runs {@link UserSql}; every method takes the client (pool or transaction) to run on. */
final class UserRepository {

    static Optional<User> first(RowSet<Row> rows) {
        return rows.size() == 0
                ? Optional.empty()
                : Optional.of(User.fromRow(rows.iterator().next()));
    }

    static OffsetDateTime at(long epochMs) {
        return Instant.ofEpochMilli(epochMs).atOffset(ZoneOffset.UTC);
    }

    Future<User> insert(
            SqlClient c, UUID id, String email, String username, String displayName, String hash, Role role) {
        return c.preparedQuery(UserSql.INSERT)
                .execute(Tuple.of(id, email, username, displayName, hash, role.name()))
                .map(rows -> User.fromRow(rows.iterator().next()));
    }

    Future<Optional<User>> findById(SqlClient c, UUID id) {
        return c.preparedQuery(UserSql.FIND_BY_ID).execute(Tuple.of(id)).map(UserRepository::first);
    }

    Future<Optional<User>> findByEmail(SqlClient c, String email) {
        return c.preparedQuery(UserSql.FIND_BY_EMAIL).execute(Tuple.of(email)).map(UserRepository::first);
    }

    Future<Optional<User>> findByUsername(SqlClient c, String username) {
        return c.preparedQuery(UserSql.FIND_BY_USERNAME)
                .execute(Tuple.of(username))
                .map(UserRepository::first);
    }

    Future<Boolean> emailTaken(SqlClient c, String email) {
        return c.preparedQuery(UserSql.EMAIL_TAKEN).execute(Tuple.of(email)).map(rows -> rows.size() > 0);
    }

    /** The new {@code locked_until} (null while under the threshold). */
    Future<OffsetDateTime> recordFailedLogin(SqlClient c, UUID id, int threshold, int lockMinutes) {
        return c.preparedQuery(UserSql.RECORD_FAILED_LOGIN)
                .execute(Tuple.of(id, threshold, lockMinutes))
                .map(rows -> rows.iterator().next().getOffsetDateTime("locked_until"));
    }

    Future<Void> recordLogin(SqlClient c, UUID id, String ip) {
        return c.preparedQuery(UserSql.RECORD_LOGIN).execute(Tuple.of(id, ip)).mapEmpty();
    }

    Future<Void> setPassword(SqlClient c, UUID id, String hash, long tokensValidAfterMs) {
        return c.preparedQuery(UserSql.SET_PASSWORD)
                .execute(Tuple.of(id, hash, at(tokensValidAfterMs)))
                .mapEmpty();
    }

    Future<Void> setTokensValidAfter(SqlClient c, UUID id, long epochMs) {
        return c.preparedQuery(UserSql.SET_TOKENS_VALID_AFTER)
                .execute(Tuple.of(id, at(epochMs)))
                .mapEmpty();
    }

    Future<User> markEmailVerified(SqlClient c, UUID id) {
        return c.preparedQuery(UserSql.MARK_EMAIL_VERIFIED)
                .execute(Tuple.of(id))
                .map(rows -> User.fromRow(rows.iterator().next()));
    }

    Future<User> changeEmail(SqlClient c, UUID id, String email) {
        return c.preparedQuery(UserSql.CHANGE_EMAIL)
                .execute(Tuple.of(id, email))
                .map(rows -> User.fromRow(rows.iterator().next()));
    }

    Future<User> updateProfile(SqlClient c, UUID id, ProfileUpdate u) {
        Tuple t = Tuple.tuple()
                .addUUID(id)
                .addBoolean(u.displayName() != null)
                .addString(u.displayName())
                .addBoolean(u.bioSet())
                .addString(u.bio())
                .addBoolean(u.avatarUrlSet())
                .addString(u.avatarUrl())
                .addBoolean(u.timezone() != null)
                .addString(u.timezone())
                .addBoolean(u.locale() != null)
                .addString(u.locale());
        return c.preparedQuery(UserSql.UPDATE_PROFILE)
                .execute(t)
                .map(rows -> User.fromRow(rows.iterator().next()));
    }

    Future<JsonObject> mergePreferences(SqlClient c, UUID id, JsonObject changes) {
        return c.preparedQuery(UserSql.MERGE_PREFERENCES)
                .execute(Tuple.of(id, changes))
                .map(rows -> rows.iterator().next().getJsonObject("preferences"));
    }

    Future<User> setRole(SqlClient c, UUID id, Role role) {
        return c.preparedQuery(UserSql.SET_ROLE)
                .execute(Tuple.of(id, role.name()))
                .map(rows -> User.fromRow(rows.iterator().next()));
    }

    Future<User> setStatus(SqlClient c, UUID id, String status, long nowMs) {
        return c.preparedQuery(UserSql.SET_STATUS)
                .execute(Tuple.of(id, status, at(nowMs)))
                .map(rows -> User.fromRow(rows.iterator().next()));
    }

    Future<Void> addStatusHistory(SqlClient c, UUID id, String status, String reason, UUID changedBy) {
        return c.preparedQuery(UserSql.INSERT_STATUS_HISTORY)
                .execute(Tuple.of(id, status, reason, changedBy))
                .mapEmpty();
    }

    Future<List<JsonObject>> statusHistory(SqlClient c, UUID id) {
        return c.preparedQuery(UserSql.STATUS_HISTORY).execute(Tuple.of(id)).map(rows -> {
            List<JsonObject> out = new ArrayList<>();
            for (Row r : rows) {
                out.add(new JsonObject()
                        .put("status", r.getString("status"))
                        .put("reason", r.getString("reason"))
                        .put(
                                "changedBy",
                                r.getUUID("changed_by") == null
                                        ? null
                                        : r.getUUID("changed_by").toString())
                        .put("changedAt", Times.iso(r.getOffsetDateTime("changed_at"))));
            }
            return out;
        });
    }

    Future<List<User>> adminList(SqlClient c, String status, String role, String emailPrefix, UUID after, int limit) {
        String like = emailPrefix == null
                ? null
                : emailPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return c.preparedQuery(UserSql.ADMIN_LIST)
                .execute(Tuple.of(status, role, like, after, limit))
                .map(rows -> {
                    List<User> users = new ArrayList<>();
                    rows.forEach(r -> users.add(User.fromRow(r)));
                    return users;
                });
    }

    Future<Void> setMfaPending(SqlClient c, UUID id, String encryptedSecret) {
        return c.preparedQuery(UserSql.SET_MFA_PENDING)
                .execute(Tuple.of(id, encryptedSecret))
                .mapEmpty();
    }

    Future<Boolean> enableMfa(SqlClient c, UUID id, long step) {
        return c.preparedQuery(UserSql.ENABLE_MFA).execute(Tuple.of(id, step)).map(rows -> rows.rowCount() == 1);
    }

    Future<Void> disableMfa(SqlClient c, UUID id) {
        return c.preparedQuery(UserSql.DISABLE_MFA).execute(Tuple.of(id)).mapEmpty();
    }

    /** True when {@code step} was newer than any used before, and is now used. */
    Future<Boolean> useTotpStep(SqlClient c, UUID id, long step) {
        return c.preparedQuery(UserSql.USE_TOTP_STEP)
                .execute(Tuple.of(id, step))
                .map(rows -> rows.size() == 1);
    }
}
