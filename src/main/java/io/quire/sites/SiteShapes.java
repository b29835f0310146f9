package io.quire.sites;

import static io.quire.platform.api.Schema.anyObject;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Api;
import io.quire.platform.api.Schema;

/** The shapes site answers share: sites, settings, collaborators and invitations. */
final class SiteShapes {
    private SiteShapes() {}

    static void declare(Api api) {
        api.component(
                "Site",
                object().optional("id", string())
                        .optional("ownerId", string())
                        .optional("slug", string())
                        .optional("name", string())
                        .optional("tagline", nullable(string()))
                        .optional("description", nullable(string()))
                        .optional("customDomain", nullable(string()))
                        .optional("status", string())
                        .optional("isPublic", Schema.bool())
                        .optional("revision", integer())
                        .optional("yourRole", nullable(string().oneOf("OWNER", "ADMIN", "EDITOR", "WRITER", "VIEWER")))
                        .optional("createdAt", string())
                        .optional("updatedAt", string())
                        .optional("deletedAt", nullable(string())));
        api.component(
                "SiteSettings",
                object().optional("commentsEnabled", Schema.bool())
                        .optional("commentsModerationMode", string())
                        .optional("defaultContentRating", string())
                        .optional("isPublic", Schema.bool())
                        .optional("extra", anyObject())
                        .optional("revision", integer()));
        api.component(
                "PublicSite",
                object().optional("id", string())
                        .optional("slug", string())
                        .optional("name", string())
                        .optional("tagline", nullable(string()))
                        .optional("description", nullable(string()))
                        .optional("customDomain", nullable(string()))
                        .optional("defaultContentRating", string())
                        .optional("commentsEnabled", Schema.bool()));
        api.component(
                "Collaborator",
                object().optional("id", string())
                        .optional("status", string().oneOf("active", "pending"))
                        .optional("userId", string())
                        .optional("username", string())
                        .optional("displayName", string())
                        .optional("email", string())
                        .optional("role", string().oneOf("EDITOR", "WRITER", "VIEWER"))
                        .optional("permissions", anyObject())
                        .optional("acceptedAt", string())
                        .optional("invitedAt", string())
                        .optional("expiresAt", nullable(string())));
        api.component(
                "Invitation",
                object().optional("id", string())
                        .optional("status", string())
                        .optional("email", string())
                        .optional("role", string())
                        .optional("permissions", anyObject())
                        .optional("invitedAt", string())
                        .optional("expiresAt", nullable(string()))
                        .optional("siteId", nullable(string()))
                        .optional("siteName", string())
                        .optional("siteSlug", string())
                        .optional("invitedBy", string()));
    }
}
