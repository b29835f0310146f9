package io.quire.apikeys;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.integer;
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
import io.quire.platform.auth.Role;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** {@code /api/v1/api-keys}: authors manage their keys with a session (a key cannot mint keys). */
public final class ApiKeyRoutes {
    private static final String BASE = "/api/v1/api-keys";
    private static final String ONE = BASE + "/{apiKeyId}";
    private static final String TAG = "api-keys";
    private static final Schema KEY = ref("ApiKey");
    private static final Schema KEY_WITH_SECRET = ref("ApiKeyWithSecret");
    private static final List<String> SCOPES =
            ApiKeyScopes.ALL.stream().sorted().toList();
    private static final ObjectSchema UPDATE = object().optional("name", string().length(1, 100))
            .optional("scopes", array(string().length(1, 40)).size(0, 20).description("Some of " + SCOPES))
            .optional(
                    "allowedIps", array(string().length(1, 64)).size(0, 50).description("IP addresses or CIDR blocks"))
            .optional(
                    "allowedOrigins",
                    array(string().length(1, 255)
                                    .pattern("^https?://[^/\\s]+$", "must be origins like https://example.com"))
                            .size(0, 50))
            .optional("rateLimitPerMinute", integer().range(1, 100_000))
            .optional(
                    "expiresAt",
                    nullable(string().format("date-time")
                            .rule(t -> OffsetDateTime.parse(t).isAfter(OffsetDateTime.now()), "must be in the future")
                            .description("Null: never expires")))
            .check(
                    "scopes",
                    "must be a non-empty list of " + SCOPES,
                    b -> b.getJsonArray("scopes") == null
                            || !b.getJsonArray("scopes").isEmpty()
                                    && SCOPES.containsAll(strings(b.getJsonArray("scopes"))))
            .check(
                    "allowedIps",
                    "must be IP addresses or CIDR blocks",
                    b -> b.getJsonArray("allowedIps") == null
                            || strings(b.getJsonArray("allowedIps")).stream().allMatch(IpAllowList::valid));
    private static final ObjectSchema CREATE = object().with(UPDATE)
            .required("name", string().length(1, 100))
            .required("scopes", array(string().length(1, 40)).size(0, 20).description("Some of " + SCOPES))
            .optional("siteId", uuid().description("Limits the key to one site"));

    private final ApiKeyService keys;

    public ApiKeyRoutes(ApiKeyService keys) {
        this.keys = keys;
    }

    public void mount(Api api) {
        ApiKeyShapes.declare(api);
        Access session = Access.session();
        api.on(
                Endpoint.get(BASE)
                        .id("listApiKeys")
                        .tag(TAG)
                        .summary("Your API keys (never the secret)")
                        .access(session)
                        .ok(Schema.list(KEY)),
                call -> keys.list(call.user()).map(l -> Reply.list(l, null)));
        api.on(
                Endpoint.post(BASE)
                        .id("createApiKey")
                        .tag(TAG)
                        .summary("Create a key")
                        .description("The full key is in `key`, shown only now.")
                        .access(Access.atLeast(Role.AUTHOR).sessionOnly())
                        .body(CREATE)
                        .ok(201, KEY_WITH_SECRET, "Created; Location names it"),
                call -> keys.create(call.user(), input(call.body(), true))
                        .map(key -> Reply.created(key).header("Location", BASE + "/" + key.getString("id"))));
        api.on(
                Endpoint.get(ONE)
                        .id("getApiKey")
                        .tag(TAG)
                        .summary("One of your keys")
                        .access(session)
                        .ok(KEY),
                call -> keys.get(call.user(), id(call)).map(Reply::ok));
        api.on(
                Endpoint.patch(ONE)
                        .id("updateApiKey")
                        .tag(TAG)
                        .summary("Change a key's name, scopes, allow-lists, limit or expiry")
                        .access(session)
                        .body(UPDATE)
                        .ok(KEY),
                call -> keys.update(call.user(), id(call), input(call.body(), false))
                        .map(Reply::ok));
        api.on(
                Endpoint.delete(ONE)
                        .id("revokeApiKey")
                        .tag(TAG)
                        .summary("Revoke a key")
                        .access(session)
                        .noContent(),
                call -> keys.revoke(call.user(), id(call)).map(v -> Reply.noContent()));
        api.on(
                Endpoint.post(ONE + "/regenerate")
                        .id("regenerateApiKey")
                        .tag(TAG)
                        .summary("A new secret for a key; the old one stops working")
                        .access(session)
                        .ok(KEY_WITH_SECRET),
                call -> keys.regenerate(call.user(), id(call)).map(Reply::ok));
        api.on(
                Endpoint.get(ONE + "/usage")
                        .id("getApiKeyUsage")
                        .tag(TAG)
                        .summary("Requests per day over 30 days")
                        .access(session)
                        .ok(object().required("id", uuid())
                                .required("lastUsedAt", nullable(string().format("date-time")))
                                .required("requestsLast30Days", integer())
                                .required(
                                        "daily",
                                        array(object().required("date", string().format("date"))
                                                .required("requests", integer())))),
                call -> keys.usage(call.user(), id(call)).map(Reply::ok));
    }

    private static ApiKeyService.Input input(JsonObject b, boolean creating) {
        String site = creating ? b.getString("siteId") : null;
        String expires = b.getString("expiresAt");
        return new ApiKeyService.Input(
                b.getString("name"),
                listOrNull(b.getJsonArray("scopes")),
                site == null ? null : UUID.fromString(site),
                listOrNull(b.getJsonArray("allowedIps")),
                listOrNull(b.getJsonArray("allowedOrigins")),
                b.getInteger("rateLimitPerMinute"),
                b.containsKey("expiresAt"),
                expires == null ? null : OffsetDateTime.parse(expires));
    }

    private static List<String> strings(JsonArray array) {
        return array.stream().map(String::valueOf).toList();
    }

    private static List<String> listOrNull(JsonArray array) {
        return array == null ? null : strings(array);
    }

    private static UUID id(Call call) {
        return call.id("apiKeyId", "api_key.not_found");
    }
}
