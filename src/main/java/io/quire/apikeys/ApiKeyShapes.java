package io.quire.apikeys;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Api;
import io.quire.platform.api.Schema;

/** The shapes the API-key answers share. */
final class ApiKeyShapes {
    private ApiKeyShapes() {}

    static void declare(Api api) {
        api.component(
                "ApiKey",
                object().optional("id", string())
                        .optional("name", string())
                        .optional("prefix", string())
                        .optional("scopes", array(string()))
                        .optional("siteId", nullable(string()))
                        .optional("allowedIps", array(string()))
                        .optional("allowedOrigins", array(string()))
                        .optional("rateLimitPerMinute", integer())
                        .optional("expiresAt", nullable(string()))
                        .optional("lastUsedAt", nullable(string()))
                        .optional("createdAt", string()));
        api.component(
                "ApiKeyWithSecret",
                Schema.allOf(
                        ref("ApiKey"),
                        object().optional("key", string().description("qk_<prefix>_<secret>; shown once"))));
    }
}
