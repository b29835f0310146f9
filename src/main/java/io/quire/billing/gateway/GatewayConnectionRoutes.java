package io.quire.billing.gateway;

import static io.quire.platform.api.Schema.array;
import static io.quire.platform.api.Schema.nullable;
import static io.quire.platform.api.Schema.object;
import static io.quire.platform.api.Schema.ref;
import static io.quire.platform.api.Schema.string;

import io.quire.platform.api.Access;
import io.quire.platform.api.Api;
import io.quire.platform.api.Call;
import io.quire.platform.api.Endpoint;
import io.quire.platform.api.Reply;
import io.quire.platform.api.Schema;
import io.quire.platform.api.Violations;
import io.quire.platform.auth.Role;
import io.quire.platform.http.ApiException;
import io.quire.platform.inbox.PaymentGatewayIds;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * §8.2 author gateway configuration: connect (credentials checked for shape and stored with the secret encrypted),
 * disconnect, status per gateway, the overview, and the default gateway. No route ever returns a secret; status
 * shows its last four characters. Webhook secrets have their own routes (webhooks package).
 */
public final class GatewayConnectionRoutes {
    private static final String TAG = "billing";
    private static final List<String> GATEWAYS = PaymentGatewayIds.ALL;
    private static final Map<String, Pattern> SECRET = Map.of(
            "stripe", Pattern.compile("(sk|rk)_(test|live)_[A-Za-z0-9]{8,}"),
            "razorpay", Pattern.compile("[A-Za-z0-9]{8,}"),
            "xendit", Pattern.compile("xnd_(development|production)_[A-Za-z0-9]{8,}"));
    private static final Pattern RAZORPAY_KEY_ID = Pattern.compile("rzp_(test|live)_[A-Za-z0-9]{6,}");
    private final GatewayConnections connections;

    public GatewayConnectionRoutes(GatewayConnections connections) {
        this.connections = connections;
    }

    public void mount(Api api) {
        components(api);
        Access authors = Access.atLeast(Role.AUTHOR);
        api.on(
                Endpoint.get("/api/v1/payment-gateway")
                        .id("getGatewayOverview")
                        .tag(TAG)
                        .summary("My gateways and the default (secrets never shown)")
                        .access(authors)
                        .ok(ref("GatewayOverview")),
                call -> connections.overview(call.user().userId()).map(o -> Reply.ok(o.json())));
        api.on(
                Endpoint.post("/api/v1/payment-gateway/default")
                        .id("setDefaultGateway")
                        .tag(TAG)
                        .summary("Choose the default gateway (it must be connected)")
                        .access(authors)
                        .body(object().required(
                                        "gateway",
                                        string().length(1, 20)
                                                .rule(
                                                        g -> GATEWAYS.contains(g.toLowerCase(Locale.ROOT)),
                                                        "must be STRIPE, RAZORPAY or XENDIT")
                                                .description("STRIPE, RAZORPAY or XENDIT (any case)")))
                        .ok(ref("GatewayOverview"))
                        .problems(409),
                call -> connections
                        .setDefault(
                                call.user().userId(),
                                call.body().getString("gateway").toLowerCase(Locale.ROOT))
                        .map(o -> Reply.ok(o.json())));
        // one path per action with the gateway as a parameter: adding a gateway to PaymentGatewayIds adds its routes
        Schema gateway = string().oneOf(GATEWAYS.toArray(String[]::new));
        api.on(
                Endpoint.post("/api/v1/payment-gateway/{gateway}/connect")
                        .id("connectGateway")
                        .tag(TAG)
                        .summary("Store my credentials for a gateway (checked for shape; the secret encrypted at rest)")
                        .description("Stripe wants `sk_…` or `rk_…`, Xendit `xnd_…`; Razorpay also wants its `keyId` "
                                + "(`rzp_live_…`). The answer shows the secret's last four characters only.")
                        .access(authors)
                        .pathParam("gateway", gateway, "Which gateway")
                        .body(object().required("secretKey", string().length(8, 300))
                                .optional("keyId", string().length(1, 100).description("Razorpay: required"))
                                .optional("accountId", string().length(1, 100)))
                        .ok(ref("GatewayConnection")),
                call -> {
                    String g = gateway(call);
                    return connections
                            .connect(call.user().userId(), g, credentials(g, call.body()))
                            .map(c -> Reply.ok(c.json()));
                });
        api.on(
                Endpoint.post("/api/v1/payment-gateway/{gateway}/disconnect")
                        .id("disconnectGateway")
                        .tag(TAG)
                        .summary("Forget my credentials for a gateway (and the default, if it was)")
                        .access(authors)
                        .pathParam("gateway", gateway, "Which gateway")
                        .ok(ref("GatewayConnection")),
                call -> connections
                        .disconnect(call.user().userId(), gateway(call))
                        .map(c -> Reply.ok(c.json())));
        api.on(
                Endpoint.get("/api/v1/payment-gateway/{gateway}/status")
                        .id("getGatewayStatus")
                        .tag(TAG)
                        .summary("Whether a gateway is connected")
                        .access(authors)
                        .pathParam("gateway", gateway, "Which gateway")
                        .ok(ref("GatewayConnection")),
                call -> connections.status(call.user().userId(), gateway(call)).map(c -> Reply.ok(c.json())));
    }

    /** The path's gateway; one Quire does not know names no route. */
    private static String gateway(Call call) {
        String g = call.path("gateway");
        if (!GATEWAYS.contains(g)) {
            throw new ApiException.NotFound("route.not_found", "No such route.");
        }
        return g;
    }

    /** The gateway-specific rules on top of the declared lengths: the key shapes each gateway issues. */
    private static GatewayConnections.Credentials credentials(String gateway, JsonObject body) {
        Violations violations = new Violations();
        String secret = body.getString("secretKey");
        if (!SECRET.get(gateway).matcher(secret).matches()) {
            violations.add("secretKey", "is not a " + gateway + " secret key");
        }
        String keyId = body.getString("keyId");
        if (gateway.equals("razorpay")) {
            if (keyId == null) {
                violations.add("keyId", "is required");
            } else if (keyId.length() < 6 || !RAZORPAY_KEY_ID.matcher(keyId).matches()) {
                violations.add("keyId", "must be a Razorpay key id such as rzp_live_…");
            }
        }
        violations.throwIfAny("Some fields are invalid.");
        return new GatewayConnections.Credentials(secret, keyId, body.getString("accountId"));
    }

    private static void components(Api api) {
        Schema connection = object().required("gateway", string().oneOf(GATEWAYS.toArray(String[]::new)))
                .required("connected", Schema.bool())
                .optional("keyId", nullable(string()))
                .optional("keyHint", string().description("…last 4"))
                .optional("accountId", nullable(string()))
                .optional("connectedAt", string().format("date-time"));
        api.component("GatewayConnection", connection);
        api.component(
                "GatewayOverview",
                object().required("defaultGateway", nullable(string().oneOf("STRIPE", "RAZORPAY", "XENDIT")))
                        .required("gateways", array(ref("GatewayConnection"))));
    }
}
