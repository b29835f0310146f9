package io.quire.identity;

import static io.quire.platform.api.Schema.anyObject;
import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Api;
import io.quire.platform.api.Schema;

/** The shapes identity answers share: users, tokens, sessions, author profiles. */
final class IdentityShapes {
    private IdentityShapes() {}

    static void declare(Api api) {
        api.component(
                "User",
                object().optional("id", string())
                        .optional("email", string())
                        .optional("emailVerified", Schema.bool())
                        .optional("username", string())
                        .optional("displayName", string())
                        .optional("bio", nullable(string()))
                        .optional("avatarUrl", nullable(string()))
                        .optional("timezone", nullable(string()))
                        .optional("locale", string())
                        .optional("role", string().oneOf("READER", "AUTHOR", "COLLABORATOR", "ADMIN", "SUPER_ADMIN"))
                        .optional(
                                "status",
                                string().oneOf("PENDING_VERIFICATION", "ACTIVE", "SUSPENDED", "BANNED", "DELETED"))
                        .optional("mfaEnabled", Schema.bool())
                        .optional("lastLoginAt", nullable(string().format("date-time")))
                        .optional("createdAt", string().format("date-time")));
        api.component(
                "PublicUser",
                object().optional("id", string())
                        .optional("username", string())
                        .optional("displayName", string())
                        .optional("bio", nullable(string()))
                        .optional("avatarUrl", nullable(string()))
                        .optional("role", string())
                        .optional("createdAt", string()));
        api.component(
                "TokenResponse",
                object().optional("user", ref("User"))
                        .required("accessToken", string())
                        .required("refreshToken", string())
                        .optional("expiresIn", integer())
                        .optional("tokenType", string().oneOf("Bearer")));
        api.component(
                "MfaRequired",
                object().required("mfaRequired", Schema.bool())
                        .required("mfaToken", string())
                        .optional("expiresIn", integer()));
        api.component(
                "Session",
                object().optional("id", string())
                        .optional("device", string())
                        .optional("userAgent", string())
                        .optional("ipAddress", string())
                        .optional("createdAt", string())
                        .optional("lastActiveAt", string())
                        .optional("expiresAt", nullable(string()))
                        .optional("current", Schema.bool()));
        api.component(
                "AuthorProfile",
                object().optional("userId", string())
                        .optional("penName", nullable(string()))
                        .optional("tagline", nullable(string()))
                        .optional("fullBio", nullable(string()))
                        .optional("websiteUrl", nullable(string()))
                        .optional("socialLinks", anyObject())
                        .optional("genres", array(string()))
                        .optional("acceptingCommissions", Schema.bool())
                        .optional("allowDirectMessages", Schema.bool())
                        .optional("isVerified", Schema.bool())
                        .optional(
                                "approval",
                                string().oneOf("PENDING", "APPROVED", "REJECTED")
                                        .description("PENDING while an admin decides (auth.authorSignup = approval)"))
                        .optional("createdAt", string())
                        .optional("updatedAt", string()));
    }
}
