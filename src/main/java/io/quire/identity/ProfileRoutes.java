package io.quire.identity;

import static io.quire.platform.api.Schema.allOf;
import static io.quire.platform.api.Schema.anyObject;
import static io.quire.platform.api.Schema.bool;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.ObjectSchema;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Rules;
import io.quire.platform.api.Schema;
import io.quire.platform.api.StringSchema;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** {@code /api/v1/users/*}, {@code /api/v1/author-profile}, {@code /api/v1/authors/{userId}}. */
public final class ProfileRoutes {
    private static final String USERS = "users";
    private static final String AUTHORS = "authors";
    /** An absolute http(s) URL; empty (or null) clears it. */
    private static final StringSchema URL =
            string().length(0, 2048).rule(Rules::emptyOrHttpUrl, "must be an http(s) URL");

    private static final ObjectSchema AUTHOR_INPUT = object().optional("penName", nullable(string().length(1, 100)))
            .optional("tagline", nullable(string().length(0, 200)))
            .optional("fullBio", nullable(string().length(0, 20_000)))
            .optional("websiteUrl", nullable(URL))
            .optional("socialLinks", anyObject().maxProperties(20))
            .optional("genres", Schema.array(string().length(1, 50)).size(0, 20))
            .optional("acceptingCommissions", bool())
            .optional("allowDirectMessages", bool());
    private final ProfileService profiles;

    ProfileRoutes(ProfileService profiles) {
        this.profiles = profiles;
    }

    public void mount(Api api) {
        // --- own profile
        api.on(
                Endpoint.get("/api/v1/users/me")
                        .id("getMyProfile")
                        .tag(USERS)
                        .summary("Your full profile with preferences")
                        .access(Access.signedIn())
                        .ok(ref("User")),
                call -> profiles.me(call.user()).map(Reply::ok));
        api.on(
                Endpoint.patch("/api/v1/users/me")
                        .id("updateMyProfile")
                        .tag(USERS)
                        .summary("Update your profile")
                        .description("Send only what changes; a sent null (or empty) clears bio and avatarUrl.")
                        .access(Access.session())
                        .body(object().optional("displayName", string().length(1, 60))
                                .optional("bio", nullable(string().length(0, 2000)))
                                .optional("avatarUrl", nullable(URL))
                                .optional(
                                        "timezone",
                                        string().length(1, 64)
                                                .rule(
                                                        Rules::timeZone,
                                                        "must be an IANA time zone such as Europe/Paris"))
                                .optional(
                                        "locale",
                                        string().length(2, 5)
                                                .pattern("^[a-z]{2}(-[A-Z]{2})?$", "must look like en or en-GB")))
                        .ok(ref("User")),
                call -> {
                    JsonObject b = call.body();
                    var update = new ProfileUpdate(
                            b.getString("displayName"),
                            b.containsKey("bio"),
                            b.getString("bio"),
                            b.containsKey("avatarUrl"),
                            blankAsNull(b.getString("avatarUrl")),
                            b.getString("timezone"),
                            b.getString("locale"));
                    return profiles.update(call.user(), update).map(Reply::ok);
                });
        api.on(
                Endpoint.get("/api/v1/users/me/preferences")
                        .id("getMyPreferences")
                        .tag(USERS)
                        .summary("Your preferences object")
                        .access(Access.signedIn())
                        .ok(anyObject()),
                call -> profiles.preferences(call.user()).map(Reply::ok));
        api.on(
                Endpoint.patch("/api/v1/users/me/preferences")
                        .id("updateMyPreferences")
                        .tag(USERS)
                        .summary("Merge into your preferences")
                        .description("A key set to null is removed.")
                        .access(Access.session())
                        .body(anyObject().maxProperties(50).maxChars(10_000))
                        .ok(anyObject()),
                call -> profiles.updatePreferences(call.user(), call.body()).map(Reply::ok));
        // --- public profiles (after /users/me, which {username} would otherwise take)
        api.on(
                Endpoint.get("/api/v1/users/{username}")
                        .id("getPublicProfile")
                        .tag(USERS)
                        .summary("A public profile (no email)")
                        .ok(ref("PublicUser")),
                call -> profiles.publicProfile(call.path("username").toLowerCase())
                        .map(Reply::ok));
        api.on(
                Endpoint.get("/api/v1/authors/{userId}")
                        .id("getAuthor")
                        .tag(AUTHORS)
                        .summary("An author's public profile")
                        .ok(ref("AuthorProfile")),
                call -> profiles.publicAuthor(call.id("userId", "author.not_found"))
                        .map(Reply::ok));
        // --- author profile
        api.on(
                Endpoint.post("/api/v1/author-profile")
                        .id("becomeAuthor")
                        .tag(AUTHORS)
                        .summary("Become an author")
                        .description(
                                "Creates your author profile and makes you an AUTHOR; the answer carries an access token with the new "
                                        + "role, so you can create a site at once. Where the operator set `auth.authorSignup = "
                                        + "approval`, the answer is 202 with `approval: PENDING` and no token: an admin decides "
                                        + "(`/admin/author-requests`), and after an approval your next refreshed token carries AUTHOR.")
                        .access(Access.session())
                        .body(AUTHOR_INPUT)
                        .ok(
                                201,
                                allOf(
                                        ref("AuthorProfile"),
                                        object().required("accessToken", string())
                                                .required("expiresIn", integer())
                                                .required("tokenType", string())),
                                "Created: you are an AUTHOR")
                        .ok(202, ref("AuthorProfile"), "Waiting for an admin's approval")
                        .problems(409),
                call -> profiles.createAuthorProfile(call.user(), input(call.body()))
                        .map(profile -> Reply.json(profile.containsKey("accessToken") ? 201 : 202, profile)));
        api.on(
                Endpoint.get("/api/v1/author-profile")
                        .id("getMyAuthorProfile")
                        .tag(AUTHORS)
                        .summary("Your author profile")
                        .access(Access.signedIn())
                        .ok(ref("AuthorProfile"))
                        .problems(404),
                call -> profiles.authorProfile(call.user()).map(Reply::ok));
        api.on(
                Endpoint.patch("/api/v1/author-profile")
                        .id("updateMyAuthorProfile")
                        .tag(AUTHORS)
                        .summary("Update your author profile")
                        .description("Send only what changes; a sent null clears a text field.")
                        .access(Access.session())
                        .body(AUTHOR_INPUT)
                        .ok(ref("AuthorProfile"))
                        .problems(404),
                call -> profiles.updateAuthorProfile(call.user(), input(call.body()))
                        .map(Reply::ok));
    }

    private static AuthorProfileInput input(JsonObject b) {
        JsonArray genres = b.getJsonArray("genres");
        List<String> genreList =
                genres == null ? null : genres.stream().map(String::valueOf).toList();
        return new AuthorProfileInput(
                b.containsKey("penName"),
                b.getString("penName"),
                b.containsKey("tagline"),
                b.getString("tagline"),
                b.containsKey("fullBio"),
                b.getString("fullBio"),
                b.containsKey("websiteUrl"),
                blankAsNull(b.getString("websiteUrl")),
                b.getJsonObject("socialLinks"),
                genreList,
                b.getBoolean("acceptingCommissions"),
                b.getBoolean("allowDirectMessages"));
    }

    private static String blankAsNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
