package io.quire.sites;

import static io.quire.platform.api.Schema.anyObject;
import static io.quire.platform.api.Schema.bool;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;
import static io.quire.platform.api.Schema.uuid;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Call;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.ObjectSchema;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import java.util.UUID;

/**
 * {@code /api/v1/sites/{siteId}/collaborators} and {@code /api/v1/collaborator-invites}: inviting people to work
 * on a site by email, and answering an invitation. Sessions only: an API key may not change who works on a site.
 */
public final class CollaboratorRoutes {
    private static final String BASE = "/api/v1/sites/{siteId}/collaborators";
    private static final String INVITES = "/api/v1/collaborator-invites";
    private static final String TAG = "collaborators";
    private static final Schema COLLABORATOR = ref("Collaborator");
    private static final Schema INVITATION = ref("Invitation");
    private static final Schema INVITED_ROLE = string().oneOf("EDITOR", "WRITER", "VIEWER");
    /** Known flags with boolean values: {@code {"publish": true}}. */
    private static final ObjectSchema PERMISSIONS =
            object().optional("publish", bool()).closed("known flags are [publish], each true or false");

    private final CollaboratorService collaborators;

    public CollaboratorRoutes(CollaboratorService collaborators) {
        this.collaborators = collaborators;
    }

    public void mount(Api api) {
        components(api);
        Access session = Access.session();
        api.on(
                Endpoint.get(BASE)
                        .id("listCollaborators")
                        .tag(TAG)
                        .summary("Members and pending invitations")
                        .access(session)
                        .ok(Schema.list(COLLABORATOR))
                        .problems(403),
                call -> collaborators.list(call.user(), site(call)).map(l -> Reply.list(l, null)));
        api.on(
                Endpoint.post(BASE)
                        .id("inviteCollaborator")
                        .tag(TAG)
                        .summary("Invite an address as EDITOR, WRITER or VIEWER")
                        .description("Owner or editor; the invitation's token is emailed to the address.")
                        .access(session)
                        .body(object().required(
                                        "email",
                                        string().length(3, 254).format("email").example("ada@example.com"))
                                .required("role", INVITED_ROLE)
                                .optional("permissions", PERMISSIONS))
                        .ok(201, COLLABORATOR, "Invited")
                        .problems(403, 409),
                call -> collaborators
                        .invite(
                                call.user(),
                                site(call),
                                call.body().getString("email").toLowerCase(),
                                call.body().getString("role"),
                                call.body().getJsonObject("permissions"))
                        .map(Reply::created));
        api.on(
                Endpoint.get(BASE + "/{collaboratorId}")
                        .id("getCollaborator")
                        .tag(TAG)
                        .summary("A member (id = user id) or pending invitation")
                        .access(session)
                        .ok(COLLABORATOR)
                        .problems(403),
                call -> collaborators.get(call.user(), site(call), id(call)).map(Reply::ok));
        api.on(
                Endpoint.patch(BASE + "/{collaboratorId}")
                        .id("updateCollaborator")
                        .tag(TAG)
                        .summary("Change role or permission flags")
                        .access(session)
                        .body(object().optional("role", INVITED_ROLE)
                                .optional("permissions", PERMISSIONS)
                                .requireAnyOf("role or permissions is required", "role", "permissions"))
                        .ok(COLLABORATOR)
                        .problems(403, 409),
                call -> collaborators
                        .update(
                                call.user(),
                                site(call),
                                id(call),
                                call.body().getString("role"),
                                call.body().getJsonObject("permissions"))
                        .map(Reply::ok));
        api.on(
                Endpoint.delete(BASE + "/{collaboratorId}")
                        .id("removeCollaborator")
                        .tag(TAG)
                        .summary("Remove a member or withdraw an invitation")
                        .description("A removed member's access ends at once; anyone may remove themselves.")
                        .access(session)
                        .noContent()
                        .problems(403),
                call -> collaborators.remove(call.user(), site(call), id(call)).map(v -> Reply.noContent()));
        api.on(
                Endpoint.post(BASE + "/{collaboratorId}/resend-invite")
                        .id("resendCollaboratorInvite")
                        .tag(TAG)
                        .summary("New token and email for a pending invitation")
                        .access(session)
                        .ok(COLLABORATOR)
                        .problems(403, 409),
                call -> collaborators.resend(call.user(), site(call), id(call)).map(Reply::ok));
        api.on(
                Endpoint.get(INVITES)
                        .id("listMyCollaboratorInvites")
                        .tag(TAG)
                        .summary("Pending invitations to your email address")
                        .access(session)
                        .ok(Schema.list(INVITATION)),
                call -> collaborators.myInvitations(call.user()).map(l -> Reply.list(l, null)));
        api.on(
                Endpoint.get(INVITES + "/{token}")
                        .id("getCollaboratorInvite")
                        .tag(TAG)
                        .summary("An invitation by its token")
                        .access(session)
                        .ok(INVITATION)
                        .problems(403),
                call -> collaborators.byToken(call.user(), call.path("token")).map(Reply::ok));
        api.on(
                Endpoint.post(INVITES + "/{token}/accept")
                        .id("acceptCollaboratorInvite")
                        .tag(TAG)
                        .summary("Accept an invitation (signed in with the invited address)")
                        .access(session)
                        .ok(COLLABORATOR)
                        .problems(403, 409),
                call -> collaborators.accept(call.user(), call.path("token")).map(Reply::ok));
        api.on(
                Endpoint.post(INVITES + "/{token}/decline")
                        .id("declineCollaboratorInvite")
                        .tag(TAG)
                        .summary("Decline an invitation")
                        .access(session)
                        .noContent()
                        .problems(403, 409),
                call -> collaborators.decline(call.user(), call.path("token")).map(v -> Reply.noContent()));
    }

    private static void components(Api api) {
        Schema role = string().oneOf(Membership.Role.class);
        Schema time = string().format("date-time");
        api.component(
                "Collaborator",
                object().required(
                                "id", uuid().description("The user id of a member, the invitation id of a pending one"))
                        .required("status", string().oneOf("active", "pending"))
                        .optional("userId", uuid())
                        .optional("username", string())
                        .optional("displayName", nullable(string()))
                        .required("email", string())
                        .required("role", role)
                        .required("permissions", anyObject())
                        .optional("acceptedAt", nullable(time))
                        .optional("invitedAt", time)
                        .optional("expiresAt", nullable(time)));
        api.component(
                "Invitation",
                object().required("id", uuid())
                        .required("status", string().oneOf("pending"))
                        .required("email", string())
                        .required("role", role)
                        .required("permissions", anyObject())
                        .required("invitedAt", time)
                        .required("expiresAt", nullable(time))
                        .optional("siteId", uuid())
                        .optional("siteName", string())
                        .optional("siteSlug", string())
                        .optional("invitedBy", nullable(string())));
    }

    private static UUID site(Call call) {
        return call.id("siteId", "site.not_found");
    }

    private static UUID id(Call call) {
        return call.id("collaboratorId", "collaborator.not_found");
    }
}
