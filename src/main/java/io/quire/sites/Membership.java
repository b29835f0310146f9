package io.quire.sites;

import io.quire.platform.auth.Principal;
import io.quire.platform.http.ApiException;
import io.vertx.core.json.JsonObject;
import java.util.UUID;

/**
 * What the caller is to a site: its owner, a collaborator (EDITOR, WRITER, VIEWER with permission flags), a
 * platform admin, or nothing. Every content service asks this one object; a caller who is nothing gets 404 (they
 * may not learn the site exists), a member without the right gets 403.
 */
public record Membership(UUID siteId, UUID ownerId, Role role, JsonObject permissions, Principal principal) {

    /** The caller's relation to the site, strongest first. */
    public enum Role {
        OWNER,
        ADMIN,
        EDITOR,
        WRITER,
        VIEWER
    }

    /**
     * Resolves the caller's membership, or fails with 404. API keys act as their owner, limited to their
     * {@code content:read}/{@code content:write} scopes and to the site they are bound to.
     */
    public static Membership resolve(
            UUID siteId,
            UUID ownerId,
            String collaboratorRole,
            JsonObject permissions,
            Principal p,
            String notFoundCode) {
        return resolve(siteId, ownerId, collaboratorRole, permissions, p, notFoundCode, "content:read");
    }

    /** {@link #resolve} for a feature whose API keys need {@code readScope} rather than {@code content:read}. */
    public static Membership resolve(
            UUID siteId,
            UUID ownerId,
            String collaboratorRole,
            JsonObject permissions,
            Principal p,
            String notFoundCode,
            String readScope) {
        if (p == null || (p.siteId() != null && !p.siteId().equals(siteId))) {
            throw notFound(notFoundCode);
        }
        Role role;
        if (p.userId().equals(ownerId)) {
            role = Role.OWNER;
        } else if (p.role().isAdmin()) {
            role = Role.ADMIN;
        } else if (collaboratorRole != null) {
            role = Role.valueOf(collaboratorRole);
        } else {
            throw notFound(notFoundCode);
        }
        if (!p.hasScope(readScope)) {
            throw new ApiException.Forbidden("auth.scope_missing", "This API key lacks the '" + readScope + "' scope.");
        }
        return new Membership(siteId, ownerId, role, permissions == null ? new JsonObject() : permissions, p);
    }

    private static ApiException notFound(String code) {
        return new ApiException.NotFound(code, "Not found.");
    }

    private boolean full() {
        return role == Role.OWNER || role == Role.ADMIN || role == Role.EDITOR;
    }

    /** Site settings, series and pages. */
    public Membership requireManage() {
        requireWriteScope();
        if (!full()) {
            throw forbidden("Only the owner or an editor may do this.");
        }
        return this;
    }

    /** Deleting or restoring the site itself. */
    public Membership requireOwner() {
        requireWriteScope();
        if (role != Role.OWNER && role != Role.ADMIN) {
            throw forbidden("Only the site's owner may do this.");
        }
        return this;
    }

    /** Creating chapters: everyone but viewers. */
    public Membership requireCreate() {
        requireWriteScope();
        if (role == Role.VIEWER) {
            throw forbidden("Viewers may read drafts but not write.");
        }
        return this;
    }

    /** Editing a chapter written by {@code authorId}: writers only their own. */
    public Membership requireEdit(UUID authorId) {
        requireCreate();
        if (role == Role.WRITER && !principal.userId().equals(authorId)) {
            throw forbidden("Writers may edit only their own chapters.");
        }
        return this;
    }

    /** Publishing, scheduling and access changes: writers only with the {@code publish} permission, on their own. */
    public Membership requirePublish(UUID authorId) {
        requireEdit(authorId);
        if (role == Role.WRITER && !permissions.getBoolean("publish", false)) {
            throw forbidden("This writer may not publish; ask the owner for the publish permission.");
        }
        return this;
    }

    /** Analytics reports: owners, editors and admins; writers and viewers only with the {@code analytics} permission. */
    public Membership requireAnalytics() {
        if ((role == Role.WRITER || role == Role.VIEWER) && !permissions.getBoolean("analytics", false)) {
            throw forbidden("This collaborator may not see analytics; ask the owner for the analytics permission.");
        }
        return this;
    }

    private void requireWriteScope() {
        if (!principal.hasScope("content:write")) {
            throw new ApiException.Forbidden("auth.scope_missing", "This API key lacks the 'content:write' scope.");
        }
    }

    private static ApiException forbidden(String detail) {
        return new ApiException.Forbidden("site.forbidden", detail);
    }
}
