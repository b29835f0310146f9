package io.quire.identity;

import io.quire.platform.auth.Principal;
import io.quire.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.UUID;

/**
 * The admins' queue of readers asking to become authors ({@code auth.authorSignup = approval}): the waiting ones,
 * oldest first; approving makes the reader an AUTHOR (their next token carries it), rejecting keeps them a reader
 * with the admin's note, and they may ask again.
 */
final class AuthorRequests {
    /** An admin's decision. */
    enum Decision {
        APPROVED,
        REJECTED
    }

    private final Pool pool;

    AuthorRequests(Pool pool) {
        this.pool = pool;
    }

    Future<JsonArray> pending(int limit) {
        return pool.preparedQuery(AuthorProfileSql.PENDING)
                .execute(Tuple.of(limit))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> out.add(new AuthorProfile(r)
                            .toJson()
                            .put("username", r.getString("username"))
                            .put("email", r.getString("email"))));
                    return out;
                });
    }

    /** 404 {@code author_request.not_found} for no such user; 409 {@code author_request.not_pending} when decided. */
    Future<JsonObject> decide(Principal admin, UUID userId, Decision decision, String note) {
        return pool.withTransaction(tx -> tx.preparedQuery(AuthorProfileSql.DECIDE)
                .execute(Tuple.of(userId, decision.name(), note, admin.userId()))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return tx.preparedQuery(AuthorProfileSql.FIND)
                                .execute(Tuple.of(userId))
                                .compose(found -> Future.failedFuture(
                                        found.size() == 0
                                                ? new ApiException.NotFound(
                                                        "author_request.not_found", "No one asked under this id.")
                                                : ApiException.Conflict.status(
                                                        "author_request.not_pending",
                                                        "This request was decided already.",
                                                        found.iterator().next().getString("approval"))));
                    }
                    JsonObject profile = new AuthorProfile(rows.iterator().next()).toJson();
                    return decision == Decision.APPROVED
                            ? tx.preparedQuery(AuthorProfileSql.PROMOTE_TO_AUTHOR)
                                    .execute(Tuple.of(userId))
                                    .map(v -> profile)
                            : Future.succeededFuture(profile);
                }));
    }
}
