package io.quire.billing.gateway;

import io.quire.platform.auth.Authz;
import io.quire.platform.auth.Role;
import io.quire.platform.clock.Times;
import io.quire.platform.crypto.Encryptor;
import io.quire.platform.http.ApiException;
import io.quire.platform.http.RequestBody;
import io.quire.platform.http.Responses;
import io.quire.platform.inbox.PaymentGatewayIds;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * §8.2 author gateway configuration: connect (credentials checked for shape and stored with the secret encrypted),
 * disconnect, status per gateway, the overview, and the default gateway. No route ever returns a secret; status
 * shows its last four characters. Webhook secrets have their own routes (webhooks package).
 */
public final class GatewayConnectionRoutes {
    static final List<String> GATEWAYS = PaymentGatewayIds.ALL;
    private static final Map<String, Pattern> SECRET = Map.of(
            "stripe", Pattern.compile("(sk|rk)_(test|live)_[A-Za-z0-9]{8,}"),
            "razorpay", Pattern.compile("[A-Za-z0-9]{8,}"),
            "xendit", Pattern.compile("xnd_(development|production)_[A-Za-z0-9]{8,}"));
    private static final Pattern RAZORPAY_KEY_ID = Pattern.compile("rzp_(test|live)_[A-Za-z0-9]{6,}");
    static final String UPSERT = """
      INSERT INTO gateway_connections (author_id, gateway, key_id, secret_encrypted, key_hint, account_id)
      VALUES ($1, $2, $3, $4, $5, $6)
      ON CONFLICT (author_id, gateway) DO UPDATE SET key_id = EXCLUDED.key_id, secret_encrypted = EXCLUDED.secret_encrypted,
             key_hint = EXCLUDED.key_hint, account_id = EXCLUDED.account_id, connected_at = now()
      """;
    static final String ALL = "SELECT * FROM gateway_connections WHERE author_id = $1";
    static final String DISCONNECT = "DELETE FROM gateway_connections WHERE author_id = $1 AND gateway = $2";
    static final String CLEAR_DEFAULT =
            "UPDATE author_billing_settings SET default_gateway = NULL WHERE author_id = $1 AND default_gateway = $2";
    static final String DEFAULT = "SELECT default_gateway FROM author_billing_settings WHERE author_id = $1";
    static final String SET_DEFAULT = """
      INSERT INTO author_billing_settings (author_id, default_gateway) VALUES ($1, $2)
      ON CONFLICT (author_id) DO UPDATE SET default_gateway = EXCLUDED.default_gateway
      """;

    private final Pool pool;
    private final Encryptor encryptor;

    public GatewayConnectionRoutes(Pool pool, Encryptor encryptor) {
        this.pool = pool;
        this.encryptor = encryptor;
    }

    public void mount(Router router) {
        router.get("/api/v1/payment-gateway")
                .handler(Authz.atLeast(Role.AUTHOR))
                .handler(ctx -> answer(ctx, overview(me(ctx))));
        router.post("/api/v1/payment-gateway/default")
                .handler(Authz.atLeast(Role.AUTHOR))
                .handler(this::setDefault);
        for (String gateway : GATEWAYS) {
            String base = "/api/v1/payment-gateway/" + gateway;
            router.post(base + "/connect").handler(Authz.atLeast(Role.AUTHOR)).handler(ctx -> connect(ctx, gateway));
            router.post(base + "/disconnect")
                    .handler(Authz.atLeast(Role.AUTHOR))
                    .handler(ctx -> answer(
                            ctx,
                            pool.withTransaction(tx -> tx.preparedQuery(DISCONNECT)
                                            .execute(Tuple.of(me(ctx), gateway))
                                            .compose(v -> tx.preparedQuery(CLEAR_DEFAULT)
                                                    .execute(Tuple.of(me(ctx), gateway))))
                                    .compose(v -> status(me(ctx), gateway))));
            router.get(base + "/status")
                    .handler(Authz.atLeast(Role.AUTHOR))
                    .handler(ctx -> answer(ctx, status(me(ctx), gateway)));
        }
    }

    private void connect(RoutingContext ctx, String gateway) {
        RequestBody body = RequestBody.of(ctx);
        String secret = body.requiredString("secretKey", 8, 300);
        if (secret != null && !SECRET.get(gateway).matcher(secret).matches()) {
            body.error("secretKey", "is not a " + gateway + " secret key");
        }
        String keyId = gateway.equals("razorpay")
                ? body.requiredString("keyId", 6, 100)
                : body.optionalString("keyId", 1, 100);
        if (gateway.equals("razorpay")
                && keyId != null
                && !RAZORPAY_KEY_ID.matcher(keyId).matches()) {
            body.error("keyId", "must be a Razorpay key id such as rzp_live_…");
        }
        String account = body.optionalString("accountId", 1, 100);
        body.validate();
        String hint = "…" + secret.substring(secret.length() - 4);
        answer(
                ctx,
                pool.preparedQuery(UPSERT)
                        .execute(Tuple.of(me(ctx), gateway, keyId, encryptor.encrypt(secret), hint, account))
                        .compose(v -> status(me(ctx), gateway)));
    }

    private void setDefault(RoutingContext ctx) {
        RequestBody body = RequestBody.of(ctx);
        String gateway = body.requiredString("gateway", 1, 20);
        String g = gateway == null ? null : gateway.toLowerCase(java.util.Locale.ROOT);
        if (g != null && !GATEWAYS.contains(g)) {
            body.error("gateway", "must be STRIPE, RAZORPAY or XENDIT");
        }
        body.validate();
        answer(
                ctx,
                pool.preparedQuery(ALL)
                        .execute(Tuple.of(me(ctx)))
                        .compose(rows -> {
                            boolean connected = false;
                            for (Row r : rows) {
                                connected |= r.getString("gateway").equals(g);
                            }
                            if (!connected) {
                                return Future.failedFuture(new ApiException.Conflict(
                                        "gateway.not_connected",
                                        "Connect " + g + " before making it the default.",
                                        List.of()));
                            }
                            return pool.preparedQuery(SET_DEFAULT).execute(Tuple.of(me(ctx), g));
                        })
                        .compose(v -> overview(me(ctx))));
    }

    private Future<JsonObject> status(UUID author, String gateway) {
        return pool.preparedQuery(ALL).execute(Tuple.of(author)).map(rows -> {
            for (Row r : rows) {
                if (r.getString("gateway").equals(gateway)) {
                    return json(r);
                }
            }
            return new JsonObject().put("gateway", gateway).put("connected", false);
        });
    }

    private Future<JsonObject> overview(UUID author) {
        return Future.all(
                        pool.preparedQuery(ALL).execute(Tuple.of(author)),
                        pool.preparedQuery(DEFAULT).execute(Tuple.of(author)))
                .map(all -> {
                    JsonArray gateways = new JsonArray();
                    for (String g : GATEWAYS) {
                        JsonObject entry = new JsonObject().put("gateway", g).put("connected", false);
                        for (Row r : all.<io.vertx.sqlclient.RowSet<Row>>resultAt(0)) {
                            if (r.getString("gateway").equals(g)) {
                                entry = json(r);
                            }
                        }
                        gateways.add(entry);
                    }
                    var defaults = all.<io.vertx.sqlclient.RowSet<Row>>resultAt(1);
                    String chosen = defaults.size() == 0
                            ? null
                            : defaults.iterator().next().getString("default_gateway");
                    return new JsonObject()
                            .put("defaultGateway", chosen == null ? null : chosen.toUpperCase(java.util.Locale.ROOT))
                            .put("gateways", gateways);
                });
    }

    private static JsonObject json(Row r) {
        return new JsonObject()
                .put("gateway", r.getString("gateway"))
                .put("connected", true)
                .put("keyId", r.getString("key_id"))
                .put("keyHint", r.getString("key_hint"))
                .put("accountId", r.getString("account_id"))
                .put("connectedAt", Times.iso(r.getOffsetDateTime("connected_at")));
    }

    private static UUID me(RoutingContext ctx) {
        return Authz.require(ctx).userId();
    }

    private static void answer(RoutingContext ctx, Future<JsonObject> result) {
        result.onSuccess(b -> Responses.json(ctx, 200, b)).onFailure(ctx::fail);
    }
}
