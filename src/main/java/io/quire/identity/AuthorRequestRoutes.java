package io.quire.identity;

import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.quire.platform.auth.Role;

/** {@code /api/v1/admin/author-requests}: the queue of would-be authors when sign-up needs approval. */
final class AuthorRequestRoutes {
    private static final String TAG = "admin";
    private static final String BASE = "/api/v1/admin/author-requests";
    private final AuthorRequests requests;

    AuthorRequestRoutes(AuthorRequests requests) {
        this.requests = requests;
    }

    void mount(Api api) {
        Access admins = Access.atLeast(Role.ADMIN).sessionOnly();
        api.on(
                Endpoint.get(BASE)
                        .id("listAuthorRequests")
                        .tag(TAG)
                        .summary("Readers waiting to become authors, oldest first (admin)")
                        .description("Only with `auth.authorSignup = approval`; with `open` the queue stays empty.")
                        .access(admins)
                        .query("limit", integer().range(1, 100), "How many (default 20)")
                        .ok(Schema.list(Schema.allOf(
                                ref("AuthorProfile"),
                                object().required("username", string()).required("email", string())))),
                call -> requests.pending(call.limit()).map(l -> Reply.list(l, null)));
        for (AuthorRequests.Decision decision : AuthorRequests.Decision.values()) {
            boolean approve = decision == AuthorRequests.Decision.APPROVED;
            api.on(
                    Endpoint.post(BASE + "/{userId}/" + (approve ? "approve" : "reject"))
                            .id(approve ? "approveAuthorRequest" : "rejectAuthorRequest")
                            .tag(TAG)
                            .summary(
                                    approve
                                            ? "Make the reader an AUTHOR (their next token carries the role) (admin)"
                                            : "Turn the request down, with a note the reader sees; they may ask again (admin)")
                            .access(admins)
                            .optionalBody(object().optional("note", string().length(1, 1000)))
                            .ok(ref("AuthorProfile"))
                            .problems(409),
                    call -> requests.decide(
                                    call.user(),
                                    call.id("userId", "author_request.not_found"),
                                    decision,
                                    call.body().getString("note"))
                            .map(Reply::ok));
        }
    }
}
