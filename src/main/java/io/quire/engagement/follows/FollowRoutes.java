package io.quire.engagement.follows;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Call;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import java.util.UUID;

/**
 * Readers follow authors ({@link Follows}): {@code POST /authors/:authorId/follow|unfollow}, {@code PATCH
 * …/follow-settings}, {@code GET /me/following}, and {@code GET …/followers} for the author themself (and admins).
 */
public final class FollowRoutes {
    private static final String TAG = "engagement";
    private final Follows follows;

    public FollowRoutes(Follows follows) {
        this.follows = follows;
    }

    public void mount(Api api) {
        api.component(
                "Follow",
                object().required("authorId", uuid())
                        .required("notifyNewSeries", Schema.bool())
                        .required("notifyNewChapters", Schema.bool())
                        .required("notifyAnnouncements", Schema.bool())
                        .required("followedAt", string().format("date-time"))
                        .optional("following", Schema.bool())
                        .optional("created", Schema.bool())
                        .optional("username", string())
                        .optional("displayName", nullable(string())));
        api.component(
                "Follower",
                object().required("userId", uuid())
                        .required("username", string())
                        .required("displayName", nullable(string()))
                        .required("followedAt", string().format("date-time")));
        api.on(
                Endpoint.post("/api/v1/authors/{authorId}/follow")
                        .id("followAuthor")
                        .tag(TAG)
                        .summary("Follow an author (201; 200 when already following)")
                        .description("Writes `follow.created`, which the author's sites' webhook endpoints may "
                                + "subscribe to. 422 `follow.self` for yourself.")
                        .access(Access.session())
                        .ok(201, ref("Follow"), "Now following")
                        .ok(200, ref("Follow"), "Already following")
                        .problems(422),
                call -> follows.follow(call.user().userId(), author(call))
                        .map(f -> Reply.json(f.getBoolean("created") ? 201 : 200, f)));
        api.on(
                Endpoint.post("/api/v1/authors/{authorId}/unfollow")
                        .id("unfollowAuthor")
                        .tag(TAG)
                        .summary("Stop following (204 whether or not you did)")
                        .access(Access.session())
                        .noContent(),
                call -> follows.unfollow(call.user().userId(), author(call)).map(v -> Reply.noContent()));
        api.on(
                Endpoint.patch("/api/v1/authors/{authorId}/follow-settings")
                        .id("updateAuthorFollowSettings")
                        .tag(TAG)
                        .summary("What you hear about from this author")
                        .access(Access.session())
                        .body(object().optional("notifyNewSeries", Schema.bool())
                                .optional("notifyNewChapters", Schema.bool())
                                .optional("notifyAnnouncements", Schema.bool()))
                        .ok(ref("Follow")),
                call -> follows.change(
                                call.user().userId(),
                                author(call),
                                new Follows.Settings(
                                        call.body().getBoolean("notifyNewSeries"),
                                        call.body().getBoolean("notifyNewChapters"),
                                        call.body().getBoolean("notifyAnnouncements")))
                        .map(Reply::ok));
        api.on(
                Endpoint.get("/api/v1/authors/{authorId}/followers")
                        .id("listAuthorFollowers")
                        .tag(TAG)
                        .summary("The author's followers, newest first (the author and admins only)")
                        .access(Access.signedIn())
                        .paged()
                        .ok(object().required("data", array(ref("Follower")))
                                .required("nextCursor", nullable(string()))
                                .required("followerCount", integer()))
                        .problems(403),
                call -> follows.followers(call.user(), author(call), call.query("cursor"), call.limit())
                        .map(Reply::ok));
        api.on(
                Endpoint.get("/api/v1/me/following")
                        .id("listMyFollowing")
                        .tag(TAG)
                        .summary("Authors I follow, newest first, with my settings")
                        .access(Access.session())
                        .paged()
                        .ok(Schema.list(ref("Follow"))),
                call -> follows.following(call.user().userId(), call.query("cursor"), call.limit())
                        .map(Reply::ok));
    }

    private static UUID author(Call call) {
        return call.id("authorId", "author.not_found");
    }
}
