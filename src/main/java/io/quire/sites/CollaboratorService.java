package io.quire.sites;

import io.quire.platform.auth.Principal;
import io.quire.platform.clock.Times;
import io.quire.platform.crypto.SecretTokens;
import io.quire.platform.http.ApiException;
import io.quire.platform.ids.Ids;
import io.quire.platform.mail.MailMessage;
import io.quire.platform.mail.Mailer;
import io.quire.platform.outbox.Outbox;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Collaborators of a site (EDITOR, WRITER, VIEWER with permission flags) and the invitations that make them:
 * an owner or editor invites an address, the invitee accepts with the emailed token while signed in with that
 * address. A collaborator id is the member's user id, or a pending invitation's id.
 */
public final class CollaboratorService {
    static final int INVITE_DAYS = 14;

    private final Pool pool;
    private final Mailer mailer;
    private final String baseUrl;

    public CollaboratorService(Pool pool, Mailer mailer, String publicBaseUrl) {
        this.pool = pool;
        this.mailer = mailer;
        this.baseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    public Future<JsonArray> list(Principal p, UUID siteId) {
        return SiteService.membership(pool, siteId, p)
                .compose(m -> Future.all(
                        pool.preparedQuery(CollaboratorSql.MEMBERS).execute(Tuple.of(siteId)),
                        pool.preparedQuery(CollaboratorSql.INVITATIONS).execute(Tuple.of(siteId))))
                .map(all -> {
                    JsonArray out = new JsonArray();
                    all.<io.vertx.sqlclient.RowSet<Row>>resultAt(0).forEach(r -> out.add(member(r)));
                    all.<io.vertx.sqlclient.RowSet<Row>>resultAt(1).forEach(r -> out.add(invitation(r)));
                    return out;
                });
    }

    public Future<JsonObject> get(Principal p, UUID siteId, UUID id) {
        return SiteService.membership(pool, siteId, p).compose(m -> find(pool, siteId, id));
    }

    /** Invites {@code email}; the token goes only into the email. */
    public Future<JsonObject> invite(Principal p, UUID siteId, String email, String role, JsonObject permissions) {
        return pool.withTransaction(tx -> SiteService.load(tx, siteId, p).compose(site -> {
                    site.membership().requireManage();
                    return tx.preparedQuery(CollaboratorSql.IS_MEMBER_BY_EMAIL)
                            .execute(Tuple.of(siteId, email))
                            .compose(existing -> {
                                if (existing.size() > 0) {
                                    return Future.failedFuture(new ApiException.Conflict(
                                            "collaborator.already_member",
                                            "That address already belongs to a member of this site.",
                                            List.of(new ApiException.FieldError("email", "is already a member"))));
                                }
                                String token = SecretTokens.random();
                                return tx.preparedQuery(CollaboratorSql.INSERT_INVITATION)
                                        .execute(Tuple.of(
                                                Ids.newId(),
                                                siteId,
                                                email,
                                                role,
                                                permissions == null ? new JsonObject() : permissions,
                                                SecretTokens.sha256(token),
                                                p.userId(),
                                                INVITE_DAYS))
                                        .compose(rows -> mail(
                                                        tx,
                                                        email,
                                                        site.site().row().getString("name"),
                                                        role,
                                                        token)
                                                .map(v -> rows.iterator().next()))
                                        .compose(
                                                row -> event(tx, "site.collaborator_invited", siteId, row.getUUID("id"))
                                                        .map(v -> invitation(row)));
                            });
                }))
                .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
                        ? Future.failedFuture(new ApiException.Conflict(
                                "collaborator.already_invited",
                                "That address already has a pending invitation.",
                                List.of(new ApiException.FieldError("email", "already invited"))))
                        : Future.failedFuture(e));
    }

    public Future<JsonObject> update(Principal p, UUID siteId, UUID id, String role, JsonObject permissions) {
        return pool.withTransaction(tx -> SiteService.membership(tx, siteId, p).compose(m -> {
            m.requireManage();
            Tuple t = Tuple.of(siteId, id, role, permissions);
            return tx.preparedQuery(CollaboratorSql.UPDATE_MEMBER)
                    .execute(t)
                    .compose(r -> r.rowCount() > 0
                            ? Future.succeededFuture(r)
                            : tx.preparedQuery(CollaboratorSql.UPDATE_INVITATION)
                                    .execute(t))
                    .compose(r -> r.rowCount() == 0
                            ? Future.failedFuture(notFound())
                            : event(tx, "site.collaborator_updated", siteId, id))
                    .compose(v -> find(tx, siteId, id));
        }));
    }

    /** Removes a member (access ends with this transaction) or withdraws an invitation. */
    public Future<Void> remove(Principal p, UUID siteId, UUID id) {
        return pool.withTransaction(tx -> SiteService.membership(tx, siteId, p).compose(m -> {
            if (!id.equals(p.userId())) {
                m.requireManage(); // anyone may leave; removing others needs the owner or an editor
            }
            return tx.preparedQuery(CollaboratorSql.DELETE_MEMBER)
                    .execute(Tuple.of(siteId, id))
                    .compose(r -> r.rowCount() > 0
                            ? Future.succeededFuture(r)
                            : tx.preparedQuery(CollaboratorSql.DELETE_INVITATION)
                                    .execute(Tuple.of(siteId, id)))
                    .compose(r -> r.rowCount() == 0
                            ? Future.failedFuture(notFound())
                            : event(tx, "site.collaborator_removed", siteId, id));
        }));
    }

    /** A fresh token (the old one dies) and the email again; only for pending invitations. */
    public Future<JsonObject> resend(Principal p, UUID siteId, UUID id) {
        return pool.withTransaction(tx -> SiteService.load(tx, siteId, p).compose(site -> {
            site.membership().requireManage();
            String token = SecretTokens.random();
            return tx.preparedQuery(CollaboratorSql.NEW_TOKEN)
                    .execute(Tuple.of(siteId, id, SecretTokens.sha256(token), INVITE_DAYS))
                    .compose(rows -> {
                        if (rows.size() == 0) {
                            return Future.failedFuture(new ApiException.NotFound(
                                    "invitation.not_found", "No pending invitation with that id."));
                        }
                        Row row = rows.iterator().next();
                        return mail(
                                        tx,
                                        row.getString("email"),
                                        site.site().row().getString("name"),
                                        row.getString("role"),
                                        token)
                                .map(v -> invitation(row));
                    });
        }));
    }

    // ---- the invitee's side

    public Future<JsonArray> myInvitations(Principal p) {
        return email(p).compose(email ->
                        pool.preparedQuery(CollaboratorSql.MY_INVITATIONS).execute(Tuple.of(email)))
                .map(rows -> {
                    JsonArray out = new JsonArray();
                    rows.forEach(r -> out.add(inviteForInvitee(r)));
                    return out;
                });
    }

    public Future<JsonObject> byToken(Principal p, String token) {
        return pool.withTransaction(tx -> inviteFor(tx, token)).map(CollaboratorService::inviteForInvitee);
    }

    /** Accepting needs the invited address: a token forwarded to someone else is useless to them. */
    public Future<JsonObject> accept(Principal p, String token) {
        return pool.withTransaction(tx -> inviteFor(tx, token)
                .compose(invite -> email(p).compose(email -> {
                    if (!email.equals(invite.getString("email"))) {
                        return Future.failedFuture(
                                new ApiException.Forbidden(
                                        "invitation.wrong_account",
                                        "This invitation is for another email address; sign in with that account to accept it."));
                    }
                    UUID siteId = invite.getUUID("site_id");
                    return tx.preparedQuery(CollaboratorSql.ACCEPT)
                            .execute(Tuple.of(
                                    siteId, p.userId(), invite.getString("role"), invite.getJsonObject("permissions")))
                            .compose(v -> tx.preparedQuery(CollaboratorSql.DELETE_BY_TOKEN)
                                    .execute(Tuple.of(SecretTokens.sha256(token))))
                            .compose(v -> event(tx, "site.collaborator_joined", siteId, p.userId()))
                            .compose(v -> find(tx, siteId, p.userId()));
                })));
    }

    public Future<Void> decline(Principal p, String token) {
        return pool.withTransaction(tx -> inviteFor(tx, token)
                .compose(invite -> email(p).compose(email -> {
                    if (!email.equals(invite.getString("email"))) {
                        return Future.failedFuture(new ApiException.Forbidden(
                                "invitation.wrong_account", "This invitation is for another email address."));
                    }
                    return tx.preparedQuery(CollaboratorSql.DELETE_BY_TOKEN)
                            .execute(Tuple.of(SecretTokens.sha256(token)))
                            .mapEmpty();
                })));
    }

    // ---- helpers

    private static Future<Row> inviteFor(SqlClient tx, String token) {
        return tx.preparedQuery(CollaboratorSql.BY_TOKEN)
                .execute(Tuple.of(SecretTokens.sha256(token)))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(
                                new ApiException.NotFound("invitation.not_found", "No such invitation, or it expired."))
                        : Future.succeededFuture(rows.iterator().next()));
    }

    private Future<String> email(Principal p) {
        return pool.preparedQuery(CollaboratorSql.USER_EMAIL)
                .execute(Tuple.of(p.userId()))
                .map(rows -> rows.iterator().next().getString(0));
    }

    private static Future<JsonObject> find(SqlClient c, UUID siteId, UUID id) {
        return c.preparedQuery(CollaboratorSql.MEMBER)
                .execute(Tuple.of(siteId, id))
                .compose(members -> members.size() > 0
                        ? Future.succeededFuture(member(members.iterator().next()))
                        : c.preparedQuery(CollaboratorSql.INVITATION)
                                .execute(Tuple.of(siteId, id))
                                .compose(invites -> invites.size() > 0
                                        ? Future.succeededFuture(
                                                invitation(invites.iterator().next()))
                                        : Future.failedFuture(notFound())));
    }

    private Future<Void> mail(SqlClient tx, String to, String siteName, String role, String token) {
        String link = baseUrl + "/collaborator-invites/" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return mailer.queue(
                        tx,
                        new MailMessage(
                                to,
                                "You're invited to work on " + siteName,
                                """
        Hello,

        You have been invited to join "%s" on Quire as %s.

        Accept or decline here (sign in with this email address): %s
        Or send the token to POST /api/v1/collaborator-invites/{token}/accept: %s

        The invitation expires in %d days.
        """.formatted(siteName, role.toLowerCase(), link, token, INVITE_DAYS),
                                "collaborator-invite"))
                .mapEmpty();
    }

    private static Future<Void> event(SqlClient tx, String topic, UUID siteId, UUID id) {
        return Outbox.append(
                        tx,
                        topic,
                        siteId.toString(),
                        new JsonObject().put("siteId", siteId.toString()).put("collaboratorId", id.toString()))
                .mapEmpty();
    }

    private static JsonObject member(Row r) {
        return new JsonObject()
                .put("id", r.getUUID("user_id").toString())
                .put("status", "active")
                .put("userId", r.getUUID("user_id").toString())
                .put("username", r.getString("username"))
                .put("displayName", r.getString("display_name"))
                .put("email", r.getString("email"))
                .put("role", r.getString("role"))
                .put("permissions", r.getJsonObject("permissions"))
                .put("acceptedAt", Times.iso(r.getOffsetDateTime("accepted_at")));
    }

    private static JsonObject invitation(Row r) {
        return new JsonObject()
                .put("id", r.getUUID("id").toString())
                .put("status", "pending")
                .put("email", r.getString("email"))
                .put("role", r.getString("role"))
                .put("permissions", r.getJsonObject("permissions"))
                .put("invitedAt", Times.iso(r.getOffsetDateTime("created_at")))
                .put("expiresAt", Times.iso(r.getOffsetDateTime("expires_at")));
    }

    private static JsonObject inviteForInvitee(Row r) {
        return invitation(r)
                .put("siteId", r.getUUID("site_id").toString())
                .put("siteName", r.getString("site_name"))
                .put("siteSlug", r.getString("site_slug"))
                .put("invitedBy", r.getString("inviter_name"));
    }

    private static ApiException notFound() {
        return new ApiException.NotFound("collaborator.not_found", "No such collaborator or invitation on this site.");
    }
}
