package io.quire.apikeys;

import java.util.Set;

/** The scopes a key may carry; each feature's routes check the one they need with {@code Authz.scope}. */
public final class ApiKeyScopes {
    public static final Set<String> ALL = Set.of(
            "content:read", "content:write",
            "analytics:read", "analytics:write",
            "webhooks:read", "webhooks:write",
            "engagement:write", "billing:read");

    private ApiKeyScopes() {}
}
