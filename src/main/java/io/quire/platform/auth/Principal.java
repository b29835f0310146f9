package io.quire.platform.auth;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling: a signed-in user (with the session their access token belongs to) or a user's API key (with
 * its scopes and optional site binding). Anonymous callers have no principal.
 */
public record Principal(UUID userId, Role role, UUID sessionId, UUID apiKeyId, Set<String> scopes, UUID siteId) {

    public static Principal session(UUID userId, Role role, UUID sessionId) {
        return new Principal(userId, role, sessionId, null, Set.of(), null);
    }

    public static Principal apiKey(UUID userId, Role role, UUID apiKeyId, Set<String> scopes, UUID siteId) {
        return new Principal(userId, role, null, apiKeyId, Set.copyOf(scopes), siteId);
    }

    public boolean isApiKey() {
        return apiKeyId != null;
    }

    /** Session users may do anything their role allows; API keys only what their scopes name. */
    public boolean hasScope(String scope) {
        return !isApiKey() || scopes.contains(scope);
    }
}
