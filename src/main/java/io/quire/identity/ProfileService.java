package io.quire.identity;

import io.quire.platform.auth.Principal;
import io.quire.platform.auth.Role;
import io.quire.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;

/** Own profile and preferences, public profiles, and author profiles (becoming an author). */
public final class ProfileService {
    private final Pool pool;
    private final UserRepository users;
    private final AuthService auth;
    private final SessionIssuer issuer;

    private final io.quire.platform.config.QuireConfig.AuthorSignup signup;

    ProfileService(
            Pool pool,
            UserRepository users,
            AuthService auth,
            SessionIssuer issuer,
            io.quire.platform.config.QuireConfig.AuthorSignup signup) {
        this.signup = signup;
        this.issuer = issuer;
        this.pool = pool;
        this.users = users;
        this.auth = auth;
    }

    /** The own profile: account fields plus preferences. */
    public Future<JsonObject> me(Principal p) {
        return auth.currentUser(p).map(u -> u.toOwnJson().put("preferences", u.preferences()));
    }

    public Future<JsonObject> update(Principal p, ProfileUpdate update) {
        return users.updateProfile(pool, p.userId(), update)
                .map(u -> u.toOwnJson().put("preferences", u.preferences()));
    }

    public Future<JsonObject> preferences(Principal p) {
        return auth.currentUser(p).map(User::preferences);
    }

    public Future<JsonObject> updatePreferences(Principal p, JsonObject changes) {
        return users.mergePreferences(pool, p.userId(), changes);
    }

    /** Anyone may look; suspended, banned and deleted accounts are not found. */
    public Future<JsonObject> publicProfile(String username) {
        return users.findByUsername(pool, username)
                .compose(u -> u.isPresent() && u.get().canSignIn()
                        ? Future.succeededFuture(u.get().toPublicJson())
                        : Future.failedFuture(
                                new ApiException.NotFound("user.not_found", "No user with that username.")));
    }

    /** Becomes an author: the profile is created and a READER becomes an AUTHOR, in one transaction. */
    /**
     * Creates the caller's author profile. With {@code auth.authorSignup = open} it makes them an AUTHOR at once and
     * carries a token with the role; with {@code approval} the profile waits ({@code approval: PENDING}) until an admin
     * decides ({@link AuthorRequests}), and the role comes with the next token after that.
     */
    public Future<JsonObject> createAuthorProfile(Principal p, AuthorProfileInput in) {
        boolean waits = signup == io.quire.platform.config.QuireConfig.AuthorSignup.APPROVAL
                && !p.role().atLeast(Role.AUTHOR);
        Tuple t = Tuple.tuple()
                .addUUID(p.userId())
                .addString(in.penName())
                .addString(in.tagline())
                .addString(in.fullBio())
                .addString(in.websiteUrl())
                .addValue(in.socialLinks())
                .addArrayOfString(in.genres() == null ? null : in.genres().toArray(String[]::new))
                .addBoolean(in.acceptingCommissions())
                .addBoolean(in.allowDirectMessages())
                .addString(waits ? "PENDING" : "APPROVED");
        return pool.withTransaction(tx -> tx.preparedQuery(AuthorProfileSql.INSERT)
                .execute(t)
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(new ApiException.Conflict(
                                "author_profile.exists", "You already have an author profile.", List.of()));
                    }
                    JsonObject profile = new AuthorProfile(rows.iterator().next()).toJson();
                    return waits
                            ? Future.succeededFuture(profile)
                            : tx.preparedQuery(AuthorProfileSql.PROMOTE_TO_AUTHOR)
                                    .execute(Tuple.of(p.userId()))
                                    .map(v -> withAuthorToken(p, profile));
                }));
    }

    /**
     * The profile with a new access token for this session: the caller's token still says READER until it expires,
     * and the next thing a new author does (create a site) needs AUTHOR.
     */
    private JsonObject withAuthorToken(Principal p, JsonObject profile) {
        Role role = p.role().atLeast(Role.AUTHOR) ? p.role() : Role.AUTHOR;
        return profile.mergeIn(issuer.access(p.userId(), role, p.sessionId()));
    }

    public Future<JsonObject> authorProfile(Principal p) {
        return pool.preparedQuery(AuthorProfileSql.FIND)
                .execute(Tuple.of(p.userId()))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(noAuthorProfile())
                        : Future.succeededFuture(
                                new AuthorProfile(rows.iterator().next()).toJson()));
    }

    public Future<JsonObject> updateAuthorProfile(Principal p, AuthorProfileInput in) {
        Tuple t = Tuple.tuple()
                .addUUID(p.userId())
                .addBoolean(in.penNameSet())
                .addString(in.penName())
                .addBoolean(in.taglineSet())
                .addString(in.tagline())
                .addBoolean(in.fullBioSet())
                .addString(in.fullBio())
                .addBoolean(in.websiteUrlSet())
                .addString(in.websiteUrl())
                .addValue(in.socialLinks())
                .addArrayOfString(in.genres() == null ? null : in.genres().toArray(String[]::new))
                .addBoolean(in.acceptingCommissions())
                .addBoolean(in.allowDirectMessages());
        return pool.preparedQuery(AuthorProfileSql.UPDATE)
                .execute(t)
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(noAuthorProfile())
                        : Future.succeededFuture(
                                new AuthorProfile(rows.iterator().next()).toJson()));
    }

    public Future<JsonObject> publicAuthor(UUID userId) {
        return pool.preparedQuery(AuthorProfileSql.FIND_PUBLIC)
                .execute(Tuple.of(userId))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(
                                new ApiException.NotFound("author.not_found", "No author with that id."));
                    }
                    Row row = rows.iterator().next();
                    return Future.succeededFuture(new AuthorProfile(row)
                            .toJson()
                            .put("username", row.getString("username"))
                            .put("displayName", row.getString("display_name"))
                            .put("avatarUrl", row.getString("avatar_url")));
                });
    }

    private static ApiException noAuthorProfile() {
        return new ApiException.NotFound(
                "author_profile.not_found", "You have no author profile; POST one to become an author.");
    }
}
