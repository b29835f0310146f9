package io.quire.billing.gateway;

/** The SQL of {@link GatewayConnections}. */
final class GatewayConnectionSql {
    private GatewayConnectionSql() {}

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
}
