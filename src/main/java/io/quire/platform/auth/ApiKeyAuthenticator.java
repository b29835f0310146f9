package io.quire.platform.auth;

import io.vertx.core.Future;

/** Turns a presented API key into a principal; implemented by the API keys feature. */
public interface ApiKeyAuthenticator {
    /**
     * @param key the full key as presented ({@code qk_…})
     * @param ip the caller's address, for the key's allow-list
     * @param origin the {@code Origin} header or null, for the key's allowed origins
     * @return the principal, or a failed future with a 401/403/429 {@code ApiException}
     */
    Future<Principal> authenticate(String key, String ip, String origin);
}
