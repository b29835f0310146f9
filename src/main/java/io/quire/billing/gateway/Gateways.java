package io.quire.billing.gateway;

import io.quire.platform.config.QuireConfig;
import io.quire.platform.crypto.Encryptor;
import io.quire.platform.http.ApiException;
import io.vertx.core.Future;
import io.vertx.ext.web.client.WebClient;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.UUID;

/**
 * The three adapters, built once with the configured base URLs, and an author's connection to one of them: the
 * gateway a checkout goes through is the one asked for, else the author's default, else the only one connected.
 * Credentials are decrypted for the call and never kept.
 */
public final class Gateways {
    /** A gateway and the author's credentials for it. */
    public record Connected(PaymentGateway gateway, PaymentGateway.Credentials credentials) {
        public String name() {
            return gateway.name();
        }
    }

    private static final String CONNECTIONS = """
      SELECT c.gateway, c.key_id, c.secret_encrypted, s.default_gateway
        FROM gateway_connections c LEFT JOIN author_billing_settings s ON s.author_id = c.author_id
       WHERE c.author_id = $1
      """;

    private final Map<String, PaymentGateway> byName;
    private final Encryptor encryptor;

    public Gateways(Map<String, PaymentGateway> byName, Encryptor encryptor) {
        this.byName = Map.copyOf(byName);
        this.encryptor = encryptor;
    }

    public static Gateways create(WebClient client, QuireConfig.Billing config, Encryptor encryptor) {
        long timeout = config.gatewayTimeoutMs();
        return new Gateways(
                Map.of(
                        "stripe", new StripeGateway(client, config.stripeBaseUrl(), timeout),
                        "razorpay", new RazorpayGateway(client, config.razorpayBaseUrl(), timeout),
                        "xendit", new XenditGateway(client, config.xenditBaseUrl(), timeout)),
                encryptor);
    }

    /**
     * The author's gateway for a checkout: {@code preferred} when given (it must be connected), else the default,
     * else the only connection. 409 {@code checkout.gateway_not_connected} when there is none to use.
     */
    public Future<Connected> forAuthor(SqlClient db, UUID authorId, String preferred) {
        return db.preparedQuery(CONNECTIONS).execute(Tuple.of(authorId)).map(rows -> {
            Row chosen = null;
            int count = 0;
            for (Row r : rows) {
                count++;
                String name = r.getString("gateway");
                if (preferred != null ? name.equals(preferred) : name.equals(r.getString("default_gateway"))) {
                    chosen = r;
                }
                if (preferred == null && chosen == null && rows.size() == 1) {
                    chosen = r;
                }
            }
            if (chosen == null) {
                throw new ApiException.Conflict(
                        "checkout.gateway_not_connected",
                        count == 0
                                ? "This author does not take payments yet."
                                : preferred != null
                                        ? "This author does not take payments through " + preferred + "."
                                        : "This author has not chosen a default gateway.",
                        java.util.List.of());
            }
            return connected(chosen);
        });
    }

    /** The author's connection to {@code gateway} (the one a payment went through), for refunds and cancels. */
    public Future<Connected> connection(SqlClient db, UUID authorId, String gateway) {
        return forAuthor(db, authorId, gateway);
    }

    private Connected connected(Row r) {
        return new Connected(
                byName.get(r.getString("gateway")),
                new PaymentGateway.Credentials(
                        encryptor.decrypt(r.getString("secret_encrypted")), r.getString("key_id")));
    }
}
